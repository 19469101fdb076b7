"""Appending to the audit log, chaining it and verifying it. The only module that writes audit entries.

An append is one INSERT: the database numbers the entry (`sequence`) and the entry carries a keyed MAC of its
content, so no lock on a shared row is taken and app servers do not queue behind each other. The one chainer
(`audit_chain_pending`: after appends, at most every KRING_AUDIT_CHAIN_SECONDS per process; from
`manage.py chain_audit_log`; first thing in `verify_audit_chain`) then gives every entry it can see its chain
position and a keyed link to the previous one. See docs/operations.md ("The access log") for the trade-off.
"""

import hashlib
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from .context import request_context
from .keys import audit_keys
from .models import AuditAction, AuditChainHead, AuditEntry, AuditOutcome, AuditPurpose

if TYPE_CHECKING:
    from kring.accounts.models import Membership
    from kring.accounts.types import MaybeUser

logger = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
CHAIN_BATCH = 500

# The fields that entered the plain SHA-256 hash of entries written before the keyed MAC (key_id empty).
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
    """The unkeyed hash of an entry written before the MAC was introduced (kept to verify those)."""
    return hashlib.sha256(f"{previous_hash}|{_payload(entry, HASHED_FIELDS)}".encode()).hexdigest()


@dataclass(frozen=True)
class Actor:
    """Who did it, with the organisation and role they acted in."""

    user_id: int | None
    username: str
    organisation_id: int | None = None
    organisation_name: str = ""
    role: str = ""

    @classmethod
    def for_user(cls, user: "MaybeUser", membership: "Membership | None" = None) -> "Actor":
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


# The fields the MAC covers, in this order. Changing it breaks every existing entry. `uid` makes each entry
# unique, so a copy of a signed entry cannot be inserted again; `key_id` cannot be swapped.
MAC_FIELDS = (
    "uid",
    "key_id",
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
    "export_format",
    "client_ip",
    "request_id",
)


def _payload(entry: AuditEntry, names: tuple[str, ...]) -> str:
    payload = {name: _canonical(getattr(entry, name)) for name in names}
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def compute_mac(entry: AuditEntry) -> str | None:
    """The entry's MAC under its own key, or None when that key is not configured here."""
    return audit_keys().sign(entry.key_id, f"kring-audit-entry|{_payload(entry, MAC_FIELDS)}")


def _actor_for_refusal(actor: Actor, dossier: Any) -> Actor:
    """A refusal names the organisation and role the person works in, so that their privacy officer sees it:
    the membership in the dossier's organisation if they have one, otherwise their first active one. One
    query whether or not there is a dossier, so that a refused and an absent object cost the same."""
    if actor.user_id is None or actor.organisation_id is not None:
        return actor
    from django.db.models import Case, Value, When

    from kring.accounts.models import Membership

    organisation_id = getattr(getattr(dossier, "owning_team", None), "organisation_id", None)
    own_first = Case(When(organisation_id=organisation_id, then=Value(0)), default=Value(1))
    membership = (
        Membership.objects.active()
        .filter(user_id=actor.user_id)
        .select_related("organisation")
        .order_by(own_first, "pk")
        .first()
    )
    if membership is None:
        return actor
    return Actor(
        user_id=actor.user_id,
        username=actor.username,
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
    export_format: str = "",
) -> AuditEntry:
    """An unsaved entry, filled in with the current request's id and client IP. The object is named by
    `obj` (a model instance) or, when it no longer exists, by `object_ref` (type label, primary key).
    An export (action `export`) names its format (`csv`, `pdf`, …). A refusal without an organisation gets
    the actor's own (see `_actor_for_refusal`)."""
    context = request_context.get()
    if obj is not None:
        object_ref = (obj._meta.label_lower, str(obj.pk))
    if outcome == AuditOutcome.DENIED:
        actor = _actor_for_refusal(actor, dossier)
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
        export_format=export_format,
        client_ip=context.client_ip,
        request_id=context.request_id,
    )


