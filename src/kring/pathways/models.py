"""Pathways with deadlines: templates, schedules, agenda, reminders, contacts intensity, case script."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.cases.models import EndReason
from kring.ui.dates import format_date

from .catalogue import translated

ROLES = {
    "team_lead": _("Team lead"),
    "process_team": _("Process team"),
    "case_worker": _("Case worker"),
    "judge": _("Judge"),
    "crisis_desk": _("Crisis desk"),
    "crisis_worker": _("Crisis worker"),
    "child": _("Child"),
    "parents": _("Parents"),
    "network": _("Network"),
    "local_team_worker": _("Local-team worker"),
    "care_provider": _("Care provider"),
    "parents_worker": _("Parents worker"),
    "child_worker": _("Child worker"),
    "probation_officer": _("Youth probation officer"),
    "behavioural_scientist": _("Behavioural scientist"),
}

# The conditions an extension can rest on (codes used in PathwayTemplate.extension_conditions).
EXTENSION_CONDITIONS = {
    "step_to_voluntary_care": _("A step to voluntary care must be made"),
    "family_goals_reached": _("Some family goals will be reached with the extension"),
    "bridge_to_court_care": _("A short gap before follow-up court care must be bridged"),
}


class Jurisdiction(models.TextChoices):
    NL = "NL", _("Netherlands")
    BE = "BE", _("Flanders")


class PathwayTemplate(models.Model):
    slug = models.SlugField(_("slug"), max_length=80)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Jurisdiction.choices)
    description = models.TextField(_("description"), blank=True)
    max_days = models.PositiveIntegerField(_("maximum duration in days"))
    extension_days = models.PositiveIntegerField(_("extension in days"), default=0)
    extension_conditions = models.JSONField(
        _("extension conditions"),
        default=list,
        blank=True,
        help_text=_("A list of {code, label}: an extension needs one of these conditions."),
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder, days before the deadline"),
        default=2,
        help_text=_("The responsible person gets an e-mail this many days before a step's last day."),
    )

    class Meta:
        verbose_name = _("pathway template")
        verbose_name_plural = _("pathway templates")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="pathway_template_slug_version")
        ]

    def __str__(self) -> str:
        return f"{translated(self.name)} (v{self.version})"


class TemplateStep(models.Model):
    template = models.ForeignKey(
        PathwayTemplate, on_delete=models.CASCADE, related_name="steps", verbose_name=_("template")
    )
    order = models.PositiveIntegerField(_("order"))
    key = models.SlugField(_("key"), max_length=80)
    title = models.CharField(_("title"), max_length=300)
    day_from = models.PositiveIntegerField(_("from day"))
    day_to = models.PositiveIntegerField(_("to day"), null=True, blank=True)
    day_alternative = models.PositiveIntegerField(
        _("alternative day"),
        null=True,
        blank=True,
        help_text=_("'1-3/4' means days 1 to 3, or up to day 4; '14/15' means day 14 or 15."),
    )
    roles = models.JSONField(_("roles"), default=list, blank=True)
    expects = models.JSONField(_("expected artefacts"), default=list, blank=True)
    after = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("after step"),
    )

    class Meta:
        verbose_name = _("template step")
        verbose_name_plural = _("template steps")
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="pathway_step_template_key")]

    def __str__(self) -> str:
        return translated(self.title)

    @property
    def last_day(self) -> int:
        return max(d for d in (self.day_from, self.day_to, self.day_alternative) if d is not None)


class PathwayState(models.TextChoices):
    RUNNING = "running", _("running")
    # on hold for a while (detention, hospital, the family abroad): no step is overdue, no reminder goes out
    PAUSED = "paused", _("paused")
    ENDED = "ended", _("ended")


class Pathway(models.Model):
    """A template run on a dossier: its steps get concrete dates and responsible people."""

    dossier = models.ForeignKey("cases.Dossier", on_delete=models.CASCADE, related_name="pathways")
    template = models.ForeignKey(PathwayTemplate, on_delete=models.PROTECT, related_name="pathways")
    started_on = models.DateField(_("start date"))
    state = models.CharField(
        _("state"), max_length=10, choices=PathwayState.choices, default=PathwayState.RUNNING
    )
    extension_condition = models.CharField(_("extension condition"), max_length=40, blank=True)
    extended_on = models.DateField(_("extended on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=30, choices=EndReason.choices, blank=True)
    end_note = models.TextField(_("how it ended"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.template.name} · {self.started_on}"

    @property
    def extension_condition_label(self) -> str:
        return str(EXTENSION_CONDITIONS.get(self.extension_condition, self.extension_condition))


class PathwayStep(models.Model):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    template_step = models.ForeignKey(TemplateStep, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField(_("order"))
    key = models.SlugField(_("key"), max_length=80)
    title = models.CharField(_("title"), max_length=300)
    days = models.CharField(_("days"), max_length=20)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    responsible = models.ForeignKey(
        "cases.CircleMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pathway_steps",
        verbose_name=_("responsible"),
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # who marked the step done and when: the day it was done may lie before the day it was recorded
    done_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked done by"),
    )
    done_recorded_at = models.DateTimeField(_("marked done at"), null=True, blank=True)
    artefact_url = models.CharField(_("link to the artefact"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        ordering = ["pathway", "order"]
        constraints = [models.UniqueConstraint(fields=["pathway", "key"], name="pathway_step_pathway_key")]

    def __str__(self) -> str:
        # what a user reads in a choice of steps: the title in their language and the start, never the key
        return f"{translated(self.title)} ({format_date(self.planned_start, 'j M Y')})"

    def is_overdue(self, today) -> bool:
        """Open and past its last day, while its pathway runs: an ended pathway has no overdue steps."""
        return (
            self.done_on is None and self.planned_end < today and self.pathway.state == PathwayState.RUNNING
        )


class CalendarFeed(models.Model):
    """A personal iCal feed: a secret random token in the URL; only its SHA-256 is stored. Revocable."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"feed {self.pk} of {self.user_id}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("before the deadline")
    OVERDUE = "overdue", _("step overdue")


