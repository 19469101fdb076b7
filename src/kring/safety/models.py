"""Signs of Safety: bottom lines set by an authority, the safety plan that serves them, and the mapping of
every meeting (three columns, eight elements) in versions.

A safety plan lives in versions. A version is a draft until its first signature; from then on it is frozen
(`signed_at` set) and a change to the plan starts a new draft version with a copy of the rules.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.cases.models import CircleMember, Dossier, Participant, Person


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
    status_evaluation = models.ForeignKey(
        "Evaluation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("status from the evaluation"),
    )
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
    check_safety_goals = models.BooleanField(_("every safety goal is served by a rule"), default=False)
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
    safety_goals = models.ManyToManyField("SafetyGoal", blank=True, related_name="rules")

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
        # One signature per person and version, also when two clicks arrive at the same moment.
        constraints = [
            models.UniqueConstraint(
                fields=["version", "participant"],
                condition=models.Q(participant__isnull=False),
                name="one_signature_per_participant",
            ),
            models.UniqueConstraint(
                fields=["version", "circle_member"],
                condition=models.Q(circle_member__isnull=False),
                name="one_signature_per_circle_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signer_name} · {self.version}"

    @property
    def signer_name(self) -> str:
        if self.participant_id:
            return str(self.participant.person)
        return self.circle_member.user.get_full_name() or self.circle_member.user.get_username()


# --- mapping: three columns and eight elements, made again at every meeting ---------------------------------


class MappingElement(models.TextChoices):
    PAST_HARM = "past_harm", _("past harm")
    DANGER = "danger", _("danger and future risk")
    COMPLICATING = "complicating", _("complicating factors")
    STRENGTH = "strength", _("strengths")
    EXISTING_SAFETY = "existing_safety", _("existing safety")
    SAFETY_GOAL = "safety_goal", _("safety goals")
    NEXT_STEP = "next_step", _("next steps")


class MappingColumn(models.TextChoices):
    WORRIES = "worries", _("What are we worried about?")
    WORKING_WELL = "working_well", _("What's working well?")
    NEEDS = "needs", _("What needs to happen?")


# The three columns and the elements in each, in the order the mapping shows them.
COLUMN_ELEMENTS: dict[str, tuple[str, ...]] = {
    MappingColumn.WORRIES: (MappingElement.PAST_HARM, MappingElement.DANGER, MappingElement.COMPLICATING),
    MappingColumn.WORKING_WELL: (MappingElement.STRENGTH, MappingElement.EXISTING_SAFETY),
    MappingColumn.NEEDS: (MappingElement.SAFETY_GOAL, MappingElement.NEXT_STEP),
}
ELEMENT_COLUMN = {element: column for column, elements in COLUMN_ELEMENTS.items() for element in elements}
SCALE_MIN, SCALE_MAX = 0, 10
SCALE_HELP = _("0 = the child will surely be harmed again, 10 = safe enough to close.")


class Mapping(models.Model):
    """The mapping of one meeting. The next meeting starts a new mapping with a copy of the items; earlier
    mappings stay as they were, so that the change between meetings can be read."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="mappings")
    number = models.PositiveIntegerField(_("version"))
    held_on = models.DateField(_("date of the meeting"), default=timezone.localdate)
    meeting = models.CharField(_("meeting"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        Participant, blank=True, related_name="safety_mappings", verbose_name=_("family and network present")
    )
    circle_members = models.ManyToManyField(
        CircleMember, blank=True, related_name="safety_mappings", verbose_name=_("professionals present")
    )
    safety_scale = models.PositiveSmallIntegerField(
        _("safety scale"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
        help_text=SCALE_HELP,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "number"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "number"], name="unique_mapping_number"),
            models.CheckConstraint(
                condition=models.Q(safety_scale__lte=SCALE_MAX), name="mapping_scale_0_to_10"
            ),
        ]
        verbose_name = _("mapping")
        verbose_name_plural = _("mappings")

    def __str__(self) -> str:
        return f"{self.dossier} mapping {self.number}"


