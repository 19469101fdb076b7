"""Destroying a dossier whose retention period has passed: never automatic, always confirmed by a person."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kring.access.policy import functional_admin_organisations
from kring.accounts.types import User
from kring.audit.models import AuditAction, AuditPurpose
from kring.audit.services import Actor, audit_append_entries, audit_entry
from kring.cases.models import Authority, Person

from .selectors import Retention

NOT_PAST = _("This dossier's retention period has not passed yet (kept until %(date)s).")
UNKNOWN_PERIOD = _("The retention period of this dossier cannot be worked out, so it cannot be destroyed.")
CONFIRM_MISMATCH = _("Type the dossier's reference exactly to confirm.")
NOT_ADMIN = _("Only a functional administrator of the owning organisation can destroy a dossier.")


def dossier_destroy(*, actor: User, retention: Retention, confirm_reference: str, today: date) -> int:
    """Remove the dossier and every person who appears in no other dossier. The audit log keeps its entries
    (they name the dossier only by id and reference), so its chain stays intact. Returns persons removed."""
    dossier = retention.dossier
    if not functional_admin_organisations(actor).filter(pk=dossier.owning_team.organisation_id).exists():
        raise ValidationError(NOT_ADMIN)
    if retention.keep_until is None:
        raise ValidationError(UNKNOWN_PERIOD)
    if not retention.past(today):
        raise ValidationError(NOT_PAST % {"date": retention.keep_until.strftime("%d-%m-%Y")})
    if confirm_reference.strip().upper() != dossier.reference:
        raise ValidationError({"confirm_reference": CONFIRM_MISMATCH})
    entry = audit_entry(
        actor=Actor.for_user(actor),
        action=AuditAction.DELETE,
        purpose=AuditPurpose.ADMINISTRATION,
        reason=f"retention period passed (kept until {retention.keep_until:%Y-%m-%d})",
        dossier=dossier,
        obj=dossier,
        fields=["dossier", "persons"],
    )
    with transaction.atomic():
        person_ids = set(dossier.children.values_list("pk", flat=True))
        person_ids |= set(dossier.participants.values_list("person_id", flat=True))
        dossier.delete()
        orphans = Person.objects.filter(pk__in=person_ids, dossiers__isnull=True, participations__isnull=True)
        orphan_ids = list(orphans.values_list("pk", flat=True))
        Authority.objects.filter(Q(child_id__in=orphan_ids) | Q(holder_id__in=orphan_ids)).delete()
        Person.objects.filter(pk__in=orphan_ids).delete()
        audit_append_entries([entry])
    return len(orphan_ids)
