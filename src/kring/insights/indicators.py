"""Outcome indicators, computed in the database from the records (definitions: docs/insights.md).

Every indicator takes a cohort — a queryset of measures (`cohort_measures`) — and answers with one or two
aggregate queries whatever the number of measures: no loop over rows in Python. Figures come back with
their numerator and denominator (or n), so that a dashboard can suppress small cells and a reader can see
what a share rests on.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, ExtractDay, ExtractMonth, ExtractYear, RowNumber
from django.db.models.lookups import LessThan
from django.utils.translation import gettext_lazy as _

from kring.cases.models import Contact, Dossier, EndReason, Measure
from kring.chain.index.models import Match, MatchStatus
from kring.chain.models import ContextRequest
from kring.feedback.models import Answer
from kring.safety.models import Mapping, ScaleQuestion, ScaleRating

from .models import UNLABELLED, MethodLabel, ProbationEvent, ProbationEventKind, RiskAssessment

REPEAT_WINDOWS = (12, 24)  # months
DAYS_PER_MONTH_WINDOW = {12: 365, 24: 730}
EXIT_AFTER_END_DAYS = 90  # an EXIT questionnaire filled in up to this long after the end still counts


class EndCategory:
    AS_PLANNED = "as_planned"
    EARLY_POSITIVE = "early_positive"
    ESCALATED = "escalated"
    TRANSFERRED = "transferred"
    OTHER = "other"


END_CATEGORIES = {
    EndCategory.AS_PLANNED: (EndReason.GOALS_REACHED, EndReason.COURT_ENDED, EndReason.TURNED_18),
    EndCategory.EARLY_POSITIVE: (EndReason.EARLY_POSITIVE_CLOSURE, EndReason.SCALED_DOWN),
    EndCategory.ESCALATED: (EndReason.ESCALATED,),
    EndCategory.TRANSFERRED: (EndReason.TRANSFERRED, EndReason.MOVED),
    EndCategory.OTHER: (EndReason.OTHER, ""),
}
END_CATEGORY_LABELS = {
    EndCategory.AS_PLANNED: _("ended as planned"),
    EndCategory.EARLY_POSITIVE: _("ended early, positively"),
    EndCategory.ESCALATED: _("escalated"),
    EndCategory.TRANSFERRED: _("transferred"),
    EndCategory.OTHER: _("other end"),
}
# A new measure after these ends continues the same trajectory elsewhere: not a repeat appeal.
NOT_REPEAT_BASIS = (EndReason.ESCALATED, EndReason.TRANSFERRED)


class AgeBand:
    CHILD = "0-11"
    YOUNG_TEEN = "12-15"
    OLDER_TEEN = "16-17"
    ADULT = "18+"


AGE_BANDS = {
    AgeBand.CHILD: (0, 11),
    AgeBand.YOUNG_TEEN: (12, 15),
    AgeBand.OLDER_TEEN: (16, 17),
    AgeBand.ADULT: (18, 200),
}


class DaysBetween(Func):
    """Whole days from `start` to `end` (dates), natively on SQLite and PostgreSQL — Django's own date
    subtraction calls a Python function per row on SQLite."""

    output_field = IntegerField()

    def __init__(self, end: Any, start: Any) -> None:
        super().__init__(end, start)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        end_sql, end_params = compiler.compile(self.source_expressions[0])
        start_sql, start_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "sqlite":
            sql = f"CAST(ROUND(julianday({end_sql}) - julianday({start_sql})) AS INTEGER)"
        else:
            sql = f"(CAST({end_sql} AS date) - CAST({start_sql} AS date))"
        return sql, (*end_params, *start_params)


def age_in_years(day: Any, birth: Any) -> Any:
    """Age in whole years on `day` for someone born on `birth` (expressions), as the database computes it."""
    before_birthday = LessThan(
        ExtractMonth(day) * 100 + ExtractDay(day), ExtractMonth(birth) * 100 + ExtractDay(birth)
    )
    return (
        ExtractYear(day)
        - ExtractYear(birth)
        - Case(When(before_birthday, then=Value(1)), default=Value(0), output_field=IntegerField())
    )


def method_of_measure() -> Coalesce:
    """A measure's method: its own label, else its dossier's, else 'unlabelled'."""
    own = MethodLabel.objects.filter(measure=OuterRef("pk")).values("method")[:1]
    dossier = MethodLabel.objects.filter(dossier=OuterRef("dossier_id"), measure__isnull=True).values(
        "method"
    )[:1]
    return Coalesce(Subquery(own), Subquery(dossier), Value(UNLABELLED))


@dataclass(frozen=True)
class Cohort:
    """Which measures count. `team_ids` is the reader's scope (None: all, for commands and the benchmark);
    the rest narrows it. Period: measures that *ended* in [ended_from, ended_until] for the end-based
    indicators; measures that *started* in [started_from, started_until] when those are given."""

    team_ids: frozenset[int] | None = None
    method: str = ""
    team_id: int | None = None
    organisation_id: int | None = None
    kinds: tuple[str, ...] = ()
    started_from: date | None = None
    started_until: date | None = None
    ended_from: date | None = None
    ended_until: date | None = None
    age_band: str = ""
    label: str = field(default="", compare=False)


def cohort_measures(cohort: Cohort) -> QuerySet[Measure]:
    measures = Measure.objects.all()
    if cohort.team_ids is not None:
        measures = measures.filter(dossier__owning_team_id__in=cohort.team_ids)
    if cohort.team_id:
        measures = measures.filter(dossier__owning_team_id=cohort.team_id)
    if cohort.organisation_id:
        measures = measures.filter(dossier__owning_team__organisation_id=cohort.organisation_id)
    if cohort.kinds:
        measures = measures.filter(kind__in=cohort.kinds)
    if cohort.started_from:
        measures = measures.filter(started_on__gte=cohort.started_from)
    if cohort.started_until:
        measures = measures.filter(started_on__lte=cohort.started_until)
    if cohort.ended_from:
        measures = measures.filter(ended_on__gte=cohort.ended_from)
    if cohort.ended_until:
        measures = measures.filter(ended_on__lte=cohort.ended_until)
    if cohort.age_band in AGE_BANDS:
        low, high = AGE_BANDS[cohort.age_band]
        measures = measures.alias(age=age_in_years(F("started_on"), F("child__date_of_birth"))).filter(
            age__gte=low, age__lte=high
        )
    if cohort.method:
        measures = measures.alias(method=method_of_measure()).filter(method=cohort.method)
    return measures


def _ended(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    return measures.filter(ended_on__isnull=False, ended_on__gte=F("started_on"))


def _quantile(sorted_at: dict[int, int], n: int, p: float) -> float:
    """numpy's default ('linear') quantile from the 1-based ranks the database returned."""
    h = (n - 1) * p
    low = int(h)
    value = float(sorted_at[low + 1])
    if h > low:
        value += (h - low) * (sorted_at[low + 2] - sorted_at[low + 1])
    return value


