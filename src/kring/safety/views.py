"""Safety pages of a dossier: bottom lines and safety plans (checks, signatures, versions, PDF)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kring.access.policy import Action, Section, decide, visible_sections
from kring.cases.models import CircleMember, Participant
from kring.cases.selectors import dossier_audit_read, dossier_get_for_user
from kring.ui.pdf import pdf_response

from . import documents, selectors, services
from .models import SafetyPlan, SetBy


class BottomLineForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Bottom line"), widget=forms.Textarea(attrs={"rows": 2}))
    set_by_kind = forms.ChoiceField(label=gettext_lazy("Set by"), choices=SetBy.choices)
    set_by_name = forms.CharField(label=gettext_lazy("Name of who set it"), max_length=200)
    set_on = forms.DateField(label=gettext_lazy("Set on"))
    min_network_adults = forms.IntegerField(
        label=gettext_lazy("Adults of the informal network needed"), required=False, min_value=0, max_value=50
    )


class PlanForm(forms.Form):
    """A new plan and the checks it must pass before it can be signed (configurable per plan)."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    check_bottom_lines = forms.BooleanField(
        label=gettext_lazy("Check: every bottom line is served by a rule"), required=False, initial=True
    )
    check_network_adults = forms.BooleanField(
        label=gettext_lazy("Check: enough adults of the informal network carry a rule"),
        required=False,
        initial=True,
    )
    check_responsible = forms.BooleanField(
        label=gettext_lazy("Check: every rule has a responsible person"), required=False, initial=True
    )
    check_safety_goals = forms.BooleanField(
        label=gettext_lazy("Check: every safety goal is served by a rule"), required=False
    )


def load(request: HttpRequest, dossier_id: str, action: Action = Action.VIEW) -> Any:
    return dossier_get_for_user(
        user=request.user, dossier_id=dossier_id, action=action, section=Section.SAFETY_PLAN
    )


def page_context(request: HttpRequest, dossier: Any, decision: Any, title: str) -> dict[str, Any]:
    """What every safety page needs: the dossier nav's sections, the title, and whether the reader may write
    (emergency access and other read-only grounds may not; the services check again)."""
    return {
        "dossier": dossier,
        "decision": decision,
        "sections": visible_sections(dossier, decision),
        "page_title": title,
        "may_edit": decide(request.user, Action.EDIT, dossier, Section.SAFETY_PLAN).allowed,
    }


def audit_read(request: HttpRequest, dossier: Any, decision: Any) -> None:
    dossier_audit_read(user=request.user, dossier=dossier, decision=decision, sections=[Section.SAFETY_PLAN])


def render_read(
    request: HttpRequest,
    dossier: Any,
    decision: Any,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """Render a page of the dossier's safety work and log that the reader read it."""
    response = render(request, template, context, status=status)
    audit_read(request, dossier, decision)
    return response


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def form_messages(request: HttpRequest, form: forms.Form) -> None:
    """A refused form's errors as page messages (for the forms that post and redirect)."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def submit(form: forms.Form, write: Any) -> Any:
    """Validate the form and call the service with its cleaned data: the result, or None (with the errors
    on the form) when either refuses."""
    if not form.is_valid():
        return None
    try:
        return write(form.cleaned_data) or True
    except ValidationError as error:
        add_service_error(form, error)
        return None


@login_required
def safety_overview(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier, decision = load(request, dossier_id)
    plans = selectors.plans_with_versions(dossier=dossier)
    bottom_lines = list(dossier.bottom_lines.select_related("status_evaluation"))
    safety_goals = list(dossier.safety_goals.all())
    for entry in plans:
        entry["checks"] = services.plan_checks(entry["current"], bottom_lines, safety_goals)
    context = {
        **page_context(request, dossier, decision, _("Safety")),
        "bottom_lines": bottom_lines,
        "safety_goals": safety_goals,
        "plans": plans,
        "participants": list(Participant.objects.current().filter(dossier=dossier).select_related("person")),
        "circle_members": list(CircleMember.objects.filter(dossier=dossier).select_related("user")),
        "bottom_line_form": BottomLineForm(),
        "plan_form": PlanForm(),
    }
    response = render(request, "safety/overview.html", context)
    audit_read(request, dossier, decision)
    return response


def _back(dossier) -> HttpResponse:
    return redirect("safety_overview", dossier_id=dossier.pk)


def _fail(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def safety_bottom_line_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier, _decision = load(request, dossier_id, Action.EDIT)
    form = BottomLineForm(request.POST)
    if not form.is_valid():
        form_messages(request, form)
        return _back(dossier)
    try:
        services.bottom_line_add(actor=request.user, dossier=dossier, **form.cleaned_data)
        messages.success(request, _("The bottom line is recorded."))
    except ValidationError as error:
        _fail(request, error)
    return _back(dossier)


@login_required
@require_POST
def safety_plan_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier, _decision = load(request, dossier_id, Action.EDIT)
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


@login_required
@require_POST
def safety_rule_add(request: HttpRequest, dossier_id: str, plan_id: int) -> HttpResponse:
    dossier, _decision = load(request, dossier_id, Action.EDIT)
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


@login_required
@require_POST
def safety_plan_sign(request: HttpRequest, dossier_id: str, plan_id: int) -> HttpResponse:
    dossier, _decision = load(request, dossier_id, Action.EDIT)
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


@login_required
def safety_plan_pdf(request: HttpRequest, dossier_id: str, plan_id: int) -> HttpResponse:
    dossier, decision = load(request, dossier_id)
    plan = get_object_or_404(SafetyPlan, pk=plan_id, dossier=dossier)
    pdf, name = documents.plan_pdf(
        dossier=dossier, plan=plan, family=request.GET.get("for") == "family", request=request
    )
    dossier_audit_read(
        user=request.user,
        dossier=dossier,
        decision=decision,
        sections=[Section.SAFETY_PLAN],
        export_format="pdf",
    )
    return pdf_response(pdf, name)
