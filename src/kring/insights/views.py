"""The dossier's Outcomes page: method, risk assessments, warning talks and reports back, and the judgement
at the end of each measure. One shape per view: load the dossier through the policy (404 for anyone not
allowed), validate a form, call a service, redirect with a message; a refusal shows on the form."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access.policy import Action, Section, decide, visible_sections
from kring.cases.models import Dossier
from kring.cases.selectors import dossier_audit_read, dossier_get_for_user

from . import services
from .forms import EndJudgementForm, MethodLabelForm, ProbationEventForm, RiskAssessmentForm
from .selectors import dossier_outcomes


def _submit(form: Form, write: Callable[[dict[str, Any]], Any]) -> bool:
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


def _page(request: HttpRequest, dossier: Dossier, decision: Any, bound: dict[Any, Form] | None = None) -> Any:
    bound = bound or {}
    dossier_audit_read(user=request.user, dossier=dossier, decision=decision, sections=[Section.MEASURES])
    sections = visible_sections(dossier, decision)
    may_edit = decide(request.user, Action.EDIT, dossier, Section.MEASURES).allowed
    context: dict[str, Any] = {"dossier": dossier, "decision": decision, "sections": sections}
    context.update(dossier_outcomes(dossier=dossier))
    context["may_edit"] = may_edit
    if may_edit:
        context["method_form"] = bound.get("method") or MethodLabelForm(
            dossier=dossier, auto_id="id_method_%s"
        )
        context["risk_form"] = bound.get("risk") or RiskAssessmentForm(dossier=dossier, auto_id="id_risk_%s")
        context["event_form"] = bound.get("event") or ProbationEventForm(
            dossier=dossier, auto_id="id_event_%s"
        )
        for measure in context["measures"]:
            if measure.ended_on:
                judgement = measure.judgement
                initial = (
                    {
                        "goal_realisation": judgement.goal_realisation,
                        "help_accepted": judgement.help_accepted,
                        "evidence": judgement.evidence,
                        "judged_on": judgement.judged_on,
                        "version": judgement.version,
                    }
                    if judgement
                    else {"judged_on": measure.ended_on}
                )
                measure.judgement_form = bound.get(("judge", measure.pk)) or EndJudgementForm(
                    initial=initial, auto_id=f"id_judge_{measure.pk}_%s"
                )
    return render(request, "insights/dossier_outcomes.html", context)


def _load(request: HttpRequest, dossier_id: str, action: Action = Action.VIEW) -> Any:
    return dossier_get_for_user(
        user=request.user, dossier_id=dossier_id, action=action, section=Section.MEASURES
    )


@login_required
def dossier_outcomes_page(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier, decision = _load(request, dossier_id)
    return _page(request, dossier, decision)


@login_required
@require_POST
def method_label_set(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier, decision = _load(request, dossier_id, Action.EDIT)
    form = MethodLabelForm(request.POST, dossier=dossier, auto_id="id_method_%s")
    if _submit(form, lambda d: services.method_label_set(actor=request.user, dossier=dossier, **d)):
        messages.success(request, _("The method has been recorded."))
        return redirect("insights_dossier_outcomes", dossier_id=dossier.pk)
    return _page(request, dossier, decision, {"method": form})


@login_required
@require_POST
def risk_assessment_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier, decision = _load(request, dossier_id, Action.EDIT)
    form = RiskAssessmentForm(request.POST, dossier=dossier, auto_id="id_risk_%s")
    today = timezone.localdate()
    if _submit(
        form, lambda d: services.risk_assessment_add(actor=request.user, dossier=dossier, today=today, **d)
    ):
        messages.success(request, _("The risk assessment has been recorded."))
        return redirect("insights_dossier_outcomes", dossier_id=dossier.pk)
    return _page(request, dossier, decision, {"risk": form})


@login_required
@require_POST
def probation_event_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier, decision = _load(request, dossier_id, Action.EDIT)
    form = ProbationEventForm(request.POST, dossier=dossier, auto_id="id_event_%s")
    today = timezone.localdate()
    if _submit(
        form, lambda d: services.probation_event_add(actor=request.user, dossier=dossier, today=today, **d)
    ):
        messages.success(request, _("The event has been recorded."))
        return redirect("insights_dossier_outcomes", dossier_id=dossier.pk)
    return _page(request, dossier, decision, {"event": form})


@login_required
@require_POST
def end_judgement_record(request: HttpRequest, dossier_id: str, measure_id: int) -> HttpResponse:
    dossier, decision = _load(request, dossier_id, Action.EDIT)
    measure = get_object_or_404(dossier.measures.select_related("dossier"), pk=measure_id)
    form = EndJudgementForm(request.POST, auto_id=f"id_judge_{measure.pk}_%s")
    today = timezone.localdate()
    if _submit(
        form,
        lambda d: services.end_judgement_record(actor=request.user, measure=measure, today=today, **d),
    ):
        messages.success(request, _("The judgement has been recorded."))
        return redirect("insights_dossier_outcomes", dossier_id=dossier.pk)
    return _page(request, dossier, decision, {("judge", measure.pk): form})
