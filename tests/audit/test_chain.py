"""The audit log's integrity: lock-free appends, the chainer (and its gap handling), keyed MACs that nobody
with only database access can forge, and anchors kept outside the database."""

import hashlib
import io
import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from kring.audit.keys import parse_keys
from kring.audit.models import AuditChainHead, AuditEntry
from kring.audit.services import (
    GENESIS_HASH,
    Actor,
    audit_append,
    audit_append_entries,
    audit_chain_breaks,
    audit_chain_pending,
    audit_entry,
    compute_hash,
    compute_mac,
)

from ..factories import MembershipFactory

ROOT = Path(__file__).resolve().parents[2]
OTHER_KEY = "other:" + "z" * 40


def _tamper(sql: str, params: list) -> None:
    """Change history the way someone with the application's database login would: the triggers of PostgreSQL
    are switched off around it (as only the table owner could), so the MAC alone must catch it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")


def _insert_as_owner(entries: list[AuditEntry]) -> None:
    """Insert rows the application's login may not insert (already chained, or unsigned): on PostgreSQL only
    a role that can switch the insert trigger off could do it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER kring_audit_insert_unchained")
        AuditEntry.objects.bulk_create(entries)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER kring_audit_insert_unchained")


def _some_entries(n: int = 5, *, chain: bool = True) -> list[AuditEntry]:
    actor = Actor.for_user(MembershipFactory().user)
    entries = [audit_append(actor=actor, action="read") for _ in range(n)]
    if chain:
        audit_chain_pending()
        for entry in entries:
            entry.refresh_from_db()
    return entries


def _first_break() -> str:
    with pytest.raises(CommandError) as error:
        call_command("verify_audit_chain", stdout=io.StringIO())
    assert error.value.returncode == 1
    return str(error.value)


def _forge(**overrides) -> AuditEntry:
    """An entry inserted directly, as with the application's database login: no key, so no valid MAC."""
    entry = audit_entry(actor=Actor(user_id=7, username="fatima.ouali"), action="read")
    entry.occurred_at = timezone.now()
    entry.uid = uuid.uuid4()
    entry.key_id = "test"
    entry.mac = hashlib.sha256(b"a guess").hexdigest()
    for name, value in overrides.items():
        setattr(entry, name, value)
    if entry.chain_position is None and entry.key_id and entry.uid is not None:
        AuditEntry.objects.bulk_create([entry])  # as the application's database login can
    else:
        _insert_as_owner([entry])  # chained or unsigned: PostgreSQL's insert trigger refuses the app's login
    return entry


def test_appends_are_numbered_and_signed_then_chained_in_order(db):
    entries = _some_entries(4, chain=False)
    assert all(entry.chain_position is None and entry.mac for entry in entries)
    assert [entry.sequence for entry in entries] == sorted(entry.sequence for entry in entries)
    assert audit_chain_pending() == 4
    positions = list(AuditEntry.objects.order_by("sequence").values_list("chain_position", flat=True))
    assert positions == [1, 2, 3, 4]
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (4, AuditEntry.objects.get(chain_position=4).entry_hash)
    assert audit_chain_pending() == 0
    assert list(audit_chain_breaks()) == []
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert "Audit chain intact: 4 entries verified" in out.getvalue()


def test_an_append_takes_one_insert_and_no_lock(db, django_assert_num_queries):
    actor = Actor(user_id=None, username="snel")
    audit_append(actor=actor, action="read")  # the first append may create the membership cache etc.
    with django_assert_num_queries(1) as captured:
        audit_append(actor=actor, action="read")
    assert captured.captured_queries[0]["sql"].lstrip().upper().startswith("INSERT")


def test_verify_chains_what_is_pending_first(db):
    _some_entries(3, chain=False)
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert "3 entries verified" in out.getvalue()
    assert not AuditEntry.objects.filter(chain_position__isnull=True).exists()


def test_the_chain_command(db):
    _some_entries(2, chain=False)
    out = io.StringIO()
    call_command("chain_audit_log", stdout=out)
    assert out.getvalue().strip() == "2 audit entries chained."


def test_an_entry_rewritten_without_the_key_is_named(db):
    entries = _some_entries()
    _tamper("UPDATE audit_auditentry SET actor_username = %s WHERE sequence = %s", ["x", entries[2].sequence])
    message = _first_break()
    assert f"entry #{entries[2].sequence} at chain position 3: its content does not match its MAC" in message