class ReminderState(models.TextChoices):
    PENDING = "pending", _("planned")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    UNCONFIRMED = "unconfirmed", _("not confirmed")
    CANCELLED = "cancelled", _("cancelled")


class Reminder(models.Model):
    """One e-mail reminder about one deadline of one step, to the person responsible for it.

    Unique per step, kind, recipient and deadline: a reminder about a deadline is sent at most once. A
    pending reminder moves with its step; a new deadline (after a move) or a new responsible person (after a
    handover) is a new reminder. See reminders.py for the states and what happens when a worker dies."""

    step = models.ForeignKey(PathwayStep, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField(_("deadline"))
    due_at = models.DateTimeField(_("to be sent at"))
    state = models.CharField(
        _("state"), max_length=12, choices=ReminderState.choices, default=ReminderState.PENDING
    )
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "kind", "recipient", "deadline"], name="pathway_reminder_once_per_deadline"
            )
        ]
        indexes = [models.Index(fields=["state", "due_at"], name="pathway_reminder_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.deadline} → {self.recipient_id} ({self.state})"


class Reflection(models.Model):
    """A reflective question that guided the steps of the pathway (the reflective team), and what it
    brought. Part of the case script at closure."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="reflections")
    occurred_on = models.DateField(_("date"))
    question = models.TextField(_("reflective question"), max_length=1000)
    answer = models.TextField(_("what it brought"), max_length=4000, blank=True)
    step = models.ForeignKey(
        PathwayStep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name=_("step it guided"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.occurred_on}: {self.question[:60]}"


class Handover(models.Model):
    """Open steps of a pathway moved from one professional to the next, without a break: who, when, from,
    to, and which steps."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="handovers")
    from_member = models.ForeignKey(
        "cases.CircleMember", on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    to_member = models.ForeignKey(
        "cases.CircleMember", on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    handed_over_on = models.DateField(_("handed over on"))
    steps = models.ManyToManyField(PathwayStep, related_name="handovers", verbose_name=_("steps"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["handed_over_on", "id"]

    def __str__(self) -> str:
        return f"{self.handed_over_on}: {self.from_member_id} → {self.to_member_id}"

    @property
    def steps_moved(self) -> int:
        return len(self.steps.all())


class PathwayPause(models.Model):
    """A pause of a pathway: from when, why (the young person in detention or in hospital, the family
    abroad …) and, once resumed, when and by how many days the open steps moved on."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="pauses")
    paused_on = models.DateField(_("paused on"))
    reason = models.TextField(_("reason for the pause"), max_length=1000)
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resumed_on = models.DateField(_("resumed on"), null=True, blank=True)
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    shifted_days = models.PositiveIntegerField(_("days the open steps moved"), default=0)

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["paused_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pathway"],
                condition=models.Q(resumed_on__isnull=True),
                name="one_open_pause_per_pathway",
            )
        ]

    def __str__(self) -> str:
        return f"{self.paused_on} - {self.resumed_on or '…'}"
