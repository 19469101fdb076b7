"""Pages about a dossier's history: measures and the lead, graded consent, "who sees what", the timelines.

Every view has one shape: open the dossier through the door (dossier_open: 404 for anyone not allowed, the
read logged), parse a form, call a service in cases.services.history, and on success redirect with a message
(post/redirect/get). A refused write shows the service's message on the form and changes nothing: the page is
opened again for reading, which logs what it shows.
"""

import logging
from collections import defaultdict
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access.policy import (
    SECTION_LABELS,
    Action,
    Section,
)
from kring.accounts.models import Organisation
from kring.ui.dates import format_date
from kring.ui.pages import dossier_view, submit

from . import charts
from .history_forms import (
    ConsentGiveForm,
    ConsentWithdrawForm,
    ContactForm,
    IntensityPeriodForm,
    LeadForm,
    MeasureEndForm,
    MeasureExtendForm,
    MeasureStartForm,
    ScaleDirection,
    ScaleForm,
    TimelineEntryForm,
)
from .intensity import contact_intensity, default_period
from .models import (
    ConsentStep,
    Dossier,
    EventKind,
    FamilyTimelineEntry,
    TimelineLine,
)
from .selectors import dossier_open, dossier_people, sharing_organisations, who_sees_what
from .services import history
from .services.placement import placements_of

logger = logging.getLogger(__name__)

EVENTS_PER_PAGE = 25
# The family reads first why the owner sees everything, then what every partner sees, then the exceptions.
LEADS_SHOWN = 10
SCALINGS_SHOWN = 10


# --- the shape every view shares ----------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


# --- measures, the lead and scaling ------------------------------------------------------------------------


def _organisations_in_circle(dossier: Dossier, *, with_owner: bool = True) -> Any:
    pks = [o.pk for o in sharing_organisations(dossier=dossier)]
    if not with_owner:
        pks = [pk for pk in pks if pk != dossier.owning_team.organisation_id]
    return Organisation.objects.filter(pk__in=pks).order_by("name")


def _measures_page(
    request: HttpRequest, dossier_id: Any, bound: dict[Any, Form] | None = None
) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.MEASURES, Section.CIRCLE])
    dossier = opened.dossier
    bound = bound or {}
    context = opened.page_context()
    editable = context["editable"]
    children = list(dossier.children.order_by("date_of_birth", "pk"))
    measures = list(
        dossier.measures.select_related("child").prefetch_related("extensions").order_by("started_on", "pk")
    )
    by_child: dict[int, list[Any]] = defaultdict(list)
    for measure in measures:
        if measure.ended_on is None and Section.MEASURES in editable:
            measure.extend_form = bound.get(("extend", measure.pk)) or MeasureExtendForm(
                auto_id=f"id_extend_{measure.pk}_%s"
            )
            measure.end_form = bound.get(("end", measure.pk)) or MeasureEndForm(
                auto_id=f"id_end_{measure.pk}_%s"
            )
        by_child[measure.child_id].append(measure)
    # a measure of a child who has since left the dossier stays in its history
    for measure in measures:
        if all(child.pk != measure.child_id for child in children):
            children.append(measure.child)
    leads = list(dossier.leads.select_related("organisation")[:LEADS_SHOWN])
    context.update(
        {
            "per_child": [(child, by_child.get(child.pk, [])) for child in children],
            "lead": leads[0] if leads else None,
            "leads": leads,
            "scalings": list(
                dossier.events.filter(kind__in=[EventKind.SCALED_UP, EventKind.SCALED_DOWN])[:SCALINGS_SHOWN]
            ),
        }
    )
    if Section.MEASURES in editable:
        context["start_form"] = bound.get("start") or MeasureStartForm(dossier=dossier, auto_id="id_start_%s")
    if Section.CIRCLE in editable:
        current = (
            {"organisation": leads[0].organisation_id, "cooperation_model": leads[0].cooperation_model}
            if leads
            else {}
        )
        context["lead_form"] = bound.get("lead") or LeadForm(
            organisations=_organisations_in_circle(dossier), initial=current, auto_id="id_lead_%s"
        )
    if Section.TIMELINE in editable:
        context["scale_form"] = bound.get("scale") or ScaleForm(auto_id="id_scale_%s")
    return render(request, "cases/history/measures.html", context)


