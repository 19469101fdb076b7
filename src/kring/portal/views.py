"""The family's pages under /gezin/: phone first, plain Dutch (B1, "je"). Thin: every page enters through
the family door (selectors.portal_open), every write through a service."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import user_has_device

from kring.access.family import FAMILY_PART_LABELS, WHOLE_FILE, FamilyAction, FamilyPart, family_may
from kring.access.policy import DossierClosed, is_verified
from kring.accounts import throttle
from kring.ui.pages import refusals_as_not_found, submit

from . import oidc, selectors, services
from .forms import AccountForm, CodeForm, IkPlanForm, JournalForm, ScaleAnswerForm, ThreeHousesForm
from .middleware import PORTAL_LANGUAGE_SESSION_KEY
from .models import BrokerDevice, LoginMethod
from .passkeys import has_passkey

INVITATION_SESSION_KEY = oidc.INVITATION_SESSION_KEY
PLAN_PARTS = (
    FamilyPart.DANGER_STATEMENTS,
    FamilyPart.SAFETY_GOALS,
    FamilyPart.BOTTOM_LINES,
    FamilyPart.KITCHEN_TABLE,
    FamilyPart.SAFETY_PLAN,
    FamilyPart.SCALES,
    FamilyPart.AGREEMENTS,
)


def family_login_required(view: Any) -> Any:
    """Logged in, with the second factor: otherwise to the login, or to set up or enter the app's code. A
    refusal by the family policy is "not found", as on the workers' dossier pages (kring.ui.pages)."""
    view = refusals_as_not_found(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_verified(user):
            if has_passkey(user):
                target = "portal_login"  # a passkey is the second step: the app's code page cannot take it
            else:
                target = "mfa_verify" if user_has_device(user) else "portal_second_step"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapped


def login_method(request: HttpRequest) -> str:
    """How this session logged in, for the signature record."""
    device = getattr(request.user, "otp_device", None)
    if device is not None and "webauthn" in type(device).__module__:
        return LoginMethod.PASSKEY
    if isinstance(device, BrokerDevice):
        return LoginMethod.OIDC
    return LoginMethod.PASSWORD_TOTP


def _context(opened: selectors.OpenPortal, **extra: Any) -> dict[str, Any]:
    return {
        "opened": opened,
        "dossier": opened.dossier,
        "account": opened.account,
        "parts": {part.value for part in opened.decision.parts},
        "decision": opened.decision,
        **extra,
    }


# --- start ---


@family_login_required
def home(request: HttpRequest) -> HttpResponse:
    accounts = selectors.family_accounts_of(user=request.user)
    if not accounts:
        raise Http404
    if len(accounts) == 1:
        return redirect("portal_dossier", accounts[0].dossier_id)
    selectors.family_accounts_listed(accounts=accounts)
    return render(request, "portal/home.html", {"accounts": accounts})


@family_login_required
def dossier_start(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = selectors.portal_open(user=request.user, dossier_id=dossier_id)
    waiting = selectors.waiting_for(opened=opened)
    return render(request, "portal/start.html", _context(opened, labels=FAMILY_PART_LABELS, waiting=waiting))


def _next(request: HttpRequest) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("portal_home")


def _next_any(request: HttpRequest) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("portal_home")


def portal_login(request: HttpRequest) -> HttpResponse:
    """Log in with a passkey (both steps at once), or with a password and the app's code. Whoever is already
    logged in with both steps goes on to `next` (the passkey script comes back here after logging in)."""
    if request.user.is_authenticated and is_verified(request.user):
        return redirect(_next(request))
    return render(request, "portal/login.html", {"next": _next(request), "oidc_label": oidc.button_label()})


def second_step(request: HttpRequest) -> HttpResponse:
    """After making the account: choose the second step — a passkey on this phone, or an authenticator app.
    Also to add a passkey later (a second device), once logged in with both steps."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not selectors.family_accounts_of(user=user):
        raise Http404
    context = {"next": _next(request), "verified": is_verified(user), "has_device": user_has_device(user)}
    return render(request, "portal/second_step.html", context)


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """The portal's language switch: kept in the session, and on the person's family accounts when logged in
    (so it follows them to another phone). Professional pages keep their own languages."""
    code = request.POST.get("language", "")
    if code in settings.KRING_PORTAL_LANGUAGES:
        request.session[PORTAL_LANGUAGE_SESSION_KEY] = code
        if request.user.is_authenticated:
            services.family_language_set(user=request.user, language=code)
    return redirect(_next_any(request))


# --- invitation ---


def _refused(request: HttpRequest, refusal: services.InvitationRefused, status: int = 400) -> HttpResponse:
    throttle.login_failed(request)
    return render(request, "portal/invitation_refused.html", {"message": refusal.message}, status=status)


@require_http_methods(["GET", "POST"])
def invitation_code(request: HttpRequest) -> HttpResponse:
    """The code the worker showed at the kitchen table."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if throttle.login_wait(request):
            form.add_error(None, _("You tried too often. Wait a few minutes and try again."))
            return render(request, "portal/invitation_code.html", {"form": form}, status=429)
        try:
            invitation = services.invitation_find(code=form.cleaned_data["code"])
        except services.InvitationRefused as refusal:
            throttle.login_failed(request)
            form.add_error("code", refusal.message)
            return render(request, "portal/invitation_code.html", {"form": form}, status=400)
        request.session[INVITATION_SESSION_KEY] = invitation.pk
        return redirect("portal_invitation_accept")
    return render(request, "portal/invitation_code.html", {"form": form}, status=400 if form.errors else 200)


def invitation_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail: checked, then the token leaves the address bar (it goes in the session)."""
    try:
        invitation = services.invitation_find(token=token)
    except services.InvitationRefused as refusal:
        return _refused(request, refusal)
    request.session[INVITATION_SESSION_KEY] = invitation.pk
    return redirect("portal_invitation_accept")


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest) -> HttpResponse:
    """Make the account: a username and password, then the authenticator app (the second step)."""
    from .models import Invitation

    invitation = (
        Invitation.objects.select_related("dossier", "person")
        .filter(pk=request.session.get(INVITATION_SESSION_KEY) or 0)
        .first()
    )
    if invitation is None:
        return redirect("portal_invitation_code")
    try:
        invitation = _still_valid(invitation)
    except services.InvitationRefused as refusal:
        request.session.pop(INVITATION_SESSION_KEY, None)
        return _refused(request, refusal)
    existing = request.user if request.user.is_authenticated and is_verified(request.user) else None
    form = AccountForm(request.POST or None)
    if existing is not None:
        form = None
    if request.method == "POST":
        try:
            if existing is not None:
                account = services.invitation_accept(invitation=invitation, user=existing)
            elif form.is_valid():
                account = services.invitation_accept(
                    invitation=invitation,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password"],
                )
            else:
                account = None
        except services.InvitationRefused as refusal:
            request.session.pop(INVITATION_SESSION_KEY, None)
            return _refused(request, refusal)
        except ValidationError as error:
            from kring.ui.forms import add_service_error

            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect("portal_home")
            add_service_error(form, error)
            account = None
        if account is not None:
            request.session.pop(INVITATION_SESSION_KEY, None)
            if existing is None:
                login(request, account.user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Your account is ready. Now set up the second step."))
                target = reverse("portal_dossier", args=[account.dossier_id])
                return redirect(f"{reverse('portal_second_step')}?{urlencode({'next': target})}")
            return redirect("portal_dossier", account.dossier_id)
    context = {
        "form": form,
        "invitation": invitation,
        "existing": existing,
        "oidc_label": oidc.button_label(),
    }
    return render(
        request, "portal/invitation_accept.html", context, status=400 if form and form.errors else 200
    )


def _still_valid(invitation: Any) -> Any:
    refusal = services.invitation_refusal(invitation)
    if refusal is not None:
        raise services.InvitationRefused(refusal)
    return invitation


# --- the plan, signing ---


@family_login_required
def plan(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = selectors.portal_open(
        user=request.user, dossier_id=dossier_id, reads=PLAN_PARTS, as_far_as_allowed=True
    )
    if not any(opened.sees(part) for part in PLAN_PARTS):
        raise Http404
    family_plan = selectors.family_plan(opened=opened)
    services.family_plan_seen(account=opened.account)
    context = _context(
        opened,
        plan=family_plan,
        scales=selectors.family_scales(opened=opened),
        agreements=selectors.family_agreements(opened=opened),
    )
    return render(request, "portal/plan.html", context)


@family_login_required
@require_POST
def sign(request: HttpRequest, dossier_id: str, version_id: int) -> HttpResponse:
    try:
        opened = selectors.portal_open(user=request.user, dossier_id=dossier_id, action=FamilyAction.SIGN)
    except DossierClosed as closed:
        messages.error(request, closed.message)
        return redirect("portal_plan", dossier_id)
    version = selectors.current_plan_version(opened=opened, version_id=version_id)
    if request.POST.get("agree") != "yes":
        messages.error(request, _("Tick the box to say you agree with the plan."))
        return redirect("portal_plan", opened.dossier.pk)
    try:
        services.family_sign(decision=opened.decision, version=version, login_method=login_method(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("portal_plan", opened.dossier.pk)
    messages.success(request, _("You signed the safety plan. Thank you."))
    return redirect("portal_plan", opened.dossier.pk)


# --- the journal ---


@family_login_required
@require_http_methods(["GET", "POST"])
def journal(request: HttpRequest, dossier_id: str) -> HttpResponse:
    if request.method == "POST":
        try:
            opened = selectors.portal_open(
                user=request.user, dossier_id=dossier_id, action=FamilyAction.WRITE_JOURNAL
            )
        except DossierClosed as closed:
            messages.error(request, closed.message)
            return redirect("portal_journal", dossier_id)
        form = JournalForm(request.POST, rules=selectors.family_rules_for_journal(opened=opened))
        entry = submit(
            form,
            lambda data: services.family_journal_add(
                decision=opened.decision,
                happened_on=data["happened_on"],
                text=data["text"],
                kind=data["kind"],
                rule=data["rule"],
            ),
        )
        if entry:
            messages.success(request, _("Your note is in the journal. Your case worker will read it."))
            return redirect("portal_journal", opened.dossier.pk)
        status = 400
    else:
        form, status = None, 200
    opened = selectors.portal_open(user=request.user, dossier_id=dossier_id, reads=[FamilyPart.JOURNAL])
    if form is None and opened.decision.may_write:
        form = JournalForm(rules=selectors.family_rules_for_journal(opened=opened))
    entries = selectors.family_journal(opened=opened)
    return render(request, "portal/journal.html", _context(opened, form=form, entries=entries), status=status)


# --- the young person writes ---


@family_login_required
@require_http_methods(["GET", "POST"])
def three_houses(request: HttpRequest, dossier_id: str) -> HttpResponse:
    form, status = None, 200
    if request.method == "POST":
        try:
            opened = selectors.portal_open(
                user=request.user, dossier_id=dossier_id, action=FamilyAction.WRITE_THREE_HOUSES
            )
        except DossierClosed as closed:
            messages.error(request, closed.message)
            return redirect("portal_three_houses", dossier_id)
        form = ThreeHousesForm(request.POST)
        saved = submit(
            form,
            lambda data: services.family_three_houses_save(
                decision=opened.decision,
                worries=data["worries"],
                good_things=data["good_things"],
                dreams=data["dreams"],
                based_on=data["based_on"] if data["based_on"] is not None else 0,
            ),
        )
        if saved:
            messages.success(request, _("Your three houses are saved. Your case worker will read them."))
            return redirect("portal_three_houses", opened.dossier.pk)
        status = 400
    opened = selectors.portal_open(user=request.user, dossier_id=dossier_id, reads=[FamilyPart.THREE_HOUSES])
    houses = selectors.family_three_houses(opened=opened)
    if form is None and opened.decision.may_write and not opened.decision.closed:
        initial = {"based_on": houses.version if houses else 0}
        if houses:
            initial.update(worries=houses.worries, good_things=houses.good_things, dreams=houses.dreams)
        form = ThreeHousesForm(initial=initial)
    context = _context(opened, form=form, houses=houses)
    return render(request, "portal/three_houses.html", context, status=status)


@family_login_required
@require_http_methods(["GET", "POST"])
def ik_plan(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """The IK-plan: the young person writes and updates their own; a parent with authority reads that of
    their children under 16 (access.family decides)."""
    form, status = None, 200
    if request.method == "POST":
        try:
            opened = selectors.portal_open(
                user=request.user, dossier_id=dossier_id, action=FamilyAction.WRITE_IK_PLAN
            )
        except DossierClosed as closed:
            messages.error(request, closed.message)
            return redirect("portal_ik_plan", dossier_id)
        form = IkPlanForm(request.POST)
        saved = submit(
            form,
            lambda data: services.family_ik_plan_save(
                decision=opened.decision,
                goals=data["goals"],
                steps=data["steps"],
                helpers=data["helpers"],
                based_on=data["based_on"] if data["based_on"] is not None else 0,
            ),
        )
        if saved:
            messages.success(request, _("Your IK-plan is saved. Your case worker will read it."))
            return redirect("portal_ik_plan", opened.dossier.pk)
        status = 400
    opened = selectors.portal_open(user=request.user, dossier_id=dossier_id, reads=[FamilyPart.IK_PLAN])
    plans = selectors.family_ik_plans(opened=opened)
    own = next((group for group in plans if group["is_me"]), None)
    if form is None and own is not None and family_may(opened.decision, FamilyAction.WRITE_IK_PLAN):
        latest = own["plan"]
        initial = {"based_on": latest.version if latest else 0}
        if latest:
            initial.update(goals=latest.goals, steps=latest.steps, helpers=latest.helpers)
        form = IkPlanForm(initial=initial)
    return render(request, "portal/ik_plan.html", _context(opened, form=form, plans=plans), status=status)


# --- put to them: scaling questions and questionnaires ---


@family_login_required
def scale_questions(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """The scaling questions a worker put to this person: the waiting ones with a form, then their answers."""
    opened = selectors.portal_open(
        user=request.user, dossier_id=dossier_id, reads=[FamilyPart.SCALE_QUESTIONS]
    )
    return _scale_page(request, opened)


def _scale_page(
    request: HttpRequest, opened: selectors.OpenPortal, refused: Any = None, status: int = 200
) -> HttpResponse:
    asked = selectors.family_scale_questions(opened=opened)
    waiting = [
        (
            question,
            refused[1]
            if refused and refused[0] == question.pk
            else ScaleAnswerForm(auto_id=f"q{question.pk}-%s"),
        )
        for question in asked
        if question.answered_at is None
    ]
    answered = [question for question in asked if question.answered_at is not None]
    context = _context(opened, waiting=waiting, answered=answered)
    return render(request, "portal/scale_questions.html", context, status=status)


@family_login_required
@require_POST
def scale_answer(request: HttpRequest, dossier_id: str, asked_id: int) -> HttpResponse:
    try:
        opened = selectors.portal_open(
            user=request.user, dossier_id=dossier_id, action=FamilyAction.ANSWER_SCALE
        )
    except DossierClosed as closed:
        messages.error(request, closed.message)
        return redirect("portal_scale_questions", dossier_id)
    asked = selectors.family_scale_question(opened=opened, asked_id=asked_id)
    form = ScaleAnswerForm(request.POST, auto_id=f"q{asked.pk}-%s")
    if asked.answered_at is not None:
        messages.error(request, str(services.ALREADY_ANSWERED))
        return redirect("portal_scale_questions", opened.dossier.pk)
    rating = submit(
        form,
        lambda data: services.family_scale_answer(
            decision=opened.decision, asked=asked, score=data["score"], note=data["note"]
        ),
    )
    if rating:
        messages.success(request, _("Your score is saved. Thank you."))
        return redirect("portal_scale_questions", opened.dossier.pk)
    opened = selectors.portal_open(
        user=request.user, dossier_id=dossier_id, reads=[FamilyPart.SCALE_QUESTIONS]
    )
    return _scale_page(request, opened, refused=(asked.pk, form), status=400)


@family_login_required
def questionnaires(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """The questionnaires waiting for this person (and those they filled in)."""
    opened = selectors.portal_open(
        user=request.user, dossier_id=dossier_id, reads=[FamilyPart.QUESTIONNAIRES_FOR_YOU]
    )
    asked = selectors.family_questionnaires(opened=opened)
    context = _context(
        opened,
        waiting=[a for a in asked if not a.administration.is_submitted],
        filled=[a for a in asked if a.administration.is_submitted],
    )
    return render(request, "portal/questionnaires.html", context)


@family_login_required
@require_http_methods(["GET", "POST"])
def questionnaire_fill(request: HttpRequest, dossier_id: str, asked_id: int) -> HttpResponse:
    """Fill in a questionnaire waiting in the portal: once, without a link (feedback's questions and
    checks)."""
    from kring.feedback.forms import answers_from, questions

    data = errors = None
    if request.method == "POST":
        try:
            opened = selectors.portal_open(
                user=request.user, dossier_id=dossier_id, action=FamilyAction.FILL_QUESTIONNAIRE
            )
        except DossierClosed as closed:
            messages.error(request, closed.message)
            return redirect("portal_questionnaires", dossier_id)
        asked = selectors.family_questionnaire(opened=opened, asked_id=asked_id)
        instrument = asked.administration.instrument
        data = request.POST
        try:
            services.family_questionnaire_fill(
                decision=opened.decision, asked=asked, answers=answers_from(instrument, request.POST)
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # filled in already: nothing to correct on the form
                messages.error(request, " ".join(error.messages))
                return redirect("portal_questionnaires", opened.dossier.pk)
            errors = error.message_dict
        else:
            messages.success(request, _("Your answers have arrived. Thank you."))
            return redirect("portal_questionnaires", opened.dossier.pk)
    opened = selectors.portal_open(
        user=request.user, dossier_id=dossier_id, reads=[FamilyPart.QUESTIONNAIRES_FOR_YOU]
    )
    asked = selectors.family_questionnaire(opened=opened, asked_id=asked_id)
    instrument = asked.administration.instrument
    context = _context(
        opened,
        asked=asked,
        instrument=instrument,
        questions=questions(instrument, data, errors) if not asked.administration.is_submitted else [],
        errors=errors,
    )
    return render(request, "portal/questionnaire_fill.html", context, status=400 if errors else 200)


# --- I don't feel safe ---


@family_login_required
@require_POST
def unsafe(request: HttpRequest, dossier_id: str) -> HttpResponse:
    try:
        opened = selectors.portal_open(
            user=request.user, dossier_id=dossier_id, action=FamilyAction.RAISE_ALERT
        )
    except DossierClosed as closed:
        messages.error(request, closed.message)
        return redirect("portal_dossier", dossier_id)
    services.unsafe_alert_raise(decision=opened.decision)
    return render(request, "portal/unsafe_sent.html", _context(opened, raised_at=timezone.now()))


# --- who opened my file ---


@family_login_required
def file_openings(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = selectors.portal_open(user=request.user, dossier_id=dossier_id, reads=[FamilyPart.ACCESS_LOG])
    return render(
        request,
        "portal/file_openings.html",
        _context(opened, openings=selectors.file_openings(opened=opened)),
    )


@family_login_required
def who_sees_what(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """Which organisation sees which part of the file, and why (the professionals' "who sees what")."""
    opened = selectors.portal_open(user=request.user, dossier_id=dossier_id, reads=[FamilyPart.WHO_SEES_WHAT])
    today = timezone.localdate()
    organisations = selectors.who_sees_what(opened=opened, day=today)
    return render(
        request,
        "portal/who_sees_what.html",
        _context(
            opened,
            organisations=organisations,
            today=today,
            whole_file=opened.decision.own_sections == WHOLE_FILE,
        ),
    )


# --- e-mails from kring ---


@family_login_required
@require_http_methods(["GET", "POST"])
def notices(request: HttpRequest) -> HttpResponse:
    """How often the person gets "there is something new in kring for you" (for all their files)."""
    from .forms import NoticeForm
    from .notices import frequency_of

    if not selectors.family_accounts_of(user=request.user):
        raise Http404
    form = NoticeForm(request.POST or None, initial={"frequency": frequency_of(request.user)})
    if request.method == "POST" and submit(
        form, lambda data: services.family_notice_choice_set(user=request.user, **data)
    ):
        messages.success(request, _("Saved. You get an e-mail as often as you chose."))
        return redirect("portal_notices")
    status = 400 if form.errors else 200
    return render(request, "portal/notices.html", {"form": form}, status=status)


# --- my view beside a plan version ---


@family_login_required
@require_http_methods(["GET", "POST"])
def my_view(request: HttpRequest, dossier_id: str, version_id: int) -> HttpResponse:
    from .forms import ViewForm

    return _my_view_page(
        request,
        dossier_id,
        version_id,
        MyView(
            action=FamilyAction.WRITE_VIEW,
            part=FamilyPart.SAFETY_PLAN,
            load=selectors.current_plan_version,
            views_of=selectors.family_views_of,
            add=services.family_view_add,
            form_class=ViewForm,
            saved=_("Your view is saved beside the plan."),
            back="portal_plan",
            url_name="portal_my_view",
            template="portal/my_view.html",
        ),
    )


@dataclass(frozen=True)
class MyView:
    """What differs between "my view" beside a plan version and beside an advice to the judge."""

    action: FamilyAction
    part: FamilyPart
    load: Callable[..., Any]  # the version, through the opened portal (404 for another file's)
    views_of: Callable[..., list[Any]]
    add: Callable[..., Any]
    form_class: Any
    saved: str
    back: str  # where a closed dossier's refusal goes
    url_name: str
    template: str


def _my_view_page(request: HttpRequest, dossier_id: str, version_id: int, kind: MyView) -> HttpResponse:
    """ "My view" beside a version the person may see: the form (a write goes through the door with the
    action, then the service), and their own views before."""
    form, status = None, 200
    if request.method == "POST":
        try:
            opened = selectors.portal_open(user=request.user, dossier_id=dossier_id, action=kind.action)
        except DossierClosed as closed:
            messages.error(request, closed.message)
            return redirect(kind.back, dossier_id)
        version = kind.load(opened=opened, version_id=version_id)
        form = kind.form_class(request.POST)
        if submit(form, lambda data: kind.add(decision=opened.decision, version=version, **data)):
            messages.success(request, kind.saved)
            return redirect(kind.url_name, opened.dossier.pk, version.pk)
        status = 400
    opened = selectors.portal_open(user=request.user, dossier_id=dossier_id, reads=[kind.part])
    version = kind.load(opened=opened, version_id=version_id)
    if form is None and opened.decision.may_write:
        form = kind.form_class()
    views = kind.views_of(opened=opened, version=version)
    return render(
        request, kind.template, _context(opened, form=form, version=version, views=views), status=status
    )


# --- the family print of the plan ---


@family_login_required
def plan_print(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """The family version of the plan as a PDF, in the person's language: what the plan page shows them,
    with shielded whereabouts left out, and their own views. Logged as an export."""
    from kring.ui.pdf import pdf_response, render_pdf

    opened = selectors.portal_open(
        user=request.user,
        dossier_id=dossier_id,
        reads=(*PLAN_PARTS, FamilyPart.ADVICE),  # the advice and one's views beside it, for whoever holds it
        as_far_as_allowed=True,
        export_format="pdf",
    )
    if not any(opened.sees(part) for part in PLAN_PARTS):
        raise Http404
    context = _context(opened, **selectors.family_print(opened=opened), printed_on=timezone.localdate())
    pdf = render_pdf("portal/plan_pdf.html", context, request)
    return pdf_response(pdf, f"{opened.dossier.reference}-family-plan")


# --- the advice to the judge, and "my view" beside it ---


@family_login_required
def advice(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """The approved versions of the advice to the judge, with the person's own views beside them."""
    opened = selectors.portal_open(user=request.user, dossier_id=dossier_id, reads=[FamilyPart.ADVICE])
    versions = selectors.family_advice_versions(opened=opened)
    return render(request, "portal/advice.html", _context(opened, versions=versions))


@family_login_required
def advice_pdf(request: HttpRequest, dossier_id: str, version_id: int) -> HttpResponse:
    """The signed PDF of an approved advice version, as the judge got it. Logged as an export."""
    from kring.ui.pdf import pdf_response

    opened = selectors.portal_open(
        user=request.user, dossier_id=dossier_id, reads=[FamilyPart.ADVICE], export_format="pdf"
    )
    version = selectors.family_advice_version(opened=opened, version_id=version_id, with_pdf=True)
    return pdf_response(bytes(version.pdf), f"{opened.dossier.reference}-advice-v{version.number}")


@family_login_required
@require_http_methods(["GET", "POST"])
def advice_my_view(request: HttpRequest, dossier_id: str, version_id: int) -> HttpResponse:
    """ "My view" beside an approved advice version (the signed version does not change)."""
    from .forms import AdviceViewForm

    return _my_view_page(
        request,
        dossier_id,
        version_id,
        MyView(
            action=FamilyAction.WRITE_ADVICE_VIEW,
            part=FamilyPart.ADVICE,
            load=selectors.family_advice_version,
            views_of=selectors.family_advice_views_of,
            add=services.family_advice_view_add,
            form_class=AdviceViewForm,
            saved=_("Your view is saved beside the advice."),
            back="portal_advice",
            url_name="portal_advice_my_view",
            template="portal/advice_my_view.html",
        ),
    )
