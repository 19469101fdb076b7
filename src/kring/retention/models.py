from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Country
from kring.cases.models import MeasureKind


class RetentionRule(models.Model):
    """How long a closed dossier is kept: a number of years after the help ended, or until the young person
    reaches an age — whichever the rule says, per jurisdiction and (optionally) legal frame. The most specific
    rule wins (one for the measure's kind over one for the whole jurisdiction); the longest result counts."""

    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Country.choices)
    measure_kind = models.CharField(
        _("legal frame"),
        max_length=40,
        choices=MeasureKind.choices,
        blank=True,
        help_text=_("Empty: any frame."),
    )
    years_after_end = models.PositiveSmallIntegerField(_("years after the help ended"), null=True, blank=True)
    until_age = models.PositiveSmallIntegerField(_("until the young person's age"), null=True, blank=True)
    source = models.CharField(_("legal source"), max_length=300, blank=True)

    class Meta:
        ordering = ["jurisdiction", "measure_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "measure_kind"], name="one_retention_rule_per_frame"
            )
        ]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        frame = self.get_measure_kind_display() if self.measure_kind else _("any frame")
        return f"{self.get_jurisdiction_display()} · {frame}"

    def clean(self) -> None:
        if (self.years_after_end is None) == (self.until_age is None):
            raise ValidationError(
                _("Give either a number of years after the end, or an age — one of the two.")
            )
