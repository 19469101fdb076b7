from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BreakGlassQuerySet(models.QuerySet["BreakGlassAccess"]):
    def active(self) -> "BreakGlassQuerySet":
        return self.filter(expires_at__gt=timezone.now(), revoked_at__isnull=True)

    def unreviewed(self) -> "BreakGlassQuerySet":
        return self.filter(reviewed_at__isnull=True)


class BreakGlassAccess(models.Model):
    """Time-limited emergency access to a dossier outside its circle, with a stated reason.

    Every grant is flagged to the privacy officer until reviewed.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass")
    membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey("cases.Dossier", on_delete=models.CASCADE, related_name="break_glass")
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("review note"), blank=True)

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")

    def __str__(self) -> str:
        return f"{self.user} → {self.dossier} ({self.granted_at:%Y-%m-%d %H:%M})"
