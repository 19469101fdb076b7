"""Pages of the chain table: the daily case list, one case with its three deepening steps, answering a
context request. Access through kring.access.chain only; every read is audited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access import chain as rules
from kring.cases import charts

from . import patterns, services
from .models import ChainCase, ContextRequest


@login_required
def chain_table(request: HttpRequest) -> HttpResponse:
    cases = list(rules.cases_for(request.user).select_related("table", "brought_in_by"))
    incoming = list(
        ContextRequest.objects.filter(addressee__in=rules.user_organisation_ids(request.user)).select_related(
            "case", "requested_by"
        )
    )
    for case in cases:
        services.audit_read(request.user, case, ["reference", "legal_status", "triggers", "stage"])
    for req in incoming:
        services.audit_read(request.user, req, ["question", "need_to_know", "due_at"])
    return render(request, "chain/table.html", {"cases": cases, "incoming": incoming})


def _case_for(user, case_id: int) -> ChainCase:
    case = get_object_or_404(ChainCase.objects.select_related("table", "brought_in_by"), pk=case_id)
    if not rules.may_see_case(user, case):
        raise Http404
    return case


@login_required
def chain_case(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request.user, case_id)
    requests = []
    for req in case.requests.select_related("addressee", "requested_by"):
        req.content_visible = rules.may_read_request_content(request.user, req)
        requests.append(req)
        services.audit_read(
            request.user, req, ["question", "answer"] if req.content_visible else ["addressee", "due_at"]
        )
    services.audit_read(request.user, case, ["incident", "persons", "hypotheses", "decision_measures"])
    return render(
        request,
        "chain/case.html",
        {
            "case": case,
            "persons": case.persons.all(),
            "requests": requests,
            "views": case.views.select_related("organisation"),
            "measures": [services.MEASURES[m] for m in case.decision_measures if m in services.MEASURES],
        },
    )


@login_required
@require_POST
def chain_request_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    req = get_object_or_404(ContextRequest.objects.select_related("case__table"), pk=request_id)
    if not rules.may_answer_request(request.user, req):
        raise Http404
    try:
        services.context_request_answer(
            actor=request.user, request=req, answer=request.POST.get("answer", "")
        )
        messages.success(request, _("Your answer has been sent to the chain table."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("chain_table")


@login_required
def chain_patterns(request: HttpRequest) -> HttpResponse:
    data = patterns.patterns_for(request.user)
    for case in data["cases"]:
        services.audit_read(request.user, case, ["persons", "triggers", "requests"])
    title = _("Chain cases per month")
    description = _("Number of chain cases per month of the incident.")
    chart = None
    if data["per_month"]:
        spec = patterns.per_month_spec(
            data["per_month"], title=title, description=description, axis_title=_("cases")
        )
        try:
            svg = charts.render_svg(spec)
            chart = {
                "svg": charts.accessible_svg(svg, title=title, description=description, id_prefix="chain-m")
            }
        except Exception:  # the table tells the same
            chart = None
    return render(request, "chain/patterns.html", {**data, "chart": chart, "title": title})
