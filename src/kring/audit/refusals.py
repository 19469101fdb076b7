"""Every refusal is a log line (NEN 7513): the one place where a request answered "not found" (404, the
policy's answer to "not yours" and "does not exist" alike), "forbidden" (403) or "not authenticated" (API 401)
is written to the audit log — from `RequestContextMiddleware.process_exception` for the pages and from the
API's exception handlers. A refusal that the code already logged itself (with more detail, e.g. the
dossier's access decision) is not logged twice: `audit_append_entries` notes refusals in the request context.

A refused entry names what was asked for by its route and ids (the URL's parameters: object ids, never
contents), the actor with their organisation and role (`services._actor_for_refusal`), and the dossier when
the URL names one, so that both the actor's and the dossier's privacy officer see it.
"""

import uuid
from typing import Any

from django.apps import apps
from django.http import HttpRequest

from .context import request_context
from .models import AuditAction, AuditEntry, AuditOutcome, AuditPurpose
from .services import Actor, audit_append_entries, audit_entry

WRITE_ACTIONS = {"DELETE": AuditAction.DELETE}


def _action(method: str) -> AuditAction:
    if method in ("GET", "HEAD", "OPTIONS"):
        return AuditAction.READ
    return WRITE_ACTIONS.get(method, AuditAction.UPDATE)


def _named_dossier(kwargs: dict[str, Any]) -> Any:
    """The dossier a URL names (`dossier_id`), if it exists: for its reference and organisation."""
    try:
        pk = uuid.UUID(str(kwargs.get("dossier_id", "")))
    except ValueError:
        return None
    dossier_model = apps.get_model("cases", "Dossier")
    return (
        dossier_model.objects.filter(pk=pk)
        .select_related("owning_team")
        .only("pk", "reference", "owning_team__organisation_id")
        .first()
    )


def audit_refusal(request: HttpRequest, *, status: int, reason: str = "") -> None:
    """Log a refused request once: what was asked (route, ids), by whom (organisation, role), how answered."""
    context = request_context.get()
    # Noted refusals count only if they were not rolled back with the transaction that refused.
    if context.refusals and AuditEntry.objects.filter(sequence__in=context.refusals).exists():
        return
    match = getattr(request, "resolver_match", None)
    kwargs = {name: value for name, value in (match.kwargs if match else {}).items() if value is not None}
    ids = [name for name in kwargs if name.endswith("_id") or name in ("pk", "id")]
    object_ref = None
    if ids:
        name = ids[-1]
        object_ref = (name.removesuffix("_id")[:60] or name, str(kwargs[name])[:64])
    route = match.view_name if match else "(no route)"  # never the path: it may hold a feed's token
    details = " ".join(f"{name}={str(kwargs[name])[:64]}" for name in ids)
    user = getattr(request, "user", None)
    entry = audit_entry(
        actor=Actor.for_user(user),
        action=_action(request.method or "GET"),
        outcome=AuditOutcome.DENIED,
        purpose=AuditPurpose.AUTHENTICATION if status == 401 else AuditPurpose.NORMAL,
        reason=" ".join(part for part in (f"{request.method} {route} -> {status}", details, reason) if part),
        dossier=_named_dossier(kwargs) if "dossier_id" in kwargs else None,
        object_ref=object_ref,
    )
    audit_append_entries([entry])