QUARTILES = (0.25, 0.5, 0.75)


def _quartile_rank_conditions() -> Q:
    """The rows a quartile interpolates between: ranks floor((n - 1) * p) + 1 and + 2 of n, as a filter on
    the window columns `rank` and `n`. Whole-number division (n - 1) * k / 4 is the floor on SQLite and
    PostgreSQL alike (a CAST of a fraction to integer rounds on PostgreSQL)."""
    conditions = Q()
    for p in QUARTILES:
        low = (F("n") - 1) * int(p * 4) / 4
        conditions |= Q(rank=low + 1) | Q(rank=low + 2)
    return conditions


def duration_quartiles(measures: QuerySet[Measure]) -> dict[str, dict[str, float]]:
    """Duration in days of ended measures per kind: n, first quartile, median, third quartile. One query:
    window functions count and sort each kind inside the database, and only the rows at the quartile ranks
    come back."""
    rows = (
        _ended(measures)
        .order_by()
        .annotate(
            days=DaysBetween(F("ended_on"), F("started_on")),
            n=Window(Count("pk"), partition_by=[F("kind")]),
            rank=Window(RowNumber(), partition_by=[F("kind")], order_by=[F("days").asc(), F("pk").asc()]),
        )
        .filter(_quartile_rank_conditions())
        .values_list("kind", "n", "rank", "days")
    )
    counts: dict[str, int] = {}
    at: dict[str, dict[int, int]] = {}
    for kind, n, rank, days in rows:
        counts[kind] = n
        at.setdefault(kind, {})[rank] = days
    return {
        kind: {
            "n": n,
            "q1": _quantile(at[kind], n, 0.25),
            "median": _quantile(at[kind], n, 0.5),
            "q3": _quantile(at[kind], n, 0.75),
        }
        for kind, n in sorted(counts.items())
    }


