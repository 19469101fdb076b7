"""The "how am I doing" chart: what the young person said, day by day, from very bad (bottom) to very good
(top), as a Vega-Lite spec built with Altair and drawn to SVG on the server with kring.cases.charts, like the
other charts of kring. The page's table beside it holds the same facts (the chart is for a glance).

`how_am_i_doing_spec` is a pure function: data in, spec out; the caller passes the labels in the reader's
language."""

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

import altair as alt
from django.utils.translation import gettext

from kring.cases import charts
from kring.cases.charts import CHART_WIDTH, LINE_COLOURS
from kring.ui.dates import format_date

from .models import Feeling, HowAmIDoing

logger = logging.getLogger(__name__)


def _js(text: str) -> str:
    """A string literal for a Vega expression."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def how_am_i_doing_spec(
    points: Sequence[tuple[date, int]],
    *,
    level_labels: Sequence[str],
    title: str,
    description: str,
    axis_title: str,
) -> dict[str, Any]:
    """A line with a dot per answer: (day, feeling 1 … 5), the levels labelled with `level_labels` (from 1,
    very bad, to 5, very good)."""
    data = [{"date": day.isoformat(), "level": level} for day, level in sorted(points)]
    label_expr = " : ".join(
        [f"datum.value == {level} ? {_js(label)}" for level, label in enumerate(level_labels, start=1)]
        + ["''"]
    )
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%d-%m", labelAngle=0, tickCount=7))
    y = alt.Y(
        "level:Q",
        title=axis_title,
        scale=alt.Scale(domain=[0.5, len(level_labels) + 0.5], nice=False, zero=False),
        axis=alt.Axis(values=list(range(1, len(level_labels) + 1)), labelExpr=label_expr, labelLimit=160),
    )
    base = alt.Chart(alt.Data(values=data))
    line = base.mark_line(strokeWidth=2.5, color=LINE_COLOURS[2]).encode(x=x, y=y)
    dots = base.mark_point(filled=True, size=90, opacity=1, color=LINE_COLOURS[2]).encode(
        x=x, y=y, tooltip=[alt.Tooltip("date:T", format="%d-%m-%Y"), alt.Tooltip("level:Q")]
    )
    chart = (
        alt.layer(line, dots)
        .properties(
            width=min(CHART_WIDTH, 640),
            height=200,
            title=alt.Title(title, anchor="start", fontSize=14),
            description=description,
        )
        .configure_view(stroke=None)
        .configure_axis(labelColor="#1a1a1a", gridColor="#e0e0e0")
    )
    return chart.to_dict()


def how_am_i_doing_chart(answers: Sequence[HowAmIDoing]) -> dict[str, str] | None:
    """The chart of `answers` (any order) with its title and description, or None without answers or when
    it cannot be drawn (the table tells the same)."""
    if not answers:
        return None
    ordered = sorted(answers, key=lambda answer: answer.day)
    title = gettext("How am I doing: what the young person said")
    description = gettext(
        "How the young person said they were doing from %(start)s to %(end)s, from very bad (bottom) to very "
        "good (top), one dot per day they answered. The table holds the same facts."
    ) % {
        "start": format_date(ordered[0].day, "j M Y"),
        "end": format_date(ordered[-1].day, "j M Y"),
    }
    labels = [str(label).capitalize() for _value, label in sorted(Feeling.choices)]
    spec = how_am_i_doing_spec(
        [(answer.day, answer.feeling) for answer in ordered],
        level_labels=labels,
        title=title,
        description=description,
        axis_title=gettext("how they are doing"),
    )
    try:
        svg = charts.render_svg(spec)
    except Exception:  # the table tells the same; a chart must not take the page down
        logger.exception("The how-am-I-doing chart could not be drawn")
        return None
    return {
        "svg": charts.accessible_svg(svg, title=title, description=description, id_prefix="how-am-i-doing"),
        "title": title,
        "description": description,
    }
