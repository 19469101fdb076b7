"""Dashboards for a team lead (their teams), organisation management (its teams) and a municipality or
region (its organisations, aggregated). What is shown is a table of how measures ended per group, with
small cells suppressed (suppression.py), the indicators of the whole scope (a figure resting on fewer than
five people is not shown), a chart drawn from the same suppressed table, and CSV/XLSX of exactly the rows
on screen. A fixed number of queries whatever the number of measures."""

import csv
import io
from dataclasses import replace
from datetime import date
from typing import Any

import altair as alt
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kring.access.insights import InsightsView, Scope
from kring.accounts.models import Organisation, Team
from kring.cases.charts import accessible_svg, render_svg
from kring.cases.models import Measure, MeasureKind

from .indicators import (
    END_CATEGORIES,
    END_CATEGORY_LABELS,
    REPEAT_WINDOWS,
    Cohort,
    cohort_measures,
    end_categories_by,
    indicator_set,
)
from .suppression import SMALL, suppress_figure, suppress_table

SUPPRESSED = "x"
CATEGORY_COLOURS = ("#009E73", "#56B4E9", "#D55E00", "#E69F00", "#999999")  # Okabe-Ito


def scoped_cohort(view: InsightsView, cohort: Cohort) -> Cohort:
    """The cohort inside the reader's scope: never wider than the teams the view allows."""
    return replace(cohort, team_ids=view.team_ids)


def _group_field(view: InsightsView) -> str:
    return (
        "dossier__owning_team__organisation_id" if view.scope == Scope.REGION else "dossier__owning_team_id"
    )


def _group_labels(view: InsightsView, ids: list[int]) -> dict[int, str]:
    if view.scope == Scope.REGION:
        return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    return {team.pk: team.name for team in Team.objects.filter(pk__in=ids)}


def end_table(view: InsightsView, measures: QuerySet[Measure]) -> dict[str, Any]:
    """Ended measures per group and end category, suppressed. Two queries."""
    field = _group_field(view)
    counted = end_categories_by(measures, field)
    labels = _group_labels(view, [row[field] for row in counted])
    categories = list(END_CATEGORIES)
    table = suppress_table([[row[c] for c in categories] for row in counted]) if counted else None
    rows = []
    if table:
        for index, row in enumerate(counted):
            rows.append(
                {
                    "group_id": row[field],
                    "label": labels.get(row[field], "?"),
                    "cells": table["cells"][index],
                    "total": table["row_totals"][index],
                }
            )
    return {
        "categories": [(c, str(END_CATEGORY_LABELS[c])) for c in categories],
        "rows": rows,
        "column_totals": table["column_totals"] if table else [],
        "total": table["total"] if table else 0,
        "suppressed": table["suppressed"] if table else 0,
    }


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"


def _num(value: float | None, digits: int = 1) -> str:
    """In the reader's language: 4,2 in Dutch, 4.2 in English (the result is stored per language)."""
    return "—" if value is None else number_format(round(value, digits), decimal_pos=digits)


def safe_share(numerator: int, denominator: int) -> float | None:
    """A share, unless it would give away a count from 1 to 4 (of those with, or of those without)."""
    if not denominator or 0 < numerator < SMALL or 0 < denominator - numerator < SMALL:
        return None
    return numerator / denominator


