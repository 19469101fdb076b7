"""Authentication events: remember open sessions and write them to the audit log."""

import json
import time
from typing import Any

from axes.signals import user_locked_out
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest

from kring.audit.models import AuditAction, AuditOutcome, AuditPurpose
from kring.audit.services import Actor, audit_append

from .middleware import SESSION_AUTH_AT, SESSION_SEEN_AT
from .models import UserSession


def _actor_for_username(username: str) -> Actor:
    user = get_user_model().objects.filter(username=username).first()
    return Actor(user_id=user.pk if user else None, username=username[:150])


ADMIN_ACTIONS = {ADDITION: AuditAction.CREATE, CHANGE: AuditAction.UPDATE, DELETION: AuditAction.DELETE}


def _change_items(entry: LogEntry) -> list[dict[str, Any]]:
    """The structured change message the admin writes (a JSON list), or nothing for free text."""
    try:
        items = json.loads(entry.change_message or "[]")
    except json.JSONDecodeError:
        return []
    return items if isinstance(items, list) else []


@receiver(post_save, sender=LogEntry)
def on_admin_change(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """Changes made in the Django admin (organisations, roles, two-factor settings) join the audit chain."""
    if not created:
        return
    changed = [name for item in _change_items(instance) for name in item.get("changed", {}).get("fields", [])]
    audit_append(
        actor=Actor.for_user(instance.user),
        action=ADMIN_ACTIONS[instance.action_flag],
        purpose=AuditPurpose.ADMINISTRATION,
        object_ref=(
            f"{instance.content_type.app_label}.{instance.content_type.model}",
            instance.object_id or "",
        ),
        fields=[str(name) for name in changed],
    )


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
        # a backend may say why (kring.portal.oidc: `oidc: …`, `invitation: …`)
        reason=str(getattr(request, "kring_login_failure", "")),
    )


@receiver(user_locked_out)
def on_locked_out(sender: Any, request: HttpRequest, username: str, ip_address: str, **kwargs: Any) -> None:
    audit_append(
        actor=_actor_for_username(username or ""),
        action=AuditAction.LOCKED_OUT,
        outcome=AuditOutcome.DENIED,
        purpose=AuditPurpose.AUTHENTICATION,
    )