class MappingItem(models.Model):
    """One item in a column of a mapping. `thread` is shared by the copies of an item in later mappings, so a
    comparison tells a changed item from a removed one and a new one. `revision` guards against two people
    overwriting each other's edit."""

    mapping = models.ForeignKey(Mapping, on_delete=models.CASCADE, related_name="items")
    element = models.CharField(_("element"), max_length=20, choices=MappingElement.choices)
    text = models.TextField(_("text"), max_length=2000)
    thread = models.UUIDField(default=uuid.uuid4, editable=False)
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mapping", "id"]
        constraints = [models.UniqueConstraint(fields=["mapping", "thread"], name="unique_item_thread")]
        verbose_name = _("mapping item")
        verbose_name_plural = _("mapping items")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def column(self) -> str:
        return ELEMENT_COLUMN[self.element]


# --- danger statements and safety goals: structured fields that compose a sentence the worker can edit ------


class StatementLanguage(models.TextChoices):
    NL = "nl", "Nederlands"
    EN = "en", "English"


class Statement(models.Model):
    """What danger statements and safety goals share: the dossier, the children it is about, the language of
    the sentence, the sentence itself (composed from the fields, then the worker's to edit), and a revision
    that keeps two people from overwriting each other."""

    language = models.CharField(
        _("language of the sentence"), max_length=2, choices=StatementLanguage.choices, default="nl"
    )
    who_is_worried = models.CharField(_("who is worried"), max_length=300)
    text = models.TextField(_("the sentence"), max_length=4000)
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class DangerStatement(Statement):
    """Who is worried, about which behaviour by whom, its impact on the child, what may happen if nothing
    changes (gevaarboodschap)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="danger_statements")
    children = models.ManyToManyField(
        Person, blank=True, related_name="danger_statements", verbose_name=_("children")
    )
    by_whom = models.CharField(_("whose behaviour"), max_length=200)
    behaviour = models.TextField(_("which behaviour"), max_length=1000)
    impact = models.TextField(_("impact on the child"), max_length=1000)
    could_happen = models.TextField(_("what could happen if nothing changes"), max_length=1000)

    class Meta(Statement.Meta):
        verbose_name = _("danger statement")
        verbose_name_plural = _("danger statements")


class SafetyGoal(Statement):
    """What the people who are worried need to see, over time, to be confident the child is safe
    (veiligheidsdoel). It may answer a danger statement."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="safety_goals")
    children = models.ManyToManyField(
        Person, blank=True, related_name="safety_goals", verbose_name=_("children")
    )
    danger_statement = models.ForeignKey(
        DangerStatement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safety_goals",
        verbose_name=_("answers the danger statement"),
    )
    what_to_see = models.TextField(_("what they need to see"), max_length=1000)
    over_time = models.CharField(_("over what time"), max_length=300, blank=True)

    class Meta(Statement.Meta):
        verbose_name = _("safety goal")
        verbose_name_plural = _("safety goals")


# --- scaling questions: every participant rates a question 0-10 on a date -----------------------------------


class ScaleQuestion(models.TextChoices):
    SAFETY = "safety", _("safety")
    PROGRESS = "progress", _("progress")
    WILLINGNESS = "willingness", _("willingness")
    CONFIDENCE = "confidence", _("confidence")
    CAPACITY = "capacity", _("capacity")
    CUSTOM = "custom", _("own question")


class RaterGroup(models.TextChoices):
    FAMILY = "family", _("family and network")
    PROFESSIONAL = "professional", _("professionals")


