"""Writes of the chain table. Every write is audited (no dossier: dossier=None, except the link to a dossier)
and checked against kring.access.chain; nothing is stored when validation fails.

Changes to an existing case or partner view are optimistic: the caller passes the version it showed
(`expected_version`); when somebody else saved in between, `Conflict` is raised and nothing is stored."""

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.access import chain as rules
from kring.access.chain import RequestAction
from kring.access.policy import Action, may_link_dossier, membership_to_open_dossier
from kring.accounts.models import Membership, Role
from kring.accounts.types import MaybeUser, User
from kring.audit.models import AuditAction, AuditOutcome
from kring.audit.services import Actor, audit_append, audit_append_entries, audit_entry
from kring.cases import services as case_services
from kring.cases.event_summaries import CHAIN_OPENED, Summary
from kring.cases.models import Dossier, EventKind, Person
from kring.cases.services import SYSTEM
from kring.cases.services.intake import opener_seat
from kring.dates import age_on

from .models import (
    CHAIN_PARTNER_KINDS,
    ChainCase,
    ChainPerson,
    ChainTable,
    ContextRequest,
    DecisionMeasure,
    InvolvedRole,
    LegalStatus,
    PartnerView,
    Stage,
    Trigger,
)

MEASURES = dict(DecisionMeasure.choices)
YOUNG_MAX_AGE = 23
MANY_PROBLEMS = 3
ADULT_AGE = 18

CONFLICT = gettext_lazy(
    "Someone else changed this case while you were working on it. Nothing was saved: look at the case as it "
    "is now and save again."
)
VIEW_CONFLICT = gettext_lazy(
    "Someone of your organisation changed this view while you were working on it. Nothing was saved: read "
    "the view as it is now and save again."
)
ALREADY_ANSWERED = gettext_lazy("This request has already been answered.")
NOT_THIS_CASE = gettext_lazy("A request can only be about persons of this case.")
# The same words whoever holds the reference: it must not tell a chain partner that another organisation has
# a dossier with it (references are unique across all organisations).
REFERENCE_REFUSED = gettext_lazy(
    "This reference cannot be used for a new dossier. Nothing was saved: choose another reference, for "
    "example with your team's prefix."
)


class Conflict(ValidationError):
    """Somebody else saved the object after the form was shown (optimistic locking)."""


def _membership(actor: User) -> Membership | None:
    return Membership.objects.active().filter(user=actor).select_related("organisation").first()


def _actor(actor: User | None) -> Actor:
    return SYSTEM if actor is None else Actor.for_user(actor, _membership(actor))


def _audit(actor: User | None, action: AuditAction, obj: Any, fields: list[str], dossier: Any = None) -> None:
    audit_append(actor=_actor(actor), action=action, dossier=dossier, obj=obj, fields=fields)


def audit_read(user: User | None, obj: Any, fields: list[str]) -> None:
    _audit(user, AuditAction.READ, obj, fields)


def audit_refusal(user: MaybeUser, case: ChainCase, action: Action) -> None:
    """Log that the policy refused `user` this case (a read for VIEW, else a write), as the dossier door logs
    its refusals: the actor with their organisation, the case by its id, nothing of its contents."""
    audit_append(
        actor=Actor.for_user(user),
        action=AuditAction.READ if action == Action.VIEW else AuditAction.UPDATE,
        outcome=AuditOutcome.DENIED,
        obj=case,
    )


def audit_read_many(user: User | None, objs: list[Any], fields: list[str]) -> None:
    """One read entry per object, appended in one go (a constant number of queries for a list)."""
    if not objs:
        return
    who = _actor(user)
    audit_append_entries(
        [audit_entry(actor=who, action=AuditAction.READ, obj=obj, fields=fields) for obj in objs]
    )


