"""Measures, the lead, scaling and graded consent: their rules, the history they leave, who then sees what."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from kring.access.policy import Action, Section, ShareBasis, decide, organisation_shares
from kring.accounts.models import Organisation, OrganisationKind, Role
from kring.accounts.services import api_token_create
from kring.audit.models import AuditEntry
from kring.cases.models import (
    AuthorityKind,
    ConsentStep,
    DossierEvent,
    EventKind,
    MeasureKind,
    Participant,
    ParticipantRole,
    Person,
)
from kring.cases.services import history

from ..factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def family(world):
    """World's dossier with a 13-year-old, her mother (with authority) and an aunt without authority."""
    child = world.dossier.children.get()
    child.date_of_birth = date(2013, 4, 2)
    child.save()
    mother = Person.objects.create(first_name="Fatma", last_name="Visser", date_of_birth=date(1985, 1, 1))
    aunt = Person.objects.create(first_name="Lieke", last_name="Visser")
    for person, role, relation in (
        (mother, ParticipantRole.PARENT, "moeder"),
        (aunt, ParticipantRole.INFORMAL, "tante"),
    ):
        Participant.objects.create(dossier=world.dossier, person=person, role=role, relation=relation)
    history.authority_record(
        actor=world.circle_member,
        dossier=world.dossier,
        child=child,
        holder=mother,
        kind=AuthorityKind.PARENTAL,
        started_on=child.date_of_birth,
    )
    return {"child": child, "mother": mother, "aunt": aunt}


@pytest.fixture
def local_team(world):
    """A local-team worker with a seat in the dossier's circle."""
    organisation = OrganisationFactory(name="Wijkteam Oost", kind=OrganisationKind.LOCAL_TEAM)
    membership = MembershipFactory(
        team=None, organisation=organisation, role=Role.CASE_WORKER, user__username="wijk"
    )
    world.dossier.circle.create(
        user=membership.user,
        membership=membership,
        case_role="wijkteammedewerker",
        started_on=date(2026, 1, 1),
    )
    return membership


# --- measures ---------------------------------------------------------------------------------------------


def _ots(world, family, **kwargs):
    defaults = {
        "kind": MeasureKind.NL_OTS,
        "started_on": date(2026, 3, 1),
        "planned_end_on": date(2027, 3, 1),
    }
    return history.measure_start(
        actor=world.circle_member, dossier=world.dossier, child=family["child"], **{**defaults, **kwargs}
    )


def test_a_measure_runs_from_start_to_end_with_its_reason_in_the_history(world, family):
    measure = _ots(world, family, decided_by="kinderrechter Rechtbank Noordkust")
    history.measure_extend(
        actor=world.circle_member,
        measure=measure,
        new_planned_end_on=date(2028, 3, 1),
        reason="Veiligheid thuis nog niet stabiel.",
        decided_on=date(2027, 2, 10),
    )
    history.measure_end(
        actor=world.team_lead, measure=measure, ended_on=date(2027, 9, 1), end_reason="goals_reached"
    )
    measure.refresh_from_db()
    assert (measure.planned_end_on, measure.ended_on, measure.end_reason) == (
        date(2028, 3, 1),
        date(2027, 9, 1),
        "goals_reached",
    )
    extension = measure.extensions.get()
    assert (extension.previous_planned_end_on, extension.reason) == (
        date(2027, 3, 1),
        "Veiligheid thuis nog niet stabiel.",
    )
    kinds = list(
        DossierEvent.objects.filter(dossier=world.dossier)
        .order_by("occurred_on")
        .values_list("kind", flat=True)
    )
    assert kinds == [EventKind.MEASURE_STARTED, EventKind.MEASURE_EXTENDED, EventKind.MEASURE_ENDED]
    audited = AuditEntry.objects.filter(object_type="cases.measure", object_id=str(measure.pk))
    assert sorted(audited.values_list("action", flat=True)) == ["create", "update", "update"]
    assert audited.filter(actor_username="lead", fields=["end_reason", "ended_on"]).exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"planned_end_on": date(2026, 1, 1)}, "planned_end_on"),  # end before start
        ({"kind": MeasureKind.BE_MANO}, "kind"),  # a Flemish measure in a Dutch dossier
    ],
)
def test_impossible_measures_are_refused(kwargs, field, world, family):
    with pytest.raises(ValidationError) as error:
        _ots(world, family, **kwargs)
    assert field in error.value.message_dict
    assert not world.dossier.measures.exists()
    assert not DossierEvent.objects.exists()


def test_overlapping_measures_of_the_same_kind_are_refused(world, family):
    _ots(world, family)
    with pytest.raises(ValidationError) as error:
        _ots(world, family, started_on=date(2026, 9, 1), planned_end_on=date(2027, 9, 1))
    assert "started_on" in error.value.message_dict
    # another kind in the same period is fine: a youth probation next to an OTS
    history.measure_start(
        actor=world.circle_member,
        dossier=world.dossier,
        child=family["child"],
        kind=MeasureKind.NL_YOUTH_PROBATION,
        started_on=date(2026, 9, 1),
    )
    assert world.dossier.measures.count() == 2


