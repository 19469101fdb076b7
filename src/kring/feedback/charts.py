"""The feedback charts: Vega-Lite specs built with Altair, drawn to SVG on the server by kring.cases.charts.
Every chart has a table beside it on the page with the same figures (the text alternative)."""

import altair as alt
from django.utils.translation import gettext as _

from kring.cases import charts

from .models import RespondentType
from .selectors import InstrumentResults

RESPONDENT_LABELS = dict(RespondentType.choices)


def respondent_label(code: str) -> str:
    return str(RESPONDENT_LABELS.get(code, code))


def score_chart(results: InstrumentResults) -> dict[str, str] | None:
    data = [
        {
            "date": row.administration.taken_on.isoformat(),
            "score": row.main_score,
            "respondent": respondent_label(row.administration.respondent_type),
        }
        for row in results.rows
        if row.main_score is not None
    ]
    if not data:
        return None
    title = _("%(name)s over time") % {"name": results.name}
    description = _("Score per respondent per date; the table below holds the same figures.")
    spec = (
        alt.Chart(alt.Data(values=data), title=title, description=description)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=_("date")),
            y=alt.Y("score:Q", title=_("score")),
            color=alt.Color("respondent:N", title=_("respondent")),
        )
        .properties(width=min(charts.CHART_WIDTH, 560), height=200)
        .to_dict()
    )
    svg = charts.accessible_svg(
        charts.render_svg(spec), title=title, description=description, id_prefix=f"chart-{results.slug}"
    )
    return {"svg": svg, "title": title}
