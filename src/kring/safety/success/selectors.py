"""Reads of Signs of Success that need more than one section of the access policy: the doors to a dossier's
positive early closure and to its report."""

from typing import Any

from django.http import Http404

from kring.access.policy import Action, Section, may_write, visible_sections
from kring.accounts.types import MaybeUser
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append
from kring.cases.models import Dossier
from kring.cases.selectors import OpenDossier, dossier_get_for_user, dossier_open

from .models import EarlyClosure

CLOSURE_SECTIONS = (Section.MEASURES, Section.SAFETY_PLAN)


def closure_open(*, user: MaybeUser, dossier_id: Any, action: Action = Action.VIEW) -> OpenDossier:
    """The door to a dossier's positive early closure: for who may see (or change) both its measures and its
    Signs of Success (the book-ends and Klaar mee?! stages the report quotes); anyone else gets Http404,
    audited. A view logs the read of both sections; a write logs nothing here (its service does)."""
    if action == Action.VIEW:
        return dossier_open(user=user, dossier_id=dossier_id, reads=CLOSURE_SECTIONS)
    dossier_open(user=user, dossier_id=dossier_id, action=action, section=Section.SAFETY_PLAN)
    return dossier_open(user=user, dossier_id=dossier_id, action=action, section=Section.MEASURES)


def closure_report_open(
    *, user: MaybeUser, dossier_id: Any, closure_id: int, export_format: str = ""
) -> tuple[OpenDossier, EarlyClosure]:
    """The door to the positive report of an early closure, for who may see both its sections (as
    closure_open): the report is read (or, with `export_format`, exported) as one entry on the closure, with
    the field "report", not as a read of the dossier's sections. A closure of another dossier is Http404."""
    dossier_get_for_user(user=user, dossier_id=dossier_id, section=Section.SAFETY_PLAN)
    dossier, decision = dossier_get_for_user(user=user, dossier_id=dossier_id, section=Section.MEASURES)
    closure = closure_get(dossier, closure_id)
    audit_append(
        actor=Actor.for_user(user, decision.membership),
        action=AuditAction.EXPORT if export_format else AuditAction.READ,
        purpose=decision.purpose,
        reason=decision.grant.reason if decision.grant else "",
        dossier=dossier,
        obj=closure,
        fields=["report"],
        export_format=export_format,
    )
    readable = frozenset(visible_sections(dossier, decision))
    writable = readable if may_write(dossier, decision) else frozenset()
    return OpenDossier(dossier=dossier, decision=decision, readable=readable, writable=writable), closure


def closure_get(dossier: Dossier, closure_id: int) -> EarlyClosure:
    """A positive early closure of this dossier, with its measure, child and signatories; or Http404."""
    closure = (
        EarlyClosure.objects.select_related("measure__child", "proposed_by", "decided_by")
        .filter(pk=closure_id, dossier=dossier)
        .first()
    )
    if closure is None:
        raise Http404
    closure.dossier = dossier
    return closure
