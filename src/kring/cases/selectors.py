"""Reads of dossier data. Every read goes through the access policy and is written to the audit log."""

import uuid
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from kring.access.policy import Action, Decision, Section, decide, dossiers_visible_to
from kring.audit.models import AuditAction, AuditOutcome
from kring.audit.services import Actor, audit_append, audit_append_entries, audit_entry

from .models import CircleMember, Dossier


def dossier_list_for_user(*, user: Any) -> QuerySet[Dossier]:
    """The dossiers `user` may open, with what the list shows, in a fixed number of queries."""
    return (
        dossiers_visible_to(user)
        .select_related("owning_team__organisation")
        .with_children()
        .order_by("status", "-opened_on", "reference")
    )


def _parse_id(dossier_id: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(dossier_id))
    except ValueError:
        raise Http404 from None


def dossier_get_for_user(
    *, user: Any, dossier_id: Any, action: Action = Action.VIEW, section: Section = Section.SUMMARY
) -> tuple[Dossier, Decision]:
    """Load one dossier for `user`, or raise Http404 — for a dossier that does not exist and for one the user
    may not see alike, so no existence leaks. Both outcomes are audited; a read is logged as a read, an
    edit is logged by the service that writes (with the names of the changed fields).
    """
    pk = _parse_id(dossier_id)
    dossier = Dossier.objects.select_related("owning_team__organisation").filter(pk=pk).first()
    if dossier is None:
        raise Http404
    decision = decide(user, action, dossier, section)
    if not decision.allowed:
        audit_append(
            actor=Actor.for_user(user),
            action=AuditAction.READ if action == Action.VIEW else AuditAction.UPDATE,
            outcome=AuditOutcome.DENIED,
            dossier=dossier,
            obj=dossier,
        )
        raise Http404
    if action == Action.VIEW:
        audit_append(
            actor=Actor.for_user(user, decision.membership),
            action=AuditAction.READ,
            purpose=decision.purpose,
            reason=decision.grant.reason if decision.grant else "",
            dossier=dossier,
            obj=dossier,
            fields=[section.value],
        )
    return dossier, decision


def dossier_detail(*, dossier: Dossier) -> Dossier:
    """Everything the dossier page shows, prefetched, in a fixed number of queries."""
    circle = CircleMember.objects.current().select_related("user", "membership__organisation")
    return (
        Dossier.objects.select_related("owning_team__organisation")
        .with_children()
        .prefetch_related(Prefetch("circle", queryset=circle, to_attr="current_circle"))
        .get(pk=dossier.pk)
    )


def dossiers_audit_listed(*, user: Any, dossiers: list[Dossier]) -> None:
    """Log that `user` saw these dossiers in a list: one entry each, appended in one go."""
    actor = Actor.for_user(user)
    audit_append_entries(
        [
            audit_entry(actor=actor, action=AuditAction.READ, dossier=dossier, obj=dossier, fields=["list"])
            for dossier in dossiers
        ]
    )
