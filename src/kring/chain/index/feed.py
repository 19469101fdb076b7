"""Feeding the signal index from dossiers and chain-table cases: "old acquaintances" as existence-only facts.

What is fed (and nothing else):
- a **dossier measure**: the child of a compulsory measure (supervision order, guardianship, youth probation,
  Belgian urgency / court-ordered care) → a fact of the dossier's organisation, with the case worker of that
  organisation in the circle as contact. Voluntary help is not fed: it is not a compulsory frame, and the
  family did not get a say in being known elsewhere.
- a **chain-table case**: each person under 23 → a fact of the organisation that brought the case in
  (Veilig Thuis report, Halt, probation, police case, or "case at the chain table"), with the table as
  contact.

A fact holds what a signal holds — identity as keyed hashes and Bloom filters, an organisation and a
contact — plus its kind (`FactKind`); never what happened. Facts match signals of other organisations (the
professional who registered a concern is told whom to contact) but not each other; the chain table sees
them as old acquaintances (`selectors.acquaintances`).

How: `sync_dossier` and `sync_chain_case` are idempotent. They compute the facts the dossier or case should
give, create the missing ones, update contact and end date, end those whose source is gone
(`source_ended`), and leave alone a fact that its organisation withdrew (it is not brought back). They run

- after every commit that saves a measure, circle member or person of a dossier, or a chain case or one of
  its persons (receivers in `receivers.py`, via `transaction.on_commit`: nothing happens when the save is
  rolled back, and a failure is logged but never undoes or breaks the dossier's own write);
- from `manage.py signal_index_feed`, for the initial fill and as a nightly sweep that also catches
  anything a logged failure missed and moves the end date of running measures along.

End dates: a running measure's fact lasts until its planned end (or today) plus the retention period, a
measure that ended until its end plus the retention period, a chain case until its listing date plus the
retention period; never past the 23rd birthday (as signals).
"""

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kring.accounts.models import OrganisationKind
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.models import CircleMember, Dossier, Measure, MeasureKind

from . import services
from .models import FactKind, Registration, Source

logger = logging.getLogger(__name__)

MEASURE_FACTS = {
    MeasureKind.NL_OTS: FactKind.SUPERVISION_ORDER,
    MeasureKind.BE_URGENCY: FactKind.SUPERVISION_ORDER,
    MeasureKind.BE_COURT_ORDERED: FactKind.SUPERVISION_ORDER,
    MeasureKind.NL_GUARDIANSHIP: FactKind.GUARDIANSHIP,
    MeasureKind.NL_YOUTH_PROBATION: FactKind.YOUTH_PROBATION,
    MeasureKind.NL_YOUTH_PROBATION_CONDITIONAL: FactKind.YOUTH_PROBATION,
    MeasureKind.NL_YOUTH_PROBATION_PRETRIAL: FactKind.YOUTH_PROBATION,
}
CHAIN_FACTS = {
    OrganisationKind.VEILIG_THUIS: FactKind.VEILIG_THUIS,
    OrganisationKind.HALT: FactKind.HALT,
    OrganisationKind.PROBATION: FactKind.PROBATION,
    OrganisationKind.POLICE: FactKind.POLICE,
}
SPLIT_FIELDS = ("dob_hash", "surname_hash", "first_clk", "first_initial_hash")  # an identity change


@dataclass
class Wanted:
    """A fact as its source says it should be."""

    subject: str
    organisation: Any
    fact: str
    identity: dict
    contact_name: str
    contact_details: str
    contact_user: Any
    expires_on: date
    dossier: Any = None
    chain_case: Any = None


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    ended: int = 0

    def __iadd__(self, other: "Outcome") -> "Outcome":
        self.created += other.created
        self.updated += other.updated
        self.ended += other.ended
        return self


def _retention() -> timedelta:
    return timedelta(days=min(services.retention_days(), 730))


def _under_23(birth: date | None, on: date) -> bool:
    return birth is not None and services.expiry_for(on, birth, fact=True) > on


