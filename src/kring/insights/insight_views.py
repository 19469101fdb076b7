"""Dashboards, the cohort comparison, drill-down and research exports. The insights access rules
(access.insights) decide who sees which scope; a scope the reader may not open answers 404."""

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kring.access.insights import (
    InsightsView,
    Scope,
    export_approver_organisations,
    export_requester_organisations,
    insights_scopes,
    insights_view,
    may_decide_export,
    may_download_export,
    may_see_export,
)
from kring.access.policy import dossiers_visible_to
from kring.accounts.models import Organisation, Team
from kring.cases.selectors import dossiers_audit_listed
from kring.ui.pages import submit

from . import research
from .computed import COMPARE, DASHBOARD, insight_ensure
from .dashboards import as_csv, as_xlsx, scoped_cohort, table_rows_for_download
from .forms import CohortForm, ExportDecisionForm, ExportRequestForm
from .indicators import END_CATEGORIES, cohort_measures
from .models import ComputedStatus, ResearchExport

DRILL_DOWN_LIMIT = 200
SCOPE_TITLES = {
    Scope.TEAM: gettext_lazy("My teams"),
    Scope.ORGANISATION: gettext_lazy("Organisation"),
    Scope.REGION: gettext_lazy("Municipality or region"),
}


def _view_or_404(request: HttpRequest, scope: str) -> InsightsView:
    view = insights_view(request.user, scope)
    if view is None:
        raise Http404
    return view


def _teams(view: InsightsView) -> list[tuple[int, str]]:
    if view.scope == Scope.REGION:
        return []  # a region compares organisations, not teams it has no business naming
    return list(Team.objects.filter(pk__in=view.team_ids).order_by("name").values_list("pk", "name"))


def _organisations(view: InsightsView) -> list[tuple[int, str]]:
    return list(
        Organisation.objects.filter(pk__in=view.organisation_ids).order_by("name").values_list("pk", "name")
    )


def _default_period(data: Any) -> Any:
    """Without a period, the last twelve months of ended measures."""
    if any(data.get(f) for f in ("started_from", "started_until", "ended_from", "ended_until")):
        return data
    today = timezone.localdate()
    data = data.copy()
    data["ended_from"] = (today - timedelta(days=365)).isoformat()
    data["ended_until"] = today.isoformat()
    return data


def _requested(request: HttpRequest, scope: str, kind: str, *, force: bool = False) -> dict[str, Any]:
    """The page's forms and its stored result (enqueued when missing, old or stuck) for the scope the policy
    grants this reader; no result while a form is invalid."""
    view = _view_or_404(request, scope)
    row = None
    if kind == DASHBOARD:
        data = _default_period(request.GET)
        form = CohortForm(data, teams=_teams(view), organisations=_organisations(view))
        forms = {"form": form}
        if form.is_valid():
            row = insight_ensure(view, kind, [form.cohort()], force=force)
    else:
        choices = {"teams": _teams(view), "organisations": _organisations(view)}
        forms = {
            "form_a": CohortForm(request.GET or None, prefix="a", **choices),
            "form_b": CohortForm(request.GET or None, prefix="b", **choices),
        }
        if request.GET and all(f.is_valid() for f in forms.values()):
            cohorts = [forms["form_a"].cohort(), forms["form_b"].cohort()]
            row = insight_ensure(view, kind, cohorts, force=force)
    return {
        "view": view,
        "scope": scope,
        "scope_title": SCOPE_TITLES[view.scope],
        "kind": kind,
        "computed": row,
        "busy": row is not None and row.status in (ComputedStatus.QUEUED, ComputedStatus.RUNNING),
        "result": row.figures if row is not None else None,
        "query": request.GET.urlencode(),
        **forms,
    }


@login_required
def insights_index(request: HttpRequest) -> HttpResponse:
    scopes = insights_scopes(request.user)
    may_export = (
        export_requester_organisations(request.user).exists()
        or export_approver_organisations(request.user).exists()
    )
    if not scopes and not may_export:
        raise Http404
    return render(
        request,
        "insights/index.html",
        {"scopes": [(s.value, SCOPE_TITLES[s]) for s in scopes], "may_export": may_export},
    )


@login_required
def insights_dashboard(request: HttpRequest, scope: str) -> HttpResponse:
    context = _requested(request, scope, DASHBOARD)
    return render(request, "insights/dashboard.html", {**context, "categories": list(END_CATEGORIES)})