def _save_case(case: ChainCase, values: dict[str, Any], expected_version: int | None) -> None:
    """Store `values` on the case if nobody saved it since `expected_version` (default: the loaded one).
    The version is claimed first with one conditional UPDATE (which also holds the row until commit), then
    the case is saved as usual, so that receivers of post_save (the signal index) hear of the change."""
    expected = case.version if expected_version is None else expected_version
    if not ChainCase.objects.filter(pk=case.pk, version=expected).update(version=F("version") + 1):
        raise Conflict(CONFLICT, code="conflict")
    for name, value in values.items():
        setattr(case, name, value)
    case.version = expected + 1
    case.save(update_fields=[*values, "version"])


# --- tables ------------------------------------------------------------------------------------------------


def chain_table_member_add(*, table: ChainTable, organisation: Any) -> None:
    """Seat a partner organisation at the table: the chain partners of practice model §1 only."""
    if organisation.kind not in CHAIN_PARTNER_KINDS:
        raise ValidationError(
            _("%(organisation)s is not a chain partner (%(kind)s).")
            % {"organisation": organisation, "kind": organisation.get_kind_display()}
        )
    table.members.add(organisation)


def next_reference(table: ChainTable, today: date | None = None) -> str:
    """A suggestion for the next case reference of the table: the last one plus one, or TABLE-YEAR-0001."""
    today = today or timezone.localdate()
    last = table.cases.order_by("-created_at", "-pk").values_list("reference", flat=True).first()
    if last:
        found = re.match(r"^(.*?)(\d+)$", last)
        if found:
            prefix, number = found.groups()
            candidate = f"{prefix}{int(number) + 1:0{len(number)}d}"
            if not ChainCase.objects.filter(reference=candidate).exists():
                return candidate
    letters = "".join(word[0] for word in table.name.split() if word[:1].isalnum()).upper() or "ZSM"
    return f"{letters}-{today.year}-{table.cases.count() + 1:04d}"


# --- intake ------------------------------------------------------------------------------------------------


def intake_triggers(persons: list[dict], incident_on: date, contradictory: bool = False) -> list[str]:
    """The intake rules: which triggers for deepening the facts raise by themselves."""
    found = []
    dated = [p for p in persons if isinstance(p.get("birth_date"), date)]
    if any(p.get("intellectual_disability") for p in persons):
        found.append(Trigger.INTELLECTUAL_DISABILITY)
    if any(
        age_on(p["birth_date"], incident_on) < YOUNG_MAX_AGE and (p.get("problems") or 0) >= MANY_PROBLEMS
        for p in dated
    ):
        found.append(Trigger.YOUNG_MANY_PROBLEMS)
    if any(p.get("custody_unclear") for p in persons):
        found.append(Trigger.UNCLEAR_CUSTODY)
    if contradictory:
        found.append(Trigger.CONTRADICTORY_FACTS)
    return [str(t) for t in found]


def _validate_persons(persons: list[dict], incident_on: date | None) -> list[str]:
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
        elif isinstance(incident_on, date) and birth > incident_on:
            errors.append(_("A person cannot be born after the incident."))
        elif today.year - birth.year > 120:
            errors.append(_("A birth date more than 120 years ago is not possible."))
        if p.get("role") not in InvolvedRole.values:
            errors.append(_("Choose the role of every person: suspect, victim, other or child present."))
        problems = p.get("problems") or 0
        if not isinstance(problems, int) or problems < 0:
            errors.append(_("The number of known problems cannot be negative."))
    return list(dict.fromkeys(errors))


