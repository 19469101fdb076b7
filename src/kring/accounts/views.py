from base64 import b32encode
from typing import Any
from urllib.parse import urlsplit

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.audit.models import AuditAction, AuditOutcome, AuditPurpose
from kring.audit.services import Actor, audit_append

from . import services, throttle
from .forms import TOKEN_INVALID, ApiTokenForm, LoginForm, TokenForm
from .models import ApiToken


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = throttle.login_wait(request)
        if wait:  # an address with many recent failures waits, whoever it is for (kring.accounts.throttle)
            message = ngettext(
                "Too many failed logins from your network. Wait %(seconds)d second and try again.",
                "Too many failed logins from your network. Wait %(seconds)d seconds and try again.",
                wait,
            ) % {"seconds": wait}
            response = render(
                request,
                self.template_name,
                {"form": self.get_form_class()(request), "lockout_message": message},
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        throttle.login_failed(self.request)
        return super().form_invalid(form)

    def get_redirect_url(self) -> str:
        """`next` as Django checks it, but never the login page itself (a redirect loop)."""
        url = super().get_redirect_url()
        return "" if url and urlsplit(url).path == reverse("login") else url


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes calls this when an account is locked after repeated failures."""
    form = LoginForm(request)
    message = _(
        "Too many failed attempts. This account is locked for a while; "
        "try again later or ask your administrator."
    )
    return render(request, "accounts/login.html", {"form": form, "lockout_message": message}, status=429)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _audit_mfa(user: Any, action: AuditAction, outcome: AuditOutcome = AuditOutcome.ALLOWED) -> None:
    audit_append(
        actor=Actor.for_user(user), action=action, outcome=outcome, purpose=AuditPurpose.AUTHENTICATION
    )


@login_required
def mfa_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user_has_device(user) and not user.is_verified():
        return redirect("mfa_verify")
    device = services.totp_device_pending(user=user, session=request.session)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            services.totp_device_confirm(user=user, device=device)
            request.session.pop(services.PENDING_DEVICE_SESSION_KEY, None)
            request.session.cycle_key()
            otp_login(request, device)
            messages.success(
                request, _("The second step is ready. From now on you log in with a code from the app.")
            )
            return redirect(_next_url(request))
        _audit_mfa(user, AuditAction.MFA_FAILED, AuditOutcome.DENIED)
        form.add_error("token", TOKEN_INVALID)
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=_("QR code for the app on your phone")
    )
    context = {
        "form": form,
        "qr_svg": qr_svg,
        "secret": b32encode(device.bin_key).decode(),
        "next": _next_url(request),
    }
    return render(request, "accounts/mfa_setup.html", context)


@login_required
def mfa_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user_has_device(user):
        return redirect("mfa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = next(
            (
                d
                for d in TOTPDevice.objects.filter(user=user, confirmed=True)
                if d.verify_token(form.cleaned_data["token"])
            ),
            None,
        )
        if device is not None:
            otp_login(request, device)
            _audit_mfa(user, AuditAction.MFA_VERIFIED)
            return redirect(_next_url(request))
        _audit_mfa(user, AuditAction.MFA_FAILED, AuditOutcome.DENIED)
        form.add_error("token", TOKEN_INVALID)
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return _account_page(request, ApiTokenForm(user=request.user))


def _account_page(
    request: HttpRequest, token_form: ApiTokenForm, new_token: str | None = None
) -> HttpResponse:
    user = request.user
    context = {
        "memberships": user.memberships.active().select_related("organisation", "team"),
        "session_count": services.user_session_count(user=user),
        "has_device": user_has_device(user),
        "tokens": user.api_tokens.filter(revoked_at__isnull=True, expires_at__gt=timezone.now()),
        "token_form": token_form,
        "new_token": new_token,
    }
    return render(
        request,
        "accounts/account.html",
        context,
        status=200 if token_form.is_valid() or not token_form.is_bound else 400,
    )


@login_required
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    ended = services.user_sessions_end(user=request.user, keep_session_key=request.session.session_key)
    message = ngettext(
        "You are now logged out on %(count)d other device.",
        "You are now logged out on %(count)d other devices.",
        ended,
    )
    messages.success(request, message % {"count": ended})
    return redirect("account")


@login_required
@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    """Shows the new token in this response only; it is stored nowhere in plain text, not even the session."""
    form = ApiTokenForm(request.POST, user=request.user)
    if throttle.login_wait(request):
        form.add_error(None, _("Too many failed logins from your network. Wait a moment and try again."))
    if not form.is_valid():
        if "password" in form.errors:
            throttle.login_failed(request)  # a password guess like any other: it counts for the address
        return _account_page(request, form)
    plain = services.api_token_create(
        user=request.user, name=form.cleaned_data["name"], verified=request.user.is_verified()
    )[1]
    messages.success(request, _("Token created. Copy it now: it is shown only once."))
    return _account_page(request, ApiTokenForm(user=request.user), new_token=plain)


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user, revoked_at__isnull=True)
    services.api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("Token revoked."))
    return redirect("account")
