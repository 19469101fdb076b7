"""The rows of a caseload list's table (cases/caseload/_results.html), built in Python.

Twenty-five rows of nine cells cost the template language about as much as all of the page's queries
(every variable and filter is looked up anew per cell); here each row is one `format_html`, which escapes
every value it is given. What a row shows is worked out beforehand in `kring.cases.caseload._load_page`.
"""

from typing import Any

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from kring.ui.dates import month_abbreviations

register = template.Library()

ROW = (
    '<tr role="row">'
    '<th scope="row" role="rowheader"><a class="utrecht-link" href="{url}">{title}</a></th>'
    '<td role="cell" data-label="{children_label}">{children}</td>'
    '<td role="cell" data-label="{reference_label}" class="kring-nowrap">{reference}</td>'
    '<td role="cell" data-label="{team_label}">{team}<span class="kring-muted"> · {organisation}</span></td>'
    "{history}"
    '<td role="cell" data-label="{status_label}">'
    '<span class="kring-badge kring-badge--{status}">{status_text}</span></td>'
    "</tr>"
)
HISTORY = (
    '<td role="cell" data-label="{frame_label}">{frames}</td>'
    '<td role="cell" data-label="{end_label}" class="kring-nowrap">{end}</td>'
    '<td role="cell" data-label="{activity_label}" class="kring-nowrap">{activity}</td>'
    '<td role="cell" data-label="{contact_label}" class="kring-nowrap">{contact}</td>'
)


def _with_labels(row: str, labels: dict[str, str]) -> str:
    """`row` with the cells' labels filled in (escaped once per table, not once per row)."""
    for name, label in labels.items():
        row = row.replace(f"{{{name}}}", escape(label).replace("{", "{{").replace("}", "}}"))
    return row


def _labels() -> dict[str, str]:
    """The cells' labels (for the card layout on a phone), translated once per table."""
    return {
        "children_label": gettext("Children"),
        "reference_label": gettext("Reference"),
        "team_label": gettext("Team"),
        "frame_label": gettext("Legal frame"),
        "end_label": gettext("Planned end"),
        "activity_label": gettext("Last activity"),
        "contact_label": gettext("Last contact"),
        "status_label": gettext("Status"),
    }


class Days:
    """Dates as the template's `date:"j M Y"` writes them ("7 Mar 2026", "7 mrt 2026"), with the month names
    translated once per table rather than the format parsed for every date."""

    def __init__(self) -> None:
        self.months = month_abbreviations()

    def __call__(self, value: Any) -> str:
        return f"{value.day} {self.months[value.month]} {value.year:04d}" if value else ""


def _history(dossier: Any, history: str, words: dict[str, str], day: Days) -> SafeString:
    """Legal frames, planned end, last activity and last contact: only where the reader sees the whole
    dossier (kring.cases.caseload)."""
    if not dossier.whole_dossier:
        return format_html('<td colspan="4" class="kring-muted" role="cell">{}</td>', words["not_shared"])
    if dossier.frames:
        frames = format_html_join("; ", "{}", ((frame,) for frame in dossier.frames))
    else:
        frames = format_html('<span class="kring-muted">{}</span>', words["none"])
    if dossier.planned_end and dossier.ends_soon:
        end = format_html(
            '<span class="kring-badge kring-badge--warning">{}'
            '<span class="visually-hidden"> ({})</span></span>',
            day(dossier.planned_end),
            words["soon"],
        )
    else:
        end = day(dossier.planned_end) or "—"
    return format_html(
        history,
        frames=frames,
        end=end,
        activity=day(dossier.last_activity),
        contact=day(dossier.last_contact) or "—",
    )


@register.simple_tag
def caseload_rows(dossiers: list[Any]) -> SafeString:
    """The `<tr>` of each dossier of a caseload page, in order."""
    labels = _labels()
    row, history, day = _with_labels(ROW, labels), _with_labels(HISTORY, labels), Days()
    words = {
        "none": gettext("none"),
        "soon": gettext("soon"),
        "not_shared": gettext("Not shared with your organisation"),
    }
    return format_html_join(
        "\n",
        "{}",
        (
            (
                format_html(
                    row,
                    url=dossier.list_url,
                    title=dossier.title,
                    children=dossier.children_text,
                    reference=dossier.reference,
                    team=dossier.owning_team.name,
                    organisation=dossier.owning_team.organisation.name,
                    history=_history(dossier, history, words, day),
                    status=dossier.status,
                    status_text=dossier.status_label,
                ),
            )
            for dossier in dossiers
        ),
    )
