"""Reading results: every administration of a dossier, scored, in a constant number of queries."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext

from kring.cases.models import Dossier

from .definitions import ANCHORS, LIFE_DOMAINS, SELF_CHECK
from .models import Administration, AgreementStatus, Answer, ImprovementAgreement, Instrument, Topic
from .offtrack import off_track
from .scoring import score

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class Row:
    administration: Administration
    result: dict
    answers: dict = field(default_factory=dict)

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


def dossier_results(
    dossier: Dossier, slug: str | None = None, slugs: Iterable[str] | None = None
) -> list[InstrumentResults]:
    """Scored administrations of the dossier per instrument slug (all versions together, by item key): of one
    instrument (`slug`), of some (`slugs`) or of all. Three queries, however many administrations."""
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
    if slugs is not None:
        administrations = administrations.filter(instrument__slug__in=slugs)
    grouped: dict[str, InstrumentResults] = {}
    for administration in administrations:
        instrument: Instrument = administration.instrument
        group = grouped.setdefault(
            instrument.slug, InstrumentResults(slug=instrument.slug, name=instrument.display_name)
        )
        answers = _answers_of(administration)
        group.rows.append(Row(administration, score(instrument, answers), answers))
    return sorted(grouped.values(), key=lambda group: group.name)


def off_track_ids(results: InstrumentResults) -> set[int]:
    """The administrations (pk) that are off track in their respondent's own series (offtrack.py's rule)."""
    series: dict[str, list[Row]] = {}
    for row in results.rows:
        if row.main_score is not None:
            series.setdefault(row.administration.respondent_type, []).append(row)
    flagged = set()
    for rows in series.values():
        # a series holds only rows with a score (above)
        for signal in off_track(cast(list[float], [row.main_score for row in rows])):
            flagged.add(rows[signal.index].administration.pk)
    return flagged


def waiting_administrations(dossier: Dossier) -> list[Administration]:
    """Questionnaires planned in the dossier that nobody filled in yet, with their links (two queries)."""
    return list(
        Administration.objects.waiting()
        .filter(dossier=dossier)
        .select_related("instrument")
        .prefetch_related("links")
        .order_by("-created_at")
    )


# --- Samen Sterker ------------------------------------------------------------------------------------------


@dataclass
class TopicView:
    code: str
    label: "StrOrPromise"
    # per respondent (in the order of Round.rows): (rating, what goes well, what could be better)
    cells: list[tuple[Any, str, str]]


@dataclass
class Round:
    """One Samen Sterker conversation: everyone who filled it in on one day, side by side per topic, and the
    agreements that stood open that day (to follow them up)."""

    day: Any
    rows: list[Row]
    topics: list[TopicView]
    open_before: list[ImprovementAgreement]
    made: list[ImprovementAgreement]

    @property
    def improvements(self) -> list[tuple[Row, str]]:
        return [(row, row.answers["improve"]) for row in self.rows if row.answers.get("improve")]


def dossier_agreements(dossier: Dossier) -> list[ImprovementAgreement]:
    """The dossier's improvement agreements, open ones first (one query)."""
    agreements = list(ImprovementAgreement.objects.filter(dossier=dossier).select_related("made_in"))
    return sorted(agreements, key=lambda a: (a.status != AgreementStatus.OPEN, a.made_on, a.pk))


def open_agreements(dossier: Dossier) -> list[ImprovementAgreement]:
    return [a for a in dossier_agreements(dossier) if a.status == AgreementStatus.OPEN]


