"""Authentication events: remember open sessions and write them to the audit log."""

import time
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from kring.audit.models import AuditAction, AuditOutcome, AuditPurpose
from kring.audit.services import Actor, audit_append

from .middleware import SESSION_AUTH_AT, SESSION_SEEN_AT
from .models import UserSession


def _actor_for_username(username: str) -> Actor:
    user = get_user_model().objects.filter(username=username).first()
    return Actor(user_id=user.pk if user else None, username=username[:150])


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SESSION_AUTH_AT] = now
        request.session[SESSION_SEEN_AT] = now
        if request.session.session_key is None:
            request.session.save()
        UserSession.objects.get_or_create(session_key=request.session.session_key, defaults={"user": user})
    audit_append(actor=Actor.for_user(user), action=AuditAction.LOGIN, purpose=AuditPurpose.AUTHENTICATION)


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if request is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()
    if user is not None:
        audit_append(
            actor=Actor.for_user(user), action=AuditAction.LOGOUT, purpose=AuditPurpose.AUTHENTICATION
        )


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    audit_append(
        actor=_actor_for_username(str(credentials.get("username", ""))),
        action=AuditAction.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        purpose=AuditPurpose.AUTHENTICATION,
    )


@receiver(user_locked_out)
def on_locked_out(sender: Any, request: HttpRequest, username: str, ip_address: str, **kwargs: Any) -> None:
    audit_append(
        actor=_actor_for_username(username or ""),
        action=AuditAction.LOCKED_OUT,
        outcome=AuditOutcome.DENIED,
        purpose=AuditPurpose.AUTHENTICATION,
    )
