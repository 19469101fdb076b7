"""The feedback charts: Vega-Lite specs built with Altair, drawn to SVG on the server by kring.cases.charts.
Every chart has a table beside it on the page with the same figures (the text alternative)."""

import altair as alt
from django.utils.translation import gettext as _

from kring.cases import charts

from .models import Moment, RespondentType
from .selectors import AnchorsOverview, InstrumentResults, LgmMatrix

RESPONDENT_LABELS = dict(RespondentType.choices)


def respondent_label(code: str) -> str:
    return str(RESPONDENT_LABELS.get(code, code))


def _lines_over_time(
    data: list[dict], *, title: str, description: str, y: alt.Y, line: str, line_title: str, id_prefix: str
) -> dict[str, str] | None:
    """A line per `line` value (respondent, part …) over the dates: {"date", "value", line} rows."""
    if not data:
        return None
    spec = (
        alt.Chart(alt.Data(values=data), title=title, description=description)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=_("date")),
            y=y,
            color=alt.Color(f"{line}:N", title=line_title, sort=list(dict.fromkeys(d[line] for d in data))),
        )
        .properties(width=min(charts.CHART_WIDTH, 560), height=200)
        .to_dict()
    )
    return _svg(spec, title, description, id_prefix)


def score_chart(results: InstrumentResults) -> dict[str, str] | None:
    """The main score (report grade, or the mean of the subscales) of each respondent over time."""
    data = [
        {
            "date": row.administration.taken_on.isoformat(),
            "value": row.main_score,
            "respondent": respondent_label(row.administration.respondent_type),
        }
        for row in results.rows
        if row.main_score is not None
    ]
    return _lines_over_time(
        data,
        title=_("%(name)s over time") % {"name": results.name},
        description=_("Score per respondent per date; the table below holds the same figures."),
        y=alt.Y("value:Q", title=_("score")),
        line="respondent",
        line_title=_("respondent"),
        id_prefix=f"chart-{results.slug}",
    )


def subscale_chart(results: InstrumentResults, labels: dict[str, str]) -> dict[str, str] | None:
    """One line per subscale (e.g. the parts of the self-check) over time."""
    data = [
        {"date": row.administration.taken_on.isoformat(), "part": labels.get(code, code), "value": value}
        for row in results.rows
        for code, value in row.result.get("subscales", {}).items()
    ]
    return _lines_over_time(
        data,
        title=_("%(name)s: the parts over time") % {"name": results.name},
        description=_("The mean of each part on each date; the table below holds the same figures."),
        y=alt.Y("value:Q", title=_("mean"), scale=alt.Scale(domain=[1, 4])),
        line="part",
        line_title=_("part"),
        id_prefix=f"chart-{results.slug}-parts",
    )


def _svg(spec: dict, title: str, description: str, id_prefix: str) -> dict[str, str]:
    svg = charts.accessible_svg(
        charts.render_svg(spec), title=title, description=description, id_prefix=id_prefix
    )
    return {"svg": svg, "title": title}


def lgm_change_chart(matrix: LgmMatrix) -> dict[str, str] | None:
    """Small multiples, one per life domain: each informant's rating at the start, during and at the end."""
    moment_labels = dict(Moment.choices)
    data = [
        {
            "domain": line.label,
            "moment": str(moment_labels[moment]),
            "order": index,
            "informant": respondent_label(informant),
            "rating": float(rating),
        }
        for line in matrix.domains
        for informant, ratings in zip(matrix.informants, line.ratings_over_time, strict=True)
        for index, (moment, rating) in enumerate(zip(matrix.moments, ratings, strict=True))
        if rating is not None
    ]
    if not data:
        return None
    title = _("Life domains: change between moments")
    description = _(
        "For every life domain the rating (0 to 10) of each informant at the start, during and at the end; "
        "the tables hold the same figures."
    )
    spec = (
        alt.Chart(alt.Data(values=data))
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "moment:N",
                sort=[str(moment_labels[m]) for m in matrix.moments],
                title=None,
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y("rating:Q", scale=alt.Scale(domain=[0, 10]), title=_("rating")),
            color=alt.Color(
                "informant:N", title=_("informant"), sort=[respondent_label(i) for i in matrix.informants]
            ),
        )
        .properties(width=120, height=110)
        .facet(
            facet=alt.Facet("domain:N", sort=[line.label for line in matrix.domains], title=None),
            columns=4,
        )
        .properties(title=title, description=description)
        .to_dict()
    )
    return _svg(spec, title, description, "chart-lgm")


def anchors_chart(overview: AnchorsOverview) -> dict[str, str] | None:
    """Small multiples, one per anchor: the young person's and the worker's ratings over time."""
    raters = {
        "anchors-youth": respondent_label("young_person"),
        "anchors-worker": respondent_label("professional"),
    }
    data = [
        {"anchor": line.name, "date": day.isoformat(), "rater": raters[slug], "rating": float(value)}
        for line in overview.lines
        for slug, series in (("anchors-youth", line.youth), ("anchors-worker", line.worker))
        for day, value in series
    ]
    if not data:
        return None
    title = _("The seven anchors over time")
    description = _(
        "For every anchor the rating (0 to 10) of the young person and of the worker on each date; the table "
        "holds the same figures."
    )
    spec = (
        alt.Chart(alt.Data(values=data))
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=3)),
            y=alt.Y("rating:Q", scale=alt.Scale(domain=[0, 10]), title=_("rating")),
            color=alt.Color("rater:N", title=_("respondent")),
        )
        .properties(width=150, height=110)
        .facet(
            facet=alt.Facet("anchor:N", sort=[line.name for line in overview.lines], title=None), columns=4
        )
        .properties(title=title, description=description)
        .to_dict()
    )
    return _svg(spec, title, description, "chart-anchors")
