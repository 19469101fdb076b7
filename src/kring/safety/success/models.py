"""Signs of Success for youth probation: the book-ends framework (boekensteunen), kept in versions.

Each save of the book-ends is a new version; the newest is the one in force. The actions (who does what) are
stored with their version, so a version always reads back exactly as it was agreed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.cases.models import Dossier


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
    on their behalf; `written_by` says who wrote it."""

    class WrittenBy(models.TextChoices):
        YOUNG_PERSON = "young_person", _("the young person themselves")
        WORKER_ON_BEHALF = "worker_on_behalf", _("the worker, on behalf of the young person")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="ik_plans")
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
        ordering = ["dossier", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "version"], name="success_ikplan_one_version")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} IK v{self.version}"


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
