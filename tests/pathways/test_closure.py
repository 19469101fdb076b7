"""Closure: ending a pathway (and the measures with it) with an end reason, reflections, and the case script
as a page and a PDF."""

import io
from datetime import date, timedelta

import pypdf
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import ContactKind, DossierEvent, Measure, Participant, Person
from kring.cases.services.history import contact_register, measure_start
from kring.pathways.models import Pathway, PathwayState, PathwayTemplate, Reflection, Reminder, ReminderState
from kring.pathways.services import pathway_close, pathway_extend, pathway_start, reflection_add, step_done
from kring.safety import services as safety

from ..factories import DossierFactory
from .conftest import local

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)
NOW = local(2026, 4, 20, 10, 0)  # after the six weeks


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def measure(world):
    return measure_start(
        actor=None,
        dossier=world.dossier,
        child=world.dossier.children.get(),
        kind="nl_ots",
        started_on=START,
        planned_end_on=START + timedelta(days=365),
        decided_by="Kinderrechter Rotterdam",
    )


def test_closing_needs_an_end_reason_and_a_sensible_date_and_saves_nothing_otherwise(pathway, world):
    for kwargs, field in (
        ({"ended_on": date(2026, 4, 12), "end_reason": ""}, "end_reason"),
        ({"ended_on": date(2026, 4, 12), "end_reason": "because"}, "end_reason"),
        ({"ended_on": date(2026, 5, 1), "end_reason": "goals_reached"}, "ended_on"),
        ({"ended_on": date(2026, 2, 1), "end_reason": "goals_reached"}, "ended_on"),
    ):
        with pytest.raises(ValidationError) as error:
            pathway_close(actor=world.circle_member, pathway=pathway, **kwargs)
        assert field in error.value.message_dict
    pathway.refresh_from_db()
    assert (pathway.state, pathway.ended_on, pathway.end_reason) == (PathwayState.RUNNING, None, "")


def test_closing_ends_the_pathway_and_the_chosen_measure_and_cancels_reminders(pathway, measure, world):
    pending = Reminder.objects.filter(step__pathway=pathway, state=ReminderState.PENDING)
    assert pending.exists()
    pathway_close(
        actor=world.circle_member,
        pathway=pathway,
        ended_on=date(2026, 4, 12),
        end_reason="scaled_down",
        note="Vrijwillige hulp via het OCJ.",
        measures=[measure],
    )
    pathway.refresh_from_db()
    measure.refresh_from_db()
    assert pathway.state == PathwayState.ENDED and pathway.end_reason == "scaled_down"
    assert pathway.ended_by == world.circle_member
    assert (measure.ended_on, measure.end_reason) == (date(2026, 4, 12), "scaled_down")
    assert not pending.exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_type="pathways.pathway", object_id=str(pathway.pk)
    ).exists()
    assert DossierEvent.objects.filter(
        dossier=world.dossier, summary__startswith="Traject afgesloten"
    ).exists()
    # an ended pathway takes no more changes, and makes room for a new one
    with pytest.raises(ValidationError):
        pathway_close(
            actor=world.circle_member, pathway=pathway, ended_on=date(2026, 4, 12), end_reason="other"
        )
    with pytest.raises(ValidationError):
        step_done(actor=world.circle_member, step=pathway.steps.first(), done_on=date(2026, 4, 12))
    template = PathwayTemplate.objects.get(slug="save-guidance-nl")
    pathway_start(
        actor=world.circle_member, dossier=world.dossier, template=template, started_on=date(2026, 4, 13)
    )


def test_a_measure_of_another_dossier_is_refused_and_nothing_is_saved(pathway, world):
    other = DossierFactory(owning_team=world.dossier.owning_team)
    foreign = Measure.objects.create(
        dossier=other, child=other.children.get(), kind="be_urgency", started_on=START
    )
    with pytest.raises(ValidationError) as error:
        pathway_close(
            actor=world.circle_member,
            pathway=pathway,
            ended_on=date(2026, 4, 12),
            end_reason="goals_reached",
            measures=[foreign],
        )
    assert "measures" in error.value.message_dict
    pathway.refresh_from_db()
    foreign.refresh_from_db()
    assert pathway.state == PathwayState.RUNNING and foreign.ended_on is None


