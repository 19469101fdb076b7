"""Evaluation moments: the list of interim and end evaluations of a dossier, and the form to record one (who
took part, how every bottom line stands with its evidence, a round of scores, the decisions)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kring.access.policy import Action, Section
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.pages import dossier_view, submit

from . import evaluations, scales
from .forms import EvaluationForm
from .models import Evaluation, EvaluationKind, ScaleQuestion
from .views import page_context, reopen_to_read


def _evaluations(dossier: Any) -> list[Evaluation]:
    """Every evaluation with what the page shows of it, in a fixed number of queries."""
    return list(
        Evaluation.objects.filter(dossier=dossier)
        .select_related("plan", "plan_version")
        .prefetch_related(
            "assessments__bottom_line",
            "ratings__child",
            "ratings__participant__person",
            "ratings__circle_member__user",
            "participants__person",
            "circle_members__user",
        )
    )


def _form(dossier: Any, data: Any = None) -> EvaluationForm:
    plans = list(dossier.safety_plans.order_by("-created_at")[:1])
    return EvaluationForm(
        data,
        dossier=dossier,
        bottom_lines=list(dossier.bottom_lines.all()),
        raters=scales.dossier_raters(dossier),
        initial={
            "held_on": timezone.localdate(),
            "kind": EvaluationKind.INTERIM,
            "plan": plans[0] if plans else None,
            "question": ScaleQuestion.SAFETY,
        },
    )


def _page(
    request: HttpRequest, opened: OpenDossier, form: EvaluationForm | None = None, status: int = 200
) -> HttpResponse:
    dossier = opened.dossier
    context = page_context(opened, _("Evaluations"))
    context["evaluations"] = _evaluations(dossier)
    if context["may_edit"]:
        context["form"] = form or _form(dossier)
    return render(request, "safety/evaluations.html", context, status=status)


@dossier_view
@require_GET
def safety_evaluations(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN])
    return _page(request, opened)


@dossier_view
@require_POST
def safety_evaluation_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    form = _form(dossier, request.POST)
    evaluation = submit(
        form,
        lambda data: evaluations.evaluation_record(
            actor=request.user,
            dossier=dossier,
            kind=data["kind"],
            held_on=data["held_on"],
            plan=data["plan"],
            participants=data["participants"],
            circle_members=data["circle_members"],
            decisions=data["decisions"],
            outcome=data["outcome"],
            assessments=data["assessments"],
            scores=data["scores"],
            question=data["question"],
            custom_question=data["custom_question"],
        ),
    )
    if evaluation:
        n = evaluation.assessments.count()
        messages.success(
            request,
            ngettext(
                "The evaluation is recorded; %(n)s bottom line has its status from it.",
                "The evaluation is recorded; %(n)s bottom lines have their status from it.",
                n,
            )
            % {"n": n},
        )
        return redirect(reverse("safety_evaluations", args=[dossier.pk]) + f"#evaluation-{evaluation.pk}")
    return _page(request, reopen_to_read(request, dossier), form=form, status=400)
