"""The advice to the judge: composed from the dossier, edited with a version check, approved by a team lead
or behavioural scientist who is not the author, kept as a signed PDF that reads back; who must not see it."""

import hashlib
from datetime import date, datetime
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kring.access.policy import DossierClosed
from kring.accounts.models import Role
from kring.cases.models import DossierStatus, Participant, ParticipantRole, Person
from kring.cases.services import history, placement
from kring.safety import advice
from kring.safety.advice import NOT_THE_AUTHOR, ONLY_APPROVERS, STALE
from kring.safety.models import (
    AdviceStatus,
    BottomLine,
    JournalEntry,
    JudgeAdviceVersion,
    PlanVersion,
    SafetyPlan,
    ScaleRating,
    Signature,
)

from ..factories import CircleMemberFactory, MembershipFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 7, 13)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(
        datetime(2026, 7, 13, 10, 0, tzinfo=timezone.get_current_timezone()), tick=False
    ):
        yield


@pytest.fixture
def worked(world):
    """A dossier with a measure, a crisis placement, a bottom line, a signed plan, scores and the mother's
    words in the journal."""
    dossier = world.dossier
    child = dossier.children.get()
    history.measure_start(
        actor=None,
        dossier=dossier,
        child=child,
        kind="nl_ots",
        started_on=date(2026, 6, 1),
        planned_end_on=date(2027, 6, 1),
        decided_by="kinderrechter Wijland",
    )
    placement.placement_record(
        actor=None,
        dossier=dossier,
        child=child,
        kind="crisis",
        started_on=date(2026, 6, 1),
        decided_by="judge",
        decided_by_name="kinderrechter Wijland",
        reason="Onveilig thuis.",
    )
    BottomLine.objects.create(
        dossier=dossier,
        text="Noor slaapt nooit alleen thuis met vader.",
        set_by_kind="judge",
        set_by_name="kinderrechter Wijland",
        status="met",
        evidence="Vier weken geen incident.",
    )
    mother = Person.objects.create(first_name="Fatma", last_name="Visser")
    parent = Participant.objects.create(
        dossier=dossier, person=mother, role=ParticipantRole.PARENT, relation="moeder"
    )
    plan = SafetyPlan.objects.create(dossier=dossier, title="Veilig thuis")
    version = PlanVersion.objects.create(plan=plan, number=1, signed_at=timezone.now())
    Signature.objects.create(version=version, participant=parent)
    seat = dossier.circle.get(user=world.circle_member)
    for day, family, professional in ((date(2026, 6, 2), 3, 2), (date(2026, 7, 10), 7, 6)):
        ScaleRating.objects.create(
            dossier=dossier, question="safety", participant=parent, score=family, rated_on=day
        )
        ScaleRating.objects.create(
            dossier=dossier, question="safety", circle_member=seat, score=professional, rated_on=day
        )
    JournalEntry.objects.create(
        dossier=dossier,
        happened_on=date(2026, 7, 1),
        text="We eten weer samen aan tafel.",
        said_by_participant=parent,
    )
    return dossier


def _draft(world):
    return advice.advice_create(
        actor=world.circle_member, dossier=world.dossier, title="Advies aan de kinderrechter"
    )


def _complete(world, draft):
    return advice.advice_update(
        actor=world.circle_member,
        advice=draft,
        revision=draft.revision,
        proposal="extend",
        extend_until=date(2026, 8, 24),
        extension_condition="family_goals_reached",
        motivation="Nog twee doelen van het gezin zijn binnen bereik.",
    )


def test_the_draft_is_composed_from_the_dossier(world, worked):
    draft = _draft(world)

    assert "kinderrechter Wijland" in draft.frame and "crisisplaatsing" in draft.frame
    assert "Noor slaapt nooit alleen thuis met vader." in draft.bottom_lines
    assert "Vier weken geen incident." in draft.bottom_lines
    assert "Veilig thuis" in draft.safety_plan and "Fatma Visser (moeder)" in draft.safety_plan
    assert "3 → 7" in draft.scaling and "2 → 6" in draft.scaling
    assert "We eten weer samen aan tafel." in draft.family_view
    assert draft.status == AdviceStatus.DRAFT and draft.author == world.circle_member


