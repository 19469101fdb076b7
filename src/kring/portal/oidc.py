"""OpenID Connect for families: a national login broker (DigiD, itsme, CSAM) as a configurable login, with
mozilla-django-oidc. Off unless KRING_OIDC_* is set (config/settings.py); then the portal's login and the
invitation page show a button for it.

A broker's subject (`sub`) is linked to a login only when the person logs in at the broker while holding a
valid invitation (services.broker_login) — never by matching an e-mail address. A broker already asks for two
steps, so the session is marked verified with the login's BrokerDevice. Logins land in the access log through
the accounts app's signals; a failure carries its reason (`oidc: …`, `invitation: …`)."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from kring.audit.models import AuditAction, AuditOutcome, AuditPurpose
from kring.audit.services import Actor, audit_append

from . import services
from .models import BrokerDevice

INVITATION_SESSION_KEY = "kring_portal_invitation"  # the same key as views.invitation_*
FAILURE_ATTRIBUTE = "kring_login_failure"  # read by accounts.signals.on_login_failed
REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)
BROKER = Actor(user_id=None, username="national login (OpenID Connect)")


def oidc_enabled() -> bool:
    return all(getattr(settings, name, "") for name in REQUIRED)


def button_label() -> str:
    """The broker's name for the login button, or "" when OpenID Connect is off."""
    if not oidc_enabled():
        return ""
    return settings.KRING_OIDC_LABEL or _("national login")


def _setting(attr: str, *default: Any) -> Any:
    """mozilla-django-oidc's settings lookup without its ImproperlyConfigured: kring runs with OIDC off."""
    return getattr(settings, attr, default[0] if default else None)


def _fail(request: HttpRequest, reason: str) -> None:
    setattr(request, FAILURE_ATTRIBUTE, reason)


class FamilyOIDCBackend(OIDCAuthenticationBackend):
    """Authenticates the code flow's callback only (the `nonce` credential); any other login passes by."""

    get_settings = staticmethod(_setting)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        if request is None or "nonce" not in kwargs or not oidc_enabled():
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = self.get_userinfo(access_token, id_token, payload)
        subject = str(claims.get("sub") or "")
        if not subject or subject != str(payload.get("sub") or ""):
            _fail(self.request, "oidc: subject missing or not the id token's")
            return None
        try:
            user = services.broker_login(
                issuer=settings.KRING_OIDC_ISSUER,
                subject=subject,
                invitation_id=self.request.session.get(INVITATION_SESSION_KEY),
            )
        except services.InvitationRefused as refusal:
            self.request.session.pop(INVITATION_SESSION_KEY, None)
            _fail(self.request, f"invitation: {refusal.reason.value}")
            return None
        except services.BrokerRefused as refusal:
            _fail(self.request, refusal.reason)
            return None
        except ValidationError:
            _fail(self.request, "oidc: the person already has an account in this file")
            return None
        self.request.session.pop(INVITATION_SESSION_KEY, None)
        user.otp_device = BrokerDevice.objects.get_or_create(
            user=user, name="broker", defaults={"confirmed": True}
        )[0]
        return user


class BrokerLoginStart(OIDCAuthenticationRequestView):
    """To the broker (state, nonce and PKCE in the session)."""

    get_settings = staticmethod(_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_enabled():
            raise Http404
        return super().get(request)


class BrokerLoginCallback(OIDCAuthenticationCallbackView):
    """Back from the broker: code → token → userinfo (the backend), then login or a plain message."""

    get_settings = staticmethod(_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_enabled():
            raise Http404
        return super().get(request)

    def login_failure(self) -> HttpResponse:
        request = self.request
        if not hasattr(self, "user"):
            # authenticate() never ran (it audits its own failures): refused at the broker, or not started
            reason = "oidc: refused at the broker" if request.GET.get("error") else "oidc: no login started"
            audit_append(
                actor=BROKER,
                action=AuditAction.LOGIN_FAILED,
                outcome=AuditOutcome.DENIED,
                purpose=AuditPurpose.AUTHENTICATION,
                reason=reason,
            )
        elif self.user is not None:  # found, but the login is switched off
            audit_append(
                actor=Actor.for_user(self.user),
                action=AuditAction.LOGIN_FAILED,
                outcome=AuditOutcome.DENIED,
                purpose=AuditPurpose.AUTHENTICATION,
                reason="oidc: login not active",
            )
        messages.error(
            request,
            _(
                "Logging in with %(broker)s did not work. If this is your first time, open the invitation "
                "from your case worker first."
            )
            % {"broker": button_label()},
        )
        return redirect("portal_login")
