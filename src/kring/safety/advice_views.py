"""Pages of the advice to the judge: the list with "compose a new draft", one advice to edit and approve,
and the signed PDF of each approved version. Thin: open through the door (dossier_open, which logs the read),
call advice.py, render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access.policy import Action
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.forms import add_service_error
from kring.ui.pages import dossier_view
from kring.ui.pdf import pdf_response

from . import advice as service
from .advice_forms import AdviceApproveForm, AdviceCreateForm, AdviceEditForm
from .models import JudgeAdvice


def _context(opened: OpenDossier) -> dict[str, Any]:
    return {**opened.page_context(), "may_edit": service.ADVICE_SECTION in opened.writable}


def _list_page(
    request: HttpRequest, opened: OpenDossier, form: Form | None = None, status: int = 200
) -> HttpResponse:
    context = _context(opened)
    context["advices"] = service.advices_of(dossier=opened.dossier)
    context["form"] = form or AdviceCreateForm()
    return render(request, "safety/advice/list.html", context, status=status)


@dossier_view
def advice_list(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _list_page(
        request, dossier_open(user=request.user, dossier_id=dossier_id, reads=[service.ADVICE_SECTION])
    )


@dossier_view
@require_POST
def advice_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=service.ADVICE_SECTION
    ).dossier
    form = AdviceCreateForm(request.POST)
    if form.is_valid():
        try:
            advice = service.advice_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("A draft has been composed from the dossier; check and complete it."))
            return redirect("safety_advice", dossier_id=dossier.pk, advice_id=advice.pk)
    return _list_page(
        request,
        dossier_open(user=request.user, dossier_id=dossier.pk, reads=[service.ADVICE_SECTION]),
        form=form,
        status=400,
    )


def _advice(dossier: Any, advice_id: int) -> JudgeAdvice:
    advice = get_object_or_404(JudgeAdvice.objects.select_related("author"), dossier=dossier, pk=advice_id)
    advice.dossier = dossier
    return advice


def _advice_page(
    request: HttpRequest,
    opened: OpenDossier,
    advice: JudgeAdvice,
    form: Form | None = None,
    approve_form: Form | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _context(opened)
    initial = {name: getattr(advice, name) for name in service.EDITABLE_FIELDS} | {
        "revision": advice.revision
    }
    context.update(
        {
            "advice": advice,
            # with the family members' own views beside each (kring.portal: "my view")
            "versions": list(
                advice.versions.defer("pdf")
                .select_related("approved_by")
                .prefetch_related("family_views__account__person")
            ),
            "form": form or AdviceEditForm(initial=initial),
            "approve_form": approve_form or AdviceApproveForm(initial={"revision": advice.revision}),
            "approver_role": service.approver_role(request.user, opened.dossier)
            if context["may_edit"]
            else None,
            "is_author": advice.author_id == request.user.pk,
        }
    )
    return render(request, "safety/advice/advice.html", context, status=status)


@dossier_view
def advice_detail(request: HttpRequest, dossier_id: str, advice_id: int) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[service.ADVICE_SECTION])
    return _advice_page(request, opened, _advice(opened.dossier, advice_id))


@dossier_view
@require_POST
def advice_edit(request: HttpRequest, dossier_id: str, advice_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=service.ADVICE_SECTION
    ).dossier
    advice = _advice(dossier, advice_id)
    form = AdviceEditForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        revision = data.pop("revision")
        try:
            service.advice_update(actor=request.user, advice=advice, revision=revision, **data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The advice has been saved."))
            return redirect("safety_advice", dossier_id=dossier.pk, advice_id=advice.pk)
    return _advice_page(
        request,
        dossier_open(user=request.user, dossier_id=dossier.pk, reads=[service.ADVICE_SECTION]),
        advice,
        form=form,
        status=400,
    )


@dossier_view
@require_POST
def advice_approve(request: HttpRequest, dossier_id: str, advice_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=service.ADVICE_SECTION
    ).dossier
    advice = _advice(dossier, advice_id)
    form = AdviceApproveForm(request.POST)
    if form.is_valid():
        try:
            version = service.advice_approve(
                actor=request.user, advice=advice, revision=form.cleaned_data["revision"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)s has been approved and kept as a signed PDF.")
                % {"number": version.number},
            )
            return redirect("safety_advice", dossier_id=dossier.pk, advice_id=advice.pk)
    return _advice_page(
        request,
        dossier_open(user=request.user, dossier_id=dossier.pk, reads=[service.ADVICE_SECTION]),
        advice,
        approve_form=form,
        status=400,
    )


@dossier_view
def advice_version_pdf(request: HttpRequest, dossier_id: str, advice_id: int, number: int) -> HttpResponse:
    dossier = dossier_open(user=request.user, dossier_id=dossier_id, reads=[service.ADVICE_SECTION]).dossier
    advice = _advice(dossier, advice_id)
    version = get_object_or_404(advice.versions, number=number)
    return pdf_response(bytes(version.pdf), f"{dossier.reference}-advice-{advice.pk}-v{version.number}")