def test_an_entry_rewritten_before_it_was_chained_is_named(db):
    entries = _some_entries(3, chain=False)
    _tamper("UPDATE audit_auditentry SET action = %s WHERE sequence = %s", ["delete", entries[1].sequence])
    assert f"entry #{entries[1].sequence} at chain position 2: its content does not match" in _first_break()


def test_a_rewritten_entry_with_a_recomputed_unkeyed_hash_is_still_named(db):
    """The attack of issue 19: rewrite an entry and recompute plain SHA-256 hashes, as for the old chain."""
    entries = _some_entries(3)
    target = entries[1]
    target.actor_username = "fatima.ouali"
    forged_mac = hashlib.sha256(str(target.uid).encode()).hexdigest()
    _tamper(
        "UPDATE audit_auditentry SET actor_username = %s, mac = %s, entry_hash = %s WHERE sequence = %s",
        ["fatima.ouali", forged_mac, compute_hash(target, target.previous_hash), target.sequence],
    )
    assert f"entry #{target.sequence} at chain position 2" in _first_break()


def test_a_forged_entry_appended_without_the_key_is_named(db):
    _some_entries(3)
    forged = _forge()
    message = _first_break()  # the chainer gives it a place; its MAC names it
    assert f"entry #{forged.sequence} at chain position 4: its content does not match its MAC" in message


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"key_id": "2019"}, "names the key '2019', which is not configured"),
        ({"key_id": "", "mac": "", "uid": None}, "carries no MAC"),
        ({"key_id": "", "mac": ""}, "carries no MAC"),
    ],
)
def test_forged_entries_with_other_or_no_keys_are_named(overrides, problem, db):
    _some_entries(2)
    forged = _forge(**overrides)
    assert f"entry #{forged.sequence} at chain position 3: it" in _first_break()
    assert problem in _first_break()


def test_a_forged_entry_signed_with_another_key_is_named(db, settings):
    _some_entries(2)
    entry = audit_entry(actor=Actor(user_id=7, username="fatima.ouali"), action="read")
    settings.KRING_AUDIT_KEY = "test:" + "q" * 40  # the forger's guess at the key, under the right id
    forged = audit_append_entries([entry])[0]
    settings.KRING_AUDIT_KEY = os.environ["KRING_AUDIT_KEY"]
    message = _first_break()
    assert f"entry #{forged.sequence} at chain position 3: its content does not match its MAC" in message


