"""Writes about users and their sessions."""

import hashlib
import secrets
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts.types import RequestUser, User
from kring.audit.models import AuditAction, AuditPurpose
from kring.audit.services import Actor, audit_append

from .models import ApiToken, UserSession

API_TOKEN_PREFIX = "kr_"  # noqa: S105 — a marker, not a secret


def mfa_required(user: RequestUser) -> bool:
    """Professionals of an organisation that enforces it, and anyone who set up a device, must verify."""
    from kring.access.policy import requires_mfa_by_membership  # the policy imports the accounts' models

    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or user.is_superuser
        or requires_mfa_by_membership(user)
        or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    )


PENDING_DEVICE_SESSION_KEY = "kring_pending_totp_device"


def totp_device_pending(*, user: User, session: Any) -> TOTPDevice:
    """The unconfirmed authenticator of this setup attempt. Each session gets its own secret, so a secret
    seen in one session (by someone who knew the password) is never the one confirmed in another."""
    device = TOTPDevice.objects.filter(
        user=user, confirmed=False, pk=session.get(PENDING_DEVICE_SESSION_KEY) or 0
    ).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=str(_("Authenticator app")), confirmed=False)
        session[PENDING_DEVICE_SESSION_KEY] = device.pk
    return device


def totp_device_confirm(*, user: User, device: TOTPDevice) -> None:
    """Make `device` the user's only authenticator, audit it and tell the user by mail."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_append(
            actor=Actor.for_user(user), action=AuditAction.MFA_SETUP, purpose=AuditPurpose.AUTHENTICATION
        )
    if user.email:
        transaction.on_commit(
            lambda: send_mail(
                subject=str(_("kring: a new authenticator app was set up")),
                message=str(
                    _(
                        "A new authenticator app was just set up for your kring account. "
                        "If this was not you, tell your functional administrator at once."
                    )
                ),
                from_email=None,
                recipient_list=[user.email],
                fail_silently=True,
            )
        )


def user_sessions_end(*, user: User, actor: User | None = None, keep_session_key: str | None = None) -> int:
    """End every open session of `user` (optionally except the current one). Returns how many ended."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = UserSession.objects.filter(user=user)
    if keep_session_key:
        sessions = sessions.exclude(session_key=keep_session_key)
    keys = list(sessions.values_list("session_key", flat=True))
    for key in keys:
        store_class(session_key=key).delete()
    sessions.delete()
    audit_append(
        actor=Actor.for_user(actor or user),
        action=AuditAction.SESSIONS_ENDED,
        purpose=AuditPurpose.AUTHENTICATION,
        obj=user,
        fields=["sessions"],
    )
    return len(keys)


def user_session_count(*, user: User) -> int:
    """How many sessions of `user` are still open (not ended, not expired)."""
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(user=user, session_key__in=live).count()


def user_disable(*, user: User, actor: User) -> None:
    """Disable an account; its open sessions end at once."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_append(actor=Actor.for_user(actor), action=AuditAction.UPDATE, obj=user, fields=["is_active"])
        user_sessions_end(user=user, actor=actor)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user: User, name: str, verified: bool) -> tuple[ApiToken, str]:
    """Create a token; the plain token is returned once and never stored. `verified` says whether the
    session that made it passed two-factor login: the token carries that, and nothing more."""
    plain = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip()[:100],
            digest=_digest(plain),
            prefix=plain[:8],
            expires_at=timezone.now() + timedelta(days=settings.KRING_API_TOKEN_DAYS),
            created_verified=verified,
        )
        audit_append(actor=Actor.for_user(user), action=AuditAction.CREATE, obj=token, fields=["name"])
    return token, plain


def api_token_revoke(*, token: ApiToken, actor: User) -> None:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_append(actor=Actor.for_user(actor), action=AuditAction.UPDATE, obj=token, fields=["revoked_at"])


def api_token_user(plain: str) -> User | None:
    """The active user a current token belongs to, marked verified only if the token was made verified."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(plain), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    user = token.user
    # django-otp's convention (its OTPMiddleware does the same): `is_verified` is set on the user instance;
    # the model does not declare it
    user.is_verified = lambda: token.created_verified  # type: ignore[attr-defined]
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user
