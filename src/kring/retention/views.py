from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kring.access.policy import functional_admin_organisations
from kring.audit.models import AuditAction, AuditOutcome, AuditPurpose
from kring.audit.services import Actor, audit_append

from .forms import DestroyForm
from .selectors import retention_for, retention_report
from .services import dossier_destroy


def _functional_admin_gate(request: HttpRequest) -> None:
    if not functional_admin_organisations(request.user).exists():
        audit_append(
            actor=Actor.for_user(request.user),
            action=AuditAction.READ,
            outcome=AuditOutcome.DENIED,
            purpose=AuditPurpose.ADMINISTRATION,
            fields=["retention"],
        )
        raise Http404


@login_required
def report(request: HttpRequest) -> HttpResponse:
    _functional_admin_gate(request)
    today = timezone.localdate()
    rows = retention_report(user=request.user, today=today)
    audit_append(
        actor=Actor.for_user(request.user),
        action=AuditAction.READ,
        purpose=AuditPurpose.ADMINISTRATION,
        fields=["retention"],
    )
    return render(request, "retention/report.html", {"rows": rows, "today": today, "form": DestroyForm()})


@login_required
@require_POST
def destroy(request: HttpRequest, dossier_id: str) -> HttpResponse:
    _functional_admin_gate(request)
    retention = retention_for(user=request.user, dossier_id=dossier_id)
    if retention is None:
        raise Http404
    form = DestroyForm(request.POST)
    if form.is_valid():
        try:
            removed = dossier_destroy(
                actor=request.user,
                retention=retention,
                confirm_reference=form.cleaned_data["confirm_reference"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            message = ngettext(
                "Dossier %(reference)s is destroyed, with %(count)d person who was in no other dossier.",
                "Dossier %(reference)s is destroyed, with %(count)d people who were in no other dossier.",
                removed,
            )
            messages.success(request, message % {"reference": retention.dossier.reference, "count": removed})
    else:
        messages.error(request, _("Type the dossier's reference exactly to confirm."))
    return redirect("retention_report")