def test_a_copy_of_a_signed_entry_cannot_be_added(db):
    original = _some_entries(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        _forge(uid=original.uid, key_id=original.key_id, mac=original.mac)


def test_a_rewritten_link_is_named(db):
    entries = _some_entries(3)
    _tamper(
        "UPDATE audit_auditentry SET entry_hash = %s WHERE sequence = %s", ["f" * 64, entries[2].sequence]
    )
    assert "chain position 3: its chain link does not match its key" in _first_break()


def test_a_removed_entry_is_named(db):
    entries = _some_entries()
    _tamper("DELETE FROM audit_auditentry WHERE sequence = %s", [entries[1].sequence])
    message = _first_break()
    assert f"chain position 2: the entry at this position after entry #{entries[0].sequence} was removed" in (
        message
    )


def test_removing_the_newest_entries_is_detected(db):
    entries = _some_entries()
    _tamper("DELETE FROM audit_auditentry WHERE sequence = %s", [entries[-1].sequence])
    assert "newest entries were removed" in _first_break()


def test_an_entry_placed_in_the_chain_by_hand_is_named(db):
    _some_entries(2)
    forged = _forge(chain_position=10**9, previous_hash="0" * 64, entry_hash="e" * 64)
    later = _some_entries(2)  # far beyond the end, it is in nobody's way
    assert [entry.chain_position for entry in later] == [3, 4]
    assert f"entry #{forged.sequence} at chain position {10**9}: it was put in the chain beyond its end" in (
        _first_break()
    )


def test_the_chainer_goes_on_past_a_row_put_at_its_next_position(db):
    """A pending entry given the next free position by hand (PostgreSQL's triggers refuse that to the
    application's login; on SQLite anyone with the file can) used to stop the chainer for good: every later
    entry wanted that position. It is taken into the chain where it stands, named, and the chain goes on."""
    _some_entries(2)
    tampered, *later = _some_entries(3, chain=False)
    _tamper(
        "UPDATE audit_auditentry SET chain_position = 3, previous_hash = %s, entry_hash = %s"
        " WHERE sequence = %s",
        ["0" * 64, "e" * 64, tampered.sequence],
    )
    assert audit_chain_pending() == 2
    assert [AuditEntry.objects.get(pk=entry.pk).chain_position for entry in later] == [4, 5]
    assert AuditChainHead.objects.get().last_sequence == 5
    breaks = [chain_break.describe() for chain_break in audit_chain_breaks()]
    assert breaks == [
        f"entry #{tampered.sequence} at chain position 3: its link to the previous entry does not match"
    ]
    more = _some_entries(1)  # and it stays unblocked
    assert more[0].chain_position == 6
    assert _first_break() == f"Audit chain broken at {breaks[0]}."


def test_an_entry_left_unchained_is_named(db):
    entries = _some_entries(3, chain=False)
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        with pytest.raises(CommandError, match=rf"entry #{entries[0].sequence}: it was never chained"):
            call_command("verify_audit_chain", no_chain=True, stdout=io.StringIO())
        assert list(audit_chain_breaks()) != []
    assert list(audit_chain_breaks()) == []  # within the grace period, pending entries are no alarm


def test_the_chainer_never_reorders_a_chained_prefix(db):
    """The gap problem: a number handed out to a transaction that commits after higher numbers were chained.
    The late entry is chained after the end; what was chained before stays exactly as it was."""
    early = _some_entries(2)
    late = audit_entry(actor=Actor(user_id=None, username="traag"), action="read")
    late.sequence = early[0].sequence - 1 if early[0].sequence > 1 else 10**9  # a number from "before"
    newer = _some_entries(1)  # numbered higher, chained first
    before = list(AuditEntry.objects.order_by("chain_position").values_list("sequence", "entry_hash"))
    audit_append_entries([late])  # now "commits"
    assert audit_chain_pending() == 1
    after = list(AuditEntry.objects.order_by("chain_position").values_list("sequence", "entry_hash"))
    assert after[: len(before)] == before
    assert after[-1][0] == late.sequence
    assert AuditEntry.objects.get(sequence=late.sequence).chain_position == 4
    assert newer[0].chain_position == 3
    assert list(audit_chain_breaks()) == []


def test_rotating_the_key(db, settings):
    old = _some_entries(2)
    settings.KRING_AUDIT_KEY = "2027:" + "n" * 40 + " " + os.environ["KRING_AUDIT_KEY"]
    new = _some_entries(2)
    assert {entry.key_id for entry in old} == {"test"}
    assert {entry.key_id for entry in new} == {"2027"}
    assert list(audit_chain_breaks()) == []
    settings.KRING_AUDIT_KEY = "2027:" + "n" * 40  # the old key dropped too early
    assert f"entry #{old[0].sequence} at chain position 1: it names the key 'test'" in _first_break()


def _legacy_entries(count: int) -> list[AuditEntry]:
    """Entries as written before the MAC (no key, no uid, the plain SHA-256 chain), the head after them."""
    previous_hash = GENESIS_HASH
    legacy = []
    for position in range(1, count + 1):
        entry = audit_entry(actor=Actor(user_id=None, username="vroeger"), action="read")
        entry.sequence = entry.chain_position = position
        entry.occurred_at = timezone.now()
        entry.previous_hash = previous_hash
        entry.entry_hash = previous_hash = compute_hash(entry, previous_hash)
        legacy.append(entry)
    _insert_as_owner(legacy)
    head = {"last_sequence": count, "last_hash": previous_hash}
    with (
        connection.cursor() as cursor
    ):  # as the chain of old moved the head; the trigger of audit/0007 refuses it
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditchainhead DISABLE TRIGGER kring_audit_head_forward_only")
        AuditChainHead.objects.update_or_create(pk=1, defaults=head)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditchainhead ENABLE TRIGGER kring_audit_head_forward_only")
    return legacy


def test_entries_from_before_the_mac_still_verify_and_are_protected(db, settings):
    """Entries of the plain SHA-256 chain keep verifying up to the configured boundary; the first keyed link
    covers the last of them."""
    settings.KRING_AUDIT_LEGACY_UNTIL = 2
    legacy = _legacy_entries(2)
    _some_entries(2)
    assert list(audit_chain_breaks()) == []
    # rewriting an old entry consistently (recomputing its unkeyed hashes) still breaks the first keyed link
    legacy[1].actor_username = "iemand"
    rewritten = compute_hash(legacy[1], legacy[1].previous_hash)
    _tamper(
        "UPDATE audit_auditentry SET actor_username = %s, entry_hash = %s WHERE sequence = 2",
        ["iemand", rewritten],
    )
    _tamper("UPDATE audit_auditentry SET previous_hash = %s WHERE chain_position = 3", [rewritten])
    assert "chain position 3: its chain link does not match its key" in _first_break()


def test_a_log_rewritten_as_unsigned_old_entries_is_named(db, settings):
    """Without the key, someone with the database login replaces the whole log by "pre-MAC" entries with a
    consistent unkeyed chain. Where unsigned entries end is configured outside the database: by default
    (a new install) none is accepted, and none above the configured position."""
    _some_entries(2)
    _tamper("DELETE FROM audit_auditentry", [])
    _rewind_head()
    _legacy_entries(3)
    assert "entry #1 at chain position 1: it carries no MAC" in _first_break()
    settings.KRING_AUDIT_LEGACY_UNTIL = 2
    assert "entry #3 at chain position 3: it carries no MAC" in _first_break()
    settings.KRING_AUDIT_LEGACY_UNTIL = 3
    assert list(audit_chain_breaks()) == []


def test_the_anchor_is_written_outside_and_catches_a_rewritten_history(db, settings, tmp_path):
    settings.KRING_AUDIT_ANCHOR_PATH = str(tmp_path / "anchors.log")
    _some_entries(3)
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert out.getvalue().splitlines()[1].startswith("anchor: 3:")
    assert (tmp_path / "anchors.log").read_text().split()[-1] == out.getvalue().splitlines()[1].split()[-1]
    # someone with the key and the rights to switch the triggers off rewrites everything, consistently
    _tamper("DELETE FROM audit_auditentry", [])
    _rewind_head()
    _some_entries(4)
    with pytest.raises(CommandError, match="chain position 3: it differs from the anchor"):
        call_command("verify_audit_chain", stdout=io.StringIO())
    assert len((tmp_path / "anchors.log").read_text().splitlines()) == 1  # a broken chain is not anchored


def test_anchors_in_a_directory_are_new_files(db, settings, tmp_path):
    settings.KRING_AUDIT_ANCHOR_PATH = str(tmp_path)
    _some_entries(2)
    call_command("verify_audit_chain", stdout=io.StringIO())
    _some_entries(1)
    call_command("verify_audit_chain", stdout=io.StringIO())
    files = sorted(tmp_path.glob("*.anchor"))
    assert [name.name[:12] for name in files] == ["000000000002", "000000000003"]
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out, no_write_anchor=True)
    assert "(2 kept anchors checked)" in out.getvalue()
    _tamper("DELETE FROM audit_auditentry", [])
    _rewind_head()
    _some_entries(1)
    with pytest.raises(CommandError, match="anchor lies beyond the chain's end"):
        call_command("verify_audit_chain", stdout=io.StringIO())


