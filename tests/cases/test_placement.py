"""Placement and residence: one child's stays never overlap, the day-6 decision of the urgency procedure, the
legal line and the dossier page, the API, and who must not see or write them."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.cases.models import DossierEvent, EventKind, Placement, PlacementKind
from kring.cases.services import placement
from kring.cases.services.placement import OVERLAPPING_PLACEMENT, CrisisDecision

from ..factories import DossierFactory, PlacementFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def child(world):
    return world.dossier.children.get()


def _record(world, child, **kwargs):
    data = {
        "actor": world.circle_member,
        "dossier": world.dossier,
        "child": child,
        "kind": PlacementKind.CRISIS,
        "started_on": date(2026, 6, 1),
        "decided_by": "judge",
        "decided_by_name": "jeugdrechter Gent",
        "reason": "Onveilig thuis na incident.",
    }
    data.update(kwargs)
    return placement.placement_record(**data)


def test_it_records_a_stay_with_audit_and_history(world, child):
    stay = _record(world, child, place="crisisopvang De Brug")

    assert stay.kind == PlacementKind.CRISIS and stay.ended_on is None
    assert AuditEntry.objects.filter(
        dossier_id=world.dossier.pk, action="create", object_id=str(stay.pk)
    ).exists()
    event = DossierEvent.objects.get(dossier=world.dossier, kind=EventKind.PLACEMENT)
    assert child.first_name in event.summary


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 6, 3), None),  # inside a running stay
        (date(2026, 5, 1), date(2026, 6, 2)),  # ends inside it
        (date(2026, 5, 1), None),  # open-ended from before it
    ],
)
def test_it_refuses_overlapping_stays_and_saves_nothing(world, child, start, end):
    _record(world, child)
    events = DossierEvent.objects.count()

    with pytest.raises(ValidationError) as refused:
        _record(world, child, kind=PlacementKind.AT_HOME, started_on=start, ended_on=end)

    assert "started_on" in refused.value.error_dict
    message = refused.value.error_dict["started_on"][0]
    assert message.message == OVERLAPPING_PLACEMENT
    assert Placement.objects.count() == 1
    assert DossierEvent.objects.count() == events


def test_overlap_counts_across_dossiers_of_the_same_child(world, child):
    other = DossierFactory(owning_team=world.dossier.owning_team)
    other.children.add(child)
    placement.placement_record(
        actor=None,
        dossier=other,
        child=child,
        kind=PlacementKind.FOSTER_FAMILY,
        started_on=date(2026, 1, 1),
        decided_by="judge",
        reason="x",
    )
    with pytest.raises(ValidationError):
        _record(world, child)


def test_a_stay_may_start_on_the_day_the_previous_one_ended(world, child):
    _record(world, child, started_on=date(2026, 5, 1), ended_on=date(2026, 6, 1), kind=PlacementKind.AT_HOME)
    stay = _record(world, child)
    assert stay.started_on == date(2026, 6, 1)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"ended_on": date(2026, 5, 1)}, "ended_on"),
        ({"planned_end_on": date(2026, 5, 1)}, "planned_end_on"),
        ({"reason": "  "}, "reason"),
        ({"kind": "on_the_moon"}, "kind"),
        ({"decided_by": "neighbour"}, "decided_by"),
    ],
)
def test_it_refuses_bad_input(world, child, kwargs, field):
    with pytest.raises(ValidationError) as refused:
        _record(world, child, **kwargs)
    assert field in refused.value.error_dict
    assert not Placement.objects.exists()


def test_it_refuses_a_child_of_another_dossier(world):
    stranger = DossierFactory().children.get()
    with pytest.raises(ValidationError) as refused:
        _record(world, stranger)
    assert "child" in refused.value.error_dict


def test_day_six_return_home_ends_the_crisis_stay_and_starts_one_at_home(world, child):
    crisis = _record(world, child, planned_end_on=date(2026, 6, 7))

    home = placement.crisis_decide(
        actor=world.circle_member,
        placement=crisis,
        decision=CrisisDecision.RETURN_HOME,
        decided_on=date(2026, 6, 6),
        decided_by="judge",
        reason="Veiligheidsplan met drie netwerkvolwassenen staat.",
    )

    crisis.refresh_from_db()
    assert crisis.ended_on == date(2026, 6, 6)
    assert home.kind == PlacementKind.AT_HOME and home.started_on == date(2026, 6, 6)
    assert DossierEvent.objects.filter(kind=EventKind.PLACEMENT, summary__contains="terug naar huis").exists()


def test_day_six_extension_moves_the_planned_end(world, child):
    crisis = _record(world, child, planned_end_on=date(2026, 6, 7))

    after = placement.crisis_decide(
        actor=world.circle_member,
        placement=crisis,
        decision=CrisisDecision.EXTEND,
        decided_on=date(2026, 6, 6),
        decided_by="judge",
        reason="Nog geen veilige plek thuis.",
        extend_until=date(2026, 7, 12),
    )

    assert after.pk == crisis.pk and after.planned_end_on == date(2026, 7, 12) and after.ended_on is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"decision": "extend", "extend_until": None}, "extend_until"),
        ({"decision": "extend", "extend_until": date(2026, 6, 5)}, "extend_until"),
        ({"decision": "maybe"}, "decision"),
        ({"decided_on": date(2026, 5, 1)}, "decided_on"),
    ],
)
def test_day_six_refuses_bad_input(world, child, kwargs, field):
    crisis = _record(world, child, planned_end_on=date(2026, 6, 7))
    data = {"decision": "return_home", "decided_on": date(2026, 6, 6), "decided_by": "judge", "reason": "x"}
    data.update(kwargs)
    with pytest.raises(ValidationError) as refused:
        placement.crisis_decide(actor=world.circle_member, placement=crisis, **data)
    assert field in refused.value.error_dict
    crisis.refresh_from_db()
    assert crisis.ended_on is None and crisis.planned_end_on == date(2026, 6, 7)
    assert Placement.objects.count() == 1


def test_day_six_only_on_a_running_crisis_placement(world, child):
    home = _record(world, child, kind=PlacementKind.AT_HOME)
    with pytest.raises(ValidationError):
        placement.crisis_decide(
            actor=world.circle_member,
            placement=home,
            decision="return_home",
            decided_on=TODAY,
            decided_by="judge",
            reason="x",
        )


@pytest.mark.parametrize("persona", ["other_team", "other_org", "break_glass", "privacy_officer"])
def test_who_may_not_write_gets_404(world, child, persona):
    with pytest.raises(PermissionDenied):
        _record(world, child, actor=world.user(persona))
    assert not Placement.objects.exists()


def test_pages_show_the_stays_on_the_dossier_page_and_the_legal_line(world, child, client_for):
    _record(world, child, place="crisisopvang De Brug")
    client = client_for("circle_member")

    page = client.get(reverse("dossier_detail", args=[world.dossier.pk])).content.decode()
    assert "crisisopvang De Brug" in page
    timeline = client.get(reverse("dossier_timeline", args=[world.dossier.pk])).content.decode()
    assert f"crisisplaatsing ({child.first_name})" in timeline
    listing = client.get(reverse("dossier_placements", args=[world.dossier.pk])).content.decode()
    assert "Onveilig thuis na incident." in listing


@pytest.mark.parametrize("persona", ["other_team", "other_org", "privacy_officer"])
def test_pages_and_api_hide_stays_from_who_may_not_see(world, child, client_for, persona):
    _record(world, child, place="crisisopvang De Brug")
    client = client_for(persona)
    for url in (
        reverse("dossier_placements", args=[world.dossier.pk]),
        reverse("api:list_placements", args=[world.dossier.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"De Brug" not in response.content


def test_the_page_form_refuses_an_overlap_with_a_message(world, child, client_for):
    _record(world, child)
    response = client_for("circle_member").post(
        reverse("dossier_placement_add", args=[world.dossier.pk]),
        {
            "child": child.pk,
            "kind": "at_home",
            "started_on": "2026-06-03",
            "decided_by": "case_worker",
            "reason": "Terug naar huis",
        },
    )
    assert response.status_code == 400
    assert "woont in die periode al ergens anders" in response.content.decode()
    assert Placement.objects.count() == 1


def test_api_records_lists_and_decides(world, child, client_for):
    client = client_for("circle_member")
    url = reverse("api:record_placement", args=[world.dossier.pk])
    body = {
        "child_id": child.pk,
        "kind": "crisis",
        "started_on": "2026-06-01",
        "planned_end_on": "2026-06-07",
        "decided_by": "judge",
        "reason": "Onveilig thuis.",
    }
    created = client.post(url, body, content_type="application/json")
    assert created.status_code == 201, created.content
    overlap = client.post(url, {**body, "kind": "at_home"}, content_type="application/json")
    assert overlap.status_code == 422
    decided = client.post(
        reverse("api:decide_crisis_placement", args=[world.dossier.pk, created.json()["id"]]),
        {
            "decision": "return_home",
            "decided_on": "2026-06-06",
            "decided_by": "judge",
            "reason": "Plan staat.",
        },
        content_type="application/json",
    )
    assert decided.status_code == 200, decided.content
    assert decided.json()["kind"] == "at_home"
    listed = client.get(reverse("api:list_placements", args=[world.dossier.pk])).json()
    assert [(p["kind"], p["ended_on"]) for p in listed] == [("crisis", "2026-06-06"), ("at_home", None)]


def test_day_six_return_home_refuses_when_a_later_stay_is_recorded(world, child):
    crisis = _record(world, child, planned_end_on=date(2026, 6, 7))
    PlacementFactory(
        dossier=world.dossier,
        child=child,
        kind=PlacementKind.FOSTER_FAMILY,
        started_on=date(2026, 6, 10),
        decided_by="judge",
        reason="x",
    )
    with pytest.raises(ValidationError) as refused:
        placement.crisis_decide(
            actor=world.circle_member,
            placement=crisis,
            decision=CrisisDecision.RETURN_HOME,
            decided_on=date(2026, 6, 6),
            decided_by="judge",
            reason="x",
        )
    assert "decided_on" in refused.value.error_dict
    crisis.refresh_from_db()
    assert crisis.ended_on is None
