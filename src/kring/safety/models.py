"""Signs of Safety: bottom lines set by an authority and the safety plan that serves them.

A safety plan lives in versions. A version is a draft until its first signature; from then on it is frozen
(`signed_at` set) and a change to the plan starts a new draft version with a copy of the rules.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.cases.models import CircleMember, Dossier, Participant


class SetBy(models.TextChoices):
    JUDGE = "judge", _("judge")
    CASE_WORKER = "case_worker", _("case worker")


class BottomLineStatus(models.TextChoices):
    NOT_YET = "not_yet", _("not yet met")
    MET = "met", _("met")
    BREACHED = "breached", _("breached")


class BottomLine(models.Model):
    """A bottom line (bodemeis) set by a judge or case worker."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="bottom_lines")
    text = models.TextField(_("bottom line"))
    set_by_kind = models.CharField(_("set by"), max_length=20, choices=SetBy.choices)
    set_by_name = models.CharField(_("name of who set it"), max_length=200)
    set_on = models.DateField(_("set on"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=BottomLineStatus.choices, default=BottomLineStatus.NOT_YET
    )
    evidence = models.TextField(_("evidence"), blank=True)
    status_on = models.DateField(_("status since"), default=timezone.localdate)
    min_network_adults = models.PositiveSmallIntegerField(
        _("adults of the informal network needed in the plan"),
        null=True,
        blank=True,
        help_text=_("Leave empty when this bottom line asks for no number of network adults."),
    )

    class Meta:
        ordering = ["set_on", "id"]
        verbose_name = _("bottom line")
        verbose_name_plural = _("bottom lines")

    def __str__(self) -> str:
        return self.text[:80]


class SafetyPlan(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="safety_plans")
    title = models.CharField(_("title"), max_length=200)
    check_bottom_lines = models.BooleanField(_("every bottom line is served by a rule"), default=True)
    check_network_adults = models.BooleanField(
        _("enough adults of the informal network carry a rule"), default=True
    )
    check_responsible = models.BooleanField(_("every rule has a responsible person"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("safety plan")
        verbose_name_plural = _("safety plans")

    def __str__(self) -> str:
        return self.title


class PlanVersion(models.Model):
    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    @property
    def frozen(self) -> bool:
        return self.signed_at is not None


class PlanRule(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="rules")
    text = models.TextField(_("rule"))
    what = models.TextField(_("what they do"), blank=True)
    when = models.CharField(_("when"), max_length=200, blank=True)
    monitoring = models.TextField(_("how it is monitored"), blank=True)
    participants = models.ManyToManyField(Participant, blank=True, related_name="safety_rules")
    circle_members = models.ManyToManyField(CircleMember, blank=True, related_name="safety_rules")
    bottom_lines = models.ManyToManyField(BottomLine, blank=True, related_name="rules")

    class Meta:
        ordering = ["version", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Signature(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="signatures")
    participant = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.PROTECT)
    circle_member = models.ForeignKey(CircleMember, null=True, blank=True, on_delete=models.PROTECT)
    on_paper = models.BooleanField(_("paper signature recorded by the worker"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["signed_at", "id"]

    def __str__(self) -> str:
        return f"{self.signer_name} · {self.version}"

    @property
    def signer_name(self) -> str:
        if self.participant_id:
            return str(self.participant.person)
        return self.circle_member.user.get_full_name() or self.circle_member.user.get_username()
