"""The signal-index pages: see your organisation's registrations and matches; register a signal, withdraw a
registration, take a step on a match (one view and one form each); the letter to the family."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kring.access import signal_index as access
from kring.access.policy import Action, functional_admin_organisations
from kring.audit.models import AuditAction, AuditOutcome, AuditPurpose
from kring.audit.services import Actor, audit_append
from kring.ui.exports import export_or_nothing
from kring.ui.pages import form_messages, refusals_as_not_found, submit
from kring.ui.pdf import pdf_response, render_pdf

from . import letters, reminders, selectors, services
from .forms import InformedForm, LetterForm, MatchDecisionForm, RegistrationForm, WithdrawForm
from .models import RelinkRun


def _page(request, form=None):
    """The signal index: the user's organisation's registrations and matches (each listed one logged as
    read), what waits for a step, and the form to register a signal."""
    membership = access.membership_for(request.user)
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
            "form": (form or RegistrationForm()) if membership else None,
            "registrations": registrations,
            "matches": matches,
            "relink": RelinkRun.objects.order_by("-pk").first(),
            "waiting": sorted((m for m in matches if m["next_step"]), key=lambda m: (m["found_at"], m["id"])),
            "stats": selectors.follow_up_stats(request.user),
            "remind_days": reminders.remind_days(),
        },
    )


@login_required
@require_GET
def signal_index(request):
    return _page(request)


@login_required
@require_POST
def signal_register(request):
    """Register a signal for the user's organisation; it is matched on arrival."""
    membership = access.membership_for(request.user)
    if membership is None:
        raise Http404
    form = RegistrationForm(request.POST)
    registered = submit(
        form,
        lambda data: services.registration_create(
            actor_user=request.user,
            organisation=membership.organisation,
            contact_name=data["contact_name"],
            contact_details=data["contact_details"],
            category=data["category"],
            own_reference=data["own_reference"],
            identity={k: data[k] for k in services.IDENTITY_FIELDS},
        ),
    )
    if registered:
        messages.success(request, _("The signal is registered."))
        return redirect("signal_index")
    return _page(request, form)


@login_required
@refusals_as_not_found
@require_POST
def registration_withdraw(request, registration_id: int):
    opened = selectors.registration_open(
        user=request.user, registration_id=registration_id, action=Action.EDIT
    )
    form = WithdrawForm(request.POST)
    if submit(
        form,
        lambda data: services.registration_end(
            actor_user=request.user, registration=opened.registration, reason=data["reason"]
        ),
    ):
        messages.success(request, _("The registration is withdrawn."))
    else:
        form_messages(request, form)
    return redirect("signal_index")


@login_required
@refusals_as_not_found
@require_POST
def match_decide(request, match_id: int):
    opened = selectors.match_open(user=request.user, match_id=match_id, action=Action.EDIT)
    form = MatchDecisionForm(request.POST)
    if submit(
        form,
        lambda data: services.match_decide(
            actor_user=request.user,
            match=opened.match,
            decision=data["decision"],
            coordinator=data["coordinator"],
            reason=data["reason"],
        ),
    ):
        messages.success(request, _("The decision is recorded."))
    else:
        form_messages(request, form)
    return redirect("signal_index")


@login_required
def case_acquaintances(request, case_id: int):
    """Old acquaintances of the persons of a chain case, for the partners at its table (others: 404)."""
    case, persons = selectors.chain_case_acquaintances(user=request.user, case_id=case_id)
    return render(
        request,
        "signal_index/case_acquaintances.html",
        {"current": "signal_index", "case": case, "persons": persons},
    )


@login_required
@refusals_as_not_found
def letter(request, registration_id: int):
    """The letter to the family, in Dutch and English; record when it was sent. Only a signal has a letter
    (facts from dossiers and chain cases do not): else 404."""
    informed = InformedForm(initial={"informed_on": timezone.localdate()})
    if request.method == "POST":
        opened = selectors.registration_open(
            user=request.user, registration_id=registration_id, action=Action.EDIT, signals_only=True
        )
        informed = InformedForm(request.POST)
        if submit(
            informed,
            lambda data: services.registration_mark_informed(
                actor_user=request.user, registration=opened.registration, **data
            ),
        ):
            messages.success(request, _("Recorded: the family has been informed."))
            return redirect("signal_index_letter", registration_id=opened.registration.pk)
    registration = selectors.registration_open(
        user=request.user, registration_id=registration_id, reads=["letter"], signals_only=True
    ).registration
    return render(
        request,
        "signal_index/letter.html",
        {
            "current": "signal_index",
            "registration": registration,
            "by_language": [
                (code, letters.letters(registration, language=code)) for code in letters.LANGUAGES
            ],
            "form": LetterForm(),
            "informed": informed,
        },
    )


@login_required
def letter_pdf(request, registration_id: int) -> HttpResponse:
    """The letter as a PDF to print; a name and addressee typed for the print are not stored."""
    form = LetterForm(request.POST or request.GET or None)
    data = form.cleaned_data if form.is_valid() else {"name": "", "addressee": "", "language": "nl"}

    def make(opened: selectors.OpenRegistration) -> bytes:
        registration = opened.registration
        with translation.override(data["language"]):
            return render_pdf(
                "signal_index/letter_pdf.html",
                {
                    "registration": registration,
                    "letters": letters.letters(
                        registration, language=data["language"], **_print_fields(data)
                    ),
                },
                request,
            )

    pdf = export_or_nothing(
        lambda: selectors.registration_open(
            user=request.user,
            registration_id=registration_id,
            reads=["letter"],
            export_format="pdf",
            signals_only=True,
        ),
        make,
    )
    return pdf_response(pdf, f"signal-index-{registration_id}-letter-{data['language']}")


def _print_fields(data: dict) -> dict:
    return {"name": data["name"], "addressee": data["addressee"], "on": timezone.localdate()}


@login_required
def matcher_weights(request):
    """The matcher's weights for a functional administrator: the table in use (m, u and the weight in bits
    per comparison level), when and how it was estimated, and the earlier ones. Others: 404 (audited)."""
    if not functional_admin_organisations(request.user).exists():
        audit_append(
            actor=Actor.for_user(request.user),
            action=AuditAction.READ,
            outcome=AuditOutcome.DENIED,
            purpose=AuditPurpose.ADMINISTRATION,
            fields=["matcher_weights"],
        )
        raise Http404
    audit_append(
        actor=Actor.for_user(request.user),
        action=AuditAction.READ,
        purpose=AuditPurpose.ADMINISTRATION,
        fields=["matcher_weights"],
    )
    return render(
        request,
        "signal_index/weights.html",
        {"current": "signal_index", **selectors.matcher_weights_overview()},
    )