def audit_append_entries(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Sign and store entries: one INSERT, no lock on any shared row. They are chained shortly after."""
    if not entries:
        return entries
    keys = audit_keys()
    now = timezone.now()
    for entry in entries:
        entry.occurred_at = now
        entry.uid = uuid.uuid4()
        entry.key_id = keys.current_id
        entry.mac = compute_mac(entry) or ""  # the current key is always configured
    _insert(entries)
    context = request_context.get()
    if context.request_id and any(entry.outcome == AuditOutcome.DENIED for entry in entries):
        context.refusals.append(entries[-1].sequence)
    _chain_soon()
    return entries


def _insert(entries: list[AuditEntry]) -> None:
    """INSERT the entries, one multi-row statement per batch, and set the `sequence` the database gave each
    (matched by `uid`, whatever order RETURNING yields). What bulk_create does, without its per-object and
    per-value bookkeeping, which cost more than the statement itself on a list page's 25 entries: a string,
    a number or nothing goes to the driver as it is, anything else (UUIDs, the time, the field list)
    through the field's own conversion."""
    meta = AuditEntry._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    row = f"({', '.join(['%s'] * len(fields))})"
    returning = f"{quote('sequence')}, {quote('uid')}"  # the columns are named as the fields
    by_uid = {str(entry.uid): entry for entry in entries}
    batch = max(1, connection.ops.bulk_batch_size(fields, entries))
    with connection.cursor() as cursor:
        for start in range(0, len(entries), batch):
            part = entries[start : start + batch]
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns})"  # noqa: S608
                f" VALUES {', '.join([row] * len(part))} RETURNING {returning}",
                [_db_value(field, getattr(entry, field.attname)) for entry in part for field in fields],
            )
            for sequence, uid in cursor.fetchall():
                by_uid[str(uuid.UUID(str(uid)))].sequence = sequence


def _db_value(field: Any, value: Any) -> Any:
    if value is None or type(value) in (str, int):
        return value
    return field.get_db_prep_save(value, connection)


def audit_append(**kwargs: Any) -> AuditEntry:
    """Append one entry (arguments as for `audit_entry`)."""
    return audit_append_entries([audit_entry(**kwargs)])[0]


_chain_lock = threading.Lock()
_next_chain_at = 0.0


def _chain_soon() -> None:
    """After the appending transaction commits, chain what is pending: at most once per interval per process,
    and never waiting for another chainer (it skips when one is at work)."""
    global _next_chain_at
    interval = settings.KRING_AUDIT_CHAIN_SECONDS
    if interval < 0:
        return
    with _chain_lock:
        moment = time.monotonic()
        if moment < _next_chain_at:
            return
        _next_chain_at = moment + interval
    transaction.on_commit(_chain_quietly)


def _chain_quietly() -> None:
    """Chain after a request's commit: one batch at most, so that a backlog (after downtime of the timers)
    never makes a user's request slow; `chain_audit_log` and `verify_audit_chain` catch up completely. Any
    failure is only logged: the response was already decided and the entries stay for the next run."""
    try:
        audit_chain_pending(max_batches=1)
    except Exception as error:
        # Only the error's type: its message or traceback could quote entry values (names, references).
        logger.warning(
            "Chaining the audit log failed (%s); the next run picks the entries up", type(error).__name__
        )


def _link_key_id(entry: AuditEntry) -> str:
    """The key of an entry's link: its own key, or the current one for an entry whose key is unknown here
    (a forged or unkeyed entry still gets a place in the chain; its MAC names it as forged)."""
    keys = audit_keys()
    return entry.key_id if entry.key_id in keys.secrets else keys.current_id


def _link(entry: AuditEntry, previous_hash: str) -> str:
    message = f"kring-audit-link|{previous_hash}|{entry.chain_position}|{entry.sequence}|{entry.mac}"
    link = audit_keys().sign(_link_key_id(entry), message)
    assert link is not None  # the current key always exists
    return link


def _fill_chain_fields(entries: list[AuditEntry]) -> None:
    """One UPDATE per entry, in chain order (the trigger of audit/0007 checks each against the head, which a
    single UPDATE of many rows would visit in any order), sent together (psycopg pipelines executemany)."""
    if not entries:
        return
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET chain_position = %s, previous_hash = %s, entry_hash = %s"  # noqa: S608
            " WHERE sequence = %s AND chain_position IS NULL",
            [(e.chain_position, e.previous_hash, e.entry_hash, e.sequence) for e in entries],
        )
        filled = cursor.rowcount
    if filled != len(entries):  # one was chained meanwhile by someone else: the next run starts from the head
        raise DatabaseError("an audit entry was chained outside the chainer")