def samen_sterker_rounds(dossier: Dossier, agreements: list[ImprovementAgreement]) -> list[Round]:
    """The Samen Sterker conversations of the dossier, newest first, in a constant number of queries."""
    groups = dossier_results(dossier, "samen-sterker")
    by_day: dict[Any, list[Row]] = defaultdict(list)
    for row in groups[0].rows if groups else []:
        by_day[row.administration.taken_on].append(row)
    rounds = []
    for day in sorted(by_day, reverse=True):
        rows = sorted(
            by_day[day],
            key=lambda r: (r.administration.respondent_type == "professional", r.administration.pk),
        )
        topics = [
            TopicView(
                code=code,
                label=label,
                cells=[
                    (
                        row.answers.get(code),
                        row.answers.get(f"{code}_well", ""),
                        row.answers.get(f"{code}_better", ""),
                    )
                    for row in rows
                ],
            )
            for code, label in Topic.choices
        ]
        rounds.append(
            Round(
                day=day,
                rows=rows,
                topics=topics,
                open_before=[a for a in agreements if a.open_on(day)],
                made=[a for a in agreements if a.made_on == day],
            )
        )
    return rounds


# --- the life-domain matrix ---------------------------------------------------------------------------------

INFORMANT_ORDER = ["young_person", "child", "parent", "network", "school", "professional"]
MOMENT_ORDER = ["start", "during", "end"]


def lgm_spread() -> float:
    """How far informants' ratings of one domain may lie apart before the page asks to talk about it."""
    return float(getattr(settings, "KRING_FEEDBACK_LGM_SPREAD", 3))


@dataclass
class DomainLine:
    code: str
    label: str
    # per informant (LgmMatrix.informants): (rating, what helps, what gets in the way), None if not filled in
    cells: list[tuple[Any, str, str] | None]
    # per informant: the ratings at each moment (LgmMatrix.moments), None where not filled in
    ratings_over_time: list[list[Any]]

    @property
    def spread(self) -> float | None:
        ratings = [float(cell[0]) for cell in self.cells if cell is not None and cell[0] is not None]
        return max(ratings) - min(ratings) if len(ratings) > 1 else None

    @property
    def informants_differ(self) -> bool:
        return self.spread is not None and self.spread >= lgm_spread()

    @property
    def changes(self) -> list[tuple[list[Any], Any]]:
        """Per informant: their ratings over the moments, and the change from their first to their last rating
        (None with fewer than two)."""
        out = []
        for ratings in self.ratings_over_time:
            known = [r for r in ratings if r is not None]
            out.append((ratings, known[-1] - known[0] if len(known) > 1 else None))
        return out


@dataclass
class LgmMatrix:
    moments: list[str]
    informants: list[str]
    moment: str | None  # the moment shown side by side
    domains: list[DomainLine]
    rows: list[Row]

    def rows_at(self, moment: str) -> list[Row]:
        return [row for row in self.rows if row.administration.moment == moment]


def lgm_matrix(dossier: Dossier, moment: str | None = None) -> LgmMatrix:
    """The life-domain matrix of the dossier: per moment the latest answers of each informant, side by side,
    and each informant's ratings over the moments. Constant queries (dossier_results)."""
    groups = dossier_results(dossier, "lgm")
    rows = [row for row in (groups[0].rows if groups else []) if row.administration.moment]
    latest: dict[tuple[str | None, str], Row] = {}
    for row in rows:  # chronological: a later answer of the same informant at the same moment wins
        latest[(row.administration.moment, row.administration.respondent_type)] = row
    moments = [m for m in MOMENT_ORDER if any(key[0] == m for key in latest)]
    present = {key[1] for key in latest}
    informants = [i for i in INFORMANT_ORDER if i in present] + sorted(present - set(INFORMANT_ORDER))
    if moment not in moments:
        moment = moments[-1] if moments else None
    domains = []
    for code, heading, *_texts in LIFE_DOMAINS:
        cells: list[tuple[Any, str, str] | None] = []
        for informant in informants:
            given = latest.get((moment, informant))
            cells.append(
                None
                if given is None
                else (
                    given.answers.get(code),
                    given.answers.get(f"{code}_helps", ""),
                    given.answers.get(f"{code}_hinders", ""),
                )
            )
        over_time = [
            [latest[(m, informant)].answers.get(code) if (m, informant) in latest else None for m in moments]
            for informant in informants
        ]
        domains.append(DomainLine(code, gettext(heading), cells, over_time))
    return LgmMatrix(moments=moments, informants=informants, moment=moment, domains=domains, rows=rows)