def chain_case_bring_in(
    *,
    actor: User | None,
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
    if actor is not None and brought_in_by.pk not in rules.contributing_organisation_ids(actor):
        raise PermissionDenied
    if not table.members.filter(pk=brought_in_by.pk).exists():
        raise ValidationError(_("Only a partner of this chain table can bring in a case."))
    errors = []
    if not (incident or "").strip():
        errors.append(_("Describe the incident."))
    if not (reference or "").strip():
        errors.append(_("Give the case a reference."))
    elif ChainCase.objects.filter(reference=reference.strip()).exists():
        errors.append(_("This reference is already in use."))
    today = timezone.localdate()
    if not isinstance(incident_on, date) or incident_on > today:
        errors.append(_("The date of the incident cannot be in the future."))
    elif listed_on is not None and listed_on < incident_on:
        errors.append(_("A case cannot be on the list before the incident."))
    if legal_status not in LegalStatus.values:
        errors.append(_("Choose a legal status."))
    by_hand = list(triggers_by_hand or [])
    if any(t not in Trigger.values for t in by_hand):
        errors.append(_("Unknown trigger for deepening."))
    errors += _validate_persons(persons, incident_on if isinstance(incident_on, date) else None)
    if errors:
        raise ValidationError(errors)
    triggers = intake_triggers(persons, incident_on, contradictory_facts)
    with transaction.atomic():
        case = ChainCase.objects.create(
            table=table,
            brought_in_by=brought_in_by,
            reference=reference.strip(),
            incident=incident.strip(),
            incident_on=incident_on,
            legal_status=legal_status,
            listed_on=listed_on or today,
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
                problems=int(p.get("problems") or 0),
                custody_unclear=bool(p.get("custody_unclear")),
            )
            _audit(actor, AuditAction.CREATE, person, ["role", "name", "birth_date"])
        _audit(actor, AuditAction.CREATE, case, ["reference", "incident", "legal_status", "triggers"])
    return case


def chain_case_triggers_set(
    *, actor: User | None, case: ChainCase, by_hand: list[str], expected_version: int | None = None
) -> ChainCase:
    if actor is not None and not rules.decide_case(actor, Action.EDIT, case).allowed:
        raise PermissionDenied
    if any(t not in Trigger.values for t in by_hand):
        raise ValidationError(_("Unknown trigger for deepening."))
    with transaction.atomic():
        automatic = set(case.triggers) - set(case.triggers_by_hand)
        _save_case(
            case,
            {"triggers_by_hand": sorted(set(by_hand)), "triggers": sorted(automatic | set(by_hand))},
            expected_version,
        )
        _audit(actor, AuditAction.UPDATE, case, ["triggers", "triggers_by_hand"])
    return case


def deepening_start(*, actor: User | None, case: ChainCase, expected_version: int | None = None) -> ChainCase:
    if actor is not None and not rules.decide_case(actor, Action.EDIT, case).allowed:
        raise PermissionDenied
    if not case.triggers:
        raise ValidationError(_("A case is deepened only when there is a trigger for deepening."))
    if case.stage != Stage.INTAKE:
        raise ValidationError(_("This case is already past the intake."))
    with transaction.atomic():
        _save_case(case, {"stage": Stage.DEEPENING}, expected_version)
        _audit(actor, AuditAction.UPDATE, case, ["stage"])
    return case


# --- (a) context information -------------------------------------------------------------------------------


def context_request_send(
    *,
    actor: User | None,
    case: ChainCase,
    requested_by: Any,
    addressee: Any,
    question: str,
    need_to_know: str,
    due_at: datetime,
    about: list[ChainPerson] | None = None,
) -> ContextRequest:
    if actor is not None and (
        not rules.decide_case(actor, Action.EDIT, case).allowed
        or requested_by.pk not in rules.contributing_organisation_ids(actor)
    ):
        raise PermissionDenied
    errors = []
    if case.stage != Stage.DEEPENING:
        errors.append(_("Context information is asked only while a case is being deepened."))
    if addressee is None:
        errors.append(_("Choose the partner you ask."))
    elif addressee.pk == requested_by.pk:
        errors.append(_("Ask another partner, not yourself."))
    if not (question or "").strip():
        errors.append(_("Write the question."))
    if not (need_to_know or "").strip():
        errors.append(_("Explain why the table needs to know this."))
    if due_at is None or due_at <= timezone.now():
        errors.append(_("The due time must be in the future."))
    about = list(about or [])
    if any(person.case_id != case.pk for person in about):
        errors.append(str(NOT_THIS_CASE))
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
        req.about.set(about)
        _audit(actor, AuditAction.CREATE, req, ["addressee", "question", "need_to_know", "due_at", "about"])
    return req


def context_request_answer(*, actor: User | None, request: ContextRequest, answer: str) -> ContextRequest:
    """The addressee answers, once. Two people answering at the same time: the second is told."""
    if actor is not None and not rules.decide_request(actor, RequestAction.ANSWER, request).allowed:
        raise PermissionDenied
    if not (answer or "").strip():
        raise ValidationError(_("Write the answer."))
    now = timezone.now()
    with transaction.atomic():
        if not ContextRequest.objects.filter(pk=request.pk, answered_at__isnull=True).update(answered_at=now):
            raise Conflict(ALREADY_ANSWERED, code="conflict")
        request.answer, request.answered_at, request.answered_by = answer.strip(), now, actor
        request.save(update_fields=["answer", "answered_at", "answered_by"])
        _audit(actor, AuditAction.UPDATE, request, ["answer", "answered_at"])
    return request


# --- (b) joint interpretation ------------------------------------------------------------------------------


def partner_view_record(
    *, actor: User | None, case: ChainCase, organisation: Any, view: str, expected_version: int | None = None
) -> PartnerView:
    """Record (or change) one partner's view. `expected_version` is the version of the view the form
    showed, 0 for "there was none yet"."""
    if actor is not None and (
        not rules.decide_case(actor, Action.EDIT, case).allowed
        or organisation.pk not in rules.contributing_organisation_ids(actor)
    ):
        raise PermissionDenied
    if not case.table.members.filter(pk=organisation.pk).exists():
        raise ValidationError(_("Only a partner of this chain table can give a view."))
    if not (view or "").strip():
        raise ValidationError(_("Write the view."))
    with transaction.atomic():
        # The case row is held until commit, so two first views of one partner arriving together are made
        # one after the other: the second finds the first and answers a conflict instead of a duplicate key.
        ChainCase.objects.select_for_update().values_list("pk").get(pk=case.pk)
        existing = PartnerView.objects.filter(case=case, organisation=organisation).first()
        if existing is None:
            if expected_version:
                raise Conflict(VIEW_CONFLICT, code="conflict")
            obj = PartnerView.objects.create(
                case=case, organisation=organisation, view=view.strip(), updated_by=actor
            )
            _audit(actor, AuditAction.CREATE, obj, ["view"])
            return obj
        expected = existing.version if expected_version is None else expected_version
        if not PartnerView.objects.filter(pk=existing.pk, version=expected).update(version=F("version") + 1):
            raise Conflict(VIEW_CONFLICT, code="conflict")
        existing.view, existing.updated_by, existing.version = view.strip(), actor, expected + 1
        existing.save(update_fields=["view", "updated_by", "updated_at", "version"])
        _audit(actor, AuditAction.UPDATE, existing, ["view"])
    return existing


def hypotheses_record(
    *, actor: User | None, case: ChainCase, hypotheses: str, expected_version: int | None = None
) -> ChainCase:
    if actor is not None and not rules.decide_case(actor, Action.EDIT, case).allowed:
        raise PermissionDenied
    if not (hypotheses or "").strip():
        raise ValidationError(_("Write at least one testable hypothesis."))
    with transaction.atomic():
        _save_case(case, {"hypotheses": hypotheses.strip()}, expected_version)
        _audit(actor, AuditAction.UPDATE, case, ["hypotheses"])
    return case


# --- (c) the decision and the look-back --------------------------------------------------------------------


def decision_record(
    *,
    actor: User | None,
    case: ChainCase,
    measures: list[str],
    tasks: str,
    decided_on: date,
    look_back_on: date,
    expected_version: int | None = None,
) -> ChainCase:
    if actor is not None and not rules.decide_case(actor, Action.EDIT, case).allowed:
        raise PermissionDenied
    errors = []
    if case.stage == Stage.CLOSED:
        errors.append(_("The case is closed after the look-back; the decision can no longer change."))
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
        _save_case(
            case,
            {
                "decision_measures": list(dict.fromkeys(measures)),
                "decision_tasks": tasks.strip(),
                "decided_on": decided_on,
                "look_back_on": look_back_on,
                "stage": Stage.DECIDED,
            },
            expected_version,
        )
        _audit(
            actor,
            AuditAction.UPDATE,
            case,
            ["decision_measures", "decision_tasks", "decided_on", "look_back_on", "stage"],
        )
    return case


def look_back_record(
    *,
    actor: User | None,
    case: ChainCase,
    what_happened: str,
    lessons: str,
    expected_version: int | None = None,
) -> ChainCase:
    if actor is not None and not rules.decide_case(actor, Action.EDIT, case).allowed:
        raise PermissionDenied
    if case.stage != Stage.DECIDED:
        raise ValidationError(_("Look back only after a decision."))
    if not (what_happened or "").strip():
        raise ValidationError(_("Write what happened next."))
    with transaction.atomic():
        _save_case(
            case,
            {
                "what_happened": what_happened.strip(),
                "lessons": (lessons or "").strip(),
                "stage": Stage.CLOSED,
            },
            expected_version,
        )
        _audit(actor, AuditAction.UPDATE, case, ["what_happened", "lessons", "stage"])
    return case


# --- a dossier from a deepened case ------------------------------------------------------------------------


def minors(case: ChainCase, persons: Iterable[ChainPerson] | None = None) -> list[ChainPerson]:
    """The persons of the case (or those given, already loaded) under 18 on the day of the incident: the
    children a dossier would be about."""
    persons = case.persons.all() if persons is None else persons
    return [p for p in persons if age_on(p.birth_date, case.incident_on) < ADULT_AGE]


def _may_link(case: ChainCase) -> None:
    if case.dossier_id is not None:
        raise ValidationError(_("This case is already linked to a dossier."))
    if case.stage == Stage.INTAKE:
        raise ValidationError(_("Only a deepened case can open or link a dossier."))


def _split_name(name: str) -> tuple[str, str]:
    first, _sep, last = name.strip().partition(" ")
    return first, last.strip() or first


def chain_dossier_open(
    *,
    actor: User | None,
    case: ChainCase,
    team: Any,
    reference: str,
    title: str,
    case_role: str,
    children: list[ChainPerson],
    expected_version: int | None = None,
) -> Dossier:
    """Open a dossier for `team` from a deepened case, through kring.cases' services: the creator (a case
    worker or the team lead of the team) opens it; a case worker takes a seat in the circle with
    `case_role`, so that they can see what they opened; the chosen persons become the dossier's children;
    the dossier's history says where it came from; the chain case records the link."""
    if actor is not None and not rules.decide_case(actor, Action.EDIT, case).allowed:
        raise PermissionDenied
    _may_link(case)
    membership = membership_to_open_dossier(actor, team) if actor is not None else None
    errors = []
    if actor is not None and membership is None:
        errors.append(str(case_services.NOT_IN_TEAM))
    if not (reference or "").strip():
        errors.append(_("Give the dossier a reference."))
    if not (title or "").strip():
        errors.append(_("Give the dossier a title, for example the family name."))
    if membership is not None and membership.role == Role.CASE_WORKER and not (case_role or "").strip():
        errors.append(_("Say what your role in this dossier is, for example family guardian."))
    if any(person.case_id != case.pk for person in children):
        errors.append(_("A dossier can only be opened for persons of this case."))
    if errors:
        raise ValidationError(errors)
    if Dossier.objects.filter(reference=reference.strip()).exists():
        _refuse_reference(actor)
    today = timezone.localdate()
    try:
        return _open(
            actor, case, team, reference, title, case_role, children, membership, today, expected_version
        )
    except IntegrityError:  # the same reference taken at the same moment by somebody else
        _refuse_reference(actor)
    except ValidationError as invalid:  # taken between the check above and the insert
        if "reference" in getattr(invalid, "error_dict", {}):
            _refuse_reference(actor)
        raise


def _refuse_reference(actor: User | None) -> NoReturn:
    """Log the refused attempt (for the actor's own privacy officer; the other dossier is not named) and
    refuse with the words of any refusal of a reference."""
    audit_append(
        actor=_actor(actor),
        action=AuditAction.CREATE,
        outcome=AuditOutcome.DENIED,
        object_ref=(Dossier._meta.label_lower, ""),
        fields=["reference"],
    )
    raise ValidationError(REFERENCE_REFUSED, code="reference")


def _open(
    actor: User | None,
    case: ChainCase,
    team: Any,
    reference: str,
    title: str,
    case_role: str,
    children: list[ChainPerson],
    membership: Membership | None,
    today: date,
    expected_version: int | None,
) -> Dossier:
    with transaction.atomic():
        dossier = case_services.dossier_create(
            actor=actor,
            reference=reference.strip(),
            title=title.strip(),
            jurisdiction=team.organisation.country,
            owning_team=team,
            opened_on=today,
            summary=_("From chain case %(reference)s (%(table)s): %(incident)s")
            % {"reference": case.reference, "table": case.table.name, "incident": case.incident},
        )
        if membership is not None:
            # The opener sits in the circle with an assignment, case worker or team lead (as at intake).
            opener_seat(
                membership=membership,
                dossier=dossier,
                case_role=case_role or "",
                assignment=_("Opened the dossier from chain case %(reference)s.")
                % {"reference": case.reference},
                day=today,
            )
        for chain_person in children:
            _add_child(actor, dossier, chain_person)
        case_services.dossier_event_add(
            dossier=dossier,
            kind=EventKind.OPENED,
            day=today,
            summary=Summary(CHAIN_OPENED, reference=case.reference, table=case.table.name),
            actor=actor,
        )
        _link(actor, case, dossier, expected_version)
    return dossier


def _add_child(actor: User | None, dossier: Dossier, chain_person: ChainPerson) -> None:
    first, last = _split_name(chain_person.name)
    person = (
        Person.objects.filter(first_name=first, last_name=last, date_of_birth=chain_person.birth_date)
        .order_by("pk")
        .first()
    ) or Person.objects.create(
        first_name=first,
        last_name=last,
        date_of_birth=chain_person.birth_date,
        lvb=chain_person.intellectual_disability,
    )
    try:
        case_services.dossier_add_child(actor=actor, dossier=dossier, person=person)
    except PermissionDenied as refused:  # e.g. an organisation that asks for two-factor login
        raise ValidationError(
            _("You may not add children to this dossier. Log in with two-factor login and try again.")
        ) from refused


def chain_dossier_link(
    *, actor: User | None, case: ChainCase, dossier: Dossier, expected_version: int | None = None
) -> ChainCase:
    """Link a deepened case to an existing dossier that `actor` may open (not on emergency access)."""
    if actor is not None and not rules.decide_case(actor, Action.EDIT, case).allowed:
        raise PermissionDenied
    _may_link(case)
    if actor is not None and not may_link_dossier(actor, dossier).allowed:
        raise PermissionDenied
    with transaction.atomic():
        _link(actor, case, dossier, expected_version)
    return case


def _link(actor: User | None, case: ChainCase, dossier: Dossier, expected_version: int | None) -> None:
    _save_case(
        case,
        {"dossier": dossier, "dossier_linked_at": timezone.now(), "dossier_linked_by": actor},
        expected_version,
    )
    # in the chain case's log and in the dossier's, so the dossier's access log shows where it is linked
    _audit(actor, AuditAction.UPDATE, case, ["dossier", "dossier_linked_at"], dossier=dossier)
