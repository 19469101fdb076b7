from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.accounts.language import language_for
from kring.accounts.models import Membership, Role
from kring.accounts.types import User
from kring.audit.models import AuditAction, AuditOutcome, AuditPurpose
from kring.audit.services import Actor, audit_append
from kring.cases.models import Dossier

from .models import BreakGlassAccess
from .policy import break_glass_memberships

MIN_REASON_LENGTH = 20
# One message for "no such dossier" and "not allowed", so the answer leaks no existence.
BREAK_GLASS_REFUSED = gettext_lazy(
    "Emergency access is not possible for this reference. Check the reference, or ask the team that owns "
    "the dossier to add you to the circle."
)
OWN_GRANT = gettext_lazy("Another privacy officer reviews your own emergency access.")
REASON_TOO_SHORT = gettext_lazy("Describe the reason for emergency access in at least %(min)d characters.")


def break_glass_open(*, user: User, reference: str, reason: str) -> BreakGlassAccess:
    """Grant `user` time-limited read access to a dossier outside its circle, and flag it for review."""
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError({"reason": REASON_TOO_SHORT % {"min": MIN_REASON_LENGTH}})
    dossier = (
        Dossier.objects.select_related("owning_team").filter(reference=reference.strip().upper()).first()
    )
    membership = None
    if dossier is not None:
        membership = (
            break_glass_memberships(user).filter(organisation_id=dossier.owning_team.organisation_id).first()
        )
    if dossier is None or membership is None:
        audit_append(
            actor=Actor.for_user(user),
            action=AuditAction.BREAK_GLASS,
            outcome=AuditOutcome.DENIED,
            purpose=AuditPurpose.BREAK_GLASS,
            reason=reason,
            dossier=dossier,
        )
        raise ValidationError(BREAK_GLASS_REFUSED)
    now = timezone.now()
    with transaction.atomic():
        grant = BreakGlassAccess.objects.create(
            user=user,
            membership=membership,
            dossier=dossier,
            reason=reason,
            granted_at=now,
            expires_at=now + timedelta(hours=settings.KRING_BREAK_GLASS_HOURS),
        )
        audit_append(
            actor=Actor.for_user(user, membership),
            action=AuditAction.BREAK_GLASS,
            purpose=AuditPurpose.BREAK_GLASS,
            reason=reason,
            dossier=dossier,
            obj=grant,
        )
        transaction.on_commit(lambda: _notify_privacy_officers(grant))
    return grant


def _notify_privacy_officers(grant: BreakGlassAccess) -> None:
    """Tell the owning organisation's privacy officers; the mail names the dossier by reference only."""
    recipients = list(
        Membership.objects.active()
        .filter(organisation_id=grant.membership.organisation_id, role=Role.PRIVACY_OFFICER)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    # in the organisation's language, not in the one the user who opened the dossier happened to choose
    names = {"reference": grant.dossier.reference}
    with translation.override(language_for(jurisdiction=grant.dossier.jurisdiction)):
        subject = _("kring: emergency access to dossier %(reference)s") % names
        message = (
            _("Emergency access was used for dossier %(reference)s. Please review it on the access-log page.")
            % names
        )
    send_mail(subject, message, from_email=None, recipient_list=recipients, fail_silently=True)


def break_glass_review(*, grant: BreakGlassAccess, reviewer: User, note: str) -> BreakGlassAccess:
    if grant.user_id == reviewer.pk:
        raise ValidationError(OWN_GRANT)
    grant.reviewed_at = timezone.now()
    grant.reviewed_by = reviewer
    grant.review_note = note.strip()
    with transaction.atomic():
        grant.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
        audit_append(
            actor=Actor.for_user(reviewer),
            action=AuditAction.UPDATE,
            purpose=AuditPurpose.OVERSIGHT,
            dossier=grant.dossier,
            obj=grant,
            fields=["reviewed_at", "reviewed_by", "review_note"],
        )
    return grant