def test_a_measure_for_a_child_of_another_dossier_is_refused(world, family):
    stranger = Person.objects.create(first_name="Bram", last_name="Elders", date_of_birth=date(2012, 1, 1))
    with pytest.raises(ValidationError):
        history.measure_start(
            actor=world.circle_member,
            dossier=world.dossier,
            child=stranger,
            kind=MeasureKind.NL_OTS,
            started_on=date(2026, 1, 1),
        )


def test_an_extension_needs_a_reason_and_a_later_end(world, family):
    measure = _ots(world, family)
    for new_end, reason in ((date(2028, 1, 1), "  "), (date(2027, 2, 1), "Nodig")):
        with pytest.raises(ValidationError):
            history.measure_extend(
                actor=world.circle_member,
                measure=measure,
                new_planned_end_on=new_end,
                reason=reason,
                decided_on=date(2027, 1, 1),
            )
    assert not measure.extensions.exists()


def test_ending_needs_a_coded_reason(world, family):
    measure = _ots(world, family)
    with pytest.raises(ValidationError):
        history.measure_end(
            actor=world.circle_member, measure=measure, ended_on=date(2027, 1, 1), end_reason="zomaar"
        )
    measure.refresh_from_db()
    assert measure.ended_on is None


def test_emergency_access_and_other_teams_cannot_write_history(world, family):
    for actor in (world.break_glass, world.other_team, world.other_org):
        with pytest.raises(PermissionDenied):
            history.measure_start(
                actor=actor,
                dossier=world.dossier,
                child=family["child"],
                kind=MeasureKind.NL_OTS,
                started_on=date(2026, 1, 1),
            )
    assert not world.dossier.measures.exists()


def test_a_transfer_of_the_lead_and_scaling_down_are_in_the_history(world, family, local_team):
    own = world.dossier.owning_team.organisation
    history.lead_set(
        actor=world.circle_member,
        dossier=world.dossier,
        organisation=local_team.organisation,
        cooperation_model="partner",
        since=date(2026, 1, 5),
    )
    history.lead_set(
        actor=world.circle_member,
        dossier=world.dossier,
        organisation=own,
        cooperation_model="transfer",
        since=date(2026, 3, 1),
    )
    history.dossier_scale(
        actor=world.circle_member,
        dossier=world.dossier,
        up=False,
        occurred_on=date(2026, 10, 1),
        note="Terug naar het wijkteam.",
    )
    assert world.dossier.leads.first().organisation == own
    kinds = list(world.dossier.events.order_by("occurred_on").values_list("kind", flat=True))
    assert kinds == [EventKind.LEAD_CHANGED, EventKind.LEAD_CHANGED, EventKind.SCALED_DOWN]
    assert AuditEntry.objects.filter(object_type="cases.lead").count() == 2


# --- graded consent and what it opens ----------------------------------------------------------------------


def test_a_parent_with_authority_and_a_young_person_from_12_may_consent(world, family):
    for person in (family["mother"], family["child"]):
        history.consent_give(
            actor=world.circle_member,
            dossier=world.dossier,
            given_by=person,
            given_on=date(2026, 5, 3),
            step=ConsentStep.INVOLVEMENT,
            scope="Betrokkenheid van de jeugdbeschermer",
        )
    assert world.dossier.consents.count() == 2


@pytest.mark.parametrize("who", ["aunt", "young_child"])
def test_consent_by_someone_without_authority_is_refused(who, world, family):
    if who == "young_child":
        family["child"].date_of_birth = date(2016, 1, 1)  # 10 on the day
        family["child"].save()
        person = family["child"]
    else:
        person = family["aunt"]
    with pytest.raises(ValidationError) as error:
        history.consent_give(
            actor=world.circle_member,
            dossier=world.dossier,
            given_by=person,
            given_on=date(2026, 5, 3),
            scope="Alles",
        )
    assert "given_by" in error.value.message_dict
    assert not world.dossier.consents.exists()


def test_shared_sections_need_an_organisation_and_must_exist(world, family, local_team):
    for kwargs in (
        {"sections": ["safety_plan"]},
        {"sections": ["diary"], "shared_with": local_team.organisation},
    ):
        with pytest.raises(ValidationError):
            history.consent_give(
                actor=world.circle_member,
                dossier=world.dossier,
                given_by=family["mother"],
                given_on=date(2026, 5, 3),
                scope="x",
                **kwargs,
            )


