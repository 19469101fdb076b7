"""Writes about users and their sessions."""

import hashlib
import secrets
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.audit.models import AuditAction, AuditPurpose
from kring.audit.services import Actor, audit_append

from .models import ApiToken, Membership, UserSession

API_TOKEN_PREFIX = "kr_"  # noqa: S105 — a marker, not a secret


def mfa_required(user: Any) -> bool:
    """Professionals of an organisation that enforces it, and anyone who set up a device, must verify."""
    if not user.is_authenticated:
        return False
    return (
        Membership.objects.active().filter(user=user, organisation__require_mfa=True).exists()
        or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    )


def user_sessions_end(*, user: Any, actor: Any = None, keep_session_key: str | None = None) -> int:
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


def user_disable(*, user: Any, actor: Any) -> None:
    """Disable an account; its open sessions end at once."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_append(actor=Actor.for_user(actor), action=AuditAction.UPDATE, obj=user, fields=["is_active"])
        user_sessions_end(user=user, actor=actor)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """Create a token; the plain token is returned once and never stored."""
    plain = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip()[:100], digest=_digest(plain), prefix=plain[:8]
        )
        audit_append(actor=Actor.for_user(user), action=AuditAction.CREATE, obj=token, fields=["name"])
    return token, plain


def api_token_revoke(*, token: ApiToken, actor: Any) -> None:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_append(actor=Actor.for_user(actor), action=AuditAction.UPDATE, obj=token, fields=["revoked_at"])


def api_token_user(plain: str) -> Any:
    """The active user a token belongs to, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(plain), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