class ScaleRating(models.Model):
    """One person's score on one scaling question on one date. The rater is a child of the dossier, a parent
    or network member (participant), or a professional of the circle: exactly one of the three."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="scale_ratings")
    question = models.CharField(_("question"), max_length=20, choices=ScaleQuestion.choices)
    custom_question = models.CharField(_("own question"), max_length=300, blank=True)
    child = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.PROTECT, related_name="scale_ratings"
    )
    circle_member = models.ForeignKey(
        CircleMember, null=True, blank=True, on_delete=models.PROTECT, related_name="scale_ratings"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    rated_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    evaluation = models.ForeignKey(
        "Evaluation", null=True, blank=True, on_delete=models.CASCADE, related_name="ratings"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rated_on", "id"]
        indexes = [models.Index(fields=["dossier", "question", "rated_on"], name="scale_rating_series")]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__lte=SCALE_MAX), name="scale_rating_0_to_10"),
            models.CheckConstraint(
                condition=(
                    models.Q(child__isnull=False, participant__isnull=True, circle_member__isnull=True)
                    | models.Q(child__isnull=True, participant__isnull=False, circle_member__isnull=True)
                    | models.Q(child__isnull=True, participant__isnull=True, circle_member__isnull=False)
                ),
                name="scale_rating_one_rater",
            ),
        ]
        verbose_name = _("scale rating")
        verbose_name_plural = _("scale ratings")

    def __str__(self) -> str:
        return f"{self.rater_name}: {self.score} ({self.rated_on})"

    @property
    def rater_key(self) -> str:
        if self.child_id:
            return f"k{self.child_id}"
        if self.participant_id:
            return f"p{self.participant_id}"
        return f"c{self.circle_member_id}"

    @property
    def group(self) -> str:
        return RaterGroup.PROFESSIONAL if self.circle_member_id else RaterGroup.FAMILY

    @property
    def rater_name(self) -> str:
        if self.child_id:
            return _("%(name)s (child)") % {"name": self.child.first_name}
        if self.participant_id:
            return f"{self.participant.person} ({self.participant.relation})"
        user = self.circle_member.user
        return f"{user.get_full_name() or user.get_username()} ({self.circle_member.case_role})"

    @property
    def question_text(self) -> str:
        return self.custom_question if self.question == ScaleQuestion.CUSTOM else self.get_question_display()


# --- evaluation moments: interim and end, with scales, decisions and the bottom lines' status --------------


class EvaluationKind(models.TextChoices):
    INTERIM = "interim", _("interim evaluation")
    END = "end", _("end evaluation")


class EvaluationOutcome(models.TextChoices):
    CONTINUE = "continue", _("continue the plan as it is")
    ADJUST = "adjust", _("adjust the plan")
    CLOSE = "close", _("safe enough: close")
    ESCALATE = "escalate", _("not safe enough: escalate")


class Evaluation(models.Model):
    """An interim or end evaluation of the safety plan: who took part, the scores given, how every bottom
    line stands (with evidence), and what was decided."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(_("kind"), max_length=10, choices=EvaluationKind.choices)
    held_on = models.DateField(_("date"))
    plan = models.ForeignKey(
        SafetyPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="evaluations"
    )
    plan_version = models.ForeignKey(
        PlanVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="evaluations"
    )
    participants = models.ManyToManyField(Participant, blank=True, related_name="safety_evaluations")
    circle_members = models.ManyToManyField(CircleMember, blank=True, related_name="safety_evaluations")
    decisions = models.TextField(_("decisions"), max_length=4000)
    outcome = models.CharField(_("outcome"), max_length=10, choices=EvaluationOutcome.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class BottomLineAssessment(models.Model):
    """How one bottom line stood at an evaluation, and on what evidence."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="assessments")
    bottom_line = models.ForeignKey(BottomLine, on_delete=models.CASCADE, related_name="assessments")
    status = models.CharField(_("status"), max_length=20, choices=BottomLineStatus.choices)
    evidence = models.TextField(_("evidence"), max_length=2000, blank=True)

    class Meta:
        ordering = ["evaluation", "bottom_line__set_on", "bottom_line_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "bottom_line"], name="one_assessment_per_line")
        ]
        verbose_name = _("bottom line at an evaluation")
        verbose_name_plural = _("bottom lines at evaluations")

    def __str__(self) -> str:
        return f"{self.bottom_line}: {self.status}"


# --- the safety journal: how the plan works day to day ------------------------------------------------------


class JournalKind(models.TextChoices):
    WENT_WELL = "went_well", _("went well")
    WORRY = "worry", _("worry")
    NOTE = "note", _("note")


class JournalEntry(models.Model):
    """A note in the running log of how the plan works day to day. Family and network members have no
    account yet (the portal comes later): a worker writes down what they said, on their behalf, and who said
    it is kept (`said_by_*`); without one, the worker wrote it in their own name."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="safety_journal")
    happened_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=JournalKind.choices, default=JournalKind.NOTE)
    text = models.TextField(_("what happened"), max_length=2000)
    rule = models.ForeignKey(
        PlanRule,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="journal_entries",
        verbose_name=_("about the rule"),
    )
    said_by_participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.PROTECT, related_name="safety_journal_entries"
    )
    said_by_child = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["dossier", "-happened_on"], name="safety_journal_dossier")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(said_by_participant__isnull=True) | models.Q(said_by_child__isnull=True),
                name="journal_one_speaker",
            )
        ]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def on_behalf(self) -> bool:
        return bool(self.said_by_participant_id or self.said_by_child_id)

    @property
    def speaker(self) -> str:
        if self.said_by_participant_id:
            return f"{self.said_by_participant.person} ({self.said_by_participant.relation})"
        if self.said_by_child_id:
            return self.said_by_child.first_name
        return ""