def test_an_empty_dossier_gets_honest_placeholders(world):
    draft = _draft(world)
    assert "Er zijn geen ondergrenzen gesteld." in draft.bottom_lines
    assert "Er is nog geen veiligheidsplan ondertekend." in draft.safety_plan


def test_a_stale_edit_is_refused_and_loses_nothing(world, worked):
    draft = _draft(world)
    advice.advice_update(
        actor=world.team_lead, advice=draft, revision=1, family_view="Moeder: het gaat beter."
    )

    with pytest.raises(ValidationError) as refused:
        advice.advice_update(actor=world.circle_member, advice=draft, revision=1, family_view="Oude tekst.")

    assert refused.value.messages == [str(STALE)]
    draft.refresh_from_db()
    assert draft.family_view == "Moeder: het gaat beter." and draft.revision == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"proposal": "maybe"}, "proposal"),
        ({"proposal": "stop", "extension_condition": "family_goals_reached"}, "extension_condition"),
        ({"frame": "x" * 6001}, "frame"),
    ],
)
def test_bad_edits_are_refused(world, fields, field):
    draft = _draft(world)
    with pytest.raises(ValidationError) as refused:
        advice.advice_update(actor=world.circle_member, advice=draft, revision=draft.revision, **fields)
    assert field in refused.value.error_dict
    draft.refresh_from_db()
    assert draft.revision == 1


def test_the_author_may_not_approve(world, worked):
    draft = advice.advice_create(actor=world.team_lead, dossier=world.dossier, title="Advies")
    draft = advice.advice_update(
        actor=world.team_lead, advice=draft, revision=1, proposal="stop", motivation="Veilig."
    )
    with pytest.raises(ValidationError) as refused:
        advice.advice_approve(actor=world.team_lead, advice=draft, revision=draft.revision)
    assert refused.value.messages == [str(NOT_THE_AUTHOR)]
    assert not JudgeAdviceVersion.objects.exists()


def test_a_case_worker_may_not_approve(world, worked):
    draft = advice.advice_create(actor=world.team_lead, dossier=world.dossier, title="Advies")
    draft = advice.advice_update(
        actor=world.team_lead, advice=draft, revision=1, proposal="stop", motivation="Veilig."
    )
    with pytest.raises(ValidationError) as refused:
        advice.advice_approve(actor=world.circle_member, advice=draft, revision=draft.revision)
    assert refused.value.messages == [str(ONLY_APPROVERS)]


def test_an_incomplete_advice_is_not_approved(world, worked):
    draft = _draft(world)
    draft = advice.advice_update(actor=world.circle_member, advice=draft, revision=1, proposal="extend")
    with pytest.raises(ValidationError) as refused:
        advice.advice_approve(actor=world.team_lead, advice=draft, revision=draft.revision)
    assert {"extend_until", "motivation"} <= set(refused.value.error_dict)


def test_the_team_lead_approves_and_the_signed_pdf_reads_back(world, worked):
    draft = _complete(world, _draft(world))

    version = advice.advice_approve(actor=world.team_lead, advice=draft, revision=draft.revision)

    draft.refresh_from_db()
    assert draft.status == AdviceStatus.APPROVED and version.number == 1
    pdf = bytes(version.pdf)
    assert hashlib.sha256(pdf).hexdigest() == version.sha256
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())
    assert "Noor slaapt nooit alleen thuis met vader." in text
    assert "We eten weer samen aan tafel." in text
    assert "enkele doelen van het gezin worden met de verlenging wel bereikt" in text
    assert "goedgekeurd en elektronisch ondertekend door" in text
    assert world.team_lead.get_full_name() in text
    # approving the same text twice makes no second version; an edit makes it a draft again
    with pytest.raises(ValidationError):
        advice.advice_approve(actor=world.team_lead, advice=draft, revision=draft.revision)
    edited = advice.advice_update(
        actor=world.circle_member, advice=draft, revision=draft.revision, motivation="Bijgewerkt."
    )
    assert edited.status == AdviceStatus.DRAFT
    assert advice.advice_approve(actor=world.team_lead, advice=edited, revision=edited.revision).number == 2


