"""Results of the questionnaires in a dossier: per instrument a chart over time per respondent, with a table
holding the same facts. Opened through the door (dossier_open, Section.FEEDBACK), which logs the read."""

import csv
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kring.access.policy import Section
from kring.cases.selectors import dossier_open
from kring.ui.pages import dossier_view

from .charts import respondent_label, score_chart
from .selectors import dossier_results, off_track_ids, waiting_administrations


def _page(request: HttpRequest, dossier_id: str, slug: str | None) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.FEEDBACK])
    dossier = opened.dossier
    groups = dossier_results(dossier, slug)
    if slug is not None and not groups:
        raise Http404
    waiting = waiting_administrations(dossier) if slug is None else []
    flagged = set().union(*(off_track_ids(group) for group in groups))
    instruments = [
        {
            "results": group,
            "chart": score_chart(group),
            "rows": [
                {
                    "row": row,
                    "respondent": respondent_label(row.administration.respondent_type),
                    "off_track": row.administration.pk in flagged,
                }
                for row in group.rows
            ],
        }
        for group in groups
    ]
    context = opened.page_context()
    context.update(
        instruments=instruments,
        waiting=waiting,
        page_title=_("Feedback") if slug is None else groups[0].name,
        current="feedback_results",
    )
    return render(request, "feedback/results.html", context)


@dossier_view
def feedback_results(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _page(request, dossier_id, None)


@dossier_view
def feedback_instrument(request: HttpRequest, dossier_id: str, slug: str) -> HttpResponse:
    return _page(request, dossier_id, slug)


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@dossier_view
def feedback_export(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """All scored results of the dossier as CSV (audited as an export of the feedback section)."""
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, reads=[Section.FEEDBACK], export_format="csv"
    ).dossier
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="feedback-{dossier.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["instrument", "version", "date", "respondent", "moment", "how", "score", "subscales"])
    for group in dossier_results(dossier):
        for row in group.rows:
            administration = row.administration
            subscales = "; ".join(f"{k}={v}" for k, v in row.result.get("subscales", {}).items())
            writer.writerow(
                [
                    _cell(group.name),
                    administration.instrument.version,
                    administration.taken_on.isoformat(),
                    _cell(administration.respondent_type),
                    administration.moment,
                    administration.entry_mode,
                    _cell(row.main_score),
                    _cell(subscales),
                ]
            )
    return response
