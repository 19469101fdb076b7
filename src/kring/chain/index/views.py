"""The signal-index page: register a signal, see your organisation's registrations and matches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kring.access import signal_index as access
from kring.accounts.models import Organisation

from . import selectors, services
from .forms import RegistrationForm
from .models import RelinkRun


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
                reg = selectors.registration_for(request.user, request.POST.get("registration"))
                services.registration_end(
                    actor_user=request.user, registration=reg, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("The registration is withdrawn."))
                return redirect("signal_index")
            elif action in services.DECISIONS:
                match = selectors.match_for(request.user, request.POST.get("match"))
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
    registrations = list(selectors.registrations_for(request.user))
    match_rows = list(selectors.matches_for(request.user))
    selectors.audit_listed(request.user, registrations, selectors.REGISTRATION_FIELDS)
    selectors.audit_listed(request.user, match_rows, selectors.MATCH_FIELDS)
    matches = selectors.match_summaries(request.user, match_rows)
    return render(
        request,
        "signal_index/index.html",
        {
            "current": "signal_index",
            "form": form if membership else None,
            "registrations": registrations,
            "matches": matches,
            "relink": RelinkRun.objects.order_by("-pk").first(),
            "open_matches": sum(1 for m in matches if m["next_step"]),
        },
    )


@login_required
def case_acquaintances(request, case_id: int):
    """Old acquaintances of the persons of a chain case, for the partners at its table (others: 404)."""
    case, persons = selectors.chain_case_acquaintances(user=request.user, case_id=case_id)
    return render(
        request,
        "signal_index/case_acquaintances.html",
        {"current": "signal_index", "case": case, "persons": persons},
    )
