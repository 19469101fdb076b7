"""Alignment meetings when a professional joins or leaves, and handover of open steps without a break."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kring.audit.models import AuditAction, AuditEntry
from kring.pathways.models import Handover, ReminderState
from kring.pathways.services import pathway_handover, step_done
from kring.safety import services as safety

from ..factories import CircleMemberFactory, DossierFactory, MembershipFactory
from .conftest import local

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)
TODAY = date(2026, 3, 15)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(local(2026, 3, 15, 10, 0), tick=False):
        yield


@pytest.fixture
def leaver(world):
    seat = world.dossier.circle.get(user=world.circle_member)
    seat.ended_on = date(2026, 3, 20)
    seat.save(update_fields=["ended_on"])
    return seat


@pytest.fixture
def newcomer(world):
    team = world.dossier.owning_team
    return CircleMemberFactory(
        dossier=world.dossier,
        membership=MembershipFactory(team=team, user__username="opvolger", user__first_name="Yara"),
        case_role="gezinsvoogd",
        started_on=date(2026, 3, 10),
    )


def test_handover_moves_the_open_steps_records_and_audits_it_and_moves_the_reminders(
    pathway, world, leaver, newcomer
):
    done = pathway.steps.get(key="judge-approval")
    step_done(actor=world.circle_member, step=done, done_on=date(2026, 3, 4))
    handover = pathway_handover(
        actor=world.team_lead,
        pathway=pathway,
        from_member=leaver,
        to_member=newcomer,
        handed_over_on=TODAY,
        note="Overdracht in het afstemmingsgesprek.",
    )
    moved = {s.key for s in handover.steps.all()}
    assert moved == {"crisis-dispatch", "court-hearing", "advice-to-judge"}
    assert set(pathway.steps.filter(responsible=newcomer).values_list("key", flat=True)) == moved
    done.refresh_from_db()
    assert done.responsible == leaver  # a step that was done stays with who did it
    assert (handover.recorded_by, handover.from_member, handover.to_member) == (
        world.team_lead,
        leaver,
        newcomer,
    )
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="pathways.handover").count() == 1
    assert (
        AuditEntry.objects.filter(
            action=AuditAction.UPDATE, object_type="pathways.pathwaystep", fields=["responsible"]
        ).count()
        == 3
    )
    # the advice to the judge (12 April) is still ahead: its reminders now go to the newcomer
    advice = pathway.steps.get(key="advice-to-judge")
    assert set(advice.reminders.filter(state=ReminderState.PENDING).values_list("recipient", flat=True)) == {
        newcomer.user_id
    }
    assert advice.reminders.filter(recipient=world.circle_member, state=ReminderState.CANCELLED).count() == 2


def test_handover_refuses_a_break_and_other_bad_input_and_saves_nothing(pathway, world, leaver, newcomer):
    other = DossierFactory(owning_team=world.dossier.owning_team)
    stranger = CircleMemberFactory(dossier=other, membership=newcomer.membership)
    cases = [
        ({"to_member": stranger}, "to_member"),  # not in this circle
        ({"to_member": leaver}, "to_member"),  # the same person
        ({"handed_over_on": date(2026, 3, 9)}, "to_member"),  # the newcomer is not there yet
        ({"handed_over_on": TODAY + timedelta(days=1)}, "handed_over_on"),  # still to come
        ({"handed_over_on": date(2026, 2, 1)}, "handed_over_on"),  # before the pathway
    ]
    for change, field in cases:
        kwargs = {"from_member": leaver, "to_member": newcomer, "handed_over_on": TODAY, **change}
        with pytest.raises(ValidationError) as error:
            pathway_handover(actor=world.circle_member, pathway=pathway, **kwargs)
        assert field in error.value.message_dict, change
    # who left on 11 March must hand over by the 12th, or there are days without anyone
    leaver.ended_on = date(2026, 3, 11)
    leaver.save(update_fields=["ended_on"])
    with pytest.raises(ValidationError) as error:
        pathway_handover(
            actor=world.team_lead,
            pathway=pathway,
            from_member=leaver,
            to_member=newcomer,
            handed_over_on=TODAY,
        )
    assert "2026-03-12" in str(error.value.message_dict["handed_over_on"])
    assert not Handover.objects.exists()
    assert not pathway.steps.filter(responsible=newcomer).exists()
    pathway_handover(
        actor=world.team_lead,
        pathway=pathway,
        from_member=leaver,
        to_member=newcomer,
        handed_over_on=date(2026, 3, 12),
    )
    with pytest.raises(ValidationError) as error:  # nothing left to hand over
        pathway_handover(
            actor=world.team_lead,
            pathway=pathway,
            from_member=leaver,
            to_member=newcomer,
            handed_over_on=date(2026, 3, 12),
        )
    assert "from_member" in error.value.message_dict


def test_the_pathway_page_shows_changes_in_the_circle_and_the_handovers(
    pathway, world, leaver, newcomer, client_for
):
    url = reverse("pathway_overview", args=[world.dossier.pk])
    page = client_for("circle_member").get(url).content.decode()
    assert f'data-circle-change="{newcomer.pk}"' in page and f'data-circle-change="{leaver.pk}"' in page
    assert reverse("pathway_alignment", args=[world.dossier.pk, leaver.pk]) in page
    response = client_for("team_lead").post(
        reverse("pathway_handover", args=[world.dossier.pk]),
        {"from_member": leaver.pk, "to_member": newcomer.pk, "handed_over_on": "2026-03-15", "note": ""},
    )
    assert response.status_code == 302
    page = client_for("team_lead").get(url).content.decode()
    assert "data-handover=" in page and "4 open stappen van" in page
    script = reverse("pathway_script", args=[world.dossier.pk, pathway.pk])
    assert (
        "4 open stappen van" in client_for("team_lead").get(script).content.decode()
    )  # and in the case script
    refused = client_for("team_lead").post(
        reverse("pathway_handover", args=[world.dossier.pk]),
        {"from_member": leaver.pk, "to_member": leaver.pk, "handed_over_on": "2026-03-15"},
    )
    assert refused.status_code == 200 and "Geef de stappen aan iemand anders." in refused.content.decode()
    assert (
        client_for("other_team").post(reverse("pathway_handover", args=[world.dossier.pk]), {}).status_code
        == 404
    )


def test_a_step_whose_responsible_has_left_is_flagged(pathway, world, leaver, client_for):
    with time_machine.travel(local(2026, 3, 25, 10, 0), tick=False):
        page = (
            client_for("team_lead").get(reverse("pathway_overview", args=[world.dossier.pk])).content.decode()
        )
    # the four open steps of the case worker who left
    assert page.count("data-responsible-gone") == 4


def test_the_alignment_agenda_for_someone_who_leaves(pathway, world, leaver, newcomer, client_for):
    url = reverse("pathway_alignment", args=[world.dossier.pk, leaver.pk])
    page = client_for("circle_member").get(url).content.decode()
    assert 'data-occasion="leaves"' in page
    assert f'data-seat="{leaver.pk}"' in page and f'data-seat="{newcomer.pk}"' in page
    assert "Advies aan de jeugdrechter" in page and "Zitting" in page  # open steps with their deadlines
    assert "data-to-hand-over" in page and 'name="to_member"' in page  # the handover, ready to record
    assert "data-no-safety-plan" in page
    read = AuditEntry.objects.filter(action=AuditAction.READ, dossier_id=world.dossier.pk).latest("sequence")
    assert set(read.fields) == {"pathway", "circle", "safety_plan"}
    assert client_for("other_team").get(url).status_code == 404
    assert client_for("break_glass").get(url).status_code == 200
    assert 'name="to_member"' not in client_for("break_glass").get(url).content.decode()  # read-only


def test_the_alignment_agenda_for_someone_who_joins_shows_the_safety_plan_state(
    pathway, world, newcomer, client_for
):
    seat = world.dossier.circle.get(user=world.circle_member)
    safety.bottom_line_add(
        actor=world.circle_member,
        dossier=world.dossier,
        text="Er is altijd een volwassene thuis.",
        set_by_kind="judge",
        set_by_name="Kinderrechter",
        set_on=date(2026, 3, 4),
    )
    plan = safety.plan_create(actor=world.circle_member, dossier=world.dossier, title="Veiligheidsplan")
    safety.rule_add(
        actor=world.circle_member, plan=plan, text="De gezinsvoogd belt elke week.", circle_members=[seat]
    )
    page = client_for("circle_member").get(reverse("pathway_alignment", args=[world.dossier.pk, newcomer.pk]))
    text = page.content.decode()
    assert 'data-occasion="joins"' in text
    assert "Veiligheidsplan" in text and "concept, niet ondertekend" in text
    assert 'data-check-ok="no"' in text  # the bottom line is not served by a rule yet
    assert "data-to-hand-over" not in text
    other = DossierFactory(owning_team=world.dossier.owning_team)
    stranger = CircleMemberFactory(dossier=other, membership=newcomer.membership)
    wrong = reverse("pathway_alignment", args=[world.dossier.pk, stranger.pk])
    assert client_for("circle_member").get(wrong).status_code == 404
