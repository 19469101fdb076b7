"""Positive early closure (positief afsluiten): what must be true, the worker proposes, the team lead
confirms, the measure ends with the end reason "early positive closure" through kring.cases, and the positive
report to the child protection board is a page and a real PDF."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from kring.accounts.models import OrganisationKind
from kring.audit.models import AuditEntry
from kring.cases.models import Dossier, DossierEvent, EndReason, EventKind, Measure
from kring.safety.success import services
from kring.safety.success.models import ClosureStatus, EarlyClosure

from ...factories import CircleMemberFactory, MembershipFactory, OrganisationFactory, TeamFactory

GOAL = "Thijs gaat elke dag naar school en kiest zelf voor vrienden met wie hij geen delicten pleegt."
ACHIEVED = "Thijs ging weer elke dag naar school en werkt op zaterdag bij een fietsenmaker."
OWN_WORDS = "Ik ben monteur, geen inbreker."
CLOSES_ON = date(2026, 11, 16)


@pytest.fixture(autouse=True)
def _before_the_planned_end():
    """After CLOSES_ON and before the measure's planned end (2 March 2027): on the real clock these
    tests would fail from that day on, the closure no longer being early."""
    with time_machine.travel(datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=True):
        yield


@pytest.fixture
def measure(world):
    return Measure.objects.create(
        dossier=world.dossier,
        child=world.dossier.children.get(),
        kind="nl_youth_probation",
        started_on=date(2026, 3, 2),
        planned_end_on=date(2027, 3, 2),
        decided_by="kinderrechter, Rechtbank Wijland",
    )


@pytest.fixture
def ready(world, measure):
    """Everything that must be true is true: success goal, IK-plan, both views 'stopping', no relapse."""
    d = world.dossier
    services.book_ends_save(actor=None, dossier=d, greatest_worry="Nieuwe inbraken.", success_goal=GOAL)
    services.ik_plan_save(actor=None, dossier=d, goals="Mijn diploma halen.", written_by="young_person")
    services.desistance_record_add(
        actor=None,
        dossier=d,
        recorded_on=date(2026, 6, 1),
        stage="preparing",
        view="young_person",
        relapse=True,
        relapse_note="Weer meegegaan met de oude vrienden.",
    )
    for view in ("young_person", "worker"):
        services.desistance_record_add(
            actor=None, dossier=d, recorded_on=date(2026, 10, 5), stage="stopping", view=view
        )
    return measure


def _url(world, name="success_closure", **kwargs):
    return reverse(name, kwargs={"dossier_id": world.dossier.pk, **kwargs})


def _proposal(for_measure, **overrides):
    return {
        "measure": for_measure.pk,
        "closes_on": CLOSES_ON.isoformat(),
        "achievements": ACHIEVED,
        "young_person_view": OWN_WORDS,
        "network_support": "Zijn moeder en opa Jan.",
        "after_care": "Het wijkteam blijft bereikbaar.",
        "report_to": "Raad voor de Kinderbescherming, regio Wijland",
        **overrides,
    }


def _propose(world, measure, actor=None):
    return services.closure_propose(
        actor=actor,
        dossier=world.dossier,
        measure=measure,
        closes_on=CLOSES_ON,
        achievements=ACHIEVED,
        young_person_view=OWN_WORDS,
    )


def test_the_page_shows_what_is_not_true_yet_and_a_proposal_is_refused(world, client_for, measure):
    client = client_for("circle_member")
    page = client.get(_url(world)).content.decode()
    assert "✗" in page and "Er is een succesdoel (boekensteunen)" in page
    response = client.post(_url(world, "success_closure_propose"), _proposal(measure))
    assert response.status_code == 400
    assert "Nog niet alles wat waar moet zijn voor positief afsluiten is waar" in response.content.decode()
    assert not EarlyClosure.objects.exists()
    measure.refresh_from_db()
    assert measure.ended_on is None


def test_worker_proposes_team_lead_confirms_and_the_measure_ends_positively(world, client_for, ready):
    worker, lead = client_for("circle_member"), client_for("team_lead")
    page = worker.get(_url(world)).content.decode()
    assert page.count("✓") == 6 and "✗" not in page

    response = worker.post(_url(world, "success_closure_propose"), _proposal(ready))
    assert response.status_code == 302
    closure = EarlyClosure.objects.get()
    assert closure.status == ClosureStatus.PROPOSED and closure.proposed_by == world.circle_member
    assert all(check["ok"] for check in closure.checks) and len(closure.checks) == 6
    ready.refresh_from_db()
    assert ready.ended_on is None  # nothing ends before the team lead confirms

    page = lead.get(_url(world)).content.decode()
    assert "Wacht op de teamleider" in page and "Bevestigen: maatregel eerder en positief beëindigen" in page
    response = lead.post(_url(world, "success_closure_confirm", closure_id=closure.pk), {"note": "Akkoord."})
    assert response.status_code == 302
    assert response["Location"] == _url(world, "success_closure_report", closure_id=closure.pk)

    ready.refresh_from_db()
    closure.refresh_from_db()
    assert ready.ended_on == CLOSES_ON and ready.end_reason == EndReason.EARLY_POSITIVE_CLOSURE
    assert closure.status == ClosureStatus.CONFIRMED and closure.decided_by == world.team_lead
    assert DossierEvent.objects.filter(dossier=world.dossier, kind=EventKind.MEASURE_ENDED).count() == 1
    entry = AuditEntry.objects.filter(object_type="success.earlyclosure", action="update").get()
    assert entry.actor_id == world.team_lead.pk and "status" in entry.fields

    report = worker.get(_url(world, "success_closure_report", closure_id=closure.pk)).content.decode()
    assert "Raad voor de Kinderbescherming, regio Wijland" in report and ACHIEVED in report and GOAL in report
    assert OWN_WORDS in report and "Concept" not in report
    assert world.team_lead.get_full_name() in report and world.circle_member.get_full_name() in report
    overview = worker.get(_url(world, "success_overview")).content.decode()
    assert "eerder en positief beëindigd" in overview


def test_only_the_team_lead_confirms_and_never_their_own_proposal(world, client_for, ready):
    closure = _propose(world, ready, actor=world.circle_member)
    response = client_for("circle_member").post(
        _url(world, "success_closure_confirm", closure_id=closure.pk), follow=True
    )
    assert "Alleen de teamleider van het team van het dossier" in response.content.decode()
    closure.refresh_from_db()
    assert closure.status == ClosureStatus.PROPOSED

    services.closure_decline(actor=world.team_lead, closure=closure, note="Nog even afwachten.")
    own = _propose(world, ready, actor=world.team_lead)
    response = client_for("team_lead").post(
        _url(world, "success_closure_confirm", closure_id=own.pk), follow=True
    )
    assert "vier ogen" in response.content.decode()
    ready.refresh_from_db()
    assert ready.ended_on is None


def test_a_decline_needs_a_reason_and_the_measure_runs_on(world, client_for, ready):
    closure = _propose(world, ready, actor=world.circle_member)
    lead = client_for("team_lead")
    response = lead.post(
        _url(world, "success_closure_decline", closure_id=closure.pk), {"note": " "}, follow=True
    )
    assert "Geef aan waarom" in response.content.decode()
    closure.refresh_from_db()
    assert closure.status == ClosureStatus.PROPOSED
    lead.post(_url(world, "success_closure_decline", closure_id=closure.pk), {"note": "Eerst de zomer door."})
    closure.refresh_from_db()
    ready.refresh_from_db()
    assert closure.status == ClosureStatus.DECLINED and closure.decision_note == "Eerst de zomer door."
    assert ready.ended_on is None
    again = client_for("circle_member").post(_url(world, "success_closure_propose"), _proposal(ready))
    assert again.status_code == 302  # the worker may propose again later
    assert EarlyClosure.objects.filter(status=ClosureStatus.PROPOSED).count() == 1


def test_the_checks_are_made_again_when_the_team_lead_confirms(world, client_for, ready):
    closure = _propose(world, ready, actor=world.circle_member)
    services.desistance_record_add(
        actor=None,
        dossier=world.dossier,
        recorded_on=date(2026, 11, 2),
        stage="recognising",
        view="worker",
        relapse=True,
        relapse_note="Aangehouden bij een winkeldiefstal.",
    )
    response = client_for("team_lead").post(
        _url(world, "success_closure_confirm", closure_id=closure.pk), follow=True
    )
    content = response.content.decode()
    assert "Geen terugval in de laatste 90 dagen" in content
    closure.refresh_from_db()
    ready.refresh_from_db()
    assert closure.status == ClosureStatus.PROPOSED and ready.ended_on is None


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"achievements": " "}, "Schrijf op wat de jongere heeft bereikt."),
        ({"young_person_view": ""}, "in de eigen woorden van de jongere"),
        ({"closes_on": "2026-01-01"}, "kan niet eindigen voordat zij begon"),
        ({"closes_on": "2027-06-01"}, "De einddatum ligt vóór het geplande einde"),
        ({"measure": "999999"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_proposals_say_what_is_wrong_and_save_nothing(world, client_for, ready, overrides, message):
    response = client_for("circle_member").post(
        _url(world, "success_closure_propose"), _proposal(ready, **overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EarlyClosure.objects.exists()


def test_a_second_proposal_for_the_same_measure_waits_for_the_first(world, client_for, ready):
    _propose(world, ready, actor=world.circle_member)
    response = client_for("team_lead").post(_url(world, "success_closure_propose"), _proposal(ready))
    assert response.status_code == 400
    assert "wacht al op de teamleider" in response.content.decode()
    assert EarlyClosure.objects.count() == 1


def test_the_report_to_the_board_is_a_real_pdf(world, client_for, ready):
    closure = _propose(world, ready, actor=world.circle_member)
    draft = client_for("circle_member").get(_url(world, "success_closure_report_pdf", closure_id=closure.pk))
    draft_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(draft.content)).pages)
    assert "CONCEPT" in draft_text

    services.closure_confirm(actor=world.team_lead, closure=closure)
    response = client_for("circle_member").get(
        _url(world, "success_closure_report_pdf", closure_id=closure.pk)
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in (
        "Positieve terugmelding",
        "Raad voor de Kinderbescherming",
        ACHIEVED,
        OWN_WORDS,
        GOAL,
        "16 november 2026",
        "Stopper",
        world.team_lead.get_full_name(),
        world.circle_member.get_full_name(),
    ):
        assert expected in text, expected
    assert "CONCEPT" not in text
    entry = AuditEntry.objects.filter(action="export").latest("sequence")
    assert entry.object_type == "success.earlyclosure" and entry.fields == ["report"]


@pytest.mark.parametrize("persona", ["other_team", "other_org", "privacy_officer"])
def test_who_may_not_see_gets_404_on_every_closure_page(world, client_for, ready, persona):
    closure = _propose(world, ready, actor=world.circle_member)
    client = client_for(persona)
    for name, kwargs in (
        ("success_closure", {}),
        ("success_closure_report", {"closure_id": closure.pk}),
        ("success_closure_report_pdf", {"closure_id": closure.pk}),
    ):
        response = client.get(_url(world, name, **kwargs))
        assert response.status_code == 404 and ACHIEVED.encode() not in response.content, name
    assert client.post(_url(world, "success_closure_confirm", closure_id=closure.pk)).status_code == 404
    closure.refresh_from_db()
    assert closure.status == ClosureStatus.PROPOSED


def test_emergency_access_reads_but_cannot_propose_or_decide(world, client_for, ready):
    closure = _propose(world, ready, actor=world.circle_member)
    client = client_for("break_glass")
    page = client.get(_url(world)).content.decode()
    assert (
        "Wacht op de teamleider" in page and 'name="achievements"' not in page and 'name="note"' not in page
    )
    assert client.post(_url(world, "success_closure_propose"), _proposal(ready)).status_code == 404
    assert client.post(_url(world, "success_closure_confirm", closure_id=closure.pk)).status_code == 404
    assert EarlyClosure.objects.get().status == ClosureStatus.PROPOSED


def test_a_local_team_that_sees_the_safety_plan_but_not_the_measures_gets_404(world, ready):
    local = OrganisationFactory(name="Wijkteam Oost", kind=OrganisationKind.LOCAL_TEAM)
    seat = CircleMemberFactory(
        dossier=world.dossier,
        membership=MembershipFactory(team=TeamFactory(organisation=local), organisation=local),
        started_on=date(2026, 3, 2),
    )
    client = Client()
    client.force_login(seat.user)
    assert client.get(_url(world, "success_overview")).status_code == 200  # the measure opens the safety plan
    assert client.get(_url(world)).status_code == 404  # but not the measures: no closure page
    denied = AuditEntry.objects.filter(actor_id=seat.user.pk, outcome="denied")
    assert denied.count() == 1


def test_the_closure_page_does_a_fixed_number_of_queries_however_many_decisions(world, client_for, ready):
    client = client_for("team_lead")
    services.closure_decline(
        actor=world.team_lead, closure=_propose(world, ready, actor=world.circle_member), note="Nee."
    )
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url(world)).status_code == 200
    for number in range(6):
        closure = _propose(world, ready, actor=world.circle_member)
        services.closure_decline(actor=world.team_lead, closure=closure, note=f"Nog niet ({number}).")
    _propose(world, ready, actor=world.circle_member)
    with CaptureQueriesContext(connection) as many:
        assert client.get(_url(world)).status_code == 200
    # the open proposal's checks replace the checks offered for a new proposal: the same queries
    assert len(many) == len(few)


def test_the_api_checks_proposes_and_the_team_lead_confirms(world, api, ready):
    [entry] = api("get", "api:list_closure_checks").json()
    assert entry["measure_id"] == ready.pk and all(check["ok"] for check in entry["checks"])
    payload = {
        "measure_id": ready.pk,
        "closes_on": CLOSES_ON.isoformat(),
        "achievements": ACHIEVED,
        "young_person_view": OWN_WORDS,
    }
    assert api("post", "api:propose_early_closure", {**payload, "achievements": " "}).status_code == 422
    assert api("post", "api:propose_early_closure", {**payload, "measure_id": 0}).status_code == 404
    created = api("post", "api:propose_early_closure", payload)
    assert created.status_code == 201, created.content
    closure = created.json()
    assert closure["status"] == "proposed" and closure["report_to"] == "Raad voor de Kinderbescherming"
    assert closure["report_url"] == _url(world, "success_closure_report_pdf", closure_id=closure["id"])

    own = api("post", "api:confirm_early_closure", {}, closure_id=closure["id"])
    assert own.status_code == 422 and "teamleider" in own.content.decode()
    confirmed = api(
        "post",
        "api:confirm_early_closure",
        {"note": "Akkoord."},
        user=world.team_lead,
        closure_id=closure["id"],
    )
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    ready.refresh_from_db()
    assert ready.end_reason == EndReason.EARLY_POSITIVE_CLOSURE
    listed = api("get", "api:list_early_closures").json()
    assert [c["status"] for c in listed] == ["confirmed"]
    for persona in ("other_team", "other_org"):
        assert api("get", "api:list_early_closures", user=world.user(persona)).status_code == 404


def test_seed_thijs_closed_early_and_positively_with_his_report(db):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    thijs = Dossier.objects.get(reference="KR-NL-2025-0002")
    closure = EarlyClosure.objects.get(dossier=thijs)
    assert closure.status == ClosureStatus.CONFIRMED and closure.closes_on == date(2025, 11, 17)
    assert (
        closure.proposed_by.username == "sanne.meijer" and closure.decided_by.username == "ingrid.verhoeven"
    )
    assert closure.measure.end_reason == EndReason.EARLY_POSITIVE_CLOSURE
    assert closure.measure.ended_on == date(2025, 11, 17)
    client = Client()
    client.force_login(closure.proposed_by)
    response = client.get(
        reverse("success_closure_report_pdf", kwargs={"dossier_id": thijs.pk, "closure_id": closure.pk})
    )
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Ik ben monteur, geen inbreker." in text and "Ingrid Verhoeven" in text
    sasja = Dossier.objects.get(reference="KR-NL-2025-0007")
    [entry] = services.closure_candidates(dossier=sasja)
    checks = {
        c.key: c.ok
        for c in services.closure_checks(dossier=sasja, measure=entry, closes_on=date(2026, 11, 2))
    }
    assert checks["stopping"] is False  # her worker still sees her as "erkenner"
