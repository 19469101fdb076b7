"""The Klaar mee?! chart: the desistance stage over time, as a Vega-Lite spec built with Altair and drawn to
SVG on the server with kring.cases.charts (render_svg, accessible_svg), like the other charts of kring.

`desistance_spec` is a pure function: data in, spec out; the caller passes the labels in the reader's
language.
One step line per view (the young person's own, the worker's), a dot at every recording and a triangle at a
relapse, so that neither colour nor shape alone carries the meaning; the page's table holds the same facts.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt
from django.utils.translation import gettext

from kring.cases import charts
from kring.cases.charts import CHART_WIDTH, LINE_COLOURS
from kring.ui.dates import format_date

from .models import DesistanceRecord, DesistanceStage, DesistanceView

logger = logging.getLogger(__name__)

RELAPSE_COLOUR = "#D55E00"


@dataclass(frozen=True)
class StagePoint:
    on: date
    level: int  # 1 (persisting) … 4 (stopping)
    view: str  # the label of whose view it is
    relapse: bool


def desistance_spec(
    points: Sequence[StagePoint],
    *,
    stage_labels: Sequence[str],
    views: Sequence[str],
    marker_labels: tuple[str, str],
    title: str,
    description: str,
    axis_title: str,
) -> dict[str, Any]:
    """A step line of the stage (1 … len(stage_labels), labelled with `stage_labels`) over time, one per view
    in `views`; `marker_labels` name a plain recording and a relapse in the legend."""
    recorded, relapsed = marker_labels
    data = [
        {
            "date": point.on.isoformat(),
            "level": point.level,
            "view": point.view,
            "marker": relapsed if point.relapse else recorded,
        }
        for point in sorted(points, key=lambda p: (p.on, p.view))
    ]
    labels = {str(level): label for level, label in enumerate(stage_labels, start=1)}
    label_expr = " : ".join(
        [f"datum.value == {level} ? {_js(label)}" for level, label in labels.items()] + ["''"]
    )
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%d-%m-%Y", labelAngle=0, tickCount=6))
    y = alt.Y(
        "level:Q",
        title=axis_title,
        scale=alt.Scale(domain=[0.5, len(stage_labels) + 0.5], nice=False, zero=False),
        axis=alt.Axis(values=list(range(1, len(stage_labels) + 1)), labelExpr=label_expr, labelLimit=220),
    )
    colour = alt.Color(
        "view:N",
        title=None,
        sort=list(views),
        scale=alt.Scale(domain=list(views), range=[LINE_COLOURS[2], LINE_COLOURS[0]]),
        legend=alt.Legend(orient="bottom"),
    )
    base = alt.Chart(alt.Data(values=data))
    line = base.mark_line(interpolate="step-after", strokeWidth=2.5).encode(x=x, y=y, color=colour)
    marks = base.mark_point(filled=True, size=110, opacity=1).encode(
        x=x,
        y=y,
        color=colour,
        shape=alt.Shape(
            "marker:N",
            title=None,
            scale=alt.Scale(domain=[recorded, relapsed], range=["circle", "triangle-down"]),
            legend=alt.Legend(orient="bottom"),
        ),
        stroke=alt.condition(
            alt.datum.marker == relapsed, alt.value(RELAPSE_COLOUR), alt.value("transparent")
        ),
        strokeWidth=alt.value(2),
        tooltip=[alt.Tooltip("date:T", format="%d-%m-%Y"), alt.Tooltip("view:N"), alt.Tooltip("marker:N")],
    )
    chart = (
        alt.layer(line, marks)
        .properties(
            width=min(CHART_WIDTH, 640),
            height=220,
            title=alt.Title(title, anchor="start", fontSize=14),
            description=description,
        )
        .configure_view(stroke=None)
        .configure_axis(labelColor="#1a1a1a", gridColor="#e0e0e0")
    )
    return chart.to_dict()


def _js(text: str) -> str:
    """A string literal for a Vega expression."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def desistance_chart(records: list[DesistanceRecord]) -> dict[str, str] | None:
    """The Klaar mee?! chart of `records` (oldest first) with its title and description, or None without
    records or when it cannot be drawn (the table tells the same)."""
    if not records:
        return None
    title = gettext("Klaar mee?!: the stage over time")
    description = gettext(
        "Stage of stopping with crime from %(start)s to %(end)s, from persisting (bottom) to stopping (top), "
        "one line per view; a triangle marks a relapse. The table below holds the same facts."
    ) % {
        "start": format_date(records[0].recorded_on, "j M Y"),
        "end": format_date(records[-1].recorded_on, "j M Y"),
    }
    spec = desistance_spec(
        [StagePoint(r.recorded_on, r.level, str(DesistanceView(r.view).label), r.relapse) for r in records],
        stage_labels=[str(stage.label).capitalize() for stage in DesistanceStage],
        views=[str(view.label) for view in DesistanceView],
        marker_labels=(gettext("stage recorded"), gettext("relapse")),
        title=title,
        description=description,
        axis_title=gettext("stage"),
    )
    try:
        svg = charts.render_svg(spec)
    except Exception:  # the table below tells the same; a chart must not take the page down
        logger.exception("The desistance chart could not be drawn")
        return None
    return {
        "svg": charts.accessible_svg(svg, title=title, description=description, id_prefix="desistance"),
        "title": title,
        "description": description,
    }