def test_seed_consent_withdrawal_removes_partner_access(world, family, local_team):
    """SAVE (seed 001): the local team keeps the lead; mother lets the local team read the safety plan and the
    story, and later withdraws that consent. The local-team worker loses those sections at once — on the
    page and in the API — but still sees whom they work with."""
    worker = local_team.user
    assert not decide(worker, Action.VIEW, world.dossier, Section.SAFETY_PLAN).allowed
    consent = history.consent_give(
        actor=world.circle_member,
        dossier=world.dossier,
        given_by=family["mother"],
        given_on=date(2026, 5, 3),
        step=ConsentStep.SAFETY_CONVERSATION,
        scope="Het wijkteam mag het veiligheidsplan en het verhaal van het gezin lezen.",
        shared_with=local_team.organisation,
        sections=["safety_plan", "summary"],
    )
    assert decide(worker, Action.VIEW, world.dossier, Section.SAFETY_PLAN).allowed
    shares = organisation_shares(world.dossier, local_team.organisation)
    assert shares[Section.SUMMARY].basis == ShareBasis.CONSENT and shares[Section.SUMMARY].consent == consent

    page, api = Client(), Client()
    page.force_login(worker)
    plain = api_token_create(user=worker, name="rapportage", verified=False)[1]
    headers = {"Authorization": f"Bearer {plain}"}
    world.dossier.summary = "Moeder en tante zorgen samen voor de kinderen."
    world.dossier.save()
    assert "Moeder en tante" in page.get(reverse("dossier_detail", args=[world.dossier.pk])).content.decode()
    assert api.get(reverse("api:get_dossier", args=[world.dossier.pk]), headers=headers).json()["summary"]

    history.consent_withdraw(
        actor=world.circle_member, consent=consent, withdrawn_on=date.today(), note="Moeder trekt in."
    )

    assert not decide(worker, Action.VIEW, world.dossier, Section.SAFETY_PLAN).allowed
    assert (
        "Moeder en tante" not in page.get(reverse("dossier_detail", args=[world.dossier.pk])).content.decode()
    )
    body = api.get(reverse("api:get_dossier", args=[world.dossier.pk]), headers=headers).json()
    assert body["summary"] is None
    assert [m["case_role"] for m in body["circle"]]  # still sees whom they work with
    assert world.dossier.events.filter(kind=EventKind.CONSENT_WITHDRAWN).exists()
    read = AuditEntry.objects.filter(actor_id=worker.pk, action="read").latest("sequence")
    assert "summary" not in read.fields


def test_a_compulsory_measure_opens_the_safety_plan_to_the_local_team_and_care_provider(
    world, family, local_team
):
    worker = local_team.user
    assert not decide(worker, Action.VIEW, world.dossier, Section.SAFETY_PLAN).allowed
    _ots(world, family, started_on=date(2025, 1, 1), planned_end_on=date(2030, 1, 1))
    decision = decide(worker, Action.VIEW, world.dossier, Section.SAFETY_PLAN)
    assert decision.allowed
    assert (
        organisation_shares(world.dossier, local_team.organisation)[Section.SAFETY_PLAN].basis
        == ShareBasis.MEASURE
    )
    assert not decide(
        worker, Action.VIEW, world.dossier, Section.MEASURES
    ).allowed  # the court's papers stay closed


def test_a_chain_partner_sees_only_what_is_shared_with_it(world, family):
    police = world.other_org.memberships.get()
    world.dossier.circle.create(
        user=world.other_org, membership=police, case_role="jeugdagent", started_on=date(2026, 1, 1)
    )
    visible = {
        section for section in Section if decide(world.other_org, Action.VIEW, world.dossier, section).allowed
    }
    assert visible == {Section.CHILDREN, Section.CIRCLE}
    assert not decide(world.other_org, Action.EDIT, world.dossier, Section.SUMMARY).allowed
    # a consent for another organisation opens nothing for the police
    other = Organisation.objects.create(name="Halt Noordkust", kind=OrganisationKind.HALT)
    history.consent_give(
        actor=world.circle_member,
        dossier=world.dossier,
        given_by=family["mother"],
        given_on=date(2026, 5, 3),
        scope="Halt mag de afspraken zien",
        shared_with=other,
        sections=["safety_plan"],
    )
    assert not decide(world.other_org, Action.VIEW, world.dossier, Section.SAFETY_PLAN).allowed


def test_withdrawing_twice_or_before_giving_is_refused(world, family):
    consent = history.consent_give(
        actor=world.circle_member,
        dossier=world.dossier,
        given_by=family["mother"],
        given_on=date(2026, 5, 3),
        scope="x",
    )
    with pytest.raises(ValidationError):
        history.consent_withdraw(actor=world.circle_member, consent=consent, withdrawn_on=date(2026, 5, 1))
    history.consent_withdraw(actor=world.circle_member, consent=consent, withdrawn_on=date(2026, 6, 1))
    with pytest.raises(ValidationError):
        history.consent_withdraw(actor=world.circle_member, consent=consent, withdrawn_on=date(2026, 7, 1))
