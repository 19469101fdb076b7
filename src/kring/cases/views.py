from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import (
    DETAIL_SECTIONS,
    dossier_audit_read,
    dossier_detail,
    dossier_get_for_user,
    dossier_list_for_user,
    dossier_sections_for,
    dossiers_audit_listed,
)

PAGE_SIZE = 25


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(dossier_list_for_user(user=request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    dossiers_audit_listed(user=request.user, dossiers=list(page.object_list))
    return render(request, "cases/dossier_list.html", {"page_obj": page})


@login_required
def dossier_page(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier, decision = dossier_get_for_user(user=request.user, dossier_id=dossier_id)
    sections = dossier_sections_for(dossier=dossier, decision=decision, shown=DETAIL_SECTIONS)
    dossier_audit_read(user=request.user, dossier=dossier, decision=decision, sections=sections)
    context = {"dossier": dossier_detail(dossier=dossier), "decision": decision, "sections": sections}
    return render(request, "cases/dossier_detail.html", context)
