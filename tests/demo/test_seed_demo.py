"""The demo caseload (seed_demo): faithful to its stories, consistent with the history rules, idempotent."""

import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from kring.access.policy import Section, organisation_shares
from kring.accounts.models import Membership, Organisation, OrganisationKind, Team, User
from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import (
    Authority,
    AuthorityKind,
    CircleMember,
    Closeness,
    Consent,
    ConsentStep,
    CooperationModel,
    Dossier,
    DossierClosure,
    DossierEvent,
    DossierStatus,
    EventKind,
    Gender,
    Lead,
    Measure,
    MeasureExtension,
    MeasureKind,
    Participant,
    Person,
    Placement,
    measure_jurisdiction,
)
from kring.cases.services.history import may_consent
from kring.demo import shared
from kring.demo.families import FAMILIES

DOSSIERS = [family.DOSSIER for family in FAMILIES]
CLOSURES = {family.REFERENCE: family.CLOSURE for family in FAMILIES if hasattr(family, "CLOSURE")}
STORY_REFERENCES = [family.REFERENCE for family in FAMILIES]  # not the insights cohort (kring.demo.outcomes)

SAVE_DOSSIER = "KR-NL-2026-0006"
SCALED_DOWN_DOSSIER = "KR-NL-2025-0005"
TRANSFER_DOSSIER = "KR-NL-2026-0004"
UNCLEAR_CUSTODY_DOSSIER = "KR-NL-2025-0006"
DIVORCE_DOSSIER = "KR-NL-2026-0005"
ROW_MODELS = (
    Organisation,
    Team,
    User,
    Membership,
    Dossier,
    CircleMember,
    Person,
    Participant,
    Authority,
    Measure,
    MeasureExtension,
    Lead,
    Consent,
    DossierEvent,
    DossierClosure,
    Placement,
)


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in ROW_MODELS}
    # the audit log may only grow by reads; seeding writes nothing the second time
    counts["AuditEntry (not reads)"] = AuditEntry.objects.exclude(action=AuditAction.READ).count()
    return counts


def _today() -> date:
    return timezone.localdate()


@pytest.fixture
def seeded(db) -> None:
    _seed()


def _local_team() -> Organisation:
    return Organisation.objects.get(kind=OrganisationKind.LOCAL_TEAM)


def test_seed_every_family_module_holds_its_whole_dossier():
    references = [family.REFERENCE for family in FAMILIES]
    assert len(set(references)) == len(references)
    for family in FAMILIES:
        assert family.DOSSIER["reference"] == family.REFERENCE
        assert family.HISTORY["measures"], family.REFERENCE
        assert hasattr(family, "CLOSURE") == (family.DOSSIER["status"] == "closed"), family.REFERENCE
        entry = family.HISTORY
        handles = {seat["person"] for seat in entry.get("participants", [])}
        assert handles <= set(family.PEOPLE) | set(shared.PEOPLE), family.REFERENCE
        assert not set(family.PEOPLE) & set(shared.PEOPLE)  # one handle, one place


def test_seed_twice_adds_nothing_and_keeps_the_audit_chain_intact(db):
    first = _seed()
    after_first = _counts()
    second = _seed()

    assert _counts() == after_first
    assert after_first["Measure"] > 0 and after_first["Consent"] > 0 and after_first["Participant"] > 0
    assert f"{len(DOSSIERS)} dossiers ({len(DOSSIERS)} new)" in first
    assert f"{len(DOSSIERS)} dossiers (0 new)" in second
    assert "anna.devries" in second and "kring-demo-2026" in second  # the demo logins table
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert "Audit chain intact" in out.getvalue()


def test_seed_every_child_has_a_measure_of_its_dossiers_jurisdiction(seeded):
    dossiers = Dossier.objects.prefetch_related("children", "measures")
    assert dossiers.count() >= 17
    for dossier in dossiers:
        for child in dossier.children.all():
            measures = [m for m in dossier.measures.all() if m.child_id == child.pk]
            assert measures, f"{dossier.reference}: {child} has no measure"
            assert all(measure_jurisdiction(m.kind) == dossier.jurisdiction for m in measures)
            assert all(m.planned_end_on for m in measures), f"{dossier.reference}: no planned end"


def test_seed_closed_dossiers_end_their_measures_with_the_closure_reason(seeded):
    for dossier in Dossier.objects.filter(reference__in=STORY_REFERENCES):  # the cohort: test_outcomes_cohort
        measures = list(dossier.measures.order_by("ended_on"))
        if dossier.status == DossierStatus.CLOSED:
            assert all(m.ended_on and m.end_reason for m in measures), dossier.reference
            closure = CLOSURES[dossier.reference]
            assert measures[-1].ended_on == date.fromisoformat(closure["closed_on"])
            assert measures[-1].end_reason == closure["end_reason"]
        else:
            assert dossier.measures.running_on(_today()).exists(), f"{dossier.reference}: none running"
    early = Measure.objects.get(dossier__reference="KR-NL-2025-0002")
    assert early.end_reason == "early_positive_closure" and early.ended_on < early.planned_end_on
    flemish = Measure.objects.filter(dossier__reference="KR-BE-2025-0001").order_by("started_on")
    assert [m.kind for m in flemish] == [MeasureKind.BE_URGENCY, MeasureKind.BE_COURT_ORDERED]
    assert (flemish[0].planned_end_on - flemish[0].started_on).days == 60