def audit_chain_pending(*, max_batches: int | None = None) -> int:
    """Chain every entry visible now (or at most `max_batches` batches of CHAIN_BATCH), in order of its
    number, after the current end of the chain; return how many. Returns at once (0) when another chainer
    holds the chain head.

    The gap problem: an entry numbered 10 may commit after entry 11 was chained. It is not squeezed in
    before 11: entries are chained in the order the chainer *sees* them (a committed prefix can never change,
    because chain positions are only ever handed out after the current end), so entry 10 simply gets the next
    free position. The chain order is therefore the order of commit as seen by the chainer, not strictly the
    order of `sequence`; nothing waits for slow transactions and nothing is skipped.

    A position after the head that is already taken (a row put there without the chainer: on PostgreSQL only
    by someone who switched the triggers off, elsewhere by anyone with the database file) never stops the
    chainer: that row is taken into the chain where it stands, verify_audit_chain names it (its link does
    not hold), and the chain goes on after it. A row put far beyond the end stays outside and is named too.

    Each entry is filled in by one UPDATE, in chain order: on PostgreSQL the trigger of audit/0007 accepts
    only the position after the head and moves the head onto the entry; the head saved at the end of the
    batch then writes the values it already has. On SQLite (no triggers) that save moves it.
    """
    chained = 0
    batches = 0
    while max_batches is None or batches < max_batches:
        batches += 1
        with transaction.atomic():
            head = AuditChainHead.objects.select_for_update(skip_locked=True).filter(pk=1).first()
            if head is None:
                if AuditChainHead.objects.filter(pk=1).exists():
                    return chained  # another chainer is at work; it or the next run takes ours
                head = AuditChainHead.objects.create(pk=1)
            pending = AuditEntry.objects.filter(chain_position__isnull=True).order_by("sequence")
            batch = list(pending[:CHAIN_BATCH])
            if not batch:
                return chained
            position, previous_hash = head.last_sequence, head.last_hash
            beyond = AuditEntry.objects.filter(chain_position__gt=position)
            taken = dict(beyond.values_list("chain_position", "entry_hash"))
            links: list[AuditEntry] = []
            for entry in batch:
                position += 1
                while position in taken:  # placed there without the chainer: it stays, as a named break
                    _fill_chain_fields(links)
                    links = []
                    previous_hash = taken[position] or ""
                    AuditChainHead.objects.filter(pk=1).update(
                        last_sequence=position, last_hash=previous_hash
                    )
                    position += 1
                entry.chain_position = position
                entry.previous_hash = previous_hash
                entry.entry_hash = previous_hash = _link(entry, previous_hash)
                links.append(entry)
            _fill_chain_fields(links)
            head.last_sequence = position
            head.last_hash = previous_hash
            head.save(update_fields=["last_sequence", "last_hash"])
        chained += len(batch)
    return chained


@dataclass(frozen=True)
class ChainBreak:
    """One place where the log does not hold: the chain position and/or the entry's number, and what."""

    problem: str
    position: int | None = None
    sequence: int | None = None

    def describe(self) -> str:
        where = [f"entry #{self.sequence}"] if self.sequence is not None else []
        where += [f"chain position {self.position}"] if self.position is not None else []
        return f"{' at '.join(where)}: {self.problem}"


def audit_chain_head() -> tuple[int, str]:
    """(chain position, hash) of the newest chained entry: an anchor to keep outside the database."""
    head = AuditChainHead.objects.filter(pk=1).first()
    return (head.last_sequence, head.last_hash) if head else (0, GENESIS_HASH)


def _entry_problem(entry: AuditEntry, keyed_seen: bool) -> str | None:
    """What is wrong with one entry's content (not its link), if anything.

    An unsigned entry is accepted only as one written before the MAC, and only up to the chain position
    KRING_AUDIT_LEGACY_UNTIL: that boundary comes from the configuration, never from the database, or
    someone with the database login could rewrite the whole log as "old" unsigned entries."""
    if not entry.key_id:
        legacy = (entry.chain_position or 0) <= settings.KRING_AUDIT_LEGACY_UNTIL
        if keyed_seen or entry.uid is not None or not legacy:
            return "it carries no MAC (written without the key)"
        return None  # written before the MAC; its unkeyed hash is checked with the link
    if entry.key_id not in audit_keys().secrets:
        return f"it names the key {entry.key_id!r}, which is not configured (forged, or the key is missing)"
    if compute_mac(entry) != entry.mac:
        return "its content does not match its MAC (altered, or written without the key)"
    return None


def _link_problem(entry: AuditEntry, previous_hash: str) -> str | None:
    if entry.previous_hash != previous_hash:
        return "its link to the previous entry does not match"
    if not entry.key_id and entry.uid is None:
        expected = compute_hash(entry, previous_hash)
    else:
        expected = _link(entry, previous_hash)
    if expected != entry.entry_hash:
        return "its chain link does not match its key (altered, or chained without the key)"
    return None


