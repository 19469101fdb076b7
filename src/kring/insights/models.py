"""Facts that kring did not record yet, and what the outcome indicators need beside them.

They reference the dossier, measure and person of `cases` and never change those: risk-assessment results,
youth-probation events (warning talks, reports back), the judgement at the end of a measure, the method a
dossier or measure works with; and the research exports with their four-eyes approval. Regions and insight
grants say who sees aggregates beyond their own teams (organisation management, a municipality or region);
a grant never opens a dossier.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    SIGNS_OF_SAFETY = "signs_of_safety", _("Signs of Safety")
    SIGNS_OF_SUCCESS = "signs_of_success", _("Signs of Success")
    REGULAR = "regular", _("regular")
    OTHER = "other", _("other method")


UNLABELLED = "unlabelled"


class MethodLabel(models.Model):
    """The method a dossier works with, or one measure of it (a label on the measure wins)."""

    dossier = models.ForeignKey("cases.Dossier", on_delete=models.CASCADE, related_name="method_labels")
    measure = models.OneToOneField(
        "cases.Measure", on_delete=models.CASCADE, null=True, blank=True, related_name="method_label"
    )
    method = models.CharField(_("method"), max_length=30, choices=Method.choices)
    since = models.DateField(_("since"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("method label")
        verbose_name_plural = _("method labels")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"], condition=models.Q(measure__isnull=True), name="one_dossier_method_label"
            )
        ]

    def __str__(self) -> str:
        return self.get_method_display()


class RiskLevel(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class RiskInstrument(models.TextChoices):
    LIJ = "lij", _("LIJ (Landelijk Instrumentarium Jeugdstrafrechtketen)")
    ARIJ = "arij", _("ARIJ (risk assessment youth protection)")
    OTHER = "other", _("other instrument")


RISK_SCORE_MAX = 100


class RiskAssessment(models.Model):
    """The result of a risk assessment of one young person on one date. kring stores results only: the
    instrument's name, overall level and the scores of its dynamic factors (numbers), not the instrument."""

    dossier = models.ForeignKey("cases.Dossier", on_delete=models.CASCADE, related_name="risk_assessments")
    child = models.ForeignKey("cases.Person", on_delete=models.PROTECT, related_name="risk_assessments")
    measure = models.ForeignKey(
        "cases.Measure", on_delete=models.SET_NULL, null=True, blank=True, related_name="risk_assessments"
    )
    instrument = models.CharField(_("instrument"), max_length=20, choices=RiskInstrument.choices)
    instrument_name = models.CharField(
        _("name of the instrument"), max_length=100, blank=True, help_text=_("Only for another instrument.")
    )
    assessed_on = models.DateField(_("assessed on"))
    overall_level = models.CharField(_("overall risk level"), max_length=10, choices=RiskLevel.choices)
    dynamic_scores = models.JSONField(_("dynamic factor scores"), default=dict, blank=True)
    # The sum of the dynamic factor scores, kept beside them so the database can aggregate change over time.
    dynamic_total = models.DecimalField(_("dynamic total"), max_digits=8, decimal_places=2, default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessed_on", "id"]
        indexes = [models.Index(fields=["measure", "assessed_on"], name="risk_by_measure")]
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")

    def __str__(self) -> str:
        return f"{self.instrument_label} {self.assessed_on:%Y-%m-%d}: {self.get_overall_level_display()}"

    @property
    def instrument_label(self) -> str:
        return (
            self.instrument_name if self.instrument == RiskInstrument.OTHER else self.get_instrument_display()
        )


class ProbationEventKind(models.TextChoices):
    WARNING_TALK = "warning_talk", _("warning talk")
    REPORT_BACK = "report_back", _("report back to prosecutor or court")


class ProbationEventReason(models.TextChoices):
    CONDITIONS_NOT_MET = "conditions_not_met", _("special conditions not kept")
    NO_SHOW = "no_show", _("did not turn up to appointments")
    NEW_OFFENCE = "new_offence", _("suspected of a new offence")
    NO_COOPERATION = "no_cooperation", _("does not cooperate with the supervision")
    POSITIVE = "positive", _("positive report (things go well)")
    OTHER = "other", _("other reason")


class ProbationEventOutcome(models.TextChoices):
    PENDING = "pending", _("no decision yet")
    CONTINUED = "continued", _("supervision continues unchanged")
    CONDITIONS_ADJUSTED = "conditions_adjusted", _("conditions adjusted")
    REVOKED = "revoked", _("conditional part revoked / detention")
    ENDED_EARLY = "ended_early", _("measure ended early")


class ProbationEvent(models.Model):
    """A warning talk or a report back (terugmelding) in a youth-probation measure."""

    dossier = models.ForeignKey("cases.Dossier", on_delete=models.CASCADE, related_name="probation_events")
    measure = models.ForeignKey("cases.Measure", on_delete=models.CASCADE, related_name="probation_events")
    kind = models.CharField(_("kind"), max_length=20, choices=ProbationEventKind.choices)
    occurred_on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=30, choices=ProbationEventReason.choices)
    outcome = models.CharField(
        _("outcome"),
        max_length=30,
        choices=ProbationEventOutcome.choices,
        default=ProbationEventOutcome.PENDING,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["occurred_on", "id"]
        indexes = [models.Index(fields=["measure", "kind"], name="probation_event_by_measure")]
        verbose_name = _("youth-probation event")
        verbose_name_plural = _("youth-probation events")

    def __str__(self) -> str:
        return f"{self.occurred_on:%Y-%m-%d} {self.get_kind_display()}"


JUDGEMENT_MIN, JUDGEMENT_MAX = 1, 5


class EndJudgement(models.Model):
    """At the end of a measure: how far the goals were realised and whether the necessary help was accepted,
    each on a scale of 1 (not at all) to 5 (completely), with the evidence it rests on."""

    measure = models.OneToOneField("cases.Measure", on_delete=models.CASCADE, related_name="end_judgement")
    dossier = models.ForeignKey("cases.Dossier", on_delete=models.CASCADE, related_name="end_judgements")
    goal_realisation = models.PositiveSmallIntegerField(
        _("goal realisation"), validators=[MinValueValidator(JUDGEMENT_MIN), MaxValueValidator(JUDGEMENT_MAX)]
    )
    help_accepted = models.PositiveSmallIntegerField(
        _("acceptance of necessary help"),
        validators=[MinValueValidator(JUDGEMENT_MIN), MaxValueValidator(JUDGEMENT_MAX)],
    )
    evidence = models.TextField(_("evidence"), help_text=_("What the judgement rests on."))
    judged_on = models.DateField(_("judged on"))
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("end-of-measure judgement")
        verbose_name_plural = _("end-of-measure judgements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(goal_realisation__gte=JUDGEMENT_MIN, goal_realisation__lte=JUDGEMENT_MAX)
                & models.Q(help_accepted__gte=JUDGEMENT_MIN, help_accepted__lte=JUDGEMENT_MAX),
                name="end_judgement_scales_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.goal_realisation}/{self.help_accepted}"


class Region(models.Model):
    """A municipality or region: the organisations whose figures it sees, aggregated."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    organisations = models.ManyToManyField("accounts.Organisation", related_name="regions")

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class InsightsScope(models.TextChoices):
    ORGANISATION = "organisation", _("organisation management")
    REGION = "region", _("municipality or region")


class InsightsGrant(models.Model):
    """Who sees aggregated figures beyond the teams they lead. Granted by a functional administrator (admin);
    never opens a dossier."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="insights_grants"
    )
    scope = models.CharField(_("scope"), max_length=20, choices=InsightsScope.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True, related_name="grants")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("insights grant")
        verbose_name_plural = _("insights grants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope="organisation", organisation__isnull=False, region__isnull=True)
                | models.Q(scope="region", region__isnull=False, organisation__isnull=True),
                name="insights_grant_scope_matches_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation or self.region}"

    def clean(self) -> None:
        if (self.scope == InsightsScope.ORGANISATION) != (self.organisation_id is not None):
            raise ValidationError(_("An organisation grant names an organisation, a region grant a region."))


class ExportStatus(models.TextChoices):
    REQUESTED = "requested", _("waiting for the privacy officer")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class ResearchExport(models.Model):
    """A pseudonymised extract for one study. Requested by one person, approved by a privacy officer of the
    organisation who did not request it; the key that makes its pseudonyms is its own, so two exports cannot
    be joined."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("study"), max_length=200)
    purpose = models.TextField(_("purpose"))
    measure_kinds = models.JSONField(_("measure kinds"), default=list, blank=True)
    period_start = models.DateField(_("measures started from"))
    period_end = models.DateField(_("measures started until"))
    quasi_identifiers = models.JSONField(_("quasi-identifiers"), default=list)
    k = models.PositiveSmallIntegerField(
        _("k (smallest group)"), default=5, validators=[MinValueValidator(2)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ExportStatus.choices, default=ExportStatus.REQUESTED
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)
    smallest_group = models.PositiveIntegerField(null=True, blank=True)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    # The key of this export's pseudonyms (hex). Kept so that a re-download gives the same file; never shown.
    pseudonym_key = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("research export")
        verbose_name_plural = _("research exports")

    def __str__(self) -> str:
        return self.title


class ComputedStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ComputedInsight(models.Model):
    """A dashboard or cohort comparison computed in the background (kring.insights.computed). `key` is a
    hash of exactly the inputs of the computation: kind, the scope the policy grants (teams, organisations),
    the cohort filters and the language — never the user, so readers with the same scope share a result
    and readers with different scopes never do. `figures` is what the page shows, already suppressed."""

    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=16)  # "dashboard" or "compare"
    inputs = models.JSONField()
    figures = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    status = models.CharField(max_length=8, choices=ComputedStatus.choices, default=ComputedStatus.QUEUED)
    step = models.PositiveSmallIntegerField(default=0)
    steps = models.PositiveSmallIntegerField(default=1)
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.key[:8]} {self.status}"