def test_seed_save_dossier_walks_the_graded_consent_steps_with_the_local_team_in_the_lead(seeded):
    dossier = Dossier.objects.get(reference=SAVE_DOSSIER)
    assert {m.kind for m in dossier.measures.all()} == {MeasureKind.NL_SAVE}

    standing = dossier.consents.standing_on(_today())
    assert {c.step for c in standing if c.step} == {
        ConsentStep.INVOLVEMENT,
        ConsentStep.SAFETY_CONVERSATION,
        ConsentStep.WORK_ON_CONDITIONS,
    }
    later_steps = [ConsentStep.TEST_PLAN, ConsentStep.FOLLOW_CONDITIONS]
    assert not dossier.consents.filter(step__in=later_steps).exists()

    lead = dossier.leads.first()
    assert lead.organisation == _local_team() and lead.cooperation_model == CooperationModel.PARTNER
    assert any("safety_plan" in c.sections for c in standing.filter(shared_with=_local_team()))
    assert Section.SAFETY_PLAN in organisation_shares(dossier, _local_team())
    assert dossier.events.filter(kind=EventKind.SCALED_UP).exists()


def test_seed_lead_and_scaling_follow_the_cooperation_models(seeded):
    scaled_down = Dossier.objects.get(reference=SCALED_DOWN_DOSSIER)
    current, before = scaled_down.leads.all()[:2]
    assert current.organisation == _local_team() and current.cooperation_model == CooperationModel.PARTNER
    assert before.organisation == scaled_down.owning_team.organisation
    assert scaled_down.events.filter(kind=EventKind.SCALED_DOWN).exists()
    assert set(scaled_down.measures.filter(kind=MeasureKind.NL_OTS).values_list("end_reason", flat=True)) == {
        "scaled_down"
    }

    transfer = Dossier.objects.get(reference=TRANSFER_DOSSIER)
    lead = transfer.leads.first()
    assert lead.organisation == transfer.owning_team.organisation
    assert lead.cooperation_model == CooperationModel.TRANSFER
    assert transfer.events.filter(kind=EventKind.SCALED_UP).exists()
    assert MeasureExtension.objects.exclude(reason="").count() >= 3


def test_seed_one_person_appears_in_several_dossiers_without_a_second_record(seeded):
    dossiers_per_person = Counter(
        person for person, _ in Participant.objects.values_list("person", "dossier").distinct()
    )
    assert max(dossiers_per_person.values()) >= 2
    keys = Person.objects.values_list("first_name", "last_name", "date_of_birth")
    assert len(keys) == len(set(keys))


def test_seed_consents_come_from_whom_may_give_them_and_one_was_withdrawn(seeded):
    for consent in Consent.objects.select_related("dossier", "given_by"):
        assert may_consent(consent.dossier, consent.given_by, consent.given_on), str(consent)

    withdrawn = Consent.objects.exclude(withdrawn_on=None)
    assert withdrawn.exists() and all(c.withdrawal_note for c in withdrawn)
    divorce = Dossier.objects.get(reference=DIVORCE_DOSSIER)
    shares = organisation_shares(divorce, _local_team())
    assert Section.TIMELINE not in shares and Section.SUMMARY in shares  # the father's withdrawal closed it

    free_form = Consent.objects.filter(step=None)
    assert free_form.filter(scope__icontains="school").filter(scope__icontains="aanwezigheid").exists()
    assert Consent.objects.filter(given_by__in=Person.objects.filter(dossiers__isnull=False)).exists()


def test_seed_children_profiles_and_networks_are_filled_in_some_deliberately_thin(seeded):
    children = Person.objects.filter(dossiers__isnull=False)
    assert not children.filter(gender=Gender.UNKNOWN).exists()
    assert not children.filter(living_situation="").exists()
    assert children.filter(lvb=True, measures__kind=MeasureKind.NL_YOUTH_PROBATION).exists()

    inner = {
        dossier.reference: dossier.participants.current().filter(closeness=Closeness.INNER).count()
        for dossier in Dossier.objects.filter(reference__in=STORY_REFERENCES)
    }
    assert sum(3 <= size <= 5 for size in inner.values()) >= len(inner) - 2
    assert inner[UNCLEAR_CUSTODY_DOSSIER] == 0
    assert Participant.objects.exclude(phone="").exists()

    unclear = Dossier.objects.get(reference=UNCLEAR_CUSTODY_DOSSIER)
    authorities = Authority.objects.filter(child__in=unclear.children.all())
    assert [(a.kind, a.holder_id is None) for a in authorities] == [(AuthorityKind.GUARDIAN, True)]
    assert "niet duidelijk" in unclear.summary