# --- the anchors of Signs of Success ------------------------------------------------------------------------

ANCHOR_RATERS = {"anchors-youth": "young_person", "anchors-worker": "professional"}


def anchor_gap() -> float:
    """How far the young person's and the worker's latest ratings of an anchor may lie apart before the page
    asks to talk about it."""
    return float(getattr(settings, "KRING_FEEDBACK_ANCHOR_GAP", 3))


@dataclass
class AnchorLine:
    key: str
    name: str
    worker_text: str
    youth_text: str
    youth: list[tuple[Any, Any]]  # (day, rating), oldest first
    worker: list[tuple[Any, Any]]

    @property
    def latest_youth(self) -> Any:
        return self.youth[-1][1] if self.youth else None

    @property
    def latest_worker(self) -> Any:
        return self.worker[-1][1] if self.worker else None

    @property
    def gap(self) -> Any:
        if self.latest_youth is None or self.latest_worker is None:
            return None
        return self.latest_youth - self.latest_worker

    @property
    def see_it_differently(self) -> bool:
        return self.gap is not None and abs(self.gap) >= anchor_gap()


@dataclass
class AnchorsOverview:
    lines: list[AnchorLine]
    results: InstrumentResults  # both raters' administrations, for the chart of the mean over time

    @property
    def days(self) -> list[Any]:
        return sorted({row.administration.taken_on for row in self.results.rows})


def anchors_overview(dossier: Dossier) -> AnchorsOverview:
    """The seven anchors rated by the young person and the worker over time (method integrity). Constant
    queries: dossier_results for each of the two instruments."""
    rows: list[Row] = []
    for slug in ANCHOR_RATERS:
        for group in dossier_results(dossier, slug):
            rows += group.rows
    rows.sort(key=lambda row: (row.administration.taken_on, row.administration.submitted_at))
    lines = []
    for key, name, worker_text, youth_text in ANCHORS:
        series: dict[str, list[tuple[Any, Any]]] = {"anchors-youth": [], "anchors-worker": []}
        for row in rows:
            if row.answers.get(key) is not None:
                series[row.administration.instrument.slug].append(
                    (row.administration.taken_on, row.answers[key])
                )
        lines.append(
            AnchorLine(
                key=key,
                name=gettext(name),
                worker_text=gettext(worker_text),
                youth_text=gettext(youth_text),
                youth=series["anchors-youth"],
                worker=series["anchors-worker"],
            )
        )
    return AnchorsOverview(
        lines=lines, results=InstrumentResults(slug="anchors", name=gettext("Anchors"), rows=rows)
    )


# --- the self-check -----------------------------------------------------------------------------------------

SELF_CHECK_PARTS = {part: heading for part, heading, _questions in SELF_CHECK}


@dataclass
class SelfCheckItem:
    heading: str
    text: str
    value: Any

    @property
    def needs_attention(self) -> bool:
        """Answered 'not true' or 'a little true': a point to work on."""
        return self.value is not None and self.value <= 2


@dataclass
class SelfCheckOverview:
    results: InstrumentResults | None
    latest: Row | None
    items: list[SelfCheckItem]

    @property
    def attention(self) -> list[SelfCheckItem]:
        return [item for item in self.items if item.needs_attention]

    @property
    def parts(self) -> list[tuple[str, str]]:
        return [(code, gettext(heading)) for code, heading in SELF_CHECK_PARTS.items()]


def self_check_overview(dossier: Dossier) -> SelfCheckOverview:
    """The worker's self-checks in this dossier, and the latest one item by item (constant queries)."""
    groups = dossier_results(dossier, "self-check")
    results = groups[0] if groups else None
    latest = results.rows[-1] if results else None
    items = []
    if latest is not None:
        for item in latest.administration.instrument.items.all():
            if item.is_numeric:
                items.append(
                    SelfCheckItem(item.display_heading, item.display_text, latest.answers.get(item.key))
                )
    return SelfCheckOverview(results=results, latest=latest, items=items)