def _category_filters() -> dict[str, Q]:
    return {category: Q(end_reason__in=reasons) for category, reasons in END_CATEGORIES.items()}


def end_shares(measures: QuerySet[Measure]) -> dict[str, Any]:
    """How ended measures ended: count per category, the total, and the share of each. One query."""
    counts = _ended(measures).aggregate(
        total=Count("pk"), **{c: Count("pk", filter=q) for c, q in _category_filters().items()}
    )
    total = counts["total"]
    return {
        "total": total,
        "counts": {c: counts[c] for c in END_CATEGORIES},
        "shares": {c: (counts[c] / total if total else None) for c in END_CATEGORIES},
    }


def end_categories_by(measures: QuerySet[Measure], group: str) -> list[dict[str, Any]]:
    """End categories per group (e.g. 'dossier__owning_team_id'): one query, one row per group."""
    return list(
        _ended(measures)
        .order_by()
        .values(group)
        .annotate(total=Count("pk"), **{c: Count("pk", filter=q) for c, q in _category_filters().items()})
        .order_by(group)
    )


def _new_measure_within(days: int) -> Exists:
    later = (
        Measure.objects.filter(child_id=OuterRef("child_id"), started_on__gt=OuterRef("ended_on"))
        .annotate(gap=DaysBetween(F("started_on"), OuterRef("ended_on")))
        .filter(gap__lte=days)
    )
    return Exists(later)


def repeat_appeal(measures: QuerySet[Measure], *, today: date) -> dict[int, dict[str, Any]]:
    """Share of ended measures followed by a new measure for the same child within 12 and 24 months of the
    end. Only measures whose window has passed by `today` count; escalations and transfers do not. One
    query."""
    base = _ended(measures).exclude(end_reason__in=NOT_REPEAT_BASIS)
    aggregates: dict[str, Any] = {}
    for months in REPEAT_WINDOWS:
        days = DAYS_PER_MONTH_WINDOW[months]
        observable = Q(ended_on__lte=today - timedelta(days=days))
        base = base.alias(**{f"again_{months}": _new_measure_within(days)})
        aggregates[f"den_{months}"] = Count("pk", filter=observable)
        aggregates[f"num_{months}"] = Count("pk", filter=observable & Q(**{f"again_{months}": True}))
    result = base.aggregate(**aggregates)
    return {
        months: {
            "numerator": result[f"num_{months}"],
            "denominator": result[f"den_{months}"],
            "share": result[f"num_{months}"] / result[f"den_{months}"] if result[f"den_{months}"] else None,
        }
        for months in REPEAT_WINDOWS
    }


def _window(model_qs: QuerySet[Any], date_field: str, today: date) -> QuerySet[Any]:
    """Rows of the measure's dossier dated inside the measure (until today for a running one)."""
    return model_qs.filter(
        **{
            "dossier_id": OuterRef("dossier_id"),
            f"{date_field}__gte": OuterRef("started_on"),
            f"{date_field}__lte": Coalesce(OuterRef("ended_on"), Value(today)),
        }
    )


def _first_last_change(
    measures: QuerySet[Measure], rows: QuerySet[Any], date_field: str, value_field: str
) -> dict[str, Any]:
    """Mean of (last - first) value per measure, over measures with values on two different dates."""
    ordered = rows.order_by(date_field, "pk")
    newest = rows.order_by(f"-{date_field}", "-pk")
    result = (
        measures.annotate(
            first_value=Subquery(ordered.values(value_field)[:1]),
            first_on=Subquery(ordered.values(date_field)[:1]),
            last_value=Subquery(newest.values(value_field)[:1]),
            last_on=Subquery(newest.values(date_field)[:1]),
        )
        .filter(last_on__gt=F("first_on"))
        .aggregate(
            n=Count("pk"),
            mean_change=Avg(Cast(F("last_value"), FloatField()) - Cast(F("first_value"), FloatField())),
            mean_start=Avg(Cast(F("first_value"), FloatField())),
            mean_end=Avg(Cast(F("last_value"), FloatField())),
        )
    )
    return result


