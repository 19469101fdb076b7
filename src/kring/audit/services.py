"""Appending to the audit log and verifying its hash chain. The only module that writes audit entries."""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import transaction
from django.utils import timezone

from .context import request_context
from .models import AuditAction, AuditChainHead, AuditEntry, AuditOutcome, AuditPurpose

GENESIS_HASH = "0" * 64

# The fields that enter the hash, in this order. Changing it breaks every existing chain.
HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_username",
    "organisation_id",
    "organisation_name",
    "role",
    "action",
    "outcome",
    "purpose",
    "reason",
    "dossier_id",
    "dossier_reference",
    "object_type",
    "object_id",
    "fields",
    "client_ip",
    "request_id",
)


def _canonical(value: Any) -> Any:
    if value is None or isinstance(value, (int, str, list)):
        return value
    if hasattr(value, "astimezone"):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return str(value)


def compute_hash(entry: AuditEntry, previous_hash: str) -> str:
    payload = {name: _canonical(getattr(entry, name)) for name in HASHED_FIELDS}
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{previous_hash}|{body}".encode()).hexdigest()


@dataclass(frozen=True)
class Actor:
    """Who did it, with the organisation and role they acted in."""

    user_id: int | None
    username: str
    organisation_id: int | None = None
    organisation_name: str = ""
    role: str = ""

    @classmethod
    def for_user(cls, user: Any, membership: Any = None) -> "Actor":
        if user is None or not getattr(user, "is_authenticated", False):
            return cls(user_id=None, username="")
        if membership is None:
            return cls(user_id=user.pk, username=user.get_username())
        return cls(
            user_id=user.pk,
            username=user.get_username(),
            organisation_id=membership.organisation_id,
            organisation_name=membership.organisation.name,
            role=membership.role,
        )


def audit_entry(
    *,
    actor: Actor,
    action: AuditAction,
    outcome: AuditOutcome = AuditOutcome.ALLOWED,
    purpose: AuditPurpose = AuditPurpose.NORMAL,
    reason: str = "",
    dossier: Any = None,
    obj: Any = None,
    object_ref: tuple[str, str] | None = None,
    fields: Iterable[str] = (),
) -> AuditEntry:
    """An unsaved entry, filled in with the current request's id and client IP. The object is named by
    `obj` (a model instance) or, when it no longer exists, by `object_ref` (type label, primary key)."""
    context = request_context.get()
    if obj is not None:
        object_ref = (obj._meta.label_lower, str(obj.pk))
    return AuditEntry(
        actor_id=actor.user_id,
        actor_username=actor.username,
        organisation_id=actor.organisation_id,
        organisation_name=actor.organisation_name,
        role=actor.role,
        action=action,
        outcome=outcome,
        purpose=purpose,
        reason=reason,
        dossier_id=dossier.pk if dossier is not None else None,
        dossier_reference=dossier.reference if dossier is not None else "",
        object_type=object_ref[0] if object_ref else "",
        object_id=object_ref[1] if object_ref else "",
        fields=sorted(fields),
        client_ip=context.client_ip,
        request_id=context.request_id,
    )


def audit_append_entries(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Chain and store entries in one go. Locks the chain head so concurrent appends stay linear."""
    if not entries:
        return entries
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        now = timezone.now()
        previous_hash = head.last_hash
        for offset, entry in enumerate(entries, start=1):
            entry.sequence = head.last_sequence + offset
            entry.occurred_at = now
            entry.previous_hash = previous_hash
            entry.entry_hash = compute_hash(entry, previous_hash)
            previous_hash = entry.entry_hash
        AuditEntry.objects.bulk_create(entries)
        head.last_sequence = entries[-1].sequence
        head.last_hash = previous_hash
        head.save(update_fields=["last_sequence", "last_hash"])
    return entries


def audit_append(**kwargs: Any) -> AuditEntry:
    """Append one entry (arguments as for `audit_entry`)."""
    return audit_append_entries([audit_entry(**kwargs)])[0]


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    problem: str


def audit_chain_head() -> tuple[int, str]:
    """(sequence, hash) of the newest entry: an anchor to keep outside the database."""
    head = AuditChainHead.objects.filter(pk=1).first()
    return (head.last_sequence, head.last_hash) if head else (0, GENESIS_HASH)


def audit_chain_breaks(anchor: tuple[int, str] | None = None) -> Iterator[ChainBreak]:
    """Walk the chain from the start and yield every place where it does not hold.

    The head is read first and the walk stops there, so entries appended meanwhile are no false alarm.
    `anchor` is a (sequence, hash) pair recorded earlier outside the database: it must still be in the chain,
    which catches a history rewritten wholesale by someone who could switch the triggers off.
    """
    head = AuditChainHead.objects.filter(pk=1).first()
    last = head.last_sequence if head else 0
    if head is None and AuditEntry.objects.exists():
        yield ChainBreak(1, "the chain head is missing")
        return
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    anchor_seen = anchor is None or anchor[0] == 0
    entries = AuditEntry.objects.filter(sequence__lte=last).order_by("sequence")
    for entry in entries.iterator(chunk_size=2000):
        if entry.sequence != expected_sequence:
            yield ChainBreak(expected_sequence, f"entry {expected_sequence} is missing")
        elif entry.previous_hash != previous_hash:
            yield ChainBreak(entry.sequence, "its link to the previous entry does not match")
        if compute_hash(entry, entry.previous_hash) != entry.entry_hash:
            yield ChainBreak(entry.sequence, "its content does not match its hash (altered)")
        if anchor is not None and entry.sequence == anchor[0]:
            anchor_seen = True
            if entry.entry_hash != anchor[1]:
                yield ChainBreak(entry.sequence, "it differs from the anchor recorded outside the database")
        previous_hash = entry.entry_hash
        expected_sequence = entry.sequence + 1
    if head is not None and (expected_sequence - 1 != last or previous_hash != head.last_hash):
        yield ChainBreak(last, "the newest entries were removed (the chain head points further)")
    if not anchor_seen:
        yield ChainBreak(anchor[0], "the anchored entry is no longer in the chain")
