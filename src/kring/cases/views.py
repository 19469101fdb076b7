from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from kring.ui.pages import dossier_view

from .caseload import Scope, caseload_page
from .caseload_forms import CaseloadFilterForm
from .selectors import (
    PAGE_SECTIONS,
    dossier_detail,
    dossier_open,
    dossiers_audit_listed,
)

RESULTS_ID = "caseload-results"  # the element the filter form and the page links swap (htmx)


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    """My caseload: every dossier I may open."""
    return _caseload(request, Scope.MINE)


@login_required
def dossier_team_list(request: HttpRequest) -> HttpResponse:
    """My team's caseload: the dossiers of the teams I lead or belong to, as far as I may open them."""
    return _caseload(request, Scope.TEAM)


def _caseload(request: HttpRequest, scope: Scope) -> HttpResponse:
    form = CaseloadFilterForm(request.GET or None)
    filters = form.filters()
    page = caseload_page(
        user=request.user,
        scope=scope,
        filters=filters,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    dossiers_audit_listed(user=request.user, dossiers=page.object_list, grounds=page.grounds)
    context = {
        "page_obj": page,
        "form": form,
        "scope": scope,
        "invalid": filters is None,
        "filtered": filters is not None and not filters.is_empty,
        "results_id": RESULTS_ID,
    }
    partial = request.headers.get("HX-Target") == RESULTS_ID and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "cases/caseload/_results.html" if partial else "cases/dossier_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


@dossier_view
def dossier_page(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, reads=PAGE_SECTIONS, as_far_as_shared=True
    )
    context = {
        "dossier": dossier_detail(dossier=opened.dossier),
        "decision": opened.decision,
        "sections": opened.readable & set(PAGE_SECTIONS),
        "nav_sections": set(opened.readable),
    }
    return render(request, "cases/dossier_detail.html", context)
