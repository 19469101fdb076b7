"""The case worker's side of the portal: invite a person of the dossier, see and stop family accounts, and
respond to a child's "I don't feel safe"."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kring.access.policy import Action, Section
from kring.cases.models import Person
from kring.cases.selectors import dossier_open, dossier_people
from kring.ui.pages import dossier_view, form_messages, render_page_or_part, submit

from . import selectors, services
from .forms import InviteForm, QuestionnaireAskForm, RevokeForm, ScaleAskForm, ShieldForm
from .models import FamilyAccount, UnsafeAlert


def _people(dossier) -> list[Person]:
    return list(dossier_people(dossier=dossier, current=True).order_by("last_name", "first_name"))


@dossier_view
@require_http_methods(["GET", "POST"])
def family_accounts(request: HttpRequest, dossier_id: str) -> HttpResponse:
    new = None
    status = 200
    form = None
    if request.method == "POST":
        opened = dossier_open(
            user=request.user, dossier_id=dossier_id, action=Action.MANAGE_CIRCLE, section=Section.CIRCLE
        )
        form = InviteForm(request.POST, people=_people(opened.dossier))
        new = submit(
            form,
            lambda data: services.invitation_create(
                actor=request.user,
                dossier=opened.dossier,
                person=data["person"],
                kind=data["kind"],
                email=data["email"],
            ),
        )
        status = 200 if new else 400
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.NETWORK])
    dossier = opened.dossier
    may_manage = services_may_manage(request.user, dossier)
    if may_manage and (form is None or new):
        form = InviteForm(people=_people(dossier))
    context = {
        **opened.page_context(),
        "accounts": selectors.family_accounts_of_dossier(dossier=dossier),
        "form": form if may_manage else None,
        "new": new,
        "revoke_form": RevokeForm(),
        "shields": selectors.address_shields_of(dossier=dossier),
        "shield_form": ShieldForm(people=_people(dossier))
        if may_edit_network(request.user, dossier)
        else None,
        **_put_to_the_family(request.user, dossier),
    }
    return render_page_or_part(
        request,
        "portal/worker/family_accounts.html",
        "portal/worker/family_accounts.html",
        context,
        status=status,
    )


def _may(user, dossier, section: Section) -> bool:
    from kring.access.policy import decide

    return decide(user, Action.EDIT, dossier, section).allowed


def _waiting_administrations(dossier) -> list:
    from kring.feedback.models import Administration

    return list(
        Administration.objects.waiting()
        .filter(dossier=dossier, asked_in_portal__isnull=True)
        .select_related("instrument")
        .order_by("-created_at", "-pk")
    )


def _put_to_the_family(user, dossier) -> dict:
    """What was put to family members, and the forms to put a scaling question or a questionnaire to one
    (for whoever may record scores, or fill in questionnaires, in this dossier)."""
    accounts = selectors.accounts_to_ask(dossier=dossier)
    return {
        **selectors.put_to_the_family(dossier=dossier),
        "scale_ask_form": ScaleAskForm(accounts=accounts)
        if accounts and _may(user, dossier, Section.SAFETY_PLAN)
        else None,
        "questionnaire_ask_form": QuestionnaireAskForm(
            accounts=accounts, administrations=_waiting_administrations(dossier)
        )
        if accounts and _may(user, dossier, Section.FEEDBACK)
        else None,
    }


@dossier_view
@require_POST
def scale_question_ask(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """Put a scaling question to a family member: it waits in their portal."""
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    )
    form = ScaleAskForm(request.POST, accounts=selectors.accounts_to_ask(dossier=opened.dossier))
    if submit(
        form,
        lambda data: services.scale_question_ask(
            actor=request.user,
            account=data["account"],
            question=data["question"],
            custom_question=data["custom_question"],
        ),
    ):
        messages.success(request, _("The question is waiting in their portal."))
    else:
        form_messages(request, form)
    return redirect("portal_family_accounts", opened.dossier.pk)


@dossier_view
@require_POST
def questionnaire_ask(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """Put a waiting questionnaire in a family member's portal (the link, if any, keeps working)."""
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.FEEDBACK
    )
    form = QuestionnaireAskForm(
        request.POST,
        accounts=selectors.accounts_to_ask(dossier=opened.dossier),
        administrations=_waiting_administrations(opened.dossier),
    )
    if submit(
        form,
        lambda data: services.questionnaire_ask(
            actor=request.user, account=data["account"], administration=data["administration"]
        ),
    ):
        messages.success(request, _("The questionnaire is waiting in their portal."))
    else:
        form_messages(request, form)
    return redirect("portal_family_accounts", opened.dossier.pk)


def may_edit_network(user, dossier) -> bool:
    from kring.access.policy import decide

    return decide(user, Action.EDIT, dossier, Section.NETWORK).allowed


@dossier_view
@require_POST
def address_shield_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """Shield a person's address and whereabouts from a named other person of the dossier."""
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    )
    form = ShieldForm(request.POST, people=_people(opened.dossier))
    if submit(
        form,
        lambda data: services.address_shield_add(
            actor=request.user,
            dossier=opened.dossier,
            person=data["person"],
            hidden_from=data["hidden_from"],
            reason=data["reason"],
        ),
    ):
        messages.success(request, _("The address is shielded. The portal no longer shows it to that person."))
    else:
        form_messages(request, form)
    return redirect("portal_family_accounts", opened.dossier.pk)


def services_may_manage(user, dossier) -> bool:
    from kring.access.policy import decide

    return decide(user, Action.MANAGE_CIRCLE, dossier, Section.CIRCLE).allowed


@dossier_view
@require_POST
def account_revoke(request: HttpRequest, dossier_id: str, account_id: int) -> HttpResponse:
    opened = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.MANAGE_CIRCLE, section=Section.CIRCLE
    )
    account = get_object_or_404(FamilyAccount, pk=account_id, dossier=opened.dossier)
    form = RevokeForm(request.POST)
    if submit(
        form,
        lambda data: services.family_account_revoke(
            actor=request.user, account=account, reason=data["reason"]
        ),
    ):
        messages.success(request, _("The account is stopped. This person can no longer log in to this file."))
    else:
        form_messages(request, form)
    return redirect("portal_family_accounts", opened.dossier.pk)


@dossier_view
@require_POST
def alert_acknowledge(request: HttpRequest, alert_id: int) -> HttpResponse:
    alert = UnsafeAlert.objects.select_related("dossier").filter(pk=alert_id).first()
    if alert is None or alert not in selectors.open_alerts_for(user=request.user):
        raise Http404
    services.unsafe_alert_acknowledge(actor=request.user, alert=alert)
    messages.success(request, _("Marked as seen. Contact the child now if you have not done so yet."))
    return redirect("dossier_list")