def _dossier_contact(dossier: Dossier, circle: list[CircleMember]) -> tuple[str, str, Any]:
    """The first current circle member of the dossier's own organisation; else its team."""
    organisation_id = dossier.owning_team.organisation_id
    for seat in circle:
        if seat.membership.organisation_id == organisation_id:
            name = seat.user.get_full_name() or seat.user.get_username()
            details = seat.user.email or str(dossier.owning_team)
            return f"{name} ({seat.case_role})", details, seat.user
    return str(dossier.owning_team), dossier.owning_team.organisation.name, None


def dossier_facts(dossier: Dossier, today: date) -> list[Wanted]:
    measures = [
        m
        for m in Measure.objects.filter(dossier=dossier, kind__in=MEASURE_FACTS).select_related("child")
        if _under_23(m.child.date_of_birth, today)
    ]
    if not measures:
        return []
    circle = list(CircleMember.objects.current().filter(dossier=dossier).select_related("user", "membership"))
    contact_name, contact_details, contact_user = _dossier_contact(dossier, circle)
    wanted = []
    for measure in measures:
        end = measure.ended_on or max(today, measure.planned_end_on or today)
        wanted.append(
            Wanted(
                subject=f"measure:{measure.pk}",
                organisation=dossier.owning_team.organisation,
                fact=MEASURE_FACTS[measure.kind],
                identity={
                    "first_name": measure.child.first_name,
                    "last_name": measure.child.last_name,
                    "date_of_birth": measure.child.date_of_birth,
                    "sex": {"female": "V", "male": "M"}.get(measure.child.gender, ""),
                },
                contact_name=contact_name,
                contact_details=contact_details,
                contact_user=contact_user,
                expires_on=end + _retention(),
                dossier=dossier,
            )
        )
    return wanted


def split_name(name: str) -> tuple[str, str]:
    """A chain person's one name field as (first name, last name with any particles)."""
    words = (name or "").split()
    return (words[0], " ".join(words[1:])) if len(words) > 1 else ("", name or "")


def chain_case_facts(case: Any, today: date) -> list[Wanted]:
    organisation = case.brought_in_by
    if "halt" in (case.decision_measures or []):
        fact = FactKind.HALT
    else:
        fact = CHAIN_FACTS.get(organisation.kind, FactKind.CHAIN_CASE)
    wanted = []
    for person in case.persons.all():
        first, last = split_name(person.name)
        if not first or not _under_23(person.birth_date, today):
            continue
        wanted.append(
            Wanted(
                subject=f"chainperson:{person.pk}",
                organisation=organisation,
                fact=fact,
                identity={"first_name": first, "last_name": last, "date_of_birth": person.birth_date},
                contact_name=case.table.name,
                contact_details=(case.table.chair or organisation).name,
                contact_user=None,
                expires_on=case.listed_on + _retention(),
                chain_case=case,
            )
        )
    return wanted


def _sync(existing: list[Registration], wanted: list[Wanted], source: str, today: date) -> Outcome:
    outcome = Outcome()
    by_subject: dict[str, list[Registration]] = {}
    for reg in existing:
        by_subject.setdefault(reg.subject, []).append(reg)
    wanted_subjects = {w.subject for w in wanted}
    for reg in existing:
        if reg.ended_on is None and reg.subject not in wanted_subjects:
            services.registration_end(actor_user=None, registration=reg, reason="source_ended", today=today)
            outcome.ended += 1
    for w in wanted:
        regs = by_subject.get(w.subject, [])
        if any(r.end_reason in services.WITHDRAW_REASONS for r in regs):
            continue  # withdrawn by its organisation (unjustified, concern gone): not brought back
        active = next((r for r in regs if r.ended_on is None), None)
        expires_on = min(w.expires_on, services.expiry_for(today, w.identity["date_of_birth"], fact=True))
        if active is not None and _same_identity(active, w):
            outcome.updated += _update(active, w, expires_on)
            continue
        if active is not None:  # the name or birth date changed at the source: a new registration
            services.registration_end(
                actor_user=None, registration=active, reason="source_ended", today=today
            )
            outcome.ended += 1
        if expires_on <= today:
            continue
        try:
            services.registration_create(
                actor_user=None,
                organisation=w.organisation,
                contact_name=w.contact_name,
                contact_details=w.contact_details,
                category="other",
                identity=w.identity,
                source=source,
                dossier=w.dossier,
                chain_case=w.chain_case,
                fact=w.fact,
                subject=w.subject,
                expires_on=expires_on,
                registered_by=w.contact_user,
                today=today,
            )
            outcome.created += 1
        except ValidationError as error:  # e.g. no usable name: nothing to match on, so nothing fed
            logger.info("signal index: %s not fed: %s", w.subject, "; ".join(error.messages))
    return outcome


