from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kring.pathways.models import Pathway, PathwayStep, PathwayTemplate
from kring.pathways.services import (
    DONE_IN_FUTURE,
    dependents_of,
    legal_limits,
    pathway_extend,
    pathway_start,
    step_done,
    step_move,
)

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)


@pytest.fixture
def pathway(world):
    world.dossier.opened_on = date(2026, 1, 1)
    world.dossier.save(update_fields=["opened_on"])
    template = PathwayTemplate.objects.get(slug="safety-planning-urgency-be")
    return pathway_start(
        actor=world.circle_member, dossier=world.dossier, template=template, started_on=START
    )


def _dates(pathway):
    return {s.key: (s.planned_start, s.planned_end) for s in pathway.steps.all()}


def test_start_gives_concrete_dates_and_the_case_worker_from_the_circle(pathway, world):
    hearing = pathway.steps.get(key="court-hearing")
    assert hearing.days == "3/4"
    assert (hearing.planned_start, hearing.planned_end) == (
        START + timedelta(days=2),
        START + timedelta(days=3),
    )
    assert hearing.responsible.user == world.circle_member  # "gezinsvoogd" plays the case worker
    assert pathway.steps.get(key="claim").responsible is None  # no roles on the claim


def test_moving_the_court_hearing_by_two_days_moves_the_dependent_steps_and_only_those(pathway, world):
    before = _dates(pathway)
    hearing = pathway.steps.get(key="court-hearing")
    step_move(actor=world.circle_member, step=hearing, new_start=hearing.planned_start + timedelta(days=2))
    after = _dates(pathway)
    dependents = {s.key for s in dependents_of(hearing)}
    assert "goals-told" in dependents and "bmo" in dependents
    assert not {"claim", "crisis-assessment", "judge-approval", "crisis-dispatch"} & dependents
    for key, (start, end) in before.items():
        shift = timedelta(days=2) if key in dependents | {"court-hearing"} else timedelta(0)
        assert after[key] == (start + shift, end + shift), key


def test_mark_done_with_artefact_and_overdue(pathway, world):
    claim = pathway.steps.get(key="claim")
    step_done(actor=world.circle_member, step=claim, done_on=START, artefact_url="/dossiers/x/safety/")
    claim.refresh_from_db()
    assert claim.done_on == START and claim.artefact_url == "/dossiers/x/safety/"
    assert not claim.is_overdue(START + timedelta(days=30))
    assert pathway.steps.get(key="feedback").is_overdue(START + timedelta(days=30))
    with pytest.raises(ValidationError):
        step_done(actor=world.circle_member, step=claim, done_on=START, artefact_url="javascript:alert(1)")


def test_extension_is_refused_without_a_condition_and_accepted_with_one(pathway, world):
    for bad in ("", "because"):
        with pytest.raises(ValidationError) as error:
            pathway_extend(actor=world.circle_member, pathway=pathway, condition=bad, decided_on=START)
        assert "condition" in error.value.message_dict
        pathway.refresh_from_db()
        assert pathway.extended_on is None and pathway.extension_condition == ""
    pathway_extend(
        actor=world.circle_member, pathway=pathway, condition="family_goals_reached", decided_on=START
    )
    pathway.refresh_from_db()
    assert pathway.extension_condition == "family_goals_reached"
    with pytest.raises(ValidationError):
        pathway_extend(
            actor=world.circle_member, pathway=pathway, condition="family_goals_reached", decided_on=START
        )


def test_legal_limits_near_and_passed(pathway):
    limits = {item["label"]: item for item in legal_limits(pathway, START + timedelta(days=55))}
    states = sorted(item["state"] for item in limits.values())
    assert "near" in states  # day 60: the urgency procedure ends within a week
    later = legal_limits(pathway, START + timedelta(days=80))
    assert [item["state"] for item in later if item["on"] <= START + timedelta(days=74)] == ["passed"] * len(
        [item for item in later if item["on"] <= START + timedelta(days=74)]
    )


