"""Charts about a dossier, as Vega-Lite specs built with Altair, rendered to SVG on the server.

`family_timeline_spec` is a pure function: data in, a Vega-Lite spec (a dict) out — no database, no request,
no translation lookups (the caller passes the labels in the reader's language). `render_svg` turns a spec into
an SVG string with vl-convert, offline, and `accessible_svg` gives that SVG a title and description for screen
readers. The page shows a table with the same facts beside the chart: the chart is for reading at a glance,
the table is the text alternative.
"""

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any

import altair as alt
from django.conf import settings
from django.utils import translation

CHART_WIDTH = 720
LABEL_FONT_SIZE = 11
LABEL_CHAR_WIDTH = 6.0  # px per character at LABEL_FONT_SIZE, a little on the wide side
LABEL_LINE_HEIGHT = 14
LABEL_GAP = 10  # px between two labels on the same row of a line
MAX_LABEL_CHARS = 40
MIN_ROW_HEIGHT = 44
TRACK_OFFSET = 10  # px from the top of a line's row to its dots and bars

# One colour per line from the Okabe and Ito palette, told apart with the common kinds of colour blindness;
# every line also has its own row and name, so colour never carries the meaning alone.
LINE_COLOURS = ("#009E73", "#D55E00", "#0072B2", "#CC79A7", "#000000", "#E69F00", "#56B4E9")


@dataclass(frozen=True)
class TimelineItem:
    """A moment (`until` None) or a period on one line of the timeline.

    `when` and `until` are a year (int) or a date; a period that still runs has `until` = the day it is drawn.
    """

    line: str
    when: date | int
    text: str
    until: date | int | None = None


def year_position(when: date | int) -> float:
    """A year as a number on the time axis: 2019 → 2019.0, 1 July 2019 → about 2019.5."""
    if isinstance(when, int):
        return float(when)
    start = date(when.year, 1, 1)
    length = (date(when.year + 1, 1, 1) - start).days
    return when.year + (when - start).days / length


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def _slots(rows: list[dict[str, Any]], px_per_year: float) -> int:
    """Give each label of one line a row ("slot") where it does not overlap the label before it; return how
    many rows the line needs. Greedy, in time order: deterministic, so the same data draws the same chart."""
    ends: list[float] = []
    for row in sorted(rows, key=lambda r: (r["start"], r["label"])):
        left = row["start"] * px_per_year
        right = left + LABEL_GAP + len(row["label"]) * LABEL_CHAR_WIDTH
        for slot, end in enumerate(ends):
            if end <= left:
                ends[slot] = right
                row["slot"] = slot
                break
        else:
            row["slot"] = len(ends)
            ends.append(right)
    return max(len(ends), 1)


def family_timeline_spec(
    items: Iterable[TimelineItem],
    lines: Sequence[tuple[str, str]],
    *,
    title: str,
    description: str,
    width: int = CHART_WIDTH,
    empty_year: int = 2000,
) -> dict[str, Any]:
    """A Vega-Lite spec of the family's timelines, one row per line in the order of `lines` ((key, label)
    pairs), years along the bottom. Moments are dots with their text below them, periods (a measure on the
    legal line) are bars. Lines without items keep their row, so the help line always stands beside the legal
    line, also when one of them is empty. Items on lines not in `lines` are left out; without any item the
    rows span `empty_year`. The same items, in any order, give the same spec."""
    labels = dict(lines)
    rows: list[dict[str, Any]] = []
    for item in items:
        if item.line not in labels:
            continue
        start = year_position(item.when)
        end = year_position(item.until) if item.until is not None else None
        rows.append(
            {
                "line": labels[item.line],
                "start": round(start, 3),
                "end": round(max(end, start), 3) if end is not None else None,
                "label": _short(item.text),
                "text": item.text,
                "slot": 0,
                "offset": 0.0,
            }
        )
    order = {label: index for index, label in enumerate(labels.values())}
    rows.sort(key=lambda r: (order[r["line"]], r["start"], r["end"] or r["start"], r["text"]))
    if rows:
        first = int(min(row["start"] for row in rows))
        last = int(max(row["end"] if row["end"] is not None else row["start"] for row in rows)) + 1
    else:
        first, last = empty_year, empty_year + 1
    px_per_year = width / max(last - first, 1)
    slots_needed = max(
        [_slots([r for r in rows if r["line"] == label], px_per_year) for label in labels.values()]
    )
    # Each line's row: its dots and bars on a track near the top, the labels hanging below them in as many
    # rows as the busiest line needs, so that no label covers a dot, a bar or another label.
    row_height = max(MIN_ROW_HEIGHT, TRACK_OFFSET + (slots_needed + 1) * LABEL_LINE_HEIGHT)
    for row in rows:
        row["offset"] = TRACK_OFFSET + (row["slot"] + 1) * LABEL_LINE_HEIGHT

    line_order = [label for _, label in lines]
    y = alt.Y(
        "line:N",
        sort=line_order,
        scale=alt.Scale(domain=line_order, paddingInner=0, paddingOuter=0),
        axis=alt.Axis(
            title=None,
            labelFontSize=12,
            labelFontWeight="bold",
            labelLimit=160,
            labelAlign="right",
            labelBaseline="middle",
            labelOffset=TRACK_OFFSET - row_height / 2,  # the name level with the line's track
            domain=False,
            ticks=False,
        ),
    )
    track = alt.YOffset(datum=TRACK_OFFSET, scale=None)
    x = alt.X(
        "start:Q",
        scale=alt.Scale(domain=[first - 0.5, last], nice=False, zero=False),
        axis=alt.Axis(title=None, format="d", tickMinStep=1, labelFontSize=11, labelFlush=False, grid=True),
    )
    colour = alt.Color(
        "line:N", sort=line_order, scale=alt.Scale(domain=line_order, range=list(LINE_COLOURS)), legend=None
    )
    base = alt.Chart(alt.Data(values=rows))
    periods = (
        base.transform_filter("datum.end != null")
        .mark_rule(strokeWidth=8, opacity=0.5, strokeCap="round")
        .encode(x=x, x2="end:Q", y=y, yOffset=track, color=colour)
    )
    moments = base.mark_circle(size=70, opacity=1).encode(x=x, y=y, yOffset=track, color=colour)
    texts = base.mark_text(align="left", baseline="middle", dx=-3, fontSize=LABEL_FONT_SIZE).encode(
        x=x,
        y=y,
        yOffset=alt.YOffset("offset:Q", scale=None),
        text="label:N",
        color=alt.value("#1a1a1a"),
    )
    chart = (
        alt.layer(periods, moments, texts)
        .properties(
            width=width,
            height=alt.Step(row_height),
            title=alt.Title(title, anchor="start", fontSize=14),
            description=description,
        )
        .configure_view(stroke=None)
        .configure_axis(labelColor="#1a1a1a", gridColor="#e0e0e0")
    )
    return chart.to_dict()


