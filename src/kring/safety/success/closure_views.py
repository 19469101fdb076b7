"""Positive early closure (positief afsluiten): the page with what must be true, the worker's proposal and the
team lead's decision, and the positive report to the child protection board as a page and a PDF.

The pages show youth probation measures and the Signs of Success material: they open the dossier through
selectors.closure_open (the measures section and also the safety-plan section: the book-ends and Klaar mee?!
stages the report quotes), the report through selectors.closure_report_open. Refusals are 404, audited; the
doors log the reads and the PDF export."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access.policy import Action, Section, decide
from kring.cases.models import Dossier
from kring.cases.selectors import OpenDossier
from kring.ui.exports import export_or_nothing
from kring.ui.pages import dossier_view, submit
from kring.ui.pdf import pdf_response, render_pdf

from . import services
from .charts import desistance_chart
from .forms import DecisionForm, ProposeForm
from .models import BookEnds, ClosureStatus, DesistanceRecord, EarlyClosure
from .selectors import closure_get, closure_open, closure_report_open


def _page_url(dossier: Dossier) -> str:
    return reverse("success_closure", kwargs={"dossier_id": dossier.pk})


def _page(request: HttpRequest, opened: OpenDossier, form: ProposeForm | None = None) -> HttpResponse:
    context = opened.page_context()
    dossier = opened.dossier
    may_edit = Section.MEASURES in context["editable"] and Section.SAFETY_PLAN in context["editable"]
    closures = list(
        EarlyClosure.objects.filter(dossier=dossier).select_related(
            "measure__child", "proposed_by", "decided_by"
        )
    )
    open_closures = [c for c in closures if c.status == ClosureStatus.PROPOSED]
    candidates = services.closure_candidates(dossier=dossier)
    waiting = {closure.measure_id for closure in open_closures}
    today = timezone.localdate()
    checks = [
        {
            "measure": measure,
            "checks": services.closure_checks(dossier=dossier, measure=measure, closes_on=today),
        }
        for measure in candidates
        if measure.pk not in waiting
    ]
    for closure in open_closures:
        closure.current_checks = services.closure_checks(
            dossier=dossier, measure=closure.measure, closes_on=closure.closes_on
        )
    proposable = [entry["measure"] for entry in checks]
    if may_edit and proposable and form is None:
        form = ProposeForm(
            initial={"closes_on": today, "report_to": services.DEFAULT_REPORT_TO}, measures=proposable
        )
    is_team_lead = decide(request.user, Action.APPROVE, dossier, Section.MEASURES).allowed
    context.update(
        {
            "closures": closures,
            "open_closures": open_closures,
            "checks": checks,
            "form": form if may_edit and (proposable or form is not None) else None,
            "decide": is_team_lead,
            "decision_form": DecisionForm() if is_team_lead else None,
            "relapse_free_days": services.RELAPSE_FREE_DAYS,
        }
    )
    return render(request, "success/closure.html", context, status=400 if form and form.errors else 200)


@dossier_view
def success_closure(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _page(request, closure_open(user=request.user, dossier_id=dossier_id))


@dossier_view
@require_POST
def success_closure_propose(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = closure_open(user=request.user, dossier_id=dossier_id, action=Action.EDIT).dossier
    form = ProposeForm(request.POST, measures=services.closure_candidates(dossier=dossier))

    def write(data: dict[str, Any]) -> Any:
        return services.closure_propose(
            actor=request.user, dossier=dossier, **{**data, "measure": form.measures[data["measure"]]}
        )

    if submit(form, write):
        messages.success(request, _("The positive early closure has been proposed to the team lead."))
        return redirect(_page_url(dossier))
    return _page(request, closure_open(user=request.user, dossier_id=dossier.pk), form)


def _decide(request: HttpRequest, dossier_id: str, closure_id: int, confirm: bool) -> HttpResponse:
    dossier = closure_open(user=request.user, dossier_id=dossier_id, action=Action.EDIT).dossier
    closure = closure_get(dossier, closure_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(_page_url(dossier))
    note = form.cleaned_data["note"]
    try:
        if confirm:
            services.closure_confirm(actor=request.user, closure=closure, note=note)
            messages.success(
                request,
                _("Confirmed: the measure ends early and positively. The report to %(to)s is ready.")
                % {"to": closure.report_to},
            )
            return redirect("success_closure_report", dossier_id=dossier.pk, closure_id=closure.pk)
        services.closure_decline(actor=request.user, closure=closure, note=note)
        messages.success(
            request, _("The positive early closure has not been confirmed; the measure runs on.")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(_page_url(dossier))


@dossier_view
@require_POST
def success_closure_confirm(request: HttpRequest, dossier_id: str, closure_id: int) -> HttpResponse:
    return _decide(request, dossier_id, closure_id, confirm=True)


@dossier_view
@require_POST
def success_closure_decline(request: HttpRequest, dossier_id: str, closure_id: int) -> HttpResponse:
    return _decide(request, dossier_id, closure_id, confirm=False)


def _report_context(dossier: Dossier, closure: EarlyClosure) -> dict[str, Any]:
    records = list(DesistanceRecord.objects.filter(dossier=dossier, recorded_on__lte=closure.closes_on))
    measure = closure.measure
    early_by = (measure.planned_end_on - closure.closes_on).days if measure.planned_end_on else None
    return {
        "dossier": dossier,
        "closure": closure,
        "measure": measure,
        "child": measure.child,
        "book_ends": BookEnds.objects.filter(dossier=dossier).order_by("-version").first(),
        "desistance_records": records,
        "desistance_chart": desistance_chart(records),
        "checks": [{"label": services.check_label(c["key"]), "ok": c["ok"]} for c in closure.checks],
        "early_months": round(early_by / 30.44) if early_by and early_by > 0 else None,
        "confirmed": closure.status == ClosureStatus.CONFIRMED,
    }


@dossier_view
def success_closure_report(request: HttpRequest, dossier_id: str, closure_id: int) -> HttpResponse:
    opened, closure = closure_report_open(user=request.user, dossier_id=dossier_id, closure_id=closure_id)
    context = {**opened.page_context(), **_report_context(opened.dossier, closure)}
    return render(request, "success/closure_report.html", context)


@dossier_view
def success_closure_report_pdf(request: HttpRequest, dossier_id: str, closure_id: int) -> HttpResponse:
    def make(opened_closure: tuple[OpenDossier, EarlyClosure]) -> HttpResponse:
        dossier, closure = opened_closure[0].dossier, opened_closure[1]
        pdf = render_pdf("success/closure_report_pdf.html", _report_context(dossier, closure), request)
        return pdf_response(pdf, f"{dossier.reference}-positive-closure-{closure.pk}")

    return export_or_nothing(
        lambda: closure_report_open(
            user=request.user, dossier_id=dossier_id, closure_id=closure_id, export_format="pdf"
        ),
        make,
    )
