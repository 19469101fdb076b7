"""The dossier's Outcomes page: method, risk assessments, warning talks and reports back, and the judgement
at the end of each measure. One shape per view: load the dossier through the policy (404 for anyone not
allowed), validate a form, call a service, redirect with a message; a refusal shows on the form."""

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access.policy import Action, Section
from kring.cases.selectors import dossier_open
from kring.ui.pages import dossier_view, submit

from . import services
from .forms import (
    EndJudgementForm,
    MethodLabelForm,
    ProbationEventForm,
    ProbationEventOutcomeForm,
    RiskAssessmentForm,
)
from .selectors import dossier_outcomes


def _page(request: HttpRequest, dossier_id: Any, bound: dict[Any, Form] | None = None) -> Any:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.MEASURES])
    dossier = opened.dossier
    bound = bound or {}
    may_edit = Section.MEASURES in opened.writable
    context: dict[str, Any] = opened.page_context()
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
            for event in measure.probation_events.all():
                event.outcome_form = bound.get(("outcome", event.pk)) or ProbationEventOutcomeForm(
                    initial={"outcome": event.outcome, "version": event.version},
                    auto_id=f"id_outcome_{event.pk}_%s",
                )
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


@dossier_view
def dossier_outcomes_page(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _page(request, dossier_id)


@dossier_view
@require_POST
def method_label_set(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    form = MethodLabelForm(request.POST, dossier=dossier, auto_id="id_method_%s")
    if submit(form, lambda d: services.method_label_set(actor=request.user, dossier=dossier, **d)):
        messages.success(request, _("The method has been recorded."))
        return redirect("insights_dossier_outcomes", dossier_id=dossier.pk)
    return _page(request, dossier.pk, {"method": form})


@dossier_view
@require_POST
def risk_assessment_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    form = RiskAssessmentForm(request.POST, dossier=dossier, auto_id="id_risk_%s")
    today = timezone.localdate()
    if submit(
        form, lambda d: services.risk_assessment_add(actor=request.user, dossier=dossier, today=today, **d)
    ):
        messages.success(request, _("The risk assessment has been recorded."))
        return redirect("insights_dossier_outcomes", dossier_id=dossier.pk)
    return _page(request, dossier.pk, {"risk": form})


@dossier_view
@require_POST
def probation_event_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    form = ProbationEventForm(request.POST, dossier=dossier, auto_id="id_event_%s")
    today = timezone.localdate()
    if submit(
        form, lambda d: services.probation_event_add(actor=request.user, dossier=dossier, today=today, **d)
    ):
        messages.success(request, _("The event has been recorded."))
        return redirect("insights_dossier_outcomes", dossier_id=dossier.pk)
    return _page(request, dossier.pk, {"event": form})


@dossier_view
@require_POST
def end_judgement_record(request: HttpRequest, dossier_id: str, measure_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    measure = get_object_or_404(dossier.measures.select_related("dossier"), pk=measure_id)
    form = EndJudgementForm(request.POST, auto_id=f"id_judge_{measure.pk}_%s")
    today = timezone.localdate()
    if submit(
        form,
        lambda d: services.end_judgement_record(actor=request.user, measure=measure, today=today, **d),
    ):
        messages.success(request, _("The judgement has been recorded."))
        return redirect("insights_dossier_outcomes", dossier_id=dossier.pk)
    return _page(request, dossier.pk, {("judge", measure.pk): form})


@dossier_view
@require_POST
def probation_event_outcome_set(request: HttpRequest, dossier_id: str, event_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    event = get_object_or_404(dossier.probation_events.select_related("dossier"), pk=event_id)
    form = ProbationEventOutcomeForm(request.POST, auto_id=f"id_outcome_{event.pk}_%s")
    if submit(form, lambda d: services.probation_event_set_outcome(actor=request.user, event=event, **d)):
        messages.success(request, _("The outcome has been recorded."))
        return redirect("insights_dossier_outcomes", dossier_id=dossier.pk)
    return _page(request, dossier.pk, {("outcome", event.pk): form})