def weekly_minutes_spec(
    weeks: Sequence[tuple[str, int]], *, title: str, description: str, axis_title: str
) -> dict[str, Any]:
    """Bars of direct-contact time per week of a period: (week label, minutes) in order; the bars are in
    hours so that the axis reads like the report."""
    data = [
        {"week": label, "hours": round(minutes / 60, 2), "order": i}
        for i, (label, minutes) in enumerate(weeks)
    ]
    chart = (
        alt.Chart(alt.Data(values=data), title=title, description=description)
        .mark_bar(color=LINE_COLOURS[2])
        .encode(
            x=alt.X("week:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("hours:Q", title=axis_title),
            tooltip=[alt.Tooltip("week:N"), alt.Tooltip("hours:Q", format=".2f")],
        )
        .properties(width=min(CHART_WIDTH, 60 * max(len(weeks), 4)), height=200)
        .configure_view(stroke=None)
        .configure_axis(labelColor="#1a1a1a", gridColor="#e0e0e0")
    )
    return chart.to_dict()


# The d3 locales of the page's language: month and day names, decimal comma. d3-format knows no nl-BE (the
# numbers read the same as in nl-NL); d3-time-format does (dates as 31/12/2026).
FORMAT_LOCALES = {"nl": "nl-NL", "nl-be": "nl-NL", "en": "en-GB"}
TIME_FORMAT_LOCALES = {"nl": "nl-NL", "nl-be": "nl-BE", "en": "en-GB"}
# A time axis without its own format shows dates, never Vega's English default for short ranges ("01 AM").
TEMPORAL_AXIS_FORMAT = "%-d %b %Y"


def chart_locale(language: str | None = None) -> str:
    """The chart locale of a language code (the active one by default): nl, nl-be or en."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    if code in TIME_FORMAT_LOCALES:
        return code
    return "en" if code.startswith("en") else "nl"


def localised_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with kring's chart configuration: no ARIA texts generated by Vega (they are English, and the
    SVG gets its own title and description in `accessible_svg`), and dates on time axes."""
    config = dict(spec.get("config") or {})
    config.setdefault("aria", False)
    config["axisTemporal"] = {"format": TEMPORAL_AXIS_FORMAT, **(config.get("axisTemporal") or {})}
    return {**spec, "config": config}


# Vega still gives mark groups a role (graphics-object, graphics-symbol) and an English role description when
# its ARIA texts are off; a graphics-symbol without a name is an accessibility error (axe: svg-img-alt). The
# chart is one image with its own title and description (accessible_svg) and a table beside it, so the marks
# carry no roles of their own.
MARK_ROLES = re.compile(r' (?:role="graphics-(?:object|symbol)"|aria-roledescription="[^"]*")')


@lru_cache(maxsize=32)
def _svg_for(spec_json: str, locale: str) -> str:
    import vl_convert  # a native module of some size: loaded on first use, not at import

    svg = vl_convert.vegalite_to_svg(
        json.loads(spec_json),
        format_locale=FORMAT_LOCALES[locale],
        time_format_locale=TIME_FORMAT_LOCALES[locale],
    )
    return MARK_ROLES.sub("", svg)


def render_svg(spec: dict[str, Any], language: str | None = None) -> str:
    """The SVG of a Vega-Lite spec, drawn on the server (no JavaScript, no network), with month and day names
    and numbers in the page's language (`language`, the active one by default). The same spec in the same
    language draws the same SVG, so recent ones are kept."""
    return _svg_for(json.dumps(localised_spec(spec), sort_keys=True, default=str), chart_locale(language))


def accessible_svg(svg: str, *, title: str, description: str, id_prefix: str) -> str:
    """Give the SVG an image role with a title and description that screen readers announce, instead of the
    marks one by one (the table beside the chart carries the detail). Vega escapes the texts it draws; the
    title and description are escaped here."""
    if not svg.startswith("<svg "):
        raise ValueError("not an SVG document")
    head, rest = svg.split(">", 1)
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    return (
        f'{head} role="img" aria-labelledby="{escape(title_id)} {escape(desc_id)}" focusable="false">'
        f'<title id="{escape(title_id)}">{escape(title)}</title>'
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>{rest}'
    )