@pytest.mark.django_db
def test_seed_demo_records_milas_jim_with_her_mothers_consent():
    from kring.network.models import Jim

    call_command("seed_demo", stdout=io.StringIO())
    jim = Jim.objects.select_related("young_person", "jim__person", "parental_consent_by").get(
        dossier__reference="KR-NL-2026-0002"
    )
    assert (jim.young_person.first_name, jim.jim.person.first_name) == ("Mila", "Karin")
    assert jim.parental_consent_by is not None
    assert jim.dossier.events.filter(kind="jim_chosen").exists()


@pytest.mark.django_db
def test_seed_demo_tells_stijns_story_on_the_help_and_legal_lines():
    from kring.cases.models import FamilyTimelineEntry

    call_command("seed_demo", stdout=io.StringIO())
    entries = FamilyTimelineEntry.objects.filter(dossier__reference="KR-NL-2025-0001")
    lines = {entry.line for entry in entries}
    assert {"good", "worries", "people", "help", "legal"} <= lines
    assert entries.filter(line="legal", text__contains="18").exists()


def test_seed_closes_the_finished_dossiers_with_four_eyes_through_the_closure_services(seeded):
    from kring.cases.models import ClosureStatus

    for reference, closure in CLOSURES.items():
        dossier = Dossier.objects.get(reference=reference)
        assert dossier.status == DossierStatus.CLOSED
        confirmed = DossierClosure.objects.select_related("proposed_by", "decided_by").get(dossier=dossier)
        assert confirmed.status == ClosureStatus.CONFIRMED
        assert confirmed.closed_on == date.fromisoformat(closure["closed_on"])
        assert (confirmed.proposed_by.username, confirmed.decided_by.username) == (
            closure["proposed_by"],
            closure["confirmed_by"],
        )
        assert confirmed.proposed_by != confirmed.decided_by and confirmed.summary
        assert dossier.events.filter(kind=EventKind.CLOSED, occurred_on=confirmed.closed_on).exists()
    # no other story is closed (the insights cohort's closures: test_outcomes_cohort)
    stories = DossierClosure.objects.filter(dossier__reference__in=STORY_REFERENCES)
    assert not stories.exclude(dossier__reference__in=CLOSURES).exists()


def test_seed_verstraete_carries_its_real_safety_work_placement_and_advice(seeded):
    from kring.safety.models import BottomLine, DangerStatement, Evaluation, JudgeAdvice, Mapping, ScaleRating

    dossier = Dossier.objects.get(reference="KR-BE-2025-0001")
    lines = BottomLine.objects.filter(dossier=dossier).order_by("pk")
    assert lines.count() == 4 and {line.status for line in lines} == {"met"}
    assert all(line.set_by_kind == "judge" for line in lines)
    assert DangerStatement.objects.get(dossier=dossier).text.startswith("De zorg van ")
    plan = dossier.safety_plans.get()
    version = plan.versions.order_by("number").first()
    assert version.signed_at is not None
    assert {s.participant.person.first_name for s in version.signatures.all()} == {"Bart", "Katrien", "Sofie"}
    first, second = Mapping.objects.filter(dossier=dossier).order_by("number")
    assert first.safety_scale < second.safety_scale
    safety_ratings = ScaleRating.objects.filter(dossier=dossier, question="safety")
    assert safety_ratings.dates("rated_on", "day").count() == 3  # two meetings and the end evaluation
    assert Evaluation.objects.get(dossier=dossier).kind == "end"
    stays = list(Placement.objects.filter(dossier=dossier).order_by("started_on"))
    assert [(s.kind, s.started_on, s.ended_on) for s in stays] == [
        ("crisis", date(2025, 1, 14), date(2025, 1, 28)),
        ("at_home", date(2025, 1, 28), None),
    ]
    advice = JudgeAdvice.objects.get(dossier=dossier)
    assert advice.status == "approved" and advice.author.username == "pieter.vandenbroeck"
    assert advice.versions.get().approved_by.username == "lien.declercq"


def test_seed_opens_every_dossier_through_the_intake_with_how_the_case_came_in(seeded):
    from kring.cases.models import CaseOrigin

    for family in FAMILIES:
        dossier = Dossier.objects.get(reference=family.REFERENCE)
        origin = CaseOrigin.objects.get(dossier=dossier)
        assert (origin.kind, origin.came_in_on) == (
            family.DOSSIER["origin"]["kind"],
            date.fromisoformat(family.DOSSIER["origin"]["on"]),
        )
        assert dossier.opened_on == date.fromisoformat(family.DOSSIER["opened_on"])
        assert dossier.events.filter(kind=EventKind.OPENED, occurred_on=dossier.opened_on).count() == 1