class JournalRead(models.Model):
    """That a worker has read a journal entry (and when)."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "user"], name="journal_read_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.entry_id}"


# --- advice to the judge (seed 004 day 41/42; NL: a request to extend a supervision order) -----------------


class AdviceProposal(models.TextChoices):
    CONTINUE = "continue", _("continue the help")
    STOP = "stop", _("stop: the help can end")
    REFER = "refer", _("refer on (e.g. to voluntary or follow-up care)")
    EXTEND = "extend", _("extend the help")


class ExtensionCondition(models.TextChoices):
    """When the 6-week urgency module may be extended (seed 004, day 41/42): one of three situations."""

    STEP_TO_VOLUNTARY = "step_to_voluntary_care", _("a step to voluntary care must be made")
    FAMILY_GOALS = "family_goals_reached", _("some family goals will be reached with the extension")
    BRIDGE = "bridge_to_court_care", _("a short gap before follow-up court care must be bridged")


class AdviceStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved and signed")


class JudgeAdvice(models.Model):
    """The advice to the judge: a draft composed from the dossier (the frame and measures, the bottom lines
    with their status and evidence, the safety plan and its signatures, the scaling trend of family and
    professionals, the family's view in their words), edited by the worker and approved by a team lead or
    behavioural scientist who did not write it. Each approval keeps a signed PDF (JudgeAdviceVersion).
    `revision` is the optimistic version check: an edit names the revision it started from."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="judge_advices")
    title = models.CharField(_("title"), max_length=200)
    addressed_to = models.CharField(
        _("addressed to"), max_length=200, blank=True, help_text=_("e.g. the youth judge of Gent")
    )
    frame = models.TextField(_("frame and measures"), max_length=6000, blank=True)
    bottom_lines = models.TextField(_("bottom lines: status and evidence"), max_length=6000, blank=True)
    safety_plan = models.TextField(_("the safety plan and its signatures"), max_length=6000, blank=True)
    scaling = models.TextField(_("the scaling questions over time"), max_length=6000, blank=True)
    family_view = models.TextField(_("the family's view, in their words"), max_length=6000, blank=True)
    proposal = models.CharField(_("proposal"), max_length=10, choices=AdviceProposal.choices, blank=True)
    extension_condition = models.CharField(
        _("extension condition"), max_length=40, choices=ExtensionCondition.choices, blank=True
    )
    extend_until = models.DateField(_("extend until"), null=True, blank=True)
    motivation = models.TextField(_("motivation of the proposal"), max_length=6000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AdviceStatus.choices, default=AdviceStatus.DRAFT
    )
    revision = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("advice to the judge")
        verbose_name_plural = _("advices to the judge")

    def __str__(self) -> str:
        return self.title


class JudgeAdviceVersion(models.Model):
    """One approved version of an advice, frozen: the PDF as it was signed, its SHA-256, and who approved."""

    advice = models.ForeignKey(JudgeAdvice, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approver_role = models.CharField(_("role of the approver"), max_length=100)
    approved_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["advice", "number"], name="judge_advice_version_once")]
        verbose_name = _("approved advice version")
        verbose_name_plural = _("approved advice versions")

    def __str__(self) -> str:
        return f"{self.advice} v{self.number}"
