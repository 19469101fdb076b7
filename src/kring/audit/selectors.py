from datetime import datetime, time
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from kring.access.models import BreakGlassAccess
from kring.access.policy import audit_scope_for, privacy_officer_organisations
from kring.accounts.types import MaybeUser, is_logged_in

from .models import AuditAction, AuditEntry, AuditOutcome, AuditPurpose
from .services import Actor, audit_append


def privacy_officer_gate(*, user: MaybeUser, what: str) -> None:
    """Let a privacy officer through; anyone else gets 404, and the attempt is logged."""
    if not privacy_officer_organisations(user).exists():
        audit_append(
            actor=Actor.for_user(user),
            action=AuditAction.READ,
            outcome=AuditOutcome.DENIED,
            purpose=AuditPurpose.OVERSIGHT,
            fields=[what],
        )
        raise Http404


def audit_entries_for(*, user: MaybeUser, filters: dict[str, Any]) -> QuerySet[AuditEntry]:
    """The entries a privacy officer may read, filtered. Dates are whole days in the configured zone."""
    entries = AuditEntry.objects.filter(audit_scope_for(user))
    if filters.get("dossier_reference"):
        entries = entries.filter(dossier_reference__iexact=filters["dossier_reference"].strip())
    if filters.get("username"):
        entries = entries.filter(actor_username__iexact=filters["username"].strip())
    for name in ("action", "outcome", "purpose"):
        if filters.get(name):
            entries = entries.filter(**{name: filters[name]})
    zone = timezone.get_current_timezone()
    if filters.get("date_from"):
        entries = entries.filter(occurred_at__gte=datetime.combine(filters["date_from"], time.min, zone))
    if filters.get("date_to"):
        entries = entries.filter(occurred_at__lte=datetime.combine(filters["date_to"], time.max, zone))
    return entries.order_by("-sequence")


def break_glass_to_review(*, user: MaybeUser) -> QuerySet[BreakGlassAccess]:
    """Unreviewed emergency accesses to the dossiers of the officer's organisations, except their own."""
    if not is_logged_in(user):
        return BreakGlassAccess.objects.none()
    return (
        BreakGlassAccess.objects.unreviewed()
        .filter(dossier__owning_team__organisation__in=privacy_officer_organisations(user))
        .exclude(user=user)
        .select_related("user", "membership__organisation", "dossier")
    )
