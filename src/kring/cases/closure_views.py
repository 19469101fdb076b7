"""The closure page of a dossier: what is still open, the proposal, the team lead's decision, reopening."""

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

from .closure_forms import DecideForm, ProposeForm, ReopenForm
from .models import ClosureStatus
from .selectors import dossier_get_for_user, dossier_open
from .services import closure as service


def _page(
    request: HttpRequest,
    dossier_id: Any,
    forms: dict[str, Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[service.CLOSURE_SECTION])
    overview = service.closure_overview(user=request.user, dossier=opened.dossier, day=timezone.localdate())
    context = {
        **opened.page_context(),
        **overview,
        "propose_form": ProposeForm(),
        "decide_form": DecideForm(),
        "reopen_form": ReopenForm(),
        **(forms or {}),
    }
    return render(request, "cases/closure/closure.html", context, status=status)


@dossier_view
def closure_page(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _page(request, dossier_id)


@dossier_view
@require_POST
def closure_propose(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=service.CLOSURE_SECTION
    ).dossier
    form = ProposeForm(request.POST)
    if form.is_valid():
        try:
            service.closure_propose(actor=request.user, dossier=dossier, summary=form.cleaned_data["summary"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The closure has been proposed; a team lead of the team confirms it.")
            )
            return redirect("dossier_closure", dossier_id=dossier.pk)
    return _page(request, dossier.pk, {"propose_form": form}, status=400)


def _decide(request: HttpRequest, dossier_id: str, closure_id: int, confirm: bool) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=service.CLOSURE_SECTION
    ).dossier
    closure = get_object_or_404(dossier.closures.filter(status=ClosureStatus.PROPOSED), pk=closure_id)
    closure.dossier = dossier
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            if confirm:
                service.closure_confirm(actor=request.user, closure=closure, note=form.cleaned_data["note"])
            else:
                service.closure_reject(actor=request.user, closure=closure, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The dossier is closed.")
                if confirm
                else _("The closure was not confirmed; the dossier stays open."),
            )
            return redirect("dossier_closure", dossier_id=dossier.pk)
    return _page(request, dossier.pk, {"decide_form": form}, status=400)


@dossier_view
@require_POST
def closure_confirm(request: HttpRequest, dossier_id: str, closure_id: int) -> HttpResponse:
    return _decide(request, dossier_id, closure_id, confirm=True)


@dossier_view
@require_POST
def closure_reject(request: HttpRequest, dossier_id: str, closure_id: int) -> HttpResponse:
    return _decide(request, dossier_id, closure_id, confirm=False)


@dossier_view
@require_POST
def dossier_reopen(request: HttpRequest, dossier_id: str) -> HttpResponse:
    # The service decides (Action.REOPEN), so that an open dossier gets "not closed", not 404: the door's
    # loader without a read (nothing is shown; the page shown on a refusal opens the dossier to read).
    dossier, _decision = dossier_get_for_user(
        user=request.user, dossier_id=dossier_id, section=service.CLOSURE_SECTION
    )
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            service.dossier_reopen(actor=request.user, dossier=dossier, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The dossier is open again."))
            return redirect("dossier_closure", dossier_id=dossier.pk)
    return _page(request, dossier.pk, {"reopen_form": form}, status=400)
