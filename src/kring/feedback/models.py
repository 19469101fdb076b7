"""Feedback and outcome instruments: definitions, administrations, answers, scores, self-entry."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

FROZEN_MESSAGE = _(
    "This questionnaire has already been filled in, so it cannot be changed. Make a new version."
)


class Due(models.TextChoices):
    EVERY_CONTACT = "every_contact", _("at every contact")
    START_MIDDLE_END = "start_middle_end", _("at the start, in the middle and at the end")
    CLOSURE = "closure", _("at closure")
    PERIODIC = "periodic", _("now and then, when it helps")


class RespondentType(models.TextChoices):
    """Who answers. Parents, network members, school and professionals can also rate how the young person is
    doing: important for mandated young people, whose own first scores are often high."""

    YOUNG_PERSON = "young_person", _("young person")
    CHILD = "child", _("child")
    PARENT = "parent", _("parent")
    NETWORK = "network", _("network member")
    SCHOOL = "school", _("school")
    PROFESSIONAL = "professional", _("professional")


class Moment(models.TextChoices):
    """For instruments filled in at the start, during and at the end of the help (Due.START_MIDDLE_END)."""

    START = "start", pgettext_lazy("moment", "start")
    DURING = "during", pgettext_lazy("moment", "during")
    END = "end", pgettext_lazy("moment", "end")


class EntryMode(models.TextChoices):
    """How the answers came in."""

    ENTERED = "entered", _("entered by the professional")
    TOGETHER = "together", _("filled in together")
    SELF_ENTRY = "self_entry", _("filled in by the respondent (link)")
    PORTAL = "portal", _("filled in by the respondent (family portal)")


class AnswerType(models.TextChoices):
    SCALE_0_10 = "scale_0_10", _("scale from 0 to 10")
    SCALE_1_4 = "scale_1_4", _("scale from 1 to 4")
    GRADE_1_10 = "grade_1_10", _("report grade from 1 to 10")
    CHOICE = "choice", _("choice")
    FREE_TEXT = "free_text", _("free text")


class Instrument(models.Model):
    """One version of a questionnaire. Once answered it is frozen: changes make a new version."""

    slug = models.SlugField(_("code"), max_length=50)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    respondent_types = models.JSONField(_("who fills it in"), default=list, blank=True)
    due = models.CharField(_("when"), max_length=20, choices=Due.choices)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["slug", "version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="feedback_instrument_version")
        ]

    def __str__(self) -> str:
        return f"{gettext(self.name)} (v{self.version})"

    @property
    def display_name(self) -> str:
        return gettext(self.name)

    @property
    def display_purpose(self) -> str:
        return gettext(self.purpose) if self.purpose else ""

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def freeze(self) -> None:
        if self.frozen_at is None:
            self.frozen_at = timezone.now()
            Instrument.objects.filter(pk=self.pk, frozen_at__isnull=True).update(frozen_at=self.frozen_at)


class Item(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    key = models.SlugField(_("key"), max_length=50)
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)
    heading = models.CharField(
        _("heading"),
        max_length=100,
        blank=True,
        help_text=_("Shown above this question and the ones that follow."),
    )
    answer_type = models.CharField(_("answer type"), max_length=20, choices=AnswerType.choices)
    low_label = models.CharField(
        _("word for the lowest answer"),
        max_length=60,
        blank=True,
        help_text=_("For example: not true at all."),
    )
    high_label = models.CharField(
        _("word for the highest answer"),
        max_length=60,
        blank=True,
        help_text=_("For example: completely true."),
    )
    min_value = models.IntegerField(_("lowest answer"), null=True, blank=True)
    max_value = models.IntegerField(_("highest answer"), null=True, blank=True)
    subscale = models.CharField(_("subscale"), max_length=30, blank=True)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "key"], name="feedback_item_key")]

    def __str__(self) -> str:
        return self.key

    def save(self, *args, **kwargs) -> None:
        self.clean()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.clean()
        return super().delete(*args, **kwargs)

    @property
    def display_text(self) -> str:
        return gettext(self.text)

    @property
    def display_heading(self) -> str:
        return gettext(self.heading) if self.heading else ""

    @property
    def is_numeric(self) -> bool:
        return self.answer_type != AnswerType.FREE_TEXT

    def clean(self) -> None:
        instrument = Instrument.objects.filter(pk=self.instrument_id).first()
        if instrument is not None and instrument.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValidationError(_("The lowest answer must not be higher than the highest answer."))


class AdministrationQuerySet(models.QuerySet["Administration"]):
    def submitted(self) -> "AdministrationQuerySet":
        return self.filter(submitted_at__isnull=False)

    def waiting(self) -> "AdministrationQuerySet":
        return self.filter(submitted_at__isnull=True)


class Administration(models.Model):
    """One time someone fills in an instrument in a dossier. It is planned (waiting for answers, e.g. behind a
    self-entry link) until it is submitted; once submitted it is never answered again."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="administrations")
    dossier = models.ForeignKey("cases.Dossier", on_delete=models.CASCADE, related_name="administrations")
    contact = models.ForeignKey(
        "cases.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="administrations"
    )
    respondent_type = models.CharField(_("respondent"), max_length=30, choices=RespondentType.choices)
    respondent_label = models.CharField(_("name of the respondent"), max_length=200, blank=True)
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices, blank=True)
    taken_on = models.DateField(_("filled in on"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    entry_mode = models.CharField(
        _("how it was filled in"), max_length=12, choices=EntryMode.choices, default=EntryMode.ENTERED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AdministrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("filled-in questionnaire")
        verbose_name_plural = _("filled-in questionnaires")
        ordering = ["-taken_on", "-submitted_at"]
        indexes = [models.Index(fields=["dossier", "taken_on"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.respondent_type} {self.taken_on}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def answers_by_key(self) -> dict:
        return {
            a.item.key: (a.text if not a.item.is_numeric else a.value)
            for a in self.answers.select_related("item")
        }


class Answer(models.Model):
    administration = models.ForeignKey(Administration, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.DecimalField(_("value"), max_digits=6, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["administration", "item"], name="feedback_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.item.key}: {self.text if self.value is None else self.value}"


class SelfEntryLink(models.Model):
    """A one-time link with which a young person or parent fills in one planned administration on their own
    phone, without an account. Only a hash of the token is kept; the token itself is shown once."""

    administration = models.ForeignKey(Administration, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("self-entry link")
        verbose_name_plural = _("self-entry links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"link {self.pk} for {self.administration_id}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.withdrawn_at is None and self.expires_at > now


class SelfEntryThrottle(models.Model):
    """How often one client (a hash of its address) opened self-entry pages in one time window."""

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="feedback_throttle_window")
        ]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.window_start:%H:%M} {self.hits}"


class Topic(models.TextChoices):
    """The five topics of Samen Sterker (definitions.SAMEN_STERKER_TOPICS uses the same keys)."""

    TREAT = "treat", _("How we deal with each other")
    LISTEN = "listen", _("Listening")
    CONTACT = "contact", _("Contact")
    PLAN = "plan", _("The family plan")
    AGREE = "agree", _("Agreements")


class AgreementStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("agreement", "open")
    DONE = "done", pgettext_lazy("agreement", "done")


class ImprovementAgreement(models.Model):
    """An agreement to work together better, made in a Samen Sterker conversation and followed up in the
    next ones until it is done. `version` guards against two people changing it at the same time."""

    dossier = models.ForeignKey(
        "cases.Dossier", on_delete=models.CASCADE, related_name="improvement_agreements"
    )
    made_in = models.ForeignKey(
        Administration, on_delete=models.SET_NULL, null=True, blank=True, related_name="agreements"
    )
    made_on = models.DateField(_("agreed on"), default=timezone.localdate)
    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    text = models.CharField(_("agreement"), max_length=300)
    who = models.CharField(_("by whom"), max_length=100)
    due_on = models.DateField(_("done by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=6, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("improvement agreement")
        verbose_name_plural = _("improvement agreements")
        ordering = ["made_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", done_on__isnull=True)
                | models.Q(status="done", done_on__isnull=False),
                name="feedback_agreement_done_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.text[:40]}"

    def open_on(self, day) -> bool:
        """Whether the agreement stood, not yet done, on `day` (to follow it up in later conversations)."""
        return self.made_on < day and (self.done_on is None or self.done_on >= day)