def test_bad_input_saves_nothing(world):
    template = PathwayTemplate.objects.get(slug="save-guidance-nl")
    world.dossier.opened_on = date(2026, 3, 1)
    world.dossier.save(update_fields=["opened_on"])
    with pytest.raises(ValidationError) as error:
        pathway_start(
            actor=world.circle_member, dossier=world.dossier, template=template, started_on=date(2026, 2, 1)
        )
    assert "started_on" in error.value.message_dict
    step = template.steps.get(key="analyse")
    step.roles = ["wizard"]
    step.save()
    with pytest.raises(ValidationError):
        pathway_start(
            actor=world.circle_member, dossier=world.dossier, template=template, started_on=date(2026, 3, 2)
        )
    assert not Pathway.objects.exists() and not PathwayStep.objects.exists()


def test_others_may_not_move_steps(pathway, world):
    from django.core.exceptions import PermissionDenied

    hearing = pathway.steps.get(key="court-hearing")
    with pytest.raises(PermissionDenied):
        step_move(actor=world.other_team, step=hearing, new_start=hearing.planned_start + timedelta(days=2))


def test_page_shows_chart_table_and_agenda_lists_my_steps(pathway, world, client_for):
    response = client_for("circle_member").get(reverse("pathway_overview", args=[world.dossier.pk]))
    assert response.status_code == 200
    assert b"<svg" in response.content and b"step-court-hearing" in response.content
    agenda = client_for("circle_member").get(reverse("agenda")).content.decode()
    assert world.dossier.reference in agenda
    assert world.dossier.reference not in client_for("other_team").get(reverse("agenda")).content.decode()


def test_a_step_can_be_marked_done_on_an_earlier_day_with_who_and_when_recorded(pathway, world, client_for):
    from tests.pathways.conftest import local

    hearing = pathway.steps.get(key="court-hearing")
    with time_machine.travel(local(2026, 3, 10, 9, 30), tick=False):
        response = client_for("circle_member").post(
            reverse("pathway_step_done", args=[world.dossier.pk, hearing.pk]),
            {"done_on": "2026-03-05", "artefact_url": ""},
        )
        assert response.status_code == 302
        hearing.refresh_from_db()
        assert hearing.done_on == date(2026, 3, 5)
        assert hearing.done_recorded_by == world.circle_member
        assert hearing.done_recorded_at == local(2026, 3, 10, 9, 30)
        page = client_for("circle_member").get(reverse("pathway_overview", args=[world.dossier.pk]))
        assert b"data-done-recorded" in page.content and b'name="done_on" type="date"' in page.content
        tomorrow = pathway.steps.get(key="feedback")
        with pytest.raises(ValidationError) as refused:
            step_done(actor=world.circle_member, step=tomorrow, done_on=date(2026, 3, 11))
        assert refused.value.message_dict["done_on"] == [str(DONE_IN_FUTURE)]
        tomorrow.refresh_from_db()
        assert tomorrow.done_on is None and tomorrow.done_recorded_by is None


def test_the_page_lists_open_steps_first_and_folds_the_done_ones(pathway, world, client_for):
    from tests.pathways.conftest import local

    with time_machine.travel(local(2026, 3, 10, 9, 30), tick=False):
        for key in ("claim", "crisis-assessment"):
            step_done(actor=world.circle_member, step=pathway.steps.get(key=key), done_on=START)
        page = client_for("circle_member").get(reverse("pathway_overview", args=[world.dossier.pk]))
    html = page.content.decode()
    open_table = html[html.index('data-steps="open"') : html.index('data-steps="done"')]
    done_fold = html[html.index('<details class="kring-fold" data-steps="done">') :]
    assert 'id="step-court-hearing"' in open_table and 'id="step-claim"' not in open_table
    assert 'id="step-claim"' in done_fold and 'id="step-crisis-assessment"' in done_fold
    assert "2 stappen klaar" in done_fold
    expected = sorted(pathway.steps.filter(done_on__isnull=True), key=lambda s: (s.planned_end, s.order))
    assert [s.key for s in page.context["open_steps"]] == [s.key for s in expected]
