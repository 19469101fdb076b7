import csv
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kring.access.models import BreakGlassAccess
from kring.access.policy import privacy_officer_organisations
from kring.access.services import break_glass_review

from .forms import AuditFilterForm, BreakGlassReviewForm
from .models import AuditAction, AuditPurpose
from .selectors import audit_entries_for
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
    "client_ip",
    "request_id",
    "entry_hash",
]


def _require_privacy_officer(request: HttpRequest) -> None:
    if not privacy_officer_organisations(request.user).exists():
        raise Http404


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, Any]:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, audit_entries_for(user=request.user, filters=filters)


@never_cache
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    _require_privacy_officer(request)
    form, entries = _filtered(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    organisations = privacy_officer_organisations(request.user)
    to_review = (
        BreakGlassAccess.objects.unreviewed()
        .filter(dossier__owning_team__organisation__in=organisations)
        .select_related("user", "membership__organisation", "dossier")
    )
    context = {"form": form, "page_obj": page, "to_review": to_review, "review_form": BreakGlassReviewForm()}
    return render(request, "audit/audit_log.html", context)


def _csv_safe(value: Any) -> str:
    text = ",".join(value) if isinstance(value, list) else "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value: str) -> str:
        return value


@never_cache
@login_required
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    _require_privacy_officer(request)
    entries = _filtered(request)[1]
    audit_append(
        actor=Actor.for_user(request.user),
        action=AuditAction.EXPORT,
        purpose=AuditPurpose.OVERSIGHT,
        reason=request.GET.urlencode()[:500],
        fields=["audit_log"],
    )
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
    _require_privacy_officer(request)
    grant = get_object_or_404(
        BreakGlassAccess.objects.unreviewed(),
        pk=grant_id,
        dossier__owning_team__organisation__in=privacy_officer_organisations(request.user),
    )
    form = BreakGlassReviewForm(request.POST)
    if form.is_valid():
        break_glass_review(grant=grant, reviewer=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("The emergency access is marked as reviewed."))
    else:
        messages.error(request, _("Write a short review note."))
    return redirect("audit_log")
