"""Safety pages of a dossier: bottom lines and safety plans (checks, signatures, versions, PDF)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kring.access.policy import Action, Section
from kring.cases.models import CircleMember, Participant
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.exports import export_or_nothing
from kring.ui.pages import dossier_view, form_messages
from kring.ui.pdf import pdf_response

from . import documents, selectors, services
from .forms import BottomLineForm, PlanForm
from .models import SafetyPlan


def page_context(opened: OpenDossier, title: str) -> dict[str, Any]:
    """What every safety page needs: the dossier nav's sections, the title, and whether the reader may change
    the safety work (emergency access and a closed dossier may not; the services check again)."""
    return {**opened.page_context(), "page_title": title, "may_edit": Section.SAFETY_PLAN in opened.writable}


def reopen_to_read(request: HttpRequest, dossier: Any) -> OpenDossier:
    """The dossier opened once more, to show the safety work again after a write or a refused one (the read
    logged as on a GET)."""
    return dossier_open(user=request.user, dossier_id=dossier.pk, reads=[Section.SAFETY_PLAN])


@dossier_view
def safety_overview(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN])
    dossier = opened.dossier
    plans = selectors.plans_with_versions(dossier=dossier)
    bottom_lines = list(dossier.bottom_lines.select_related("status_evaluation"))
    safety_goals = list(dossier.safety_goals.all())
    for entry in plans:
        entry["checks"] = services.plan_checks(entry["current"], bottom_lines, safety_goals)
    context = {
        **page_context(opened, _("Safety")),
        "bottom_lines": bottom_lines,
        "safety_goals": safety_goals,
        "plans": plans,
        "participants": list(Participant.objects.current().filter(dossier=dossier).select_related("person")),
        "circle_members": list(CircleMember.objects.filter(dossier=dossier).select_related("user")),
        "bottom_line_form": BottomLineForm(),
        "plan_form": PlanForm(),
    }
    return render(request, "safety/overview.html", context)


def _back(dossier) -> HttpResponse:
    return redirect("safety_overview", dossier_id=dossier.pk)


def _fail(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@dossier_view
@require_POST
def safety_bottom_line_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    form = BottomLineForm(request.POST)
    if not form.is_valid():
        form_messages(request, form)
        return _back(dossier)
    data = form.cleaned_data
    texts = services.bottom_line_texts(data.pop("text"))
    try:
        lines = services.bottom_lines_add(actor=request.user, dossier=dossier, texts=texts, **data)
        messages.success(
            request,
            ngettext("The bottom line is recorded.", "%(count)d bottom lines are recorded.", len(lines))
            % {"count": len(lines)},
        )
    except ValidationError as error:
        _fail(request, error)
    return _back(dossier)


@dossier_view
@require_POST
def safety_plan_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    form = PlanForm(request.POST)
    if not form.is_valid():
        form_messages(request, form)
        return _back(dossier)
    try:
        services.plan_create(actor=request.user, dossier=dossier, **form.cleaned_data)
        messages.success(request, _("The safety plan is made."))
    except ValidationError as error:
        _fail(request, error)
    return _back(dossier)


def _ids(request: HttpRequest, name: str) -> list[int]:
    return [int(v) for v in request.POST.getlist(name) if v.isdigit()]


@dossier_view
@require_POST
def safety_rule_add(request: HttpRequest, dossier_id: str, plan_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    plan = get_object_or_404(SafetyPlan, pk=plan_id, dossier=dossier)
    try:
        services.rule_add(
            actor=request.user,
            plan=plan,
            text=request.POST.get("text", ""),
            what=request.POST.get("what", "")[:2000],
            when=request.POST.get("when", "")[:200],
            monitoring=request.POST.get("monitoring", "")[:2000],
            participants=list(
                Participant.objects.filter(dossier=dossier, pk__in=_ids(request, "participants"))
            ),
            circle_members=list(
                CircleMember.objects.filter(dossier=dossier, pk__in=_ids(request, "circle_members"))
            ),
            bottom_lines=list(dossier.bottom_lines.filter(pk__in=_ids(request, "bottom_lines"))),
            safety_goals=list(dossier.safety_goals.filter(pk__in=_ids(request, "safety_goals"))),
        )
        messages.success(request, _("The rule is added."))
    except ValidationError as error:
        _fail(request, error)
    return _back(dossier)


@dossier_view
@require_POST
def safety_plan_sign(request: HttpRequest, dossier_id: str, plan_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    plan = get_object_or_404(SafetyPlan, pk=plan_id, dossier=dossier)
    signer = request.POST.get("signer", "")
    kind, _sep, pk = signer.partition(":")
    participant = circle_member = None
    if kind == "p" and pk.isdigit():
        participant = Participant.objects.filter(pk=pk).first()
    elif kind == "c" and pk.isdigit():
        circle_member = CircleMember.objects.filter(pk=pk).first()
    try:
        if participant is None and circle_member is None:
            raise ValidationError(_("Only people of this family's network or circle can sign this plan."))
        services.plan_sign(
            actor=request.user,
            version=services.current_version(plan),
            participant=participant,
            circle_member=circle_member,
            on_paper=circle_member is None or circle_member.user_id != request.user.pk,
        )
        messages.success(request, _("The signature is recorded."))
    except ValidationError as error:
        _fail(request, error)
    return _back(dossier)


@dossier_view
def safety_plan_pdf(request: HttpRequest, dossier_id: str, plan_id: int) -> HttpResponse:

    def make(opened: OpenDossier) -> HttpResponse:
        plan = get_object_or_404(SafetyPlan, pk=plan_id, dossier=opened.dossier)
        pdf, name = documents.plan_pdf(
            dossier=opened.dossier, plan=plan, family=request.GET.get("for") == "family", request=request
        )
        return pdf_response(pdf, name)

    return export_or_nothing(
        lambda: dossier_open(
            user=request.user, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN], export_format="pdf"
        ),
        make,
    )
