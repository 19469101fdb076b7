"""Reading results: every administration of a dossier, scored, in a constant number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from .models import Administration, Answer, Instrument
from .scoring import score


@dataclass
class Row:
    administration: Administration
    result: dict

    @property
    def main_score(self) -> float | None:
        """The number drawn in the chart: the report grade, else the mean of the subscales."""
        if "report_grade" in self.result:
            return float(self.result["report_grade"])
        values = list(self.result.get("subscales", {}).values())
        return round(sum(values) / len(values), 1) if values else None


@dataclass
class InstrumentResults:
    slug: str
    name: str
    rows: list[Row] = field(default_factory=list)

    @property
    def respondents(self) -> list[str]:
        return sorted({row.administration.respondent_type for row in self.rows})


def _answers_of(administration: Administration) -> dict[str, Any]:
    return {
        answer.item.key: (answer.value if answer.item.is_numeric else answer.text)
        for answer in administration.answers.all()
    }


def dossier_results(dossier, slug: str | None = None) -> list[InstrumentResults]:
    """Scored administrations of the dossier per instrument slug (all versions together, by item key)."""
    administrations = (
        Administration.objects.submitted()
        .filter(dossier=dossier)
        .select_related("instrument")
        .prefetch_related(
            Prefetch("instrument__items"),
            Prefetch("answers", queryset=Answer.objects.select_related("item")),
        )
        .order_by("taken_on", "submitted_at")
    )
    if slug is not None:
        administrations = administrations.filter(instrument__slug=slug)
    grouped: dict[str, InstrumentResults] = {}
    for administration in administrations:
        instrument: Instrument = administration.instrument
        group = grouped.setdefault(
            instrument.slug, InstrumentResults(slug=instrument.slug, name=instrument.name)
        )
        group.rows.append(Row(administration, score(instrument, _answers_of(administration))))
    return sorted(grouped.values(), key=lambda group: group.name)


def series_by_respondent(results: InstrumentResults) -> dict[str, list[Row]]:
    series: dict[str, list[Row]] = defaultdict(list)
    for row in results.rows:
        series[row.administration.respondent_type].append(row)
    return dict(series)


def waiting_administrations(dossier) -> list[Administration]:
    """Questionnaires planned in the dossier that nobody filled in yet, with their links (two queries)."""
    return list(
        Administration.objects.waiting()
        .filter(dossier=dossier)
        .select_related("instrument")
        .prefetch_related("links")
        .order_by("-created_at")
    )
