"""Direct-contact time with the client system: the intensity of the help, in total and per week.

The one place where contact minutes become figures. A period counts whole days, both ends included, so six
weeks are 42 days; per-week figures are rounded to the minute (seed 004, case 1: 38 h 56 min over six weeks
is 6 h 29 min a week).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Contact, Dossier, Measure

PERIOD_BACKWARDS = _("The end of the period lies before its start.")


@dataclass(frozen=True)
class Week:
    number: int
    starts_on: date
    minutes: int


@dataclass(frozen=True)
class Intensity:
    starts_on: date
    ends_on: date
    total_minutes: int
    contacts: int
    weeks: list[Week]

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def per_week_minutes(self) -> int:
        """Minutes a week over the whole period, rounded half up to the minute."""
        per_week = Fraction(self.total_minutes * 7, self.days)
        return int(per_week + Fraction(1, 2))


def contact_intensity(contacts: Iterable[Contact], starts_on: date, ends_on: date) -> Intensity:
    """The contacts' minutes between `starts_on` and `ends_on` (both included), in total and per week of the
    period (week 1 starts on `starts_on`)."""
    if ends_on < starts_on:
        raise ValidationError(PERIOD_BACKWARDS)
    days = (ends_on - starts_on).days + 1
    minutes_by_week = [0] * ((days + 6) // 7)
    total = count = 0
    for contact in contacts:
        if starts_on <= contact.occurred_on <= ends_on:
            minutes_by_week[(contact.occurred_on - starts_on).days // 7] += contact.minutes
            total += contact.minutes
            count += 1
    weeks = [
        Week(number=i + 1, starts_on=starts_on + timedelta(weeks=i), minutes=m)
        for i, m in enumerate(minutes_by_week)
    ]
    return Intensity(starts_on, ends_on, total, count, weeks)


@dataclass(frozen=True)
class Period:
    """A period for the intensity report and what it is (translated), e.g. the running pathway's."""

    starts_on: date
    ends_on: date
    label: str


# cases may not import the apps above it: pathways registers the period of a running pathway from its
# AppConfig.ready() (see closure_items for the same pattern). A provider takes the dossier and today.
PeriodProvider = Callable[[Dossier, date], Period | None]
_period_providers: dict[str, PeriodProvider] = {}


def register_period(name: str, provider: PeriodProvider) -> None:
    """Register (or replace, by name) a provider of a default period; providers are asked in name order."""
    _period_providers[name] = provider


def default_period(dossier: Dossier, today: date) -> Period:
    """The period the intensity is shown for unless the reader chooses: the running pathway's (from the
    registered providers), else the running measure's (the one that started first), else from the dossier's
    opening until today."""
    for name in sorted(_period_providers):
        period = _period_providers[name](dossier, today)
        if period is not None:
            return period
    measure = Measure.objects.running_on(today).filter(dossier=dossier).order_by("started_on", "pk").first()
    if measure is not None:
        return Period(
            measure.started_on,
            max(today, measure.started_on),
            gettext("the period of the measure %(frame)s") % {"frame": measure.get_kind_display()},
        )
    return Period(dossier.opened_on, max(today, dossier.opened_on), gettext("since the dossier was opened"))