@login_required
def insights_download(request: HttpRequest, scope: str, fmt: str) -> HttpResponse:
    """The table of the stored result of the same scope; while there is none yet, back to the page."""
    context = _requested(request, scope, DASHBOARD)
    view, result = context["view"], context["result"]
    if context["computed"] is None or fmt not in ("csv", "xlsx"):
        raise Http404
    if result is None:
        return redirect(f"{reverse('insights_dashboard', args=[scope])}?{context['query']}")
    rows = table_rows_for_download(result["table"])
    if fmt == "csv":
        response = HttpResponse(as_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            as_xlsx(rows, title=str(SCOPE_TITLES[view.scope])),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="kring-insights-{view.scope}.{fmt}"'
    return response


@login_required
def insights_compare(request: HttpRequest, scope: str) -> HttpResponse:
    return render(request, "insights/compare.html", _requested(request, scope, COMPARE))


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("kind") if request.method == "GET" else request.POST.get("kind")
    if kind not in (DASHBOARD, COMPARE):
        raise Http404
    return kind


@login_required
def insights_progress(request: HttpRequest, scope: str) -> HttpResponse:
    """The result region the page polls while the figures are computed: the progress bar again while busy,
    the figures once they are there (htmx swaps the region in place; the page is not reloaded)."""
    query = request.GET.copy()
    kind = _kind(request)
    query.pop("kind")
    request.GET = query
    context = _requested(request, scope, kind)
    if context["computed"] is None:
        raise Http404
    if kind == DASHBOARD:
        return render(
            request, "insights/_dashboard_result.html", {**context, "categories": list(END_CATEGORIES)}
        )
    return render(request, "insights/_compare_result.html", context)


@login_required
@require_POST
def insights_recompute(request: HttpRequest, scope: str) -> HttpResponse:
    """Compute the figures of this scope again now (the query string carries the filters)."""
    kind = _kind(request)
    context = _requested(request, scope, kind, force=True)
    if context["computed"] is None:
        raise Http404
    page = "insights_dashboard" if kind == DASHBOARD else "insights_compare"
    return redirect(f"{reverse(page, args=[scope])}?{context['query']}")


@login_required
def insights_drill_down(request: HttpRequest, team_id: int, category: str) -> HttpResponse:
    """The dossiers behind one cell of a team lead's table, as far as the policy lets them open each one;
    only in the team scope (management and regions never see a dossier)."""
    view = _view_or_404(request, Scope.TEAM)
    if team_id not in view.team_ids or category not in END_CATEGORIES:
        raise Http404
    form = CohortForm(_default_period(request.GET), teams=_teams(view))
    if not form.is_valid():
        raise Http404
    cohort = scoped_cohort(view, form.cohort())
    measures = cohort_measures(cohort).filter(
        dossier__owning_team_id=team_id, end_reason__in=END_CATEGORIES[category], ended_on__isnull=False
    )
    dossiers = list(
        dossiers_visible_to(request.user)
        .filter(pk__in=measures.values("dossier_id"))
        .select_related("owning_team")
        .order_by("reference")[:DRILL_DOWN_LIMIT]
    )
    dossiers_audit_listed(user=request.user, dossiers=dossiers)
    team = get_object_or_404(Team, pk=team_id)
    return render(
        request,
        "insights/drill_down.html",
        {"dossiers": dossiers, "team": team, "category": category, "limit": DRILL_DOWN_LIMIT},
    )


# --- research exports ---------------------------------------------------------------------------------------


def _exports_for(user: Any) -> Any:
    from django.db.models import Q

    return ResearchExport.objects.filter(
        Q(requested_by=user) | Q(organisation__in=export_approver_organisations(user))
    ).select_related("organisation", "requested_by", "decided_by")


@login_required
def export_list(request: HttpRequest) -> HttpResponse:
    organisations = export_requester_organisations(request.user)
    if not organisations.exists() and not export_approver_organisations(request.user).exists():
        raise Http404
    form = None
    if organisations.exists():
        form = ExportRequestForm(request.POST or None, organisations=organisations)
        if request.method == "POST":

            def write(data: dict[str, Any]) -> Any:
                return research.export_request(actor=request.user, **data)

            if submit(form, write):
                messages.success(request, _("The export has been requested; a privacy officer decides."))
                return redirect("insights_export_list")
    elif request.method == "POST":
        raise Http404
    return render(
        request, "insights/exports.html", {"exports": _exports_for(request.user)[:100], "form": form}
    )


def _export_or_404(request: HttpRequest, export_id: int) -> ResearchExport:
    export = (
        ResearchExport.objects.select_related("organisation", "requested_by").filter(pk=export_id).first()
    )
    if export is None or not may_see_export(request.user, export):
        raise Http404
    return export


@login_required
def export_detail(request: HttpRequest, export_id: int) -> HttpResponse:
    export = _export_or_404(request, export_id)
    form = None
    if may_decide_export(request.user, export) and export.status == "requested":
        form = ExportDecisionForm(request.POST or None)
        if request.method == "POST":

            def write(data: dict[str, Any]) -> Any:
                return research.export_decide(
                    actor=request.user,
                    export=export,
                    approve=data["decision"] == "approve",
                    note=data["note"],
                )

            if submit(form, write):
                messages.success(request, _("The decision has been recorded."))
                return redirect("insights_export_detail", export_id=export.pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "insights/export_detail.html",
        {
            "export": export,
            "form": form,
            "may_download": may_download_export(request.user, export),
            "formats": ["csv", "xlsx", "parquet", "dictionary"],
            "identifiers": [research.QUASI_IDENTIFIERS.get(q, q) for q in export.quasi_identifiers],
        },
    )


@login_required
def export_download(request: HttpRequest, export_id: int, fmt: str) -> HttpResponse:
    export = _export_or_404(request, export_id)
    try:
        content = research.export_download(actor=request.user, export=export, fmt=fmt)
    except (PermissionDenied, ValidationError):
        raise Http404 from None
    extension = "csv" if fmt == "dictionary" else fmt
    name = f"kring-export-{export.pk}{'-dictionary' if fmt == 'dictionary' else ''}.{extension}"
    response = HttpResponse(content, content_type=research.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