def test_closing_through_the_page(pathway, measure, world, client_for):
    url = reverse("pathway_close", args=[world.dossier.pk])
    refused = client_for("circle_member").post(url, {"ended_on": "2026-04-12", "end_reason": ""})
    assert refused.status_code == 200
    assert "Kies waarom het traject stopt." in refused.content.decode()
    assert Pathway.objects.get(pk=pathway.pk).state == PathwayState.RUNNING
    response = client_for("circle_member").post(
        url, {"ended_on": "2026-04-12", "end_reason": "goals_reached", "measures": [measure.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("pathway_script", args=[world.dossier.pk, pathway.pk])
    assert Measure.objects.get(pk=measure.pk).end_reason == "goals_reached"
    assert (
        client_for("other_team").post(url, {"ended_on": "2026-04-12", "end_reason": "other"}).status_code
        == 404
    )


def test_reflections_are_checked_and_recorded(pathway, world):
    other = DossierFactory(owning_team=world.dossier.owning_team)
    with time_machine.travel(local(2026, 3, 1), tick=False):
        other_pathway = pathway_start(
            actor=None, dossier=other, template=pathway.template, started_on=date(2026, 3, 2)
        )
    foreign_step = other_pathway.steps.first()
    with pytest.raises(ValidationError) as error:
        reflection_add(
            actor=world.circle_member,
            pathway=pathway,
            occurred_on=date(2026, 2, 1),
            question=" ",
            step=foreign_step,
        )
    assert set(error.value.message_dict) == {"question", "step", "occurred_on"}
    assert not Reflection.objects.exists()
    reflection = reflection_add(
        actor=world.circle_member,
        pathway=pathway,
        occurred_on=date(2026, 3, 9),
        question="Wat maakt dat moeder nu wel hulp toelaat?",
        answer="Tante Lieke als vast aanspreekpunt.",
        step=pathway.steps.get(key="information"),
    )
    assert AuditEntry.objects.filter(object_type="pathways.reflection", object_id=str(reflection.pk)).exists()


def _story(pathway, world, contacts: int = 2, rules: int = 1):
    """Contacts over the pathway, a reflection, bottom lines and a safety plan with rules of each party."""
    dossier = world.dossier
    seat = dossier.circle.get(user=world.circle_member)
    aunt = Person.objects.create(first_name="Lieke", last_name="Visser")
    aunt_seat = Participant.objects.create(
        dossier=dossier, person=aunt, role="informal", relation="tante", closeness="inner"
    )
    for number in range(contacts):
        contact_register(
            actor=world.circle_member,
            dossier=dossier,
            occurred_on=START + timedelta(days=number % 40),
            minutes=60,
            kind=ContactKind.NETWORK_MEETING if number == 0 else ContactKind.HOME_VISIT,
            people=[aunt],
        )
    reflection_add(
        actor=world.circle_member,
        pathway=pathway,
        occurred_on=date(2026, 3, 9),
        question="Wat maakt dat moeder nu wel hulp toelaat?",
    )
    judge_line = safety.bottom_line_add(
        actor=world.circle_member,
        dossier=dossier,
        text="Een plan getekend door drie volwassenen uit het netwerk.",
        set_by_kind="judge",
        set_by_name="Jeugdrechter Gent",
        set_on=date(2026, 3, 5),
    )
    plan = safety.plan_create(
        actor=world.circle_member,
        dossier=dossier,
        title="Veiligheidsplan",
        check_bottom_lines=False,
        check_network_adults=False,
        check_responsible=False,
    )
    for number in range(rules):
        safety.rule_add(
            actor=world.circle_member,
            plan=plan,
            text=f"Als mama huilt, bel ik tante Lieke ({number}).",
            participants=[aunt_seat],
            bottom_lines=[judge_line],
        )
        safety.rule_add(
            actor=world.circle_member,
            plan=plan,
            text=f"De gezinsvoogd belt elke week met tante Lieke ({number}).",
            circle_members=[seat],
        )
    step_done(
        actor=world.circle_member, step=pathway.steps.get(key="court-hearing"), done_on=date(2026, 3, 5)
    )


def test_the_case_script_page_tells_the_pathway(pathway, measure, world, client_for):
    _story(pathway, world, contacts=3)
    pathway_close(
        actor=world.circle_member, pathway=pathway, ended_on=date(2026, 4, 12), end_reason="goals_reached"
    )
    response = client_for("circle_member").get(reverse("pathway_script", args=[world.dossier.pk, pathway.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "Zitting: de jeugdrechter legt het kader en de ondergrenzen vast",  # a step taken, with its date
        "5 mrt 2026",
        "3 u 0 min",  # three contacts of an hour
        "Wat maakt dat moeder nu wel hulp toelaat?",
        "Als mama huilt, bel ik tante Lieke (0).",
        "Jeugdrechter Gent",
        "doelen bereikt",  # the end reason
    ):
        assert text in page, text
    for role in ("case_worker", "care_provider", "network", "judge"):
        assert f'data-role="{role}"' in page
    # the judge set the bottom line; the network carries the aunt's rule; the case worker the weekly call
    judge = page.split('data-role="judge"')[1].split("data-role=")[0]
    assert "Een plan getekend door drie volwassenen" in judge and "Zitting" in judge
    network = page.split('data-role="network"')[1].split("data-role=")[0]
    assert "Lieke Visser (tante)" in network and "Als mama huilt" in network
    case_worker = page.split('data-role="case_worker"')[1].split("data-role=")[0]
    assert "De gezinsvoogd belt elke week" in case_worker
    read = AuditEntry.objects.filter(action=AuditAction.READ, dossier_id=world.dossier.pk).latest("sequence")
    assert set(read.fields) == {"pathway", "circle", "measures", "contacts", "safety_plan", "feedback"}


def test_without_a_safety_plan_the_script_says_so(pathway, world, client_for):
    page = client_for("circle_member").get(reverse("pathway_script", args=[world.dossier.pk, pathway.pk]))
    assert "data-no-safety-plan" in page.content.decode()
    assert "Er is in dit dossier geen veiligheidsplan gemaakt." in page.content.decode()


def test_the_case_script_is_a_real_pdf(pathway, world, client_for):
    _story(pathway, world)
    pathway_close(
        actor=world.circle_member, pathway=pathway, ended_on=date(2026, 4, 12), end_reason="goals_reached"
    )
    response = client_for("circle_member").get(
        reverse("pathway_script_pdf", args=[world.dossier.pk, pathway.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert world.dossier.title.split()[-1] not in response["Content-Disposition"]  # reference, not the name
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    for expected in (
        "Casusscript",
        world.dossier.reference,
        "Zitting: de jeugdrechter legt het kader",
        "Wat maakt dat moeder nu wel hulp toelaat?",
        "Als mama huilt, bel ik tante Lieke (0).",
        "Jeugdrechter",
        "Netwerk",
    ):
        assert expected in text, expected


def test_a_case_script_pdf_that_failed_is_no_export(pathway, world, client_for, monkeypatch):
    from kring.pathways import views

    exports = AuditEntry.objects.filter(action=AuditAction.EXPORT, export_format="pdf")
    client = client_for("circle_member")
    assert client.get(reverse("pathway_script_pdf", args=[world.dossier.pk, 999999])).status_code == 404
    assert not exports.exists()

    def broken(*args, **kwargs):
        raise RuntimeError("the PDF renderer failed")

    monkeypatch.setattr(views, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        client.get(reverse("pathway_script_pdf", args=[world.dossier.pk, pathway.pk]))
    assert not exports.exists()
    monkeypatch.undo()
    assert client.get(reverse("pathway_script_pdf", args=[world.dossier.pk, pathway.pk])).status_code == 200
    assert exports.count() == 1


def test_others_may_not_read_the_case_script(pathway, world, client_for):
    url = reverse("pathway_script", args=[world.dossier.pk, pathway.pk])
    for persona in ("other_team", "other_org", "privacy_officer"):
        assert client_for(persona).get(url).status_code == 404
    assert client_for("break_glass").get(url).status_code == 200  # read-only emergency access may read
    other = DossierFactory(owning_team=world.dossier.owning_team)
    wrong = reverse("pathway_script", args=[other.pk, pathway.pk])
    assert client_for("team_lead").get(wrong).status_code == 404  # the pathway of another dossier


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_case_script_page_does_not_grow_with_the_dossier(pathway, world, client_for):
    _story(pathway, world, contacts=2, rules=1)
    url = reverse("pathway_script", args=[world.dossier.pk, pathway.pk])
    client = client_for("circle_member")
    few = _queries(client, url)
    for number in range(3):
        reflection_add(
            actor=world.circle_member, pathway=pathway, occurred_on=date(2026, 3, 10), question=f"V{number}"
        )
    plan = world.dossier.safety_plans.get()
    seat = world.dossier.circle.get(user=world.circle_member)
    aunt = Participant.objects.get(dossier=world.dossier)
    for number in range(5):
        safety.rule_add(actor=world.circle_member, plan=plan, text=f"Regel {number}", participants=[aunt])
        safety.rule_add(
            actor=world.circle_member, plan=plan, text=f"Afspraak {number}", circle_members=[seat]
        )
        contact_register(
            actor=world.circle_member,
            dossier=world.dossier,
            occurred_on=START + timedelta(days=number),
            minutes=30,
            kind=ContactKind.PHONE,
            people=[aunt.person],
        )
    assert _queries(client, url) == few


def test_a_pathway_changed_by_someone_else_meanwhile_is_not_changed_again(pathway, world):
    """Two people on the same page: one ends the pathway, the other then extends it from the stale page."""
    stale = Pathway.objects.get(pk=pathway.pk)
    pathway_close(
        actor=world.team_lead, pathway=pathway, ended_on=date(2026, 4, 12), end_reason="goals_reached"
    )
    with pytest.raises(ValidationError) as error:
        pathway_extend(
            actor=world.circle_member, pathway=stale, condition="family_goals_reached", decided_on=START
        )
    assert error.value.messages == ["Dit traject is al afgelopen."]
    with pytest.raises(ValidationError):
        pathway_close(
            actor=world.circle_member, pathway=stale, ended_on=date(2026, 4, 12), end_reason="other"
        )
    stale_two = Pathway.objects.get(pk=pathway.pk)
    assert (stale_two.state, stale_two.end_reason, stale_two.extended_on) == (
        PathwayState.ENDED,
        "goals_reached",
        None,
    )


def test_an_ended_pathway_has_no_overdue_steps(pathway, world, client_for):
    open_steps = list(pathway.steps.filter(done_on__isnull=True))
    assert any(step.is_overdue(NOW.date()) for step in open_steps)  # six weeks on, while it runs
    page = client_for("circle_member").get(reverse("pathway_overview", args=[world.dossier.pk]))
    assert b"data-overdue" in page.content
    pathway_close(actor=world.circle_member, pathway=pathway, ended_on=NOW.date(), end_reason="goals_reached")
    assert not any(step.is_overdue(NOW.date()) for step in pathway.steps.all())
    page = client_for("circle_member").get(reverse("pathway_overview", args=[world.dossier.pk]))
    assert b"data-overdue" not in page.content
    assert "niet gedaan" in page.content.decode()
    agenda = client_for("circle_member").get(reverse("agenda")).context
    assert agenda["overdue"] == [] and agenda["upcoming"] == []
    assert not Reminder.objects.filter(step__pathway=pathway, state=ReminderState.PENDING).exists()


def test_the_case_script_shows_the_questionnaires_and_the_scaling_trend(pathway, world, client_for):
    from kring.feedback.models import Instrument
    from kring.feedback.services import administration_submit
    from kring.safety.scales import dossier_raters, scale_ratings_record
    from tests.feedback.test_instruments import PARENTS

    exit_instrument = Instrument.objects.get(slug="exit", version=1)
    for day in (date(2026, 2, 1), date(2026, 4, 10)):  # before the pathway, and during it
        administration_submit(
            actor=world.circle_member,
            instrument=exit_instrument,
            dossier=world.dossier,
            respondent_type="parent",
            answers=PARENTS,
            taken_on=day,
        )
    raters = {r.group: r for r in dossier_raters(world.dossier)}
    for day, family, professional in ((date(2026, 3, 9), 2, 6), (date(2026, 4, 6), 5, 6)):
        scale_ratings_record(
            actor=world.circle_member,
            dossier=world.dossier,
            question="safety",
            rated_on=day,
            scores=[(raters["family"], family), (raters["professional"], professional)],
        )
    page = client_for("circle_member").get(reverse("pathway_script", args=[world.dossier.pk, pathway.pk]))
    html = page.content.decode()
    questionnaires = html.split('id="script-questionnaires"')[1].split("</section>")[0]
    assert 'data-instrument="exit"' in questionnaires
    assert "10 apr 2026" in questionnaires and "1 feb 2026" not in questionnaires
    assert "proces:" in questionnaires or "uitkomst:" in questionnaires  # the subscales in words
    trend = html.split("data-scale-trend")[1].split("</table>")[0]
    assert "Veiligheid: van 9 mrt 2026 tot 6 apr 2026" in trend
    assert "groot" in trend  # 2 against 6 on 9 March
    other = client_for("other_team").get(reverse("pathway_script", args=[world.dossier.pk, pathway.pk]))
    assert other.status_code == 404