def audit_chain_breaks(
    anchor: tuple[int, str] | None = None, *, anchors: Iterable[tuple[int, str]] = ()
) -> Iterator[ChainBreak]:
    """Walk the chain from the start and yield every place where it does not hold: an entry altered or
    written without the key (MAC), a link altered, removed entries (a missing position, or the newest ones),
    entries chained outside the chainer, and entries left unchained longer than the grace period.

    The head is read first and the walk stops there, so entries chained meanwhile are no false alarm.
    `anchor`/`anchors` are (position, hash) pairs recorded earlier outside the database: each must still be
    in the chain, which catches a history rewritten wholesale by someone who could switch the triggers off.
    """
    head = AuditChainHead.objects.filter(pk=1).first()
    last = head.last_sequence if head else 0
    if head is None and AuditEntry.objects.filter(chain_position__isnull=False).exists():
        yield ChainBreak("the chain head is missing", position=1)
        return
    expected = {position: entry_hash for position, entry_hash in anchors if position > 0}
    if anchor is not None and anchor[0] > 0:
        expected[anchor[0]] = anchor[1]
    expected_position = 1
    previous_hash = GENESIS_HASH
    previous_sequence = None
    keyed_seen = False
    entries = AuditEntry.objects.filter(chain_position__lte=last).order_by("chain_position")
    for entry in entries.iterator(chunk_size=CHAIN_BATCH):
        if entry.chain_position != expected_position:
            after = f" after entry #{previous_sequence}" if previous_sequence is not None else ""
            yield ChainBreak(f"the entry at this position{after} was removed", position=expected_position)
        # What is wrong with the content is named before what is wrong with the link (it is the cause).
        for problem in (
            _entry_problem(entry, keyed_seen),
            _link_problem(entry, previous_hash) if entry.chain_position == expected_position else None,
        ):
            if problem:
                yield ChainBreak(problem, position=entry.chain_position, sequence=entry.sequence)
        keyed_seen = keyed_seen or bool(entry.key_id)
        assert entry.chain_position is not None  # the walk reads chained entries only
        anchored = expected.pop(entry.chain_position, None)
        if anchored is not None and anchored != entry.entry_hash:
            yield ChainBreak(
                "it differs from the anchor recorded outside the database",
                position=entry.chain_position,
                sequence=entry.sequence,
            )
        previous_hash = entry.entry_hash or ""
        previous_sequence = entry.sequence
        expected_position = entry.chain_position + 1
    if head is not None and (expected_position - 1 != last or previous_hash != head.last_hash):
        yield ChainBreak("the newest entries were removed (the chain head points further)", position=last)
    for position in sorted(expected):
        if position <= last:
            yield ChainBreak("the anchored entry is no longer in the chain", position=position)
        else:
            yield ChainBreak("the anchor lies beyond the chain's end (entries removed)", position=position)
    yield from _stray_entries()


def _stray_entries() -> Iterator[ChainBreak]:
    """Entries outside the chain: placed beyond its end without the chainer, or never chained."""
    head = AuditChainHead.objects.filter(pk=1).first()
    stray = AuditEntry.objects.filter(chain_position__gt=head.last_sequence if head else 0)
    first = stray.order_by("chain_position").first()
    if first is not None:
        yield ChainBreak(
            "it was put in the chain beyond its end, not by the chainer (forged)",
            position=first.chain_position,
            sequence=first.sequence,
        )
    cutoff = timezone.now() - timedelta(seconds=settings.KRING_AUDIT_UNCHAINED_GRACE_SECONDS)
    unchained = AuditEntry.objects.filter(chain_position__isnull=True, occurred_at__lt=cutoff)
    first = unchained.order_by("sequence").first()
    if first is not None:
        yield ChainBreak(
            "it was never chained (the chainer did not run, or could not link it)", sequence=first.sequence
        )


@dataclass
class AnchorStore:
    """The anchors kept outside the database: a file that lines are appended to, or a directory that gets
    one new file per anchor (for write-once or append-only storage)."""

    path: Path
    written: list[Path] = field(default_factory=list)

    def read(self) -> list[tuple[int, str]]:
        files = sorted(self.path.glob("*.anchor")) if self.path.is_dir() else [self.path]
        anchors = []
        for name in files:
            if not name.exists():
                continue
            for line in name.read_text(encoding="utf-8").splitlines():
                parsed = parse_anchor(line.split()[-1]) if line.strip() else None
                if parsed is not None:
                    anchors.append(parsed)
        return anchors

    def write(self, anchor: tuple[int, str]) -> Path:
        stamp = timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        line = f"{stamp} {anchor[0]}:{anchor[1]}\n".encode()
        if self.path.is_dir():
            target = self.path / f"{anchor[0]:012d}-{stamp.replace(':', '')}.anchor"
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        else:
            target = self.path
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        descriptor = os.open(target, flags, 0o640)
        try:
            os.write(descriptor, line)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        self.written.append(target)
        return target


def parse_anchor(text: str) -> tuple[int, str] | None:
    position, separator, entry_hash = text.strip().partition(":")
    if not separator or not position.isdigit() or len(entry_hash) != 64:
        return None
    if any(character not in "0123456789abcdef" for character in entry_hash):
        return None
    return int(position), entry_hash


def anchor_store() -> AnchorStore | None:
    """The configured place for anchors outside the database (KRING_AUDIT_ANCHOR_PATH), if any."""
    path = settings.KRING_AUDIT_ANCHOR_PATH
    return AnchorStore(Path(path)) if path else None