def _same_identity(reg: Registration, w: Wanted) -> bool:
    probe = Registration()
    services._fill(probe, services._encode(w.identity))
    return all(getattr(probe, f) == getattr(reg, f) for f in SPLIT_FIELDS)


def _update(reg: Registration, w: Wanted, expires_on: date) -> int:
    changes = {
        "contact_name": w.contact_name[:200],
        "contact_details": w.contact_details[:200],
        "registered_by_id": w.contact_user.pk if w.contact_user else None,
        "expires_on": expires_on,
        "fact": w.fact,
    }
    changed = [f for f, v in changes.items() if getattr(reg, f) != v]
    if not changed:
        return 0
    for field in changed:
        setattr(reg, field, changes[field])
    reg.save(update_fields=changed)
    audit_append(
        actor=services._actor(None),
        action=AuditAction.UPDATE,
        obj=reg,
        fields=[f.removesuffix("_id") for f in changed],
    )
    return 1


def sync_dossier(dossier_id: Any, today: date | None = None) -> Outcome:
    today = today or timezone.localdate()
    with transaction.atomic():
        dossier = Dossier.objects.select_related("owning_team__organisation").filter(pk=dossier_id).first()
        existing = list(Registration.objects.filter(dossier_id=dossier_id, source=Source.DOSSIER))
        wanted = dossier_facts(dossier, today) if dossier else []
        return _sync(existing, wanted, Source.DOSSIER, today)


def sync_person(person_id: Any, today: date | None = None) -> Outcome:
    outcome = Outcome()
    dossier_ids = Measure.objects.filter(child_id=person_id, kind__in=MEASURE_FACTS).values_list(
        "dossier_id", flat=True
    )
    for dossier_id in set(dossier_ids):
        outcome += sync_dossier(dossier_id, today)
    return outcome


def sync_chain_case(case_id: Any, today: date | None = None) -> Outcome:
    from kring.chain.models import ChainCase

    today = today or timezone.localdate()
    with transaction.atomic():
        case = (
            ChainCase.objects.select_related("brought_in_by", "table__chair")
            .prefetch_related("persons")
            .filter(pk=case_id)
            .first()
        )
        existing = list(Registration.objects.filter(chain_case_id=case_id, source=Source.CHAIN))
        wanted = chain_case_facts(case, today) if case else []
        return _sync(existing, wanted, Source.CHAIN, today)


def sync_all(today: date | None = None, progress=None) -> Outcome:
    """Every dossier with a fed measure (or facts to end) and every chain case."""
    from kring.chain.models import ChainCase

    outcome = Outcome()
    dossiers = set(Measure.objects.filter(kind__in=MEASURE_FACTS).values_list("dossier_id", flat=True))
    dossiers |= set(
        Registration.objects.filter(source=Source.DOSSIER, ended_on__isnull=True).values_list(
            "dossier_id", flat=True
        )
    )
    for dossier_id in sorted(dossiers, key=str):
        outcome += sync_dossier(dossier_id, today)
    if progress:
        progress("dossiers", len(dossiers), outcome)
    cases = list(ChainCase.objects.values_list("pk", flat=True))
    for case_id in cases:
        outcome += sync_chain_case(case_id, today)
    if progress:
        progress("chain cases", len(cases), outcome)
    return outcome


def run_safely(sync, *args: Any) -> None:
    """Run a sync after a commit: a failure is logged (the nightly feed catches up), never raised into the
    request that saved the dossier or case."""
    try:
        sync(*args)
    except Exception:
        logger.exception("signal index: feeding %s%r failed", sync.__name__, args)