def indicator_cards(
    figures: dict[str, Any], hidden_categories: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """The scope's indicators as label / value / n, each suppressed when it rests on fewer than five, and a
    share also when it would reveal a small count — or a count the table hides (`hidden_categories`)."""
    cards = []

    def add(label: str, value: Any, n: int | None, formatter: Any = _num) -> None:
        shown = suppress_figure(value, n)
        cards.append({"label": label, "value": formatter(shown) if shown is not None or n else "—", "n": n})

    ends = figures["ends"]
    for category, count in ends["counts"].items():
        share = None if category in hidden_categories else safe_share(count, ends["total"])
        add(str(END_CATEGORY_LABELS[category]), share, ends["total"], _pct)
    for months in REPEAT_WINDOWS:
        repeat = figures["repeat"][months]
        add(
            _("new measure within %(months)s months") % {"months": months},
            safe_share(repeat["numerator"], repeat["denominator"]),
            repeat["denominator"],
            _pct,
        )
    scales = figures["scales"]
    add(_("change in the mapping's safety scale"), scales["mapping"]["mean_change"], scales["mapping"]["n"])
    add(_("change in safety as the family scales it"), scales["family"]["mean_change"], scales["family"]["n"])
    add(
        _("change in safety as professionals scale it"),
        scales["professional"]["mean_change"],
        scales["professional"]["n"],
    )
    add(_("change in dynamic risk score"), figures["risk"]["mean_change"], figures["risk"]["n"])
    exp = figures["experience"]
    add(_("EXIT report grade (1-10)"), exp["exit_grade"], exp["exit_n"])
    add(_("EXIT result (1-4)"), exp["exit_result"], exp["exit_n"])
    add(_("EXIT process (1-4)"), exp["exit_process"], exp["exit_n"])
    add(_("session feedback (0-10)"), exp["session_mean"], exp["session_n"])
    add(_("Samen Sterker"), exp["samen_sterker_mean"], exp["samen_sterker_n"])
    process = figures["process"]
    add(_("days from opening to first contact"), process["intake"]["mean_days"], process["intake"]["n"])
    add(
        _("direct-contact minutes per week"),
        process["intensity"]["minutes_per_week"],
        process["intensity"]["n"],
        lambda v: _num(v, 0),
    )
    req = process["requests"]
    add(
        _("context requests answered in time"),
        safe_share(req["numerator"], req["denominator"]),
        req["denominator"],
        _pct,
    )
    matches = process["matches"]
    add(
        _("signal-index matches followed up"),
        safe_share(matches["numerator"], matches["denominator"]),
        matches["denominator"],
        _pct,
    )
    return cards


def duration_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Durations per kind of measure. The counts add up to the ended measures the page shows elsewhere, so
    they are suppressed as one row of a table (a small count, and a complement so that no hidden count
    follows from the total; None = hidden); quartiles resting on fewer than five are not shown."""
    labels = dict(MeasureKind.choices)
    durations = list(figures["durations"].items())
    counts = suppress_table([[d["n"] for _kind, d in durations]])["cells"][0] if durations else []
    return [
        {
            "kind": str(labels.get(kind, kind)),
            "n": shown,
            "q1": suppress_figure(d["q1"], d["n"]),
            "median": suppress_figure(d["median"], d["n"]),
            "q3": suppress_figure(d["q3"], d["n"]),
        }
        for (kind, d), shown in zip(durations, counts, strict=True)
    ]


def dashboard(view: InsightsView, cohort: Cohort, *, today: date, now: Any) -> dict[str, Any]:
    measures = cohort_measures(scoped_cohort(view, cohort))
    return dashboard_shown(indicator_set(measures, today=today, now=now), end_table(view, measures))


def dashboard_shown(figures: dict[str, Any], table: dict[str, Any]) -> dict[str, Any]:
    """What the page shows, suppressed, from the indicators and the end table."""
    hidden = frozenset(
        code
        for (code, _label), total in zip(table["categories"], table["column_totals"], strict=False)
        if total is None
    )
    return {
        "table": table,
        "cards": indicator_cards(figures, hidden),
        "durations": duration_rows(figures),
        "chart": end_chart(table),
    }


def end_chart(table: dict[str, Any]) -> dict[str, str] | None:
    """A stacked bar per group from the suppressed table: a hidden cell is left out, never estimated."""
    data = [
        {"group": row["label"], "category": label, "count": row["cells"][i]}
        for row in table["rows"]
        for i, (_code, label) in enumerate(table["categories"])
        if row["cells"][i]
    ]
    if not data:
        return None
    order = [label for _code, label in table["categories"]]
    spec = (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            y=alt.Y("group:N", title=None),
            x=alt.X("count:Q", title=_("ended measures")),
            color=alt.Color(
                "category:N", title=None, scale=alt.Scale(domain=order, range=list(CATEGORY_COLOURS))
            ),
            order=alt.Order("category:N"),
        )
        .properties(width=560)
        .to_dict()
    )
    title = _("How measures ended, per group")
    description = _(
        "Stacked bars; the table beside the chart gives the numbers. Suppressed cells are left out."
    )
    svg = accessible_svg(render_svg(spec), title=title, description=description, id_prefix="insights-ends")
    return {"svg": svg, "title": title, "description": description}


def table_rows_for_download(table: dict[str, Any]) -> list[list[Any]]:
    """Exactly what the table on screen shows, suppressed numbers as 'x'."""
    shown = lambda v: SUPPRESSED if v is None else v  # noqa: E731
    header = [_("group"), *[label for _c, label in table["categories"]], _("total")]
    body = [[row["label"], *map(shown, row["cells"]), shown(row["total"])] for row in table["rows"]]
    footer = [_("total"), *map(shown, table["column_totals"]), shown(table["total"])]
    return [header, *body, footer]


def as_csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(rows: list[list[Any]], *, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for row in rows:
        sheet.append([str(v) if not isinstance(v, int | float) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
