"""Signs of Success for youth probation: the book-ends framework (boekensteunen), kept in versions.

Each save of the book-ends is a new version; the newest is the one in force. The actions (who does what) are
stored with their version, so a version always reads back exactly as it was agreed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.cases.models import Dossier, Measure


class BookEnds(models.Model):
    """One version of the book-ends: the greatest worry, the success goal and who does what."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="book_ends")
    version = models.PositiveIntegerField(_("version"))
    greatest_worry = models.TextField(_("greatest worry"), max_length=2000)
    success_goal = models.TextField(_("success goal"), max_length=2000)
    # [{"who": "...", "what": "..."}], in the agreed order
    actions = models.JSONField(_("actions and who does what"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("book-ends")
        verbose_name_plural = _("book-ends")
        ordering = ["dossier", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "version"], name="success_bookends_one_version")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} v{self.version}"


class IkPlan(models.Model):
    """One version of the IK-plan: the young person's own plan, in their own words. A worker may record it
    on their behalf; `written_by` says who wrote it. Each young person (`child`) of the dossier has their own
    plan and versions; `child` is empty only for plans recorded before kring tied a plan to a young person
    in a dossier with several children (migration 0005)."""

    class WrittenBy(models.TextChoices):
        YOUNG_PERSON = "young_person", _("the young person themselves")
        WORKER_ON_BEHALF = "worker_on_behalf", _("the worker, on behalf of the young person")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="ik_plans")
    child = models.ForeignKey(
        "cases.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("young person"),
    )
    version = models.PositiveIntegerField(_("version"))
    goals = models.TextField(_("my goals, in my own words"), max_length=4000)
    steps = models.TextField(_("my steps"), max_length=4000, blank=True)
    helpers = models.TextField(_("who helps me"), max_length=2000, blank=True)
    written_by = models.CharField(_("written by"), max_length=20, choices=WrittenBy.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("IK-plan")
        verbose_name_plural = _("IK-plans")
        ordering = ["dossier", "child", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "child", "version"],
                condition=models.Q(child__isnull=False),
                name="success_ikplan_one_version_per_child",
            ),
            # the plans from before a plan had a young person keep their dossier-wide numbering
            models.UniqueConstraint(
                fields=["dossier", "version"],
                condition=models.Q(child__isnull=True),
                name="success_ikplan_one_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} IK of person {self.child_id} v{self.version}"


class DesistanceStage(models.TextChoices):
    """The stages of Klaar mee?! (Bottoms & Shapland 2011; seed 000, "Perspectief 4"): from persisting through
    preparing and recognising to stopping. The order is the order of the chart, from low to high."""

    PERSISTING = "persisting", _("persisting")
    PREPARING = "preparing", _("preparing")
    RECOGNISING = "recognising", _("recognising")
    STOPPING = "stopping", _("stopping")


# What each stage means, in the young person's words (B1), shown beside the choice.
STAGE_MEANINGS = {
    DesistanceStage.PERSISTING: _("I still commit offences, and I do not want to stop (yet)."),
    DesistanceStage.PREPARING: _("I want to change, and I think about how."),
    DesistanceStage.RECOGNISING: _("I think differently about myself and I do things differently."),
    DesistanceStage.STOPPING: _("I no longer commit offences. That is not who I am any more."),
}
STAGE_LEVELS = {stage: level for level, stage in enumerate(DesistanceStage, start=1)}


class DesistanceView(models.TextChoices):
    YOUNG_PERSON = "young_person", _("the young person (Klaar mee?!)")
    WORKER = "worker", _("the worker")


class DesistanceRecord(models.Model):
    """Where the young person stands in stopping with crime on a date, in their own view (Klaar mee?!) or the
    worker's: the stage, what drives the change (triggers), what gets in the way (obstacles), and a relapse
    when there was one."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="desistance_records")
    recorded_on = models.DateField(_("date"))
    stage = models.CharField(_("stage"), max_length=20, choices=DesistanceStage.choices)
    view = models.CharField(_("whose view"), max_length=20, choices=DesistanceView.choices)
    triggers = models.TextField(_("what makes me want to stop (triggers)"), max_length=2000, blank=True)
    obstacles = models.TextField(_("what gets in the way (obstacles)"), max_length=2000, blank=True)
    relapse = models.BooleanField(_("relapse"), default=False)
    relapse_note = models.TextField(_("what happened (relapse)"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("desistance stage")
        verbose_name_plural = _("desistance stages")
        ordering = ["dossier", "recorded_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(relapse=True) | models.Q(relapse_note=""),
                name="success_desistance_note_only_with_relapse",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.recorded_on:%Y-%m-%d} {self.stage}"

    @property
    def level(self) -> int:
        return STAGE_LEVELS[DesistanceStage(self.stage)]


class ClosureStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed, waiting for the team lead")
    CONFIRMED = "confirmed", _("confirmed: the measure ended early and positively")
    DECLINED = "declined", _("not confirmed by the team lead")


class EarlyClosure(models.Model):
    """Positive early closure (positief afsluiten) of a youth probation measure: the worker proposes it when
    what must be true is true (services.closure_checks), the team lead confirms it, the measure ends with the
    end reason "early positive closure", and the success is reported to the child protection board."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="early_closures")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=ClosureStatus.choices, default=ClosureStatus.PROPOSED
    )
    closes_on = models.DateField(_("the measure ends on"))
    achievements = models.TextField(_("what the young person achieved"), max_length=4000)
    young_person_view = models.TextField(_("in the young person's own words"), max_length=2000)
    network_support = models.TextField(_("who supports the young person"), max_length=2000, blank=True)
    after_care = models.TextField(_("after the measure"), max_length=2000, blank=True)
    report_to = models.CharField(_("report to"), max_length=200)
    # The checks as they stood when the proposal was made and when it was decided: [{"key": …, "ok": …}]
    checks = models.JSONField(_("checks"), default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_on = models.DateField(_("proposed on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("note of the team lead"), max_length=2000, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("positive early closure")
        verbose_name_plural = _("positive early closures")
        ordering = ["dossier", "-proposed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure"],
                condition=models.Q(status="proposed"),
                name="success_one_open_closure_per_measure",
            ),
            models.UniqueConstraint(
                fields=["measure"],
                condition=models.Q(status="confirmed"),
                name="success_one_confirmed_closure_per_measure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} closure of measure {self.measure_id} ({self.status})"