def scale_change(measures: QuerySet[Measure], *, today: date) -> dict[str, dict[str, Any]]:
    """Change from start to end of the measure in the mapping's safety scale, and in the safety scaling
    question as the family and as the professionals rated it (0-10). Three queries."""
    ratings = ScaleRating.objects.filter(question=ScaleQuestion.SAFETY)
    return {
        "mapping": _first_last_change(
            _ended(measures),
            _window(Mapping.objects.filter(safety_scale__isnull=False), "held_on", today),
            "held_on",
            "safety_scale",
        ),
        "family": _first_last_change(
            _ended(measures),
            _window(ratings.filter(circle_member__isnull=True), "rated_on", today),
            "rated_on",
            "score",
        ),
        "professional": _first_last_change(
            _ended(measures),
            _window(ratings.filter(circle_member__isnull=False), "rated_on", today),
            "rated_on",
            "score",
        ),
    }


def risk_change(measures: QuerySet[Measure]) -> dict[str, Any]:
    """Change in the sum of dynamic risk-factor scores from the first to the last assessment in the measure
    (negative: risk went down). One query."""
    rows = RiskAssessment.objects.filter(measure_id=OuterRef("pk"))
    return _first_last_change(measures, rows, "assessed_on", "dynamic_total")


def client_experience(measures: QuerySet[Measure]) -> dict[str, Any]:
    """EXIT grade (1-10) and subscales result and process (1-4), the session feedback at the end of
    meetings (0-10) and Samen Sterker (the working relationship), over submitted questionnaires of the
    cohort's dossiers. One query."""
    answers = Answer.objects.filter(
        administration__submitted_at__isnull=False,
        administration__dossier_id__in=measures.values("dossier_id"),
        value__isnull=False,
    )
    exit_ = Q(administration__instrument__slug="exit")
    session = Q(administration__instrument__slug="session-end")
    together = Q(administration__instrument__slug="samen-sterker")
    return answers.aggregate(
        exit_n=Count("administration", distinct=True, filter=exit_),
        exit_grade=Avg("value", filter=exit_ & Q(item__key="grade")),
        exit_result=Avg("value", filter=exit_ & Q(item__subscale="result")),
        exit_process=Avg("value", filter=exit_ & Q(item__subscale="process")),
        session_n=Count("administration", distinct=True, filter=session),
        session_mean=Avg("value", filter=session),
        samen_sterker_n=Count("administration", distinct=True, filter=together),
        samen_sterker_mean=Avg("value", filter=together),
    )


