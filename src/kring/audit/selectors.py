from datetime import datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from kring.access.policy import audit_scope_for

from .models import AuditEntry


def audit_entries_for(*, user: Any, filters: dict[str, Any]) -> QuerySet[AuditEntry]:
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