def test_an_anchor_given_by_hand(db):
    _some_entries(2)
    head = AuditChainHead.objects.get()
    call_command("verify_audit_chain", anchor=f"2:{head.last_hash}", stdout=io.StringIO())
    with pytest.raises(CommandError, match="chain position 2: it differs from the anchor"):
        call_command("verify_audit_chain", anchor="2:" + "a" * 64, stdout=io.StringIO())


def _rewind_head() -> None:
    if connection.vendor == "postgresql":
        _tamper("ALTER TABLE audit_auditchainhead DISABLE TRIGGER kring_audit_head_forward_only", [])
    AuditChainHead.objects.filter(pk=1).update(last_sequence=0, last_hash="0" * 64)


def test_a_malformed_anchor_is_refused(db):
    with pytest.raises(CommandError, match="--anchor must look like"):
        call_command("verify_audit_chain", anchor="12:xyz")


def test_a_missing_head_with_chained_entries_is_a_break(db):
    _some_entries(1)
    _rewind_head()
    AuditChainHead.objects.all().delete()
    assert next(audit_chain_breaks()).problem == "the chain head is missing"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("no-id-here" + "x" * 40, "ID:SECRET"),
        ("a:short", "too short"),
        ("a:" + "x" * 40 + ",a:" + "y" * 40, "given twice"),
        (" ", "empty"),
    ],
)
def test_bad_key_settings_are_refused(value, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        parse_keys(value)


def test_keys_rotate_with_the_first_one_signing():
    keys = parse_keys(f"2027:{'n' * 40}, 2026:{'o' * 40}")
    assert keys.current_id == "2027"
    assert keys.sign("2026", "x") != keys.sign("2027", "x")
    assert keys.sign("2019", "x") is None


def test_production_refuses_to_start_without_an_audit_key(tmp_path):
    key_file = tmp_path / "audit.key"
    key_file.write_text("prod:" + "k" * 40 + "\n")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("KRING_", "DJANGO_"))}
    base.update(
        KRING_SECRET_KEY="s" * 60,
        KRING_ALLOWED_HOSTS="kring.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    def check(**env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=ROOT,
            env={**base, **env},
            capture_output=True,
            text=True,
            check=False,
        )

    refused = check()
    assert refused.returncode != 0
    assert "Set KRING_AUDIT_KEY or KRING_AUDIT_KEY_FILE" in refused.stderr
    assert check(KRING_AUDIT_KEY_FILE=str(key_file)).returncode == 0
    # a malformed key stops the start with a clear message, not every request later
    malformed = check(KRING_AUDIT_KEY="prod:too-short")
    assert malformed.returncode != 0
    assert "The audit key 'prod' is too short" in malformed.stderr
    assert "prod:too-short" not in malformed.stderr.replace("KRING_AUDIT_KEY", "")


