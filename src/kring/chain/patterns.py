"""Patterns for the chain table: repeat reports per person, combination problems, many professionals
involved, waiting too long. Computed over the cases the user may see (kring.access.chain)."""

from collections import defaultdict
from typing import Any

import altair as alt
from django.utils import timezone

from kring.access import chain as rules

from .models import ContextRequest

MANY_PARTNERS = 3


def patterns_for(user: Any) -> dict:
    cases = list(rules.cases_for(user).prefetch_related("persons", "requests", "views"))
    by_person: dict[tuple, list] = defaultdict(list)
    per_month: dict[str, int] = defaultdict(int)
    combination, many = [], []
    for case in cases:
        per_month[case.incident_on.strftime("%Y-%m")] += 1
        for p in case.persons.all():
            by_person[(p.name.lower(), p.birth_date)].append(case)
        if len(case.triggers) >= 2:
            combination.append(case)
        partners = {r.addressee_id for r in case.requests.all()} | {
            v.organisation_id for v in case.views.all()
        }
        partners.add(case.brought_in_by_id)
        if len(partners) >= MANY_PARTNERS:
            many.append((case, len(partners)))
    repeat = [
        {"name": key[0].title(), "birth_date": key[1], "cases": sorted(c.reference for c in cases_)}
        for key, cases_ in by_person.items()
        if len(cases_) >= 2
    ]
    overdue = list(
        ContextRequest.objects.filter(
            case__in=cases, answered_at__isnull=True, due_at__lt=timezone.now()
        ).select_related("case", "addressee")
    )
    return {
        "cases": cases,
        "per_month": sorted(per_month.items()),
        "repeat": repeat,
        "combination": combination,
        "many": many,
        "overdue": overdue,
    }


def per_month_spec(rows: list[tuple[str, int]], *, title: str, description: str, axis_title: str) -> dict:
    data = [{"month": m, "cases": n} for m, n in rows]
    chart = (
        alt.Chart(alt.Data(values=data), title=title, description=description)
        .mark_bar(color="#1f5f99")
        .encode(
            x=alt.X("month:N", title=None, axis=alt.Axis(labelAngle=0)), y=alt.Y("cases:Q", title=axis_title)
        )
        .properties(width=max(240, 60 * len(data)), height=200)
        .configure_view(stroke=None)
    )
    return chart.to_dict()


def charts_for(data: dict) -> list[dict]:
    """The charts of the patterns page, drawn on the server; the tables on the page carry the same facts."""
    from django.utils.translation import gettext as _

    from kring.cases import charts

    if not data["per_month"]:
        return []
    title = _("Chain cases per month")
    description = _("Number of chain cases per month of the incident.")
    spec = per_month_spec(data["per_month"], title=title, description=description, axis_title=_("cases"))
    svg = charts.accessible_svg(
        charts.render_svg(spec), title=title, description=description, id_prefix="chain-m"
    )
    return [{"title": title, "svg": svg}]
