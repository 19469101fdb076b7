from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access.policy import Action, Section, decide
from kring.ui.pages import dossier_view

from . import services
from .circle_forms import LeaveForm, SeatForm
from .models import CircleMember
from .selectors import dossier_open


def _page(
    request: HttpRequest, dossier_id: str, form: SeatForm | None = None, status: int = 200
) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.CIRCLE])
    dossier = opened.dossier
    seats = dossier.circle.select_related("user", "membership__organisation").order_by(
        "ended_on", "started_on"
    )
    context = {
        **opened.page_context(),
        "seats": seats,
        "today": timezone.localdate(),
        "may_manage": decide(request.user, Action.MANAGE_CIRCLE, dossier, Section.CIRCLE).allowed,
        "form": form or SeatForm(initial={"started_on": timezone.localdate()}),
        "leave_form": LeaveForm(initial={"ended_on": timezone.localdate()}),
    }
    return render(request, "cases/circle.html", context, status=status)


@dossier_view
def circle(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _page(request, dossier_id)


@dossier_view
@require_POST
def circle_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.MANAGE_CIRCLE, section=Section.CIRCLE
    ).dossier
    form = SeatForm(request.POST)
    if form.is_valid():
        try:
            services.circle_member_add(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The professional has joined the circle."))
            return redirect("dossier_circle", dossier_id=dossier.pk)
    return _page(request, dossier_id, form=form, status=400)


@dossier_view
@require_POST
def circle_leave(request: HttpRequest, dossier_id: str, seat_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.MANAGE_CIRCLE, section=Section.CIRCLE
    ).dossier
    seat = get_object_or_404(CircleMember, pk=seat_id, dossier=dossier)
    form = LeaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date on which the professional leaves."))
        return redirect("dossier_circle", dossier_id=dossier.pk)
    try:
        services.circle_member_end(actor=request.user, member=seat, ended_on=form.cleaned_data["ended_on"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The professional has left the circle; their place in it stays in the history.")
        )
    return redirect("dossier_circle", dossier_id=dossier.pk)