def test_a_behavioural_scientist_in_the_circle_approves(world, worked):
    scientist = MembershipFactory(
        team=None, organisation=world.dossier.owning_team.organisation, role=Role.BEHAVIOURAL_SCIENTIST
    )
    CircleMemberFactory(dossier=world.dossier, membership=scientist, case_role="gedragswetenschapper")
    draft = _complete(world, _draft(world))
    version = advice.advice_approve(actor=scientist.user, advice=draft, revision=draft.revision)
    assert version.approver_role == str(Role.BEHAVIOURAL_SCIENTIST.label)


def test_emergency_access_approves_nothing(world, worked):
    draft = _complete(world, _draft(world))
    with pytest.raises(PermissionDenied):
        advice.advice_approve(actor=world.break_glass, advice=draft, revision=draft.revision)


def test_a_closed_dossier_refuses_new_advice(world):
    type(world.dossier).objects.filter(pk=world.dossier.pk).update(status=DossierStatus.CLOSED)
    world.dossier.refresh_from_db()
    with pytest.raises(DossierClosed):
        _draft(world)


def test_pages_compose_edit_approve_and_download(world, worked, client_for):
    worker, lead = client_for("circle_member"), client_for("team_lead")
    created = worker.post(reverse("safety_advice_add", args=[world.dossier.pk]), {"title": "Advies"})
    assert created.status_code == 302
    draft = world.dossier.judge_advices.get()
    form = {
        "revision": draft.revision,
        "title": "Advies",
        "proposal": "stop",
        "motivation": "Veilig genoeg.",
        "frame": draft.frame,
        "bottom_lines": draft.bottom_lines,
        "safety_plan": draft.safety_plan,
        "scaling": draft.scaling,
        "family_view": draft.family_view,
    }
    assert (
        worker.post(reverse("safety_advice_edit", args=[world.dossier.pk, draft.pk]), form).status_code == 302
    )
    stale = worker.post(reverse("safety_advice_edit", args=[world.dossier.pk, draft.pk]), form)
    assert stale.status_code == 400 and "Iemand anders heeft dit advies gewijzigd" in stale.content.decode()
    own = worker.post(reverse("safety_advice_approve", args=[world.dossier.pk, draft.pk]), {"revision": 2})
    assert own.status_code == 400
    assert (
        lead.post(
            reverse("safety_advice_approve", args=[world.dossier.pk, draft.pk]), {"revision": 2}
        ).status_code
        == 302
    )
    pdf = worker.get(reverse("safety_advice_pdf", args=[world.dossier.pk, draft.pk, 1]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_api_edit_conflict_is_409(world, worked, client_for):
    client = client_for("circle_member")
    created = client.post(
        reverse("api:compose_advice", args=[world.dossier.pk]),
        {"title": "Advies"},
        content_type="application/json",
    )
    assert created.status_code == 201
    url = reverse("api:edit_advice", args=[world.dossier.pk, created.json()["id"]])
    assert (
        client.post(url, {"revision": 1, "proposal": "stop"}, content_type="application/json").status_code
        == 200
    )
    conflict = client.post(url, {"revision": 1, "proposal": "continue"}, content_type="application/json")
    assert conflict.status_code == 409 and "Iemand anders" in conflict.json()["detail"]


@pytest.mark.parametrize("persona", ["other_team", "other_org", "privacy_officer"])
def test_who_may_not_see_gets_404(world, worked, client_for, persona):
    draft = _draft(world)
    client = client_for(persona)
    for url in (
        reverse("safety_advice", args=[world.dossier.pk, draft.pk]),
        reverse("api:get_advice", args=[world.dossier.pk, draft.pk]),
        reverse("api:list_advices", args=[world.dossier.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Noor slaapt" not in response.content