@dossier_view
def dossier_measures(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _measures_page(request, dossier_id)


@dossier_view
@require_POST
def dossier_measure_start(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    form = MeasureStartForm(request.POST, dossier=dossier, auto_id="id_start_%s")
    if submit(form, lambda data: history.measure_start(actor=request.user, dossier=dossier, **data)):
        messages.success(request, _("The measure has been recorded."))
        return redirect("dossier_measures", dossier_id=dossier.pk)
    return _measures_page(request, dossier.pk, {"start": form})


@dossier_view
@require_POST
def dossier_measure_extend(request: HttpRequest, dossier_id: str, measure_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    measure = get_object_or_404(dossier.measures, pk=measure_id)
    form = MeasureExtendForm(request.POST, auto_id=f"id_extend_{measure.pk}_%s")
    if submit(form, lambda data: history.measure_extend(actor=request.user, measure=measure, **data)):
        messages.success(request, _("The extension has been recorded."))
        return redirect("dossier_measures", dossier_id=dossier.pk)
    return _measures_page(request, dossier.pk, {("extend", measure.pk): form})


@dossier_view
@require_POST
def dossier_measure_end(request: HttpRequest, dossier_id: str, measure_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    measure = get_object_or_404(dossier.measures, pk=measure_id)
    form = MeasureEndForm(request.POST, auto_id=f"id_end_{measure.pk}_%s")
    if submit(form, lambda data: history.measure_end(actor=request.user, measure=measure, **data)):
        messages.success(request, _("The end of the measure has been recorded."))
        return redirect("dossier_measures", dossier_id=dossier.pk)
    return _measures_page(request, dossier.pk, {("end", measure.pk): form})


@dossier_view
@require_POST
def dossier_lead_set(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.CIRCLE
    ).dossier
    form = LeadForm(request.POST, organisations=_organisations_in_circle(dossier), auto_id="id_lead_%s")
    if submit(form, lambda data: history.lead_set(actor=request.user, dossier=dossier, **data)):
        messages.success(request, _("The lead has been recorded."))
        return redirect("dossier_measures", dossier_id=dossier.pk)
    return _measures_page(request, dossier.pk, {"lead": form})


@dossier_view
@require_POST
def dossier_scale(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.TIMELINE
    ).dossier
    form = ScaleForm(request.POST, auto_id="id_scale_%s")

    def write(data: dict[str, Any]) -> Any:
        return history.dossier_scale(
            actor=request.user,
            dossier=dossier,
            up=data["direction"] == ScaleDirection.UP,
            occurred_on=data["occurred_on"],
            note=data["note"],
        )

    if submit(form, write):
        up = form.cleaned_data["direction"] == ScaleDirection.UP
        messages.success(
            request, _("The scale-up has been recorded.") if up else _("The scale-down has been recorded.")
        )
        return redirect("dossier_measures", dossier_id=dossier.pk)
    return _measures_page(request, dossier.pk, {"scale": form})


# --- graded consent ----------------------------------------------------------------------------------------


def _consent_page(
    request: HttpRequest, dossier_id: Any, bound: dict[Any, Form] | None = None
) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.CONSENTS])
    dossier = opened.dossier
    bound = bound or {}
    context = opened.page_context()
    today = _today()
    consents = list(dossier.consents.select_related("given_by", "shared_with").order_by("given_on", "pk"))
    standing = set(dossier.consents.standing_on(today).values_list("pk", flat=True))
    editable = Section.CONSENTS in context["editable"]
    for consent in consents:
        consent.is_standing = consent.pk in standing
        consent.section_labels = [SECTION_LABELS[s] for s in Section if s.value in consent.sections]
        if editable and consent.withdrawn_on is None:
            consent.withdraw_form = bound.get(("withdraw", consent.pk)) or ConsentWithdrawForm(
                auto_id=f"id_withdraw_{consent.pk}_%s"
            )
    ladder = [
        {
            "step": step,
            "standing": [c for c in consents if c.step == step and c.is_standing],
            "earlier": [c for c in consents if c.step == step and not c.is_standing],
        }
        for step in ConsentStep
    ]
    context.update(
        {
            "ladder": ladder,
            "free_form": [c for c in consents if c.step is None],
            "consents": consents,
            "today": today,
        }
    )
    if editable:
        context["give_form"] = bound.get("give") or _consent_give_form(dossier)
    return render(request, "cases/history/consent.html", context)


def _consent_give_form(dossier: Dossier, data: Any = None) -> ConsentGiveForm:
    return ConsentGiveForm(
        data,
        people=dossier_people(dossier=dossier).order_by("last_name", "first_name", "pk"),
        organisations=_organisations_in_circle(dossier, with_owner=False),
        auto_id="id_consent_%s",
    )


@dossier_view
def dossier_consent(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _consent_page(request, dossier_id)


@dossier_view
@require_POST
def dossier_consent_give(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.CONSENTS
    ).dossier
    form = _consent_give_form(dossier, request.POST)
    if submit(form, lambda data: history.consent_give(actor=request.user, dossier=dossier, **data)):
        messages.success(request, _("The consent has been recorded."))
        return redirect("dossier_consent", dossier_id=dossier.pk)
    return _consent_page(request, dossier.pk, {"give": form})


@dossier_view
@require_POST
def dossier_consent_withdraw(request: HttpRequest, dossier_id: str, consent_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.CONSENTS
    ).dossier
    consent = get_object_or_404(dossier.consents, pk=consent_id)
    form = ConsentWithdrawForm(request.POST, auto_id=f"id_withdraw_{consent.pk}_%s")
    if submit(form, lambda data: history.consent_withdraw(actor=request.user, consent=consent, **data)):
        messages.success(request, _("The consent has been withdrawn. What it shared is closed from now on."))
        return redirect("dossier_consent", dossier_id=dossier.pk)
    return _consent_page(request, dossier.pk, {("withdraw", consent.pk): form})


# --- who sees what -----------------------------------------------------------------------------------------


@dossier_view
def dossier_sharing(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.CONSENTS, Section.CIRCLE])
    today = _today()
    context = opened.page_context()
    context.update({"organisations": who_sees_what(opened.dossier, today), "today": today})
    return render(request, "cases/history/sharing.html", context)


# --- the timelines -----------------------------------------------------------------------------------------


def _timeline_lines() -> list[tuple[str, str]]:
    """The lines in chart order: the four of "Dit zijn wij!", with the help line beside the legal line."""
    return [(line.value, capfirst(str(line.label))) for line in TimelineLine]


def _timeline_rows(
    entries: list[FamilyTimelineEntry], measures: list[Any], today: date, placements: list[Any] = ()
) -> list[dict[str, Any]]:
    labels = dict(_timeline_lines())
    rows = [
        {
            "item": charts.TimelineItem(entry.line, entry.date or entry.year, entry.text),
            "line": labels[entry.line],
            "when": entry.date,
            "year": entry.year,
            "until": None,
            "text": entry.text,
        }
        for entry in entries
    ]
    # the legal line: the measures, and where the child lived (placements)
    for item in [*measures, *placements]:
        text = f"{item.get_kind_display()} ({item.child.first_name})"
        until = item.ended_on or max(today, item.started_on)
        rows.append(
            {
                "item": charts.TimelineItem(TimelineLine.LEGAL, item.started_on, text, until=until),
                "line": labels[TimelineLine.LEGAL],
                "when": item.started_on,
                "year": item.started_on.year,
                "until": item.ended_on,
                "running": item.ended_on is None,
                "text": text,
            }
        )
    rows.sort(key=lambda row: (charts.year_position(row["item"].when), row["line"]))
    return rows


def _timeline_chart(rows: list[dict[str, Any]]) -> dict[str, str] | None:
    if not rows:
        return None
    counts = defaultdict(int)
    for row in rows:
        counts[row["line"]] += 1
    first = rows[0]["year"]
    last = max(int(charts.year_position(row["item"].until or row["item"].when)) for row in rows)
    title = _("Our story: the family's timelines and the legal line")
    description = _(
        "Timelines from %(first)s to %(last)s, one row per line: %(counts)s. The help line runs beside the "
        "legal line. The table below the chart lists every entry."
    ) % {
        "first": first,
        "last": last,
        "counts": ", ".join(
            f"{label}: {counts[label]}" for _key, label in _timeline_lines() if counts.get(label)
        ),
    }
    spec = charts.family_timeline_spec(
        [row["item"] for row in rows], _timeline_lines(), title=title, description=description
    )
    try:
        svg = charts.render_svg(spec)
    except (
        Exception
    ):  # a chart that cannot be drawn must not take the page down: the table still tells it all
        logger.exception("The timeline chart could not be drawn")
        return None
    return {
        "svg": charts.accessible_svg(svg, title=title, description=description, id_prefix="timeline-chart"),
        "title": title,
        "description": description,
    }


def _timeline_page(request: HttpRequest, dossier_id: Any, form: Form | None = None) -> HttpResponse:
    # the legal line shows the measures only to those who may see them
    opened = dossier_open(
        user=request.user,
        dossier_id=dossier_id,
        reads=[Section.TIMELINE, Section.MEASURES],
        section=Section.TIMELINE,
        as_far_as_shared=True,
    )
    dossier = opened.dossier
    context = opened.page_context()
    with_measures = Section.MEASURES in opened.readable
    today = _today()
    events = Paginator(dossier.events.select_related("recorded_by"), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    entries = list(dossier.family_timeline.all())
    measures = (
        list(dossier.measures.select_related("child").order_by("started_on", "pk")) if with_measures else []
    )
    placements = list(placements_of(dossier=dossier)) if with_measures else []
    rows = _timeline_rows(entries, measures, today, placements)
    context.update(
        {
            "page_obj": events,
            "rows": rows,
            "chart": _timeline_chart(rows),
        }
    )
    if Section.TIMELINE in context["editable"]:
        context["entry_form"] = form or TimelineEntryForm(auto_id="id_entry_%s")
    return render(request, "cases/history/timeline.html", context)


@dossier_view
def dossier_timeline(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _timeline_page(request, dossier_id)


@dossier_view
@require_POST
def dossier_timeline_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.TIMELINE
    ).dossier
    form = TimelineEntryForm(request.POST, auto_id="id_entry_%s")

    def write(data: dict[str, Any]) -> Any:
        return history.family_timeline_entry_add(
            actor=request.user,
            dossier=dossier,
            line=data["line"],
            year=data["year"],
            on=data["date"],
            text=data["text"],
        )

    if submit(form, write):
        messages.success(request, _("The entry has been added to the timeline."))
        return redirect("dossier_timeline", dossier_id=dossier.pk)
    return _timeline_page(request, dossier.pk, form)


# --- contacts and the intensity of the help ----------------------------------------------------------------

CONTACTS_PER_PAGE = 25


def _intensity_chart(intensity: Any) -> dict[str, str] | None:
    if not intensity.total_minutes:
        return None
    title = _("Direct-contact time per week")
    description = _(
        "Hours of contact with the family and network in each week from %(start)s to %(end)s."
    ) % {
        "start": format_date(intensity.starts_on, "j M Y"),
        "end": format_date(intensity.ends_on, "j M Y"),
    }
    weeks = [(_("week %(number)s") % {"number": week.number}, week.minutes) for week in intensity.weeks]
    spec = charts.weekly_minutes_spec(weeks, title=title, description=description, axis_title=_("hours"))
    try:
        svg = charts.render_svg(spec)
    except Exception:  # the table below tells the same; a chart must not take the page down
        logger.exception("The contact-time chart could not be drawn")
        return None
    return {
        "svg": charts.accessible_svg(svg, title=title, description=description, id_prefix="contact-chart"),
        "title": title,
        "description": description,
    }


def _contacts_page(request: HttpRequest, dossier_id: Any, form: Form | None = None) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.CONTACTS])
    dossier = opened.dossier
    context = opened.page_context()
    today = _today()
    default = default_period(dossier, today)
    period = IntensityPeriodForm(
        request.GET or None, initial={"start": default.starts_on, "end": default.ends_on}
    )
    start, end = default.starts_on, default.ends_on
    if period.is_valid():
        start = period.cleaned_data["start"] or start
        end = period.cleaned_data["end"] or end
    contacts = list(dossier.contacts.select_related("worker").prefetch_related("people"))
    try:
        intensity = contact_intensity(contacts, start, end)
    except ValidationError as error:
        period.add_error(None, error)
        intensity = contact_intensity(contacts, default.starts_on, default.ends_on)
    context.update(
        {
            "default_period": default,
            "page_obj": Paginator(contacts, CONTACTS_PER_PAGE).get_page(request.GET.get("page")),
            "intensity": intensity,
            "period_form": period,
            "chart": _intensity_chart(intensity),
        }
    )
    if Section.CONTACTS in context["editable"]:
        context["contact_form"] = form or ContactForm(
            auto_id="id_contact_%s", people=dossier_people(dossier=dossier)
        )
    return render(request, "cases/history/contacts.html", context)


@dossier_view
def dossier_contacts(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _contacts_page(request, dossier_id)


@dossier_view
@require_POST
def dossier_contact_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.CONTACTS
    ).dossier
    form = ContactForm(request.POST, auto_id="id_contact_%s", people=dossier_people(dossier=dossier))

    def write(data: dict[str, Any]) -> Any:
        return history.contact_register(
            actor=request.user,
            dossier=dossier,
            occurred_on=data["occurred_on"],
            minutes=data["minutes"],
            kind=data["kind"],
            people=data["people"],
            note=data["note"],
        )

    if submit(form, write):
        messages.success(request, _("The contact has been registered."))
        return redirect("dossier_contacts", dossier_id=dossier.pk)
    return _contacts_page(request, dossier.pk, form)
