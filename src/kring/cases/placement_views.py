"""The placements page of a dossier: where each child lives over time, recording a stay, ending one, and the
day-6 decision on a crisis placement. Thin: load through the access policy, call placement.py, render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access.policy import Action
from kring.ui.forms import add_service_error
from kring.ui.pages import dossier_view

from .models import PlacementKind
from .placement_forms import CrisisDecisionForm, PlacementEndForm, PlacementForm
from .selectors import dossier_open
from .services import placement as service


def _page(request: HttpRequest, dossier_id: Any, form: Form | None = None, status: int = 200) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[service.PLACEMENT_SECTION])
    dossier = opened.dossier
    today = timezone.localdate()
    children = dossier.children.order_by("date_of_birth")
    may_edit = service.PLACEMENT_SECTION in opened.writable
    placements = list(service.placements_of(dossier=dossier))
    context = {
        **opened.page_context(),
        "placements": placements,
        "today": today,
        "may_edit": may_edit,
        "crisis_kind": PlacementKind.CRISIS,
    }
    if may_edit:
        context["form"] = form or PlacementForm(children=children, initial={"started_on": today})
        context["end_form"] = PlacementEndForm(initial={"ended_on": today})
        context["crisis_form"] = CrisisDecisionForm(initial={"decided_on": today})
    return render(request, "cases/placement/placements.html", context, status=status)


@dossier_view
def placements(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _page(request, dossier_id)


@dossier_view
@require_POST
def placement_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=service.PLACEMENT_SECTION
    ).dossier
    form = PlacementForm(request.POST, children=dossier.children.all())
    if form.is_valid():
        try:
            service.placement_record(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The stay has been recorded."))
            return redirect("dossier_placements", dossier_id=dossier.pk)
    return _page(request, dossier.pk, form=form, status=400)


@dossier_view
@require_POST
def placement_end(request: HttpRequest, dossier_id: str, placement_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=service.PLACEMENT_SECTION
    ).dossier
    placement = get_object_or_404(dossier.placements.select_related("child"), pk=placement_id)
    form = PlacementEndForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the first day the child lived elsewhere."))
        service.placement_end(actor=request.user, placement=placement, ended_on=form.cleaned_data["ended_on"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The stay has ended."))
    return redirect("dossier_placements", dossier_id=dossier.pk)


@dossier_view
@require_POST
def placement_crisis_decision(request: HttpRequest, dossier_id: str, placement_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=service.PLACEMENT_SECTION
    ).dossier
    placement = get_object_or_404(dossier.placements.select_related("child"), pk=placement_id)
    form = CrisisDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        service.crisis_decide(actor=request.user, placement=placement, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision on the crisis placement has been recorded."))
    return redirect("dossier_placements", dossier_id=dossier.pk)
