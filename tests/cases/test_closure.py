"""Closing a dossier with four eyes: what is still open refuses the closure, the team lead of the owning
team (never the proposer) confirms, a closed dossier refuses writes, retention counts from the closure date,
and reopening needs a reason and is in the history."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.access.policy import DOSSIER_CLOSED, DossierClosed
from kring.accounts.models import Role
from kring.cases.closure_items import OpenItem, open_items, register_open_items
from kring.cases.models import (
    ClosureStatus,
    DossierEvent,
    DossierStatus,
    EventKind,
    Measure,
    MeasureKind,
)
from kring.cases.services import closure, history
from kring.cases.services.closure import NOT_YOUR_OWN, ONLY_TEAM_LEAD, STILL_OPEN
from kring.retention.models import RetentionRule
from kring.retention.selectors import retention_report

from ..factories import ConsentFactory, MeasureFactory, MembershipFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 9, 1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def measure(world):
    return history.measure_start(
        actor=world.circle_member,
        dossier=world.dossier,
        child=world.dossier.children.get(),
        kind=MeasureKind.NL_OTS,
        started_on=date(2026, 3, 1),
        planned_end_on=date(2027, 3, 1),
    )


def _end(world, measure):
    history.measure_end(
        actor=world.circle_member, measure=measure, ended_on=date(2026, 8, 20), end_reason="goals_reached"
    )


def _propose(world):
    return closure.closure_propose(
        actor=world.circle_member, dossier=world.dossier, summary="Doelen bereikt."
    )


def test_a_running_measure_refuses_the_proposal_and_saves_nothing(world, measure):
    with pytest.raises(ValidationError) as refused:
        _propose(world)

    assert refused.value.messages[0] == str(STILL_OPEN)
    assert "nog" in refused.value.messages[1] or "runs" in refused.value.messages[1]
    assert not world.dossier.closures.exists()
    assert not DossierEvent.objects.filter(kind=EventKind.CLOSURE_PROPOSED).exists()


def test_a_measure_ended_without_a_reason_is_still_open(world, measure):
    Measure.objects.filter(pk=measure.pk).update(ended_on=date(2026, 8, 1), end_reason="")
    assert [item.kind for item in open_items(world.dossier, TODAY)] == ["measure"]


def test_registered_providers_add_their_items(world):
    register_open_items("test_provider", lambda dossier, day: [OpenItem("thing", "Een ding staat open.")])
    try:
        with pytest.raises(ValidationError) as refused:
            _propose(world)
        assert "Een ding staat open." in refused.value.messages
    finally:
        from kring.cases import closure_items

        closure_items._providers.pop("test_provider")


def test_the_proposal_needs_a_summary(world):
    with pytest.raises(ValidationError) as refused:
        closure.closure_propose(actor=world.circle_member, dossier=world.dossier, summary="  ")
    assert "summary" in refused.value.error_dict


def test_only_one_proposal_waits_at_a_time(world):
    _propose(world)
    with pytest.raises(ValidationError):
        _propose(world)
    assert world.dossier.closures.count() == 1


def test_four_eyes_the_proposer_cannot_confirm(world):
    proposal = closure.closure_propose(actor=world.team_lead, dossier=world.dossier, summary="Klaar.")
    with pytest.raises(ValidationError) as refused:
        closure.closure_confirm(actor=world.team_lead, closure=proposal)
    assert refused.value.messages == [str(NOT_YOUR_OWN)]
    world.dossier.refresh_from_db()
    assert world.dossier.status == DossierStatus.OPEN


def test_a_case_worker_cannot_confirm(world):
    proposal = _propose(world)
    colleague = MembershipFactory(team=world.dossier.owning_team).user
    world.dossier.circle.create(user=colleague, membership=colleague.memberships.get(), case_role="x")
    with pytest.raises(ValidationError) as refused:
        closure.closure_confirm(actor=colleague, closure=proposal)
    assert refused.value.messages == [str(ONLY_TEAM_LEAD)]


@pytest.mark.parametrize("persona", ["other_team", "other_org", "break_glass", "privacy_officer"])
def test_outsiders_cannot_propose_or_confirm(world, persona):
    with pytest.raises(PermissionDenied):
        closure.closure_propose(actor=world.user(persona), dossier=world.dossier, summary="x")
    proposal = _propose(world)
    with pytest.raises(PermissionDenied):
        closure.closure_confirm(actor=world.user(persona), closure=proposal)


def test_a_team_lead_of_another_team_cannot_confirm(world):
    other_lead = MembershipFactory(role=Role.TEAM_LEAD).user
    proposal = _propose(world)
    with pytest.raises(PermissionDenied):
        closure.closure_confirm(actor=other_lead, closure=proposal)


def test_confirmation_closes_the_dossier_and_writes_refuse(world, measure):
    _end(world, measure)
    proposal = _propose(world)

    done = closure.closure_confirm(actor=world.team_lead, closure=proposal, note="Akkoord.")

    world.dossier.refresh_from_db()
    assert world.dossier.status == DossierStatus.CLOSED
    assert done.status == ClosureStatus.CONFIRMED and done.closed_on == TODAY
    assert DossierEvent.objects.filter(dossier=world.dossier, kind=EventKind.CLOSED).exists()
    with pytest.raises(DossierClosed) as refused:
        history.measure_start(
            actor=world.circle_member,
            dossier=world.dossier,
            child=world.dossier.children.get(),
            kind=MeasureKind.NL_OTS,
            started_on=date(2026, 9, 1),
        )
    assert str(refused.value.message) == str(DOSSIER_CLOSED)


def test_something_started_after_the_proposal_refuses_the_confirmation(world):
    proposal = _propose(world)
    history.measure_start(
        actor=world.circle_member,
        dossier=world.dossier,
        child=world.dossier.children.get(),
        kind=MeasureKind.NL_OTS,
        started_on=date(2026, 8, 30),
    )
    with pytest.raises(ValidationError):
        closure.closure_confirm(actor=world.team_lead, closure=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ClosureStatus.PROPOSED


def test_rejection_needs_a_note_and_keeps_the_dossier_open(world):
    proposal = _propose(world)
    with pytest.raises(ValidationError):
        closure.closure_reject(actor=world.team_lead, closure=proposal, note="")
    closure.closure_reject(actor=world.team_lead, closure=proposal, note="Eerst eindgesprek met moeder.")
    proposal.refresh_from_db()
    world.dossier.refresh_from_db()
    assert proposal.status == ClosureStatus.REJECTED
    assert world.dossier.status == DossierStatus.OPEN
    _propose(world)  # a new proposal may follow


def _closed(world):
    proposal = _propose(world)
    return closure.closure_confirm(actor=world.team_lead, closure=proposal)


def test_reopening_needs_a_reason_and_is_in_the_history(world):
    _closed(world)
    with pytest.raises(ValidationError) as refused:
        closure.dossier_reopen(actor=world.team_lead, dossier=world.dossier, reason=" ")
    assert "reason" in refused.value.error_dict

    reopened = closure.dossier_reopen(
        actor=world.circle_member, dossier=world.dossier, reason="Nieuwe melding."
    )

    world.dossier.refresh_from_db()
    assert world.dossier.status == DossierStatus.OPEN
    assert reopened.status == ClosureStatus.REOPENED and reopened.reopen_reason == "Nieuwe melding."
    assert DossierEvent.objects.filter(dossier=world.dossier, kind=EventKind.REOPENED).exists()
    history.measure_start(  # writing works again
        actor=world.circle_member,
        dossier=world.dossier,
        child=world.dossier.children.get(),
        kind=MeasureKind.NL_OTS,
        started_on=TODAY,
    )


@pytest.mark.parametrize("persona", ["other_team", "other_org", "break_glass", "privacy_officer"])
def test_outsiders_cannot_reopen(world, persona):
    _closed(world)
    with pytest.raises(PermissionDenied):
        closure.dossier_reopen(actor=world.user(persona), dossier=world.dossier, reason="x")
    world.dossier.refresh_from_db()
    assert world.dossier.status == DossierStatus.CLOSED


def test_reopening_an_open_dossier_is_refused(world):
    with pytest.raises(ValidationError):
        closure.dossier_reopen(actor=world.team_lead, dossier=world.dossier, reason="x")


def test_retention_counts_from_the_closure_date(world):
    RetentionRule.objects.update_or_create(
        jurisdiction="NL", measure_kind="", defaults={"years_after_end": 15, "until_age": None}
    )
    _closed(world)
    admin = MembershipFactory(
        team=None, organisation=world.dossier.owning_team.organisation, role=Role.FUNCTIONAL_ADMIN
    ).user

    (entry,) = retention_report(user=admin, today=TODAY)

    assert entry.help_ended_on == TODAY
    assert entry.keep_until == date(2041, 9, 1)


def test_pages_walk_the_four_eyes(world, client_for):
    lead, worker = client_for("team_lead"), client_for("circle_member")
    page = reverse("dossier_closure", args=[world.dossier.pk])
    assert "Niets staat meer open" in worker.get(page).content.decode()

    response = worker.post(reverse("dossier_closure_propose", args=[world.dossier.pk]), {"summary": "Klaar."})
    assert response.status_code == 302
    pending = world.dossier.closures.get()
    refused = worker.post(reverse("dossier_closure_confirm", args=[world.dossier.pk, pending.pk]), {})
    assert refused.status_code == 400
    assert (
        lead.post(reverse("dossier_closure_confirm", args=[world.dossier.pk, pending.pk]), {}).status_code
        == 302
    )
    world.dossier.refresh_from_db()
    assert world.dossier.status == DossierStatus.CLOSED
    assert "gesloten" in lead.get(reverse("dossier_detail", args=[world.dossier.pk])).content.decode()

    bad = lead.post(reverse("dossier_reopen", args=[world.dossier.pk]), {"reason": ""})
    assert bad.status_code == 400
    assert (
        lead.post(reverse("dossier_reopen", args=[world.dossier.pk]), {"reason": "Nieuwe zorg."}).status_code
        == 302
    )
    world.dossier.refresh_from_db()
    assert world.dossier.status == DossierStatus.OPEN


def test_closure_page_shows_open_items_and_its_queries_stay_bounded(world, client_for, measure):
    client = client_for("circle_member")
    url = reverse("dossier_closure", args=[world.dossier.pk])
    client.get(url)  # warm the session and caches

    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert "loopt nog" in response.content.decode() or "still runs" in response.content.decode()
    for n in range(8):  # a much larger dossier: more measures, closures and reopenings
        child = world.dossier.children.create(first_name=f"Kind{n}", last_name="Visser")
        MeasureFactory(dossier=world.dossier, child=child, kind="nl_ots", started_on=date(2026, 1, 1))
    for _ in range(3):
        world.dossier.closures.create(
            status=ClosureStatus.REJECTED, summary="x", proposed_by=world.circle_member, proposed_on=TODAY
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_api_proposes_confirms_reopens(world, client_for):
    worker, lead = client_for("circle_member"), client_for("team_lead")
    state = worker.get(reverse("api:closure_state", args=[world.dossier.pk])).json()
    assert state == {"status": "open", "open_items": [], "closures": []}

    proposed = worker.post(
        reverse("api:propose_closure", args=[world.dossier.pk]),
        {"summary": "Klaar."},
        content_type="application/json",
    )
    assert proposed.status_code == 201
    pk = proposed.json()["id"]
    own = worker.post(
        reverse("api:confirm_closure", args=[world.dossier.pk, pk]), {}, content_type="application/json"
    )
    assert own.status_code == 422
    confirmed = lead.post(
        reverse("api:confirm_closure", args=[world.dossier.pk, pk]), {}, content_type="application/json"
    )
    assert confirmed.status_code == 200 and confirmed.json()["closed_on"] == "2026-09-01"

    no_reason = lead.post(
        reverse("api:reopen_dossier", args=[world.dossier.pk]),
        {"reason": ""},
        content_type="application/json",
    )
    assert no_reason.status_code == 422
    reopened = lead.post(
        reverse("api:reopen_dossier", args=[world.dossier.pk]),
        {"reason": "Nieuwe zorg."},
        content_type="application/json",
    )
    assert reopened.status_code == 200 and reopened.json()["status"] == "reopened"


@pytest.mark.parametrize("persona", ["other_team", "other_org", "privacy_officer"])
def test_who_may_not_see_gets_404_on_the_closure_page_and_api(world, client_for, persona):
    _propose(world)
    client = client_for(persona)
    for url in (
        reverse("dossier_closure", args=[world.dossier.pk]),
        reverse("api:closure_state", args=[world.dossier.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Doelen bereikt" not in response.content


def test_a_partner_organisation_that_sees_the_summary_cannot_propose(world):
    membership = world.other_org.memberships.get()
    world.dossier.circle.create(user=world.other_org, membership=membership, case_role="wijkagent")
    ConsentFactory(
        dossier=world.dossier,
        given_by=world.dossier.children.get(),
        given_on=date(2026, 1, 1),
        scope="Politie mag het verhaal zien",
        shared_with=membership.organisation,
        sections=["summary"],
    )
    with pytest.raises(ValidationError) as refused:
        closure.closure_propose(actor=world.other_org, dossier=world.dossier, summary="Klaar.")
    assert refused.value.messages == [str(closure.ONLY_OWNING_ORGANISATION)]
    assert not world.dossier.closures.exists()