def test_debug_derives_a_development_key(settings):
    settings.DEBUG = True
    settings.KRING_AUDIT_KEY = None
    from kring.audit.keys import audit_keys

    assert audit_keys().current_id == "dev"


def test_the_mac_covers_every_recorded_field(db):
    entry = _some_entries(1)[0]
    for name, value in [("organisation_id", 99), ("export_format", "pdf"), ("client_ip", "10.9.9.9")]:
        original = getattr(entry, name)
        setattr(entry, name, value)
        assert compute_mac(entry) != entry.mac
        setattr(entry, name, original)
    assert compute_mac(entry) == entry.mac


@pytest.mark.django_db(transaction=True)
def test_appends_chain_themselves_after_commit_at_most_once_per_interval(settings, monkeypatch):
    from kring.audit import services

    monkeypatch.setattr(services, "_next_chain_at", 0.0)
    settings.KRING_AUDIT_CHAIN_SECONDS = 3600
    with transaction.atomic():
        first = audit_append(actor=Actor(user_id=None, username="a"), action="read")
        assert AuditEntry.objects.get(sequence=first.sequence).chain_position is None
    assert AuditEntry.objects.get(sequence=first.sequence).chain_position == 1  # chained after the commit
    second = audit_append(actor=Actor(user_id=None, username="b"), action="read")
    assert AuditEntry.objects.get(sequence=second.sequence).chain_position is None  # within the interval
    settings.KRING_AUDIT_CHAIN_SECONDS = 0
    monkeypatch.setattr(services, "_next_chain_at", 0.0)
    audit_append(actor=Actor(user_id=None, username="c"), action="read")
    assert not AuditEntry.objects.filter(chain_position__isnull=True).exists()
    assert list(audit_chain_breaks()) == []


def test_a_request_chains_at_most_one_batch_and_never_fails(db, settings, monkeypatch, caplog):
    """After a request's commit the chainer takes one batch: a backlog is for chain_audit_log and
    verify_audit_chain, not for a user's request. Whatever goes wrong there is logged, never raised."""
    from kring.audit import services

    settings.KRING_AUDIT_CHAIN_SECONDS = -1
    _some_entries(5, chain=False)
    monkeypatch.setattr(services, "CHAIN_BATCH", 2)
    services._chain_quietly()
    assert AuditEntry.objects.filter(chain_position__isnull=False).count() == 2

    def broken(**kwargs):
        raise RuntimeError("entry of Fatima Ouali")

    monkeypatch.setattr(services, "audit_chain_pending", broken)
    services._chain_quietly()
    assert "Chaining the audit log failed (RuntimeError)" in caplog.text
    assert "Fatima" not in caplog.text
    monkeypatch.undo()
    call_command("chain_audit_log", stdout=io.StringIO())
    assert not AuditEntry.objects.filter(chain_position__isnull=True).exists()
    assert list(audit_chain_breaks()) == []
