"""Patterns for the chain table, not incidents (practice model §7): repeat reports and recidivism per person
over time, combination problems, cases where many professionals are involved, and waiting too long.

`patterns_for` computes the facts over the cases the user may see (kring.access.chain), in a fixed number of
queries. The `*_spec` functions are pure, like kring.cases.charts: facts and labels in (the caller passes them
in the reader's language), a Vega-Lite spec out; `charts_for` draws them as SVG on the server. The page shows
a table with the same facts beside every chart: the chart is for reading at a glance, the table is the text
alternative."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import altair as alt
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access import chain as rules
from kring.cases import charts

from .models import ChainCase, ChainPerson, ContextRequest, InvolvedRole, Stage

MANY_PARTNERS = 3
DEEPENING_DAYS = 14  # a case being deepened this long without a decision waits too long
WAITING_SHOWN = 25  # the chart shows the longest waits; the table lists them all
COLOURS = charts.LINE_COLOURS


@dataclass(frozen=True)
class PersonReport:
    reference: str
    incident_on: date
    role: str
    role_label: str


@dataclass(frozen=True)
class RepeatPerson:
    name: str
    birth_date: date
    reports: list[PersonReport]

    @property
    def label(self) -> str:
        return f"{self.name} ({self.birth_date:%Y})"

    @property
    def as_suspect(self) -> int:
        return sum(1 for r in self.reports if r.role == InvolvedRole.SUSPECT)

    @property
    def recidivist(self) -> bool:
        """Suspect in two or more cases: recidivism, not only a repeat report."""
        return self.as_suspect >= 2


@dataclass(frozen=True)
class Waiting:
    kind: str
    kind_label: str
    case: ChainCase
    what: str
    since: date
    days: int


def _person_key(person: ChainPerson) -> tuple[str, date]:
    return (" ".join(person.name.lower().split()), person.birth_date)


def _involved(case: ChainCase) -> set[int]:
    """The organisations working on a case: who brought it in, who asked, who was asked, who gave a view."""
    orgs = {case.brought_in_by_id}
    for req in case.requests.all():
        orgs |= {req.requested_by_id, req.addressee_id}
    orgs |= {v.organisation_id for v in case.views.all()}
    return orgs


def patterns_for(user: Any, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    today = timezone.localdate(now)
    cases = list(
        rules.cases_for(user)
        .select_related("table")
        .prefetch_related(
            Prefetch("persons", queryset=ChainPerson.objects.order_by("pk")),
            Prefetch(
                "requests", queryset=ContextRequest.objects.select_related("addressee").order_by("due_at")
            ),
            "views",
        )
        .order_by("incident_on", "pk")
    )
    roles = dict(InvolvedRole.choices)
    by_person: dict[tuple, list[tuple[ChainPerson, ChainCase]]] = defaultdict(list)
    seen: set[tuple] = set()
    per_month: dict[str, Counter] = defaultdict(Counter)
    combination, many, waiting = [], [], []
    for case in cases:  # in order of the incident: the first report of a person comes first
        keys = {_person_key(p) for p in case.persons.all()}
        per_month[case.incident_on.strftime("%Y-%m")]["repeat" if keys & seen else "first"] += 1
        seen |= keys
        for p in case.persons.all():
            by_person[_person_key(p)].append((p, case))
        if len(case.triggers) >= 2:
            combination.append(case)
        involved = len(_involved(case))
        case.involved = involved
        if involved >= MANY_PARTNERS:
            many.append((case, involved))
        waiting += _waiting(case, now, today)
    repeat = [
        RepeatPerson(
            name=reports[0][0].name,
            birth_date=key[1],
            reports=[
                PersonReport(c.reference, c.incident_on, p.role, str(roles.get(p.role, p.role)))
                for p, c in reports
            ],
        )
        for key, reports in by_person.items()
        if len({c.pk for _, c in reports}) >= 2
    ]
    repeat.sort(key=lambda r: (-len(r.reports), r.name))
    combos = Counter(" + ".join(case.trigger_labels) for case in combination)
    waiting.sort(key=lambda w: (-w.days, w.case.reference))
    return {
        "cases": cases,
        "per_month": sorted((month, dict(counts)) for month, counts in per_month.items()),
        "repeat": repeat,
        "combination": combination,
        "combinations": sorted(combos.items(), key=lambda item: (-item[1], item[0])),
        "many": sorted(many, key=lambda item: (-item[1], item[0].reference)),
        "involvement": _histogram(Counter(case.involved for case in cases)),
        "waiting": waiting,
        "overdue": [w for w in waiting if w.kind == "request"],
        "many_partners": MANY_PARTNERS,
        "deepening_days": DEEPENING_DAYS,
    }


def _histogram(counts: Counter) -> list[tuple[int, int]]:
    """Cases per number of organisations involved, from 1 to the most, with the empty steps as 0."""
    return [(n, counts.get(n, 0)) for n in range(1, max(counts, default=0) + 1)]


def _waiting(case: ChainCase, now: datetime, today: date) -> list[Waiting]:
    found = []
    for req in case.requests.all():
        if req.answered_at is None and req.due_at < now:
            due = timezone.localdate(req.due_at)
            found.append(
                Waiting(
                    "request",
                    _("context request past its due time"),
                    case,
                    _("answer of %(organisation)s") % {"organisation": req.addressee.name},
                    due,
                    max((today - due).days, 0),
                )
            )
    if case.stage == Stage.DEEPENING and (today - case.listed_on).days > DEEPENING_DAYS:
        found.append(
            Waiting(
                "decision",
                _("deepened without a decision"),
                case,
                _("a decision"),
                case.listed_on,
                (today - case.listed_on).days,
            )
        )
    if case.stage == Stage.DECIDED and case.look_back_on and case.look_back_on < today:
        found.append(
            Waiting(
                "look_back",
                _("plan date passed without a look-back"),
                case,
                _("the look-back"),
                case.look_back_on,
                (today - case.look_back_on).days,
            )
        )
    return found


# --- the charts (pure) -------------------------------------------------------------------------------------


def _count_axis(title: str | None, top: int) -> alt.Axis:
    """An axis of whole numbers (cases, days): ticks at whole steps only, never 0.5 shown as "1"."""
    step = max(1, -(-top // 8))
    return alt.Axis(title=title, values=list(range(0, top + step, step)), format="d")


def per_month_spec(
    rows: list[tuple[str, dict]], *, title: str, description: str, axis_title: str, labels: dict[str, str]
) -> dict:
    """Chain cases per month of the incident, stacked: a first report, or a repeat report (a person who was
    in an earlier case)."""
    order = ["first", "repeat"]
    data = [
        {"month": month, "kind": labels[kind], "order": order.index(kind), "cases": counts.get(kind, 0)}
        for month, counts in rows
        for kind in order
        if counts.get(kind)
    ]
    domain = [labels[k] for k in order]
    chart = (
        alt.Chart(alt.Data(values=data), title=title, description=description)
        .mark_bar()
        .encode(
            x=alt.X("month:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "sum(cases):Q",
                title=axis_title,
                axis=_count_axis(axis_title, max((sum(c.values()) for _, c in rows), default=1)),
            ),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=domain, range=[COLOURS[2], COLOURS[1]]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            order=alt.Order("order:Q"),
        )
        .properties(width=charts.CHART_WIDTH - 80, height=200)
        .configure_view(stroke=None)
    )
    return chart.to_dict()


def repeat_spec(
    people: list[RepeatPerson], *, title: str, description: str, suspect_label: str, other_label: str
) -> dict:
    """One row per person seen in two or more cases, a dot per case at the date of the incident: filled for
    a case as suspect (recidivism), open for a case in another role."""
    data = [
        {
            "person": person.label,
            "date": report.incident_on.isoformat(),
            "role": suspect_label if report.role == InvolvedRole.SUSPECT else other_label,
            "case": report.reference,
        }
        for person in people
        for report in person.reports
    ]
    people_order = [p.label for p in people]
    base = alt.Chart(alt.Data(values=data))
    y = alt.Y("person:N", sort=people_order, title=None, axis=alt.Axis(labelLimit=220))
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0))
    lines = base.mark_line(color="#6b6b6b", strokeWidth=1).encode(x=x, y=y, detail="person:N")
    dots = base.mark_point(size=90, strokeWidth=2, opacity=1).encode(
        x=x,
        y=y,
        shape=alt.Shape(
            "role:N", scale=alt.Scale(domain=[suspect_label, other_label], range=["circle", "square"])
        ),
        color=alt.Color(
            "role:N",
            scale=alt.Scale(domain=[suspect_label, other_label], range=[COLOURS[1], COLOURS[2]]),
            legend=alt.Legend(title=None, orient="top"),
        ),
        fill=alt.Fill(
            "role:N",
            scale=alt.Scale(domain=[suspect_label, other_label], range=[COLOURS[1], "#ffffff"]),
            legend=None,
        ),
        tooltip=["person:N", "case:N", "role:N", alt.Tooltip("date:T", format="%d-%m-%Y")],
    )
    chart = (
        alt.layer(lines, dots, title=title, description=description)
        .properties(width=charts.CHART_WIDTH - 220, height=alt.Step(32))
        .configure_view(stroke=None)
    )
    return chart.to_dict()


def count_bars_spec(
    rows: list[tuple[str, int]], *, title: str, description: str, axis_title: str, colour: str = COLOURS[2]
) -> dict:
    """Horizontal bars, one per labelled row, in the given order (combination problems)."""
    data = [{"label": label, "count": count, "order": i} for i, (label, count) in enumerate(rows)]
    chart = (
        alt.Chart(alt.Data(values=data), title=title, description=description)
        .mark_bar(color=colour)
        .encode(
            y=alt.Y("label:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelLimit=360)),
            x=alt.X(
                "count:Q",
                title=axis_title,
                axis=_count_axis(axis_title, max((c for _, c in rows), default=1)),
            ),
        )
        .properties(width=charts.CHART_WIDTH - 360, height=alt.Step(28))
        .configure_view(stroke=None)
    )
    return chart.to_dict()


def involvement_spec(
    rows: list[tuple[int, int]],
    *,
    many: int,
    title: str,
    description: str,
    x_title: str,
    y_title: str,
    many_label: str,
    few_label: str,
) -> dict:
    """How many cases have 1, 2, 3 … organisations involved; the bars from `many` up stand out."""
    data = [
        {"organisations": str(n), "cases": count, "kind": many_label if n >= many else few_label, "n": n}
        for n, count in rows
    ]
    chart = (
        alt.Chart(alt.Data(values=data), title=title, description=description)
        .mark_bar()
        .encode(
            x=alt.X("organisations:O", sort=alt.SortField("n"), title=x_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "cases:Q", title=y_title, axis=_count_axis(y_title, max((c for _, c in rows), default=1))
            ),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=[few_label, many_label], range=[COLOURS[2], COLOURS[1]]),
                legend=alt.Legend(title=None, orient="top"),
            ),
        )
        .properties(width=charts.CHART_WIDTH - 80, height=200)
        .configure_view(stroke=None)
    )
    return chart.to_dict()


def waiting_spec(rows: list[Waiting], *, title: str, description: str, axis_title: str) -> dict:
    """The longest waits, one bar each (days), coloured by what is waited for."""
    data = [
        {"label": f"{w.case.reference}: {w.what}", "days": w.days, "kind": w.kind_label, "order": i}
        for i, w in enumerate(rows)
    ]
    kinds = list(dict.fromkeys(w.kind_label for w in rows))
    chart = (
        alt.Chart(alt.Data(values=data), title=title, description=description)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelLimit=360)),
            x=alt.X(
                "days:Q",
                title=axis_title,
                axis=_count_axis(axis_title, max((w.days for w in rows), default=1)),
            ),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=kinds, range=[COLOURS[1], COLOURS[5], COLOURS[3]][: len(kinds)]),
                legend=alt.Legend(title=None, orient="top", labelLimit=320),
            ),
        )
        .properties(width=charts.CHART_WIDTH - 360, height=alt.Step(28))
        .configure_view(stroke=None)
    )
    return chart.to_dict()


# --- drawing them for the page -----------------------------------------------------------------------------


def _drawn(key: str, spec: dict, title: str, description: str) -> dict:
    svg = charts.accessible_svg(
        charts.render_svg(spec), title=title, description=description, id_prefix=f"chain-{key}"
    )
    return {"key": key, "title": title, "svg": svg}


def charts_for(data: dict) -> dict[str, dict]:
    """The charts of the patterns page by key, in the reader's language; a pattern without facts has none."""
    drawn = {}
    if data["per_month"]:
        title = _("Chain cases per month: first and repeat reports")
        description = _(
            "Number of chain cases per month of the incident; a repeat report is a case with a person who "
            "was in an earlier case."
        )
        labels = {"first": _("first report"), "repeat": _("repeat report")}
        spec = per_month_spec(
            data["per_month"], title=title, description=description, axis_title=_("cases"), labels=labels
        )
        drawn["per_month"] = _drawn("month", spec, title, description)
    if data["repeat"]:
        title = _("Repeat reports and recidivism per person over time")
        description = _(
            "One row per person in two or more cases, a mark per case at the date of the incident: a filled "
            "circle as suspect, an open square in another role."
        )
        spec = repeat_spec(
            data["repeat"],
            title=title,
            description=description,
            suspect_label=_("as suspect"),
            other_label=_("in another role"),
        )
        drawn["repeat"] = _drawn("repeat", spec, title, description)
    if data["combinations"]:
        title = _("Combination problems")
        description = _("Number of cases per combination of two or more triggers for deepening.")
        spec = count_bars_spec(
            data["combinations"], title=title, description=description, axis_title=_("cases")
        )
        drawn["combinations"] = _drawn("combinations", spec, title, description)
    if data["involvement"]:
        title = _("Organisations involved per case")
        description = _(
            "Number of cases by the number of organisations working on them; from %(many)s up, many "
            "professionals each have a part."
        ) % {"many": data["many_partners"]}
        spec = involvement_spec(
            data["involvement"],
            many=data["many_partners"],
            title=title,
            description=description,
            x_title=_("organisations involved"),
            y_title=_("cases"),
            many_label=_("many professionals"),
            few_label=_("fewer"),
        )
        drawn["involvement"] = _drawn("involvement", spec, title, description)
    if data["waiting"]:
        title = _("Waiting too long")
        description = _(
            "The longest waits, in days: context requests past their due time, deepened cases without a "
            "decision after %(days)s days, plan dates passed without a look-back."
        ) % {"days": data["deepening_days"]}
        spec = waiting_spec(
            data["waiting"][:WAITING_SHOWN], title=title, description=description, axis_title=_("days")
        )
        drawn["waiting"] = _drawn("waiting", spec, title, description)
    return drawn
