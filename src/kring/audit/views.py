import csv
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access.services import break_glass_review

from .forms import AuditFilterForm, BreakGlassReviewForm
from .models import AuditAction, AuditEntry, AuditPurpose
from .selectors import audit_entries_for, break_glass_to_review, privacy_officer_gate
from .services import Actor, audit_append

CSV_COLUMNS = [
    "sequence",
    "occurred_at",
    "actor_username",
    "organisation_name",
    "role",
    "action",
    "outcome",
    "purpose",
    "reason",
    "dossier_reference",
    "object_type",
    "object_id",
    "fields",
    "export_format",
    "client_ip",
    "request_id",
    "key_id",
    "chain_position",
    "entry_hash",
]


def _audit_oversight(request: HttpRequest, action: AuditAction, what: str, export_format: str = "") -> None:
    audit_append(
        actor=Actor.for_user(request.user),
        action=action,
        purpose=AuditPurpose.OVERSIGHT,
        reason=request.GET.urlencode()[:500],
        fields=[what],
        export_format=export_format,
    )


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, Any]:
    """The filter form and its entries; an invalid filter matches nothing (never everything)."""
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, AuditEntry.objects.none()
    return form, audit_entries_for(user=request.user, filters=form.cleaned_data if form.is_bound else {})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    privacy_officer_gate(user=request.user, what="audit_log")
    form, entries = _filtered(request)
    _audit_oversight(request, AuditAction.READ, "audit_log")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "to_review": break_glass_to_review(user=request.user),
        "review_form": BreakGlassReviewForm(),
    }
    return render(request, "audit/audit_log.html", context)


def _csv_safe(value: Any) -> str:
    text = ",".join(value) if isinstance(value, list) else "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def audit_export(request: HttpRequest) -> HttpResponseBase:
    privacy_officer_gate(user=request.user, what="audit_log")
    form, entries = _filtered(request)
    if form.is_bound and not form.is_valid():
        messages.error(
            request, _("The filter is not valid, so nothing was exported. Correct it and try again.")
        )
        return redirect(f"{reverse('audit_log')}?{request.GET.urlencode()}")
    _audit_oversight(request, AuditAction.EXPORT, "audit_log", export_format="csv")
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(CSV_COLUMNS)
        for entry in entries.iterator(chunk_size=2000):
            yield writer.writerow([_csv_safe(getattr(entry, column)) for column in CSV_COLUMNS])

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kring-access-log-{stamp}.csv"'
    return response


@login_required
@require_POST
def break_glass_reviewed(request: HttpRequest, grant_id: int) -> HttpResponse:
    privacy_officer_gate(user=request.user, what="break_glass_review")
    grant = get_object_or_404(break_glass_to_review(user=request.user), pk=grant_id)
    form = BreakGlassReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a short review note."))
        return redirect("audit_log")
    try:
        break_glass_review(grant=grant, reviewer=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The emergency access is marked as reviewed."))
    return redirect("audit_log")
