"""The network pages: the map with its list, the JIM, Family Finding and the kitchen table.

Every view opens the dossier through the door (dossier_open, asked about Section.NETWORK) — 404 for anyone
who may not see (or, for a POST, change) the network — then parses a form, calls a service or selector and
renders; a page that shows the network opens it to read (which logs the read), also after a POST.
Forms post normally and redirect; the map's forms also carry hx-post and then get back only the partial
_network.html (map, list and the add form), which the full page includes too.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kring.access.policy import Action, Section
from kring.cases.models import Closeness, Participant
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.forms import add_service_error
from kring.ui.pages import dossier_view, is_htmx

from . import services
from .forms import (
    ClosenessForm,
    FamilyFindingAddForm,
    FamilyFindingUpdateForm,
    JimChooseForm,
    JimEndForm,
    ParticipantAddForm,
    SeatAddForm,
)
from .map import network_svg
from .models import FamilyFindingEntry, FamilyFindingStatus, Jim, TableSeat
from .selectors import (
    NETWORK_SECTIONS,
    Network,
    kitchen_table_signals,
    network_for_dossier,
    network_warnings,
)


def _form_messages(form: Form) -> list[str]:
    return [message for errors in form.errors.values() for message in errors]


def _network_read(request: HttpRequest, dossier_id: Any) -> tuple[OpenDossier, Network, bool]:
    """The dossier opened to show its network (the read logged), the network, and whether the reader may
    change it (emergency access, for one, is read-only; the services check again)."""
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, reads=NETWORK_SECTIONS, section=Section.NETWORK
    )
    return opened, network_for_dossier(dossier=opened.dossier), Section.NETWORK in opened.writable


def _network_context(request: HttpRequest, dossier_id: Any, **forms: Any) -> dict[str, Any]:
    opened, network, may_edit = _network_read(request, dossier_id)
    context = {
        "dossier": opened.dossier,
        "decision": opened.decision,
        "network": network,
        "warnings": network_warnings(network),
        "svg": network_svg(network, today=timezone.localdate()),
        "may_edit": may_edit,
        "closeness_choices": Closeness.choices,
        "family_finding_statuses": FamilyFindingStatus.choices,
    }
    if may_edit:
        today = timezone.localdate()
        context.update(
            participant_form=forms.get("participant_form") or ParticipantAddForm(),
            jim_form=forms.get("jim_form") or JimChooseForm(network=network, initial={"chosen_on": today}),
            family_finding_form=forms.get("family_finding_form")
            or FamilyFindingAddForm(initial={"noted_on": today}),
            today=today,
        )
    return context


def _network_response(
    request: HttpRequest,
    dossier_id: Any,
    *,
    status: tuple[str, str] | None = None,
    refresh_sections: bool = False,
    **forms: Any,
) -> HttpResponse:
    """The map partial for htmx, the whole page otherwise (with a bound form's errors, if any). `status` is
    (level, message) for the live region; `refresh_sections` also swaps the JIM and Family Finding sections,
    whose forms offer the participants."""
    context = _network_context(request, dossier_id, **forms)
    if is_htmx(request):
        level, message = status or ("ok", "")
        context.update(status_level=level, status_message=message, refresh_sections=refresh_sections)
        return render(request, "network/_network.html", context)
    return render(request, "network/network.html", context)


def _done(request: HttpRequest, dossier_id: Any, message: str, anchor: str, **options: Any) -> HttpResponse:
    if is_htmx(request):
        return _network_response(request, dossier_id, status=("ok", message), **options)
    messages.success(request, message)
    return redirect(reverse("network_map", args=[dossier_id]) + f"#{anchor}")


@dossier_view
@require_GET
def network_map(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return render(request, "network/network.html", _network_context(request, dossier_id))


@dossier_view
@require_POST
def participant_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    )
    dossier = opened.dossier
    form = ParticipantAddForm(request.POST)
    if form.is_valid():
        try:
            participant = services.participant_add(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            message = _("%(person)s was added to the network.") % {"person": participant.person}
            return _done(request, dossier.pk, message, "network", refresh_sections=True)
    status = ("error", _("Nobody was added: correct the fields marked below."))
    return _network_response(request, dossier.pk, status=status, participant_form=form)


@dossier_view
@require_POST
def participant_closeness(request: HttpRequest, dossier_id: str, participant_id: int) -> HttpResponse:
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    )
    dossier = opened.dossier
    participant = get_object_or_404(
        Participant.objects.select_related("person"), pk=participant_id, dossier=dossier
    )
    participant.dossier = dossier
    form = ClosenessForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_form_messages(form))
        services.participant_closeness_change(
            actor=request.user, participant=participant, closeness=form.cleaned_data["closeness"]
        )
    except ValidationError as error:
        message = " ".join(error.messages)
        if is_htmx(request):
            return _network_response(request, dossier.pk, status=("error", message))
        messages.error(request, message)
        return redirect(reverse("network_map", args=[dossier.pk]) + "#network")
    message = _("%(person)s: %(closeness)s.") % {
        "person": participant.person,
        "closeness": participant.get_closeness_display(),
    }
    return _done(request, dossier.pk, message, "network")


@dossier_view
@require_POST
def jim_choose(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    )
    dossier = opened.dossier
    network = network_for_dossier(dossier=dossier)
    form = JimChooseForm(request.POST, network=network)
    if form.is_valid():
        data = form.cleaned_data
        children = {child.pk: child for child in network.children}
        participants = {p.pk: p for p in network.participants}
        consenters = {person.pk: person for person in network.consenters}
        try:
            jim = services.jim_choose(
                actor=request.user,
                dossier=dossier,
                young_person=children[data["young_person"]],
                jim=participants[data["jim"]],
                chosen_on=data["chosen_on"],
                parental_consent_by=consenters.get(data["parental_consent_by"]),
                parental_consent_on=data["parental_consent_on"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            message = _("%(jim)s is now the JIM of %(child)s.") % {
                "jim": jim.jim.person,
                "child": jim.young_person,
            }
            if jim.lives_with_young_person:
                messages.warning(request, _("The JIM lives in the same house as the young person."))
            return _done(request, dossier.pk, message, "jim")
    return _network_response(request, dossier.pk, jim_form=form)


@dossier_view
@require_POST
def jim_end(request: HttpRequest, dossier_id: str, jim_id: int) -> HttpResponse:
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    )
    dossier = opened.dossier
    jim = get_object_or_404(
        Jim.objects.select_related("jim__person", "young_person"), pk=jim_id, dossier=dossier
    )
    jim.dossier = dossier
    form = JimEndForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_form_messages(form))
        services.jim_end(actor=request.user, jim=jim, ended_on=form.cleaned_data["ended_on"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("network_map", args=[dossier.pk]) + "#jim")
    message = _("%(jim)s is no longer the JIM of %(child)s.") % {
        "jim": jim.jim.person,
        "child": jim.young_person,
    }
    return _done(request, dossier.pk, message, "jim")


@dossier_view
@require_POST
def family_finding_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    )
    dossier = opened.dossier
    form = FamilyFindingAddForm(request.POST)
    if form.is_valid():
        try:
            entry = services.family_finding_add(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            message = _("%(name)s was added to Family Finding.") % {"name": entry.name}
            return _done(request, dossier.pk, message, "family-finding")
    return _network_response(request, dossier.pk, family_finding_form=form)


@dossier_view
@require_POST
def family_finding_update(request: HttpRequest, dossier_id: str, entry_id: int) -> HttpResponse:
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    )
    dossier = opened.dossier
    entry = get_object_or_404(FamilyFindingEntry, pk=entry_id, dossier=dossier)
    entry.dossier = dossier
    network = network_for_dossier(dossier=dossier)
    form = FamilyFindingUpdateForm(request.POST, network=network)
    try:
        if not form.is_valid():
            raise ValidationError(_form_messages(form))
        data = form.cleaned_data
        participants = {p.pk: p for p in network.participants}
        services.family_finding_update(
            actor=request.user,
            entry=entry,
            status=data["status"],
            noted_on=data["noted_on"],
            outcome=data["outcome"],
            participant=participants.get(data["participant"]),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("network_map", args=[dossier.pk]) + "#family-finding")
    message = _("%(name)s: %(status)s.") % {"name": entry.name, "status": entry.get_status_display()}
    return _done(request, dossier.pk, message, "family-finding")


# --- kitchen table ------------------------------------------------------------------------------------------


def _kitchen_table_page(
    request: HttpRequest, dossier_id: Any, form: SeatAddForm | None = None
) -> HttpResponse:
    opened, network, may_edit = _network_read(request, dossier_id)
    context = {
        "dossier": opened.dossier,
        "decision": opened.decision,
        "network": network,
        "signals": kitchen_table_signals(network),
        "may_edit": may_edit,
        "seat_form": (form or SeatAddForm(network=network)) if may_edit else None,
    }
    return render(request, "network/kitchen_table.html", context)


@dossier_view
@require_GET
def kitchen_table(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _kitchen_table_page(request, dossier_id)


@dossier_view
@require_POST
def seat_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    )
    dossier = opened.dossier
    network = network_for_dossier(dossier=dossier)
    form = SeatAddForm(request.POST, network=network)
    if form.is_valid():
        kind, _dash, pk = form.cleaned_data["occupant"].partition("-")
        participants = {p.pk: p for p in network.participants}
        professionals = {m.pk: m for m in network.circle}
        try:
            services.table_seat_add(
                actor=request.user,
                dossier=dossier,
                task=form.cleaned_data["task"],
                participant=participants.get(int(pk)) if kind == "participant" else None,
                circle_member=professionals.get(int(pk)) if kind == "professional" else None,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The seat at the kitchen table was added."))
            return redirect("network_kitchen_table", dossier_id=dossier.pk)
    return _kitchen_table_page(request, dossier.pk, form)


@dossier_view
@require_POST
def seat_remove(request: HttpRequest, dossier_id: str, seat_id: int) -> HttpResponse:
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    )
    dossier = opened.dossier
    seat = get_object_or_404(TableSeat, pk=seat_id, dossier=dossier)
    seat.dossier = dossier
    services.table_seat_remove(actor=request.user, seat=seat)
    messages.success(request, _("The seat at the kitchen table was removed."))
    return redirect("network_kitchen_table", dossier_id=dossier.pk)
