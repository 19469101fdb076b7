"""Which closed dossiers have passed their retention period. Computed, never stored, so a changed rule
takes effect at once."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Max, Prefetch, Q, QuerySet

from kring.access.policy import functional_admin_organisations
from kring.accounts.types import MaybeUser
from kring.cases.models import ClosureStatus, Dossier, DossierStatus, Measure, children_prefetch

from .models import RetentionRule


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Retention:
    dossier: Dossier
    help_ended_on: date
    keep_until: date | None  # None: cannot be computed (e.g. a missing date of birth): never destroyed

    def past(self, today: date) -> bool:
        return self.keep_until is not None and self.keep_until < today


def retention_of(dossier: Dossier, rules: dict[tuple[str, str], RetentionRule]) -> Retention:
    """The retention of one closed dossier with `measures` and `children` prefetched, its confirmed closure
    date annotated as `closed_on` and its last activity as `newest_event_on` (counted from the history itself,
    not from the caseload's denormalised `Dossier.last_event_on`, so a destruction never rests on a stale
    column). Retention counts from the closure date; a dossier closed without one (imported, or from before
    closures were recorded) counts from the end of its last measure or its last recorded activity."""
    measures = list(dossier.measures.all())
    ends = [m.ended_on for m in measures if m.ended_on] + [
        getattr(dossier, "newest_event_on", None) or dossier.opened_on
    ]
    help_ended_on = getattr(dossier, "closed_on", None) or max(ends)
    candidates: list[date | None] = []
    for child in dossier.children.all():
        kinds = {m.kind for m in measures if m.child_id == child.pk} or {""}
        for kind in kinds:
            rule = rules.get((dossier.jurisdiction, kind)) or rules.get((dossier.jurisdiction, ""))
            if rule is None:
                candidates.append(None)
            elif rule.years_after_end is not None:
                candidates.append(_add_years(help_ended_on, rule.years_after_end))
            elif child.date_of_birth is not None:
                # a rule has either years after the end or an age (RetentionRule.clean)
                assert rule.until_age is not None
                candidates.append(max(_add_years(child.date_of_birth, rule.until_age), help_ended_on))
            else:
                candidates.append(None)
    keep_until = (
        None if not candidates or None in candidates else max(day for day in candidates if day is not None)
    )
    return Retention(dossier=dossier, help_ended_on=help_ended_on, keep_until=keep_until)


def _rules() -> dict[tuple[str, str], RetentionRule]:
    return {(rule.jurisdiction, rule.measure_kind): rule for rule in RetentionRule.objects.all()}


def closed_dossiers_for(*, user: MaybeUser) -> QuerySet[Dossier]:
    return (
        Dossier.objects.filter(
            status=DossierStatus.CLOSED, owning_team__organisation__in=functional_admin_organisations(user)
        )
        .select_related("owning_team__organisation")
        .prefetch_related(
            children_prefetch(), Prefetch("measures", queryset=Measure.objects.order_by("started_on"))
        )
        .annotate(
            newest_event_on=Max("events__occurred_on"),
            closed_on=Max("closures__closed_on", filter=Q(closures__status=ClosureStatus.CONFIRMED)),
        )
        .order_by("opened_on", "reference")
    )


def retention_report(*, user: MaybeUser, today: date) -> list[Retention]:
    """The closed dossiers of the user's organisations (as functional administrator), with their retention,
    those past their period first. A fixed number of queries."""
    rules = _rules()
    report = [retention_of(dossier, rules) for dossier in closed_dossiers_for(user=user)]
    return sorted(report, key=lambda r: (not r.past(today), r.keep_until or date.max))


def retention_for(*, user: MaybeUser, dossier_id: Any) -> Retention | None:
    dossier = closed_dossiers_for(user=user).filter(pk=dossier_id).first()
    return retention_of(dossier, _rules()) if dossier else None
