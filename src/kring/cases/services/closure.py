"""Closing a dossier with four eyes, and reopening it.

The worker proposes with a closing summary once nothing is open any more (closure_items: running measures,
and what higher apps register: a running pathway, open reminders, unsigned plan versions); a team lead of
the owning team who did not propose it confirms (or sends it back with a note). From the confirmation on, the
dossier is closed: the access policy refuses every write (access.policy.decide), retention counts from the
closure date, and only reopening — with a reason, by the owning team — makes it writable again. Every step is
audited and leaves a line in the dossier's history.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section, decide, may_propose_closure
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import audit_append

from ..closure_items import OpenItem, open_items
from ..event_summaries import CLOSURE_NOT_CONFIRMED, Summary
from ..models import ClosureStatus, Dossier, DossierClosure, DossierStatus, EventKind
from .dossiers import authorise, dossier_event_add

CLOSURE_SECTION = Section.SUMMARY
SUMMARY_REQUIRED = _("Write the closing summary: what was reached, and what the family takes with them.")
STILL_OPEN = _("The dossier cannot be closed yet. First settle what is still open:")
ALREADY_PROPOSED = _("A closure has already been proposed and waits for the team lead.")
ALREADY_CLOSED = _("This dossier is already closed.")
NOT_PROPOSED = _("This closure proposal has already been decided on.")
ONLY_TEAM_LEAD = _("Only a team lead of the owning team can confirm or refuse a closure.")
NOT_YOUR_OWN = _("You proposed this closure yourself: another team lead confirms it (four eyes).")
NOTE_REQUIRED = _("Say why the dossier is not closed yet.")
REASON_REQUIRED = _("Give the reason for reopening the dossier.")
NOT_CLOSED = _("This dossier is not closed.")
ONLY_OWNING_ORGANISATION = _("Only the organisation that owns the dossier can propose to close it.")


def _today(day: date | None) -> date:
    return day or timezone.localdate()


def _refuse_open_items(dossier: Dossier, day: date) -> None:
    items = open_items(dossier, day)
    if items:
        raise ValidationError([STILL_OPEN, *(item.text for item in items)], code="open_items")


def closure_pending(*, dossier: Dossier) -> DossierClosure | None:
    return dossier.closures.filter(status=ClosureStatus.PROPOSED).select_related("proposed_by").first()


def closure_history(*, dossier: Dossier) -> list[DossierClosure]:
    """Every proposal, decision and reopening of the dossier, newest first (one query)."""
    return list(dossier.closures.select_related("proposed_by", "decided_by", "reopened_by"))


def closure_overview(*, user: User, dossier: Dossier, day: date) -> dict[str, Any]:
    """What the closure page shows, in a fixed number of queries: the history, what is still open (only while
    the dossier is open), and what this user may do."""
    history = closure_history(dossier=dossier)
    pending = next((c for c in history if c.status == ClosureStatus.PROPOSED), None)
    is_open = dossier.status == DossierStatus.OPEN
    items: list[OpenItem] = open_items(dossier, day) if is_open else []
    propose = may_propose_closure(user, dossier) if is_open else None
    return {
        "history": history,
        "pending": pending,
        "open_items": items,
        "may_propose": bool(propose and propose.allowed and pending is None),
        "may_decide": bool(
            pending
            and pending.proposed_by_id != user.pk
            and decide(user, Action.APPROVE, dossier, CLOSURE_SECTION).allowed
        ),
        "may_reopen": not is_open and decide(user, Action.REOPEN, dossier, CLOSURE_SECTION).allowed,
    }


def closure_propose(
    *, actor: User, dossier: Dossier, summary: str, day: date | None = None
) -> DossierClosure:
    audit_actor = authorise(actor, Action.EDIT, dossier, CLOSURE_SECTION)
    if not may_propose_closure(actor, dossier).allowed:
        raise ValidationError(ONLY_OWNING_ORGANISATION)
    day = _today(day)
    if not summary.strip():
        raise ValidationError({"summary": SUMMARY_REQUIRED})
    _refuse_open_items(dossier, day)
    try:
        with transaction.atomic():
            closure = DossierClosure.objects.create(
                dossier=dossier, summary=summary.strip(), proposed_by=actor, proposed_on=day
            )
            audit_append(
                actor=audit_actor,
                action=AuditAction.CREATE,
                dossier=dossier,
                obj=closure,
                fields=["summary", "proposed_by", "proposed_on"],
            )
            dossier_event_add(
                dossier=dossier, kind=EventKind.CLOSURE_PROPOSED, day=day, summary=summary, actor=actor
            )
    except IntegrityError:
        raise ValidationError(ALREADY_PROPOSED) from None
    return closure


def _team_lead(actor: User, closure: DossierClosure) -> Any:
    """The audit actor of a team lead of the owning team deciding on `closure`; anyone else is refused."""
    audit_actor = authorise(actor, Action.EDIT, closure.dossier, CLOSURE_SECTION)
    if not decide(actor, Action.APPROVE, closure.dossier, CLOSURE_SECTION).allowed:
        raise ValidationError(ONLY_TEAM_LEAD)
    if closure.proposed_by_id == actor.pk:
        raise ValidationError(NOT_YOUR_OWN)
    return audit_actor


def _lock_pending(closure: DossierClosure) -> DossierClosure:
    """The proposal, locked, still waiting: two team leads deciding at once cannot both decide."""
    locked = DossierClosure.objects.select_for_update().get(pk=closure.pk)
    if locked.status != ClosureStatus.PROPOSED:
        raise ValidationError(NOT_PROPOSED)
    return locked


def closure_confirm(
    *, actor: User, closure: DossierClosure, note: str = "", day: date | None = None
) -> DossierClosure:
    """The team lead confirms: the dossier closes on `day`, read-only from then on."""
    audit_actor = _team_lead(actor, closure)
    day = _today(day)
    dossier = closure.dossier
    with transaction.atomic():
        closure = _lock_pending(closure)
        # Something may have been started since the proposal: it must be settled first.
        _refuse_open_items(dossier, day)
        closure.status = ClosureStatus.CONFIRMED
        closure.decided_by = actor
        closure.decided_on = day
        closure.decision_note = note.strip()
        closure.closed_on = day
        closure.save(update_fields=["status", "decided_by", "decided_on", "decision_note", "closed_on"])
        Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.CLOSED, updated_at=timezone.now())
        dossier.status = DossierStatus.CLOSED
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=dossier,
            obj=closure,
            fields=["status", "decided_by", "decided_on", "decision_note", "closed_on", "dossier.status"],
        )
        dossier_event_add(
            dossier=dossier, kind=EventKind.CLOSED, day=day, summary=closure.summary, actor=actor
        )
    return closure


def closure_reject(
    *, actor: User, closure: DossierClosure, note: str, day: date | None = None
) -> DossierClosure:
    """The team lead sends the proposal back, saying why; the dossier stays open."""
    audit_actor = _team_lead(actor, closure)
    if not note.strip():
        raise ValidationError({"note": NOTE_REQUIRED})
    day = _today(day)
    with transaction.atomic():
        closure = _lock_pending(closure)
        closure.status = ClosureStatus.REJECTED
        closure.decided_by = actor
        closure.decided_on = day
        closure.decision_note = note.strip()
        closure.save(update_fields=["status", "decided_by", "decided_on", "decision_note"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=closure.dossier,
            obj=closure,
            fields=["status", "decided_by", "decided_on", "decision_note"],
        )
        dossier_event_add(
            dossier=closure.dossier,
            kind=EventKind.CLOSURE_PROPOSED,
            day=day,
            summary=Summary(CLOSURE_NOT_CONFIRMED, note=note.strip()),
            actor=actor,
        )
    return closure


def dossier_reopen(*, actor: User, dossier: Dossier, reason: str, day: date | None = None) -> DossierClosure:
    """Reopen a closed dossier, with a reason: writable again, the reopening in the history. A new measure
    for the same child after this is what insights count as a repeat."""
    if dossier.status != DossierStatus.CLOSED:
        raise ValidationError(NOT_CLOSED)
    audit_actor = authorise(actor, Action.REOPEN, dossier, CLOSURE_SECTION)
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    day = _today(day)
    with transaction.atomic():
        closure = (
            DossierClosure.objects.select_for_update()
            .filter(dossier=dossier, status=ClosureStatus.CONFIRMED)
            .order_by("-closed_on", "-pk")
            .first()
        )
        if closure is None:
            # Closed before closures were recorded (imported or seeded): the reopening still gets its row.
            closure = DossierClosure(
                dossier=dossier,
                status=ClosureStatus.CONFIRMED,
                summary="",
                proposed_by=actor,
                proposed_on=day,
            )
        closure.status = ClosureStatus.REOPENED
        closure.reopened_by = actor
        closure.reopened_on = day
        closure.reopen_reason = reason.strip()
        closure.save()
        Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.OPEN, updated_at=timezone.now())
        dossier.status = DossierStatus.OPEN
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=dossier,
            obj=closure,
            fields=["status", "reopened_by", "reopened_on", "reopen_reason", "dossier.status"],
        )
        dossier_event_add(dossier=dossier, kind=EventKind.REOPENED, day=day, summary=reason, actor=actor)
    return closure
