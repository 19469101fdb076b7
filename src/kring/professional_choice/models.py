from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """What a professional offers, so that a family can choose between two of them (matching, seed 001)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matching_profile"
    )
    expertise = models.TextField(
        _("expertise"), blank=True, help_text=_("e.g. divorce, LVB, youth probation")
    )
    affinity = models.TextField(
        _("affinity"), blank=True, help_text=_("e.g. sports, music, religion, languages")
    )
    practical = models.TextField(
        _("practical"),
        blank=True,
        help_text=_("e.g. available on Wednesday evenings, works in the east of the city"),
    )
    introduction = models.TextField(_("a few words to the family"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("matching profile")
        verbose_name_plural = _("matching profiles")

    def __str__(self) -> str:
        return str(self.user)


class Proposal(models.Model):
    """A team lead proposes two professionals; the family's preference is recorded."""

    dossier = models.ForeignKey("cases.Dossier", on_delete=models.CASCADE, related_name="match_proposals")
    first = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_on = models.DateField(_("proposed on"))
    chosen = models.ForeignKey(
        "accounts.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    chosen_on = models.DateField(_("chosen on"), null=True, blank=True)
    family_note = models.TextField(_("what the family said"), blank=True)

    class Meta:
        ordering = ["-proposed_on", "-id"]
        verbose_name = _("matching proposal")
        verbose_name_plural = _("matching proposals")

    def __str__(self) -> str:
        return f"{self.dossier} · {self.proposed_on:%Y-%m-%d}"
