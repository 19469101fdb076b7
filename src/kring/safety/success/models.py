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
