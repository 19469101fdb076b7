"""Writes of the chain table. Every write is audited (no dossier: dossier=None) and checked against
kring.access.chain; nothing is stored when validation fails."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access import chain as rules
from kring.accounts.models import Membership
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append
from kring.cases.services import SYSTEM

from .models import (
    ChainCase,
    ChainPerson,
    ChainTable,
    ContextRequest,
    InvolvedRole,
    PartnerView,
    Stage,
    Trigger,
)

MEASURES = {
    "dismissal_with_help": "dismissal with help",
    "corrective_talk": "corrective talk",
    "halt": "Halt hours",
    "local_team": "referral to local team",
    "voluntary_help": "voluntary help",
    "prosecution": "prosecution",
    "protection_investigation": "investigation by the child protection board",
}
YOUNG_MAX_AGE = 23
MANY_PROBLEMS = 3


def _audit(actor: Any, action: AuditAction, obj: Any, fields: list[str]) -> None:
    if actor is None:
        who = SYSTEM
    else:
        membership = Membership.objects.active().filter(user=actor).select_related("organisation").first()
        who = Actor.for_user(actor, membership)
    audit_append(actor=who, action=action, dossier=None, obj=obj, fields=fields)


def audit_read(user: Any, obj: Any, fields: list[str]) -> None:
    _audit(user, AuditAction.READ, obj, fields)


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def intake_triggers(persons: list[dict], incident_on: date, contradictory: bool = False) -> list[str]:
    """The intake rules: which triggers for deepening the facts raise by themselves."""
    found = []
    if any(p.get("intellectual_disability") for p in persons):
        found.append(Trigger.INTELLECTUAL_DISABILITY)
    if any(
        _age(p["birth_date"], incident_on) < YOUNG_MAX_AGE and p.get("problems", 0) >= MANY_PROBLEMS
        for p in persons
    ):
        found.append(Trigger.YOUNG_MANY_PROBLEMS)
    if any(p.get("custody_unclear") for p in persons):
        found.append(Trigger.UNCLEAR_CUSTODY)
    if contradictory:
        found.append(Trigger.CONTRADICTORY_FACTS)
    return [str(t) for t in found]


def _validate_persons(persons: list[dict], incident_on: date) -> None:
    errors = []
    if not persons:
        errors.append(_("Name at least one person involved."))
    today = timezone.localdate()
    for p in persons:
        if not (p.get("name") or "").strip():
            errors.append(_("Every person needs a name."))
        birth = p.get("birth_date")
        if not isinstance(birth, date):
            errors.append(_("Every person needs a birth date."))
        elif birth > today:
            errors.append(_("A birth date cannot be in the future."))
        elif birth > incident_on:
            errors.append(_("A person cannot be born after the incident."))
        if p.get("role") not in InvolvedRole.values:
            errors.append(_("Choose the role of every person: suspect, victim, other or child present."))
    if errors:
        raise ValidationError(errors)


def chain_case_bring_in(
    *,
    actor: Any,
    table: ChainTable,
    brought_in_by: Any,
    reference: str,
    incident: str,
    incident_on: date,
    legal_status: str,
    persons: list[dict],
    listed_on: date | None = None,
    contradictory_facts: bool = False,
    triggers_by_hand: list[str] | None = None,
) -> ChainCase:
    if actor is not None and brought_in_by.pk not in rules.user_organisation_ids(actor):
        raise PermissionDenied
    if not table.members.filter(pk=brought_in_by.pk).exists():
        raise ValidationError(_("Only a partner of this chain table can bring in a case."))
    errors = []
    if not (incident or "").strip():
        errors.append(_("Describe the incident."))
    if not (reference or "").strip():
        errors.append(_("Give the case a reference."))
    elif ChainCase.objects.filter(reference=reference).exists():
        errors.append(_("This reference is already in use."))
    if not isinstance(incident_on, date) or incident_on > timezone.localdate():
        errors.append(_("The date of the incident cannot be in the future."))
    by_hand = [t for t in (triggers_by_hand or [])]
    if any(t not in Trigger.values for t in by_hand):
        errors.append(_("Unknown trigger for deepening."))
    if errors:
        raise ValidationError(errors)
    _validate_persons(persons, incident_on)
    from .models import LegalStatus

    if legal_status not in LegalStatus.values:
        raise ValidationError(_("Choose a legal status."))
    triggers = intake_triggers(persons, incident_on, contradictory_facts)
    with transaction.atomic():
        case = ChainCase.objects.create(
            table=table,
            brought_in_by=brought_in_by,
            reference=reference.strip(),
            incident=incident.strip(),
            incident_on=incident_on,
            legal_status=legal_status,
            listed_on=listed_on or timezone.localdate(),
            triggers=sorted(set(triggers) | set(by_hand)),
            triggers_by_hand=sorted(set(by_hand)),
        )
        for p in persons:
            person = ChainPerson.objects.create(
                case=case,
                role=p["role"],
                name=p["name"].strip(),
                birth_date=p["birth_date"],
                intellectual_disability=bool(p.get("intellectual_disability")),
                problems=int(p.get("problems", 0)),
                custody_unclear=bool(p.get("custody_unclear")),
            )
            _audit(actor, AuditAction.CREATE, person, ["role", "name", "birth_date"])
        _audit(actor, AuditAction.CREATE, case, ["reference", "incident", "legal_status", "triggers"])
    return case


def chain_case_triggers_set(*, actor: Any, case: ChainCase, by_hand: list[str]) -> ChainCase:
    if actor is not None and not rules.may_write_case(actor, case):
        raise PermissionDenied
    if any(t not in Trigger.values for t in by_hand):
        raise ValidationError(_("Unknown trigger for deepening."))
    with transaction.atomic():
        automatic = set(case.triggers) - set(case.triggers_by_hand)
        case.triggers_by_hand = sorted(set(by_hand))
        case.triggers = sorted(automatic | set(by_hand))
        case.save(update_fields=["triggers", "triggers_by_hand"])
        _audit(actor, AuditAction.UPDATE, case, ["triggers", "triggers_by_hand"])
    return case


def deepening_start(*, actor: Any, case: ChainCase) -> ChainCase:
    if actor is not None and not rules.may_write_case(actor, case):
        raise PermissionDenied
    if not case.triggers:
        raise ValidationError(_("A case is deepened only when there is a trigger for deepening."))
    with transaction.atomic():
        case.stage = Stage.DEEPENING
        case.save(update_fields=["stage"])
        _audit(actor, AuditAction.UPDATE, case, ["stage"])
    return case


def context_request_send(
    *,
    actor: Any,
    case: ChainCase,
    requested_by: Any,
    addressee: Any,
    question: str,
    need_to_know: str,
    due_at: datetime,
) -> ContextRequest:
    if actor is not None and (
        not rules.may_write_case(actor, case) or requested_by.pk not in rules.user_organisation_ids(actor)
    ):
        raise PermissionDenied
    errors = []
    if case.stage != Stage.DEEPENING:
        errors.append(_("Context information is asked only while a case is being deepened."))
    if not (question or "").strip():
        errors.append(_("Write the question."))
    if not (need_to_know or "").strip():
        errors.append(_("Explain why the table needs to know this."))
    if due_at is None or due_at <= timezone.now():
        errors.append(_("The due time must be in the future."))
    if addressee.pk == requested_by.pk:
        errors.append(_("Ask another partner, not yourself."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        req = ContextRequest.objects.create(
            case=case,
            requested_by=requested_by,
            addressee=addressee,
            question=question.strip(),
            need_to_know=need_to_know.strip(),
            due_at=due_at,
        )
        _audit(actor, AuditAction.CREATE, req, ["addressee", "question", "need_to_know", "due_at"])
    return req


def context_request_answer(*, actor: Any, request: ContextRequest, answer: str) -> ContextRequest:
    if actor is not None and not rules.may_answer_request(actor, request):
        raise PermissionDenied
    if not (answer or "").strip():
        raise ValidationError(_("Write the answer."))
    with transaction.atomic():
        request.answer = answer.strip()
        request.answered_at = timezone.now()
        request.answered_by = actor
        request.save(update_fields=["answer", "answered_at", "answered_by"])
        _audit(actor, AuditAction.UPDATE, request, ["answer", "answered_at"])
    return request


def partner_view_record(*, actor: Any, case: ChainCase, organisation: Any, view: str) -> PartnerView:
    if actor is not None and (
        not rules.may_write_case(actor, case) or organisation.pk not in rules.user_organisation_ids(actor)
    ):
        raise PermissionDenied
    if not case.table.members.filter(pk=organisation.pk).exists():
        raise ValidationError(_("Only a partner of this chain table can give a view."))
    if not (view or "").strip():
        raise ValidationError(_("Write the view."))
    with transaction.atomic():
        obj, created = PartnerView.objects.update_or_create(
            case=case, organisation=organisation, defaults={"view": view.strip()}
        )
        _audit(actor, AuditAction.CREATE if created else AuditAction.UPDATE, obj, ["view"])
    return obj


def hypotheses_record(*, actor: Any, case: ChainCase, hypotheses: str) -> ChainCase:
    if actor is not None and not rules.may_write_case(actor, case):
        raise PermissionDenied
    if not (hypotheses or "").strip():
        raise ValidationError(_("Write at least one testable hypothesis."))
    with transaction.atomic():
        case.hypotheses = hypotheses.strip()
        case.save(update_fields=["hypotheses"])
        _audit(actor, AuditAction.UPDATE, case, ["hypotheses"])
    return case


def decision_record(
    *, actor: Any, case: ChainCase, measures: list[str], tasks: str, decided_on: date, look_back_on: date
) -> ChainCase:
    if actor is not None and not rules.may_write_case(actor, case):
        raise PermissionDenied
    errors = []
    if not measures:
        errors.append(_("Choose at least one part of the decision (care or punishment)."))
    if any(m not in MEASURES for m in measures):
        errors.append(_("Unknown part of the decision."))
    if not (tasks or "").strip():
        errors.append(_("Write who does what."))
    if not isinstance(decided_on, date) or decided_on > timezone.localdate():
        errors.append(_("The decision date cannot be in the future."))
    elif decided_on < case.incident_on:
        errors.append(_("The decision cannot be before the incident."))
    if not isinstance(look_back_on, date) or (isinstance(decided_on, date) and look_back_on <= decided_on):
        errors.append(_("The date to look back must be after the decision."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case.decision_measures = list(dict.fromkeys(measures))
        case.decision_tasks = tasks.strip()
        case.decided_on = decided_on
        case.look_back_on = look_back_on
        case.stage = Stage.DECIDED
        case.save()
        _audit(
            actor,
            AuditAction.UPDATE,
            case,
            ["decision_measures", "decision_tasks", "decided_on", "look_back_on", "stage"],
        )
    return case


def look_back_record(*, actor: Any, case: ChainCase, what_happened: str, lessons: str) -> ChainCase:
    if actor is not None and not rules.may_write_case(actor, case):
        raise PermissionDenied
    if case.stage != Stage.DECIDED:
        raise ValidationError(_("Look back only after a decision."))
    if not (what_happened or "").strip():
        raise ValidationError(_("Write what happened next."))
    with transaction.atomic():
        case.what_happened = what_happened.strip()
        case.lessons = (lessons or "").strip()
        case.stage = Stage.CLOSED
        case.save(update_fields=["what_happened", "lessons", "stage"])
        _audit(actor, AuditAction.UPDATE, case, ["what_happened", "lessons", "stage"])
    return case
