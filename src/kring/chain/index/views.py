"""The signal-index page: register a signal, see your organisation's registrations and matches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kring.access import signal_index as access
from kring.accounts.models import Organisation
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append

from . import services
from .forms import RegistrationForm
from .models import Match, RelinkRun


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)


@login_required
def signal_index(request):
    membership = access.membership_for(request.user)
    form = RegistrationForm()
    if request.method == "POST":
        if membership is None:
            raise Http404
        action = request.POST.get("action", "register")
        try:
            if action == "register":
                form = RegistrationForm(request.POST)
                if form.is_valid():
                    data = form.cleaned_data
                    services.registration_create(
                        actor_user=request.user,
                        organisation=membership.organisation,
                        contact_name=data["contact_name"],
                        contact_details=data["contact_details"],
                        category=data["category"],
                        own_reference=data["own_reference"],
                        identity={k: data[k] for k in services.IDENTITY_FIELDS},
                    )
                    messages.success(request, _("The signal is registered."))
                    return redirect("signal_index")
            elif action == "withdraw":
                reg = get_object_or_404(
                    access.registrations_visible_to(request.user), pk=request.POST.get("registration")
                )
                services.registration_end(
                    actor_user=request.user, registration=reg, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("The registration is withdrawn."))
                return redirect("signal_index")
            elif action in ("confirm", "dismiss", "lead"):
                match = get_object_or_404(
                    access.matches_visible_to(request.user), pk=request.POST.get("match")
                )
                coordinator = Organisation.objects.filter(pk=request.POST.get("coordinator") or 0).first()
                services.match_decide(
                    actor_user=request.user,
                    match=match,
                    decision=action,
                    coordinator=coordinator,
                    reason=request.POST.get("reason", ""),
                )
                messages.success(request, _("The decision is recorded."))
                return redirect("signal_index")
            else:
                raise Http404
        except ValidationError as error:
            if action == "register":
                _errors_to_form(form, error)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect("signal_index")
        except ValueError as error:
            raise Http404 from error
    registrations = list(access.registrations_visible_to(request.user).select_related("organisation"))
    matches = [access.match_view(request.user, m) for m in access.matches_visible_to(request.user)]
    audit_append(
        actor=Actor.for_user(request.user, membership),
        action=AuditAction.READ,
        object_ref=("signal_index.registration", "list"),
        fields=["registrations", "matches"],
    )
    return render(
        request,
        "signal_index/index.html",
        {
            "current": "signal_index",
            "form": form if membership else None,
            "registrations": registrations,
            "matches": matches,
            "relink": RelinkRun.objects.order_by("-pk").first(),
            "open_matches": sum(1 for m in matches if m["match"].status in ("match", "possible")),
        },
    )


__all__ = ["Match", "signal_index"]