def process_figures(measures: QuerySet[Measure], *, now: Any, today: date) -> dict[str, Any]:
    """Days from opening the dossier to the first contact; direct-contact minutes per week of measure;
    context requests answered in time; signal-index matches followed up. Four queries."""
    dossier_ids = measures.values("dossier_id")
    first_contact = (
        Contact.objects.filter(dossier_id=OuterRef("pk")).order_by("occurred_on").values("occurred_on")[:1]
    )
    intake = (
        Dossier.objects.filter(pk__in=dossier_ids)
        .annotate(first_on=Subquery(first_contact))
        .filter(first_on__isnull=False)
        .aggregate(n=Count("pk"), mean_days=Avg(DaysBetween(F("first_on"), F("opened_on"))))
    )
    minutes = (
        _window(Contact.objects.all(), "occurred_on", today)
        .order_by()
        .values("dossier_id")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    intensity = (
        measures.annotate(
            days=DaysBetween(Coalesce(F("ended_on"), Value(today)), F("started_on")),
            minutes=Coalesce(Subquery(minutes), Value(0)),
        )
        .filter(days__gte=7)
        .aggregate(
            n=Count("pk"),
            minutes_per_week=Avg(Cast(F("minutes"), FloatField()) * 7.0 / Cast(F("days"), FloatField())),
        )
    )
    # the requests and matches are few beside the cohort: each asks whether its dossier is in the cohort
    # (an index search), rather than the cohort's dossiers being gathered into a list first
    in_cohort = lambda dossier: Exists(measures.filter(dossier_id=OuterRef(dossier)))  # noqa: E731
    requests = ContextRequest.objects.filter(in_cohort("case__dossier_id")).filter(
        Q(answered_at__isnull=False) | Q(due_at__lt=now)
    )
    in_time = requests.aggregate(
        denominator=Count("pk"), numerator=Count("pk", filter=Q(answered_at__lte=F("due_at")))
    )
    matches = Match.objects.filter(
        in_cohort("first__dossier_id") | in_cohort("second__dossier_id"),
        status__in=[MatchStatus.MATCH, MatchStatus.LEAD_AGREED, MatchStatus.DISMISSED],
    )
    followed = matches.aggregate(
        denominator=Count("pk"),
        numerator=Count(
            "pk",
            filter=Q(status__in=[MatchStatus.LEAD_AGREED, MatchStatus.DISMISSED])
            | Q(first_followed_up_at__isnull=False, second_followed_up_at__isnull=False),
        ),
    )
    return {"intake": intake, "intensity": intensity, "requests": in_time, "matches": followed}


def _event_count(kind: str) -> Coalesce:
    counted = (
        ProbationEvent.objects.filter(measure_id=OuterRef("pk"), kind=kind)
        .order_by()
        .values("measure_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), Value(0))


STUDY_OUTCOMES = ("risk_change", "duration_days", "goal_realisation", "warning_talks", "reports_back")
STUDY_OUTCOME_LABELS = {
    "risk_change": _("change in dynamic risk score"),
    "duration_days": _("duration (days)"),
    "goal_realisation": _("goal realisation (1-5)"),
    "warning_talks": _("warning talks"),
    "reports_back": _("reports back"),
}


def study_outcome_rows(measures: QuerySet[Measure]) -> QuerySet[Any]:
    """Per ended measure the five outcomes of the Signs of Success study, as one query (values_list):
    change in dynamic risk score (None without two assessments), duration, goal realisation (None when not
    judged), number of warning talks and of reports back."""
    first = RiskAssessment.objects.filter(measure_id=OuterRef("pk")).order_by("assessed_on", "pk")
    last = RiskAssessment.objects.filter(measure_id=OuterRef("pk")).order_by("-assessed_on", "-pk")
    return (
        _ended(measures)
        .order_by()
        .annotate(
            risk_first=Subquery(first.values("dynamic_total")[:1]),
            risk_first_on=Subquery(first.values("assessed_on")[:1]),
            risk_last=Subquery(last.values("dynamic_total")[:1]),
            risk_last_on=Subquery(last.values("assessed_on")[:1]),
            risk_change=Case(
                When(
                    risk_last_on__gt=F("risk_first_on"),
                    then=Cast(F("risk_last"), FloatField()) - Cast(F("risk_first"), FloatField()),
                ),
                default=None,
                output_field=FloatField(),
            ),
            duration_days=DaysBetween(F("ended_on"), F("started_on")),
            goal_realisation=F("end_judgement__goal_realisation"),
            warning_talks=_event_count(ProbationEventKind.WARNING_TALK),
            reports_back=_event_count(ProbationEventKind.REPORT_BACK),
        )
        .values_list(*STUDY_OUTCOMES)
    )


def indicator_steps(measures: QuerySet[Measure], *, today: date, now: Any) -> list[tuple[str, Any]]:
    """The indicator groups of one cohort as (name, function) pairs: run one by one, they are the steps of a
    computation in the background (kring.insights.computed)."""
    return [
        ("durations", lambda: duration_quartiles(measures)),
        ("ends", lambda: end_shares(measures)),
        ("repeat", lambda: repeat_appeal(measures, today=today)),
        ("scales", lambda: scale_change(measures, today=today)),
        ("risk", lambda: risk_change(_ended(measures))),
        ("experience", lambda: client_experience(measures)),
        ("process", lambda: process_figures(measures, now=now, today=today)),
    ]


def indicator_set(measures: QuerySet[Measure], *, today: date, now: Any) -> dict[str, Any]:
    """All indicators for one cohort, in a fixed number of queries (see each function)."""
    return {name: compute() for name, compute in indicator_steps(measures, today=today, now=now)}
