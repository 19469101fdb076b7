"""On PostgreSQL, with real concurrent transactions: appends never wait on a shared row, the chainer handles
entries that commit out of order, and the trigger lets only the chainer fill in the chain fields once."""

import threading
import uuid

import pytest
from django.db import DatabaseError, connection, transaction

from kring.audit.models import AuditChainHead, AuditEntry
from kring.audit.services import Actor, audit_append, audit_chain_breaks, audit_chain_pending

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's concurrency")

ACTOR = Actor(user_id=None, username="gelijktijdig")


class OpenTransaction(threading.Thread):
    """Runs `work` in a transaction of its own connection and keeps it open until released."""

    def __init__(self, work) -> None:
        super().__init__(daemon=True)
        self.work = work
        self.ready = threading.Event()
        self.release = threading.Event()
        self.result = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            with transaction.atomic():
                self.result = self.work()
                self.ready.set()
                assert self.release.wait(30)
        except Exception as error:  # pragma: no cover - reported by the test
            self.error = error
            self.ready.set()
        finally:
            connection.close()

    def finish(self) -> None:
        self.release.set()
        self.join(30)
        assert self.error is None, self.error


def _no_waiting_backends() -> bool:
    with connection.cursor() as cursor:
        # this database only: other databases on the same server are none of this test's business
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] == 0


@pytest.fixture
def manual_chaining(settings):
    settings.KRING_AUDIT_CHAIN_SECONDS = -1  # the tests chain by hand
    # Migration 0004 creates the head, but an earlier transactional test empties every table; without a
    # committed head two chainers would both try to create it and the second would wait.
    AuditChainHead.objects.get_or_create(pk=1)


@pytest.mark.django_db(transaction=True)
def test_appends_do_not_wait_for_an_open_append_or_the_chainer(manual_chaining):
    open_append = OpenTransaction(lambda: audit_append(actor=ACTOR, action="read"))
    open_chainer = OpenTransaction(audit_chain_pending)  # holds the chain head's row lock
    for holder in (open_append, open_chainer):
        holder.start()
        assert holder.ready.wait(30)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")  # any wait for a lock would raise here
        for _ in range(20):
            audit_append(actor=ACTOR, action="read")
        assert _no_waiting_backends()
        assert audit_chain_pending() == 0  # a second chainer skips instead of waiting
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
        open_append.finish()
        open_chainer.finish()
    assert audit_chain_pending() == 21
    assert list(audit_chain_breaks()) == []


@pytest.mark.django_db(transaction=True)
def test_an_entry_committed_after_higher_numbers_is_chained_after_them(manual_chaining):
    slow = OpenTransaction(lambda: audit_append(actor=ACTOR, action="read"))
    slow.start()
    assert slow.ready.wait(30)
    fast = audit_append(actor=ACTOR, action="read")
    assert fast.sequence > slow.result.sequence
    assert audit_chain_pending() == 1  # the slow one is not visible yet: nothing waits for it
    slow.finish()
    assert audit_chain_pending() == 1
    positions = dict(AuditEntry.objects.values_list("sequence", "chain_position"))
    assert positions == {fast.sequence: 1, slow.result.sequence: 2}
    assert list(audit_chain_breaks()) == []


@pytest.mark.django_db(transaction=True)
def test_many_writers_and_chainers_at_once_make_one_intact_chain(settings):
    settings.KRING_AUDIT_CHAIN_SECONDS = 0  # every append tries to chain afterwards, as under load
    errors = []

    def write() -> None:
        try:
            for _ in range(25):
                audit_append(actor=ACTOR, action="read")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    audit_chain_pending()
    assert AuditEntry.objects.count() == 150
    assert sorted(AuditEntry.objects.values_list("chain_position", flat=True)) == list(range(1, 151))
    assert list(audit_chain_breaks()) == []


@pytest.mark.django_db(transaction=True)
def test_the_trigger_refuses_every_change_but_the_chainers(manual_chaining):
    entry = audit_append(actor=ACTOR, action="read")
    refused = [
        ("UPDATE audit_auditentry SET reason = 'x' WHERE sequence = %s", [entry.sequence]),
        (
            "UPDATE audit_auditentry SET chain_position = 1, reason = 'x' WHERE sequence = %s",
            [entry.sequence],
        ),
        ("DELETE FROM audit_auditentry WHERE sequence = %s", [entry.sequence]),
    ]
    for statement, params in refused:
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, params)
    assert audit_chain_pending() == 1
    # once chained, not even the chain fields change
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditentry SET entry_hash = 'x' WHERE sequence = %s", [entry.sequence])


@pytest.mark.django_db(transaction=True)
def test_the_trigger_refuses_inserting_chained_or_unsigned_entries(manual_chaining):
    """One INSERT at position head + 1 would block the chainer; an unsigned row would pass as a legacy one."""
    audit_append(actor=ACTOR, action="read")
    audit_chain_pending()
    statement = (
        "INSERT INTO audit_auditentry (occurred_at, actor_username, organisation_name, role, action, outcome,"
        " purpose, reason, dossier_reference, object_type, object_id, fields, export_format, request_id,"
        " client_ip, mac, previous_hash, uid, key_id, chain_position, entry_hash)"
        " VALUES (now(), 'x', '', '', 'read', 'allowed', 'normal', '', '', '', '', '[]', '', '', '', 'm',"
        " %s, %s, %s, %s, %s)"
    )
    refused = [  # previous_hash, uid, key_id, chain_position, entry_hash
        ["", uuid.uuid4(), "test", 2, None],
        ["", uuid.uuid4(), "test", None, "e"],
        ["p", uuid.uuid4(), "test", None, None],
        ["", None, "test", None, None],
        ["", uuid.uuid4(), "", None, None],
    ]
    for params in refused:
        with (
            pytest.raises(DatabaseError, match="inserted signed and unchained"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, params)
    # the chainer is not blocked, and the ordinary append passes
    audit_append(actor=ACTOR, action="read")
    assert audit_chain_pending() == 1
    assert list(audit_chain_breaks()) == []


@pytest.mark.django_db(transaction=True)
def test_postgres_keeps_the_chain_head_moving_forward(manual_chaining):
    for _ in range(2):
        audit_append(actor=ACTOR, action="read")
    audit_chain_pending()
    for statement in (
        "UPDATE audit_auditchainhead SET last_sequence = 1",
        "DELETE FROM audit_auditchainhead",
    ):
        with (
            pytest.raises(DatabaseError, match="only moves forward"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)


@pytest.fixture
def as_app_role(db, manual_chaining):
    """Run as the application's least-privilege role with the grants of docs/operations.md (scripts/cluster.py
    gives `make cluster` the same). The role is created inside the test's transaction, so it disappears with
    it; its name carries the database's, since roles are shared by every database of the server."""
    role = f"kring_app_{connection.settings_dict['NAME']}"
    database = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN NOSUPERUSER")
        for grant in (
            f"GRANT CONNECT ON DATABASE {database} TO {role}",
            f"GRANT USAGE ON SCHEMA public TO {role}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditentry FROM {role}",
            f"GRANT UPDATE (chain_position, previous_hash, entry_hash) ON audit_auditentry TO {role}",
            f"SET ROLE {role}",
        ):
            cursor.execute(grant)
    try:
        yield role
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def _refused(statement: str, params: list) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_the_application_role_cannot_stall_the_chainer_or_take_an_entry_out(as_app_role):
    """Issue 19: with the application's login one UPDATE of a pending entry's chain fields (position head + 1
    or beyond) made every later chaining fail on that position, or took the entry out of the chain."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == as_app_role
    audit_append(actor=ACTOR, action="read")
    assert audit_chain_pending() == 1
    head = AuditChainHead.objects.get(pk=1)
    pending, later = (audit_append(actor=ACTOR, action="read") for _ in range(2))
    fill = (
        "UPDATE audit_auditentry SET chain_position = %s, previous_hash = %s, entry_hash = %s"
        " WHERE sequence = %s"
    )
    for position, previous_hash, entry_hash in [
        (head.last_sequence + 1 + 1, head.last_hash, "e" * 64),  # beyond the next position: the stall
        (10**9, head.last_hash, "e" * 64),  # far away: out of the chain
        (head.last_sequence + 1, "0" * 64, "e" * 64),  # the next position, but not after the head
        (head.last_sequence + 1, head.last_hash, "not a link"),
        (head.last_sequence, head.last_hash, "e" * 64),  # a position already taken
    ]:
        _refused(fill, [position, previous_hash, entry_hash, pending.sequence])
    for statement in (
        "UPDATE audit_auditentry SET reason = 'x' WHERE sequence = %s",
        "DELETE FROM audit_auditentry WHERE sequence = %s",
    ):
        _refused(statement, [pending.sequence])
    # the head itself only moves onto an entry chained after it
    _refused("UPDATE audit_auditchainhead SET last_sequence = last_sequence + 1", [])
    _refused("UPDATE audit_auditchainhead SET last_hash = %s", ["e" * 64])
    assert AuditEntry.objects.filter(chain_position__isnull=True).count() == 2
    assert audit_chain_pending() == 2  # the chainer, under the same role, goes on
    assert AuditEntry.objects.get(pk=later.pk).chain_position == 3
    assert list(audit_chain_breaks()) == []


def test_an_entry_chained_by_the_application_role_without_the_key_is_named_and_the_chain_goes_on(as_app_role):
    """What the database cannot check is the link (its key is not in the database): filling in the next
    position with a made-up link is accepted, moves the head, is named by verify, and blocks nothing."""
    audit_append(actor=ACTOR, action="read")
    audit_chain_pending()
    head = AuditChainHead.objects.get(pk=1)
    tampered, later = (audit_append(actor=ACTOR, action="read") for _ in range(2))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET chain_position = %s, previous_hash = %s, entry_hash = %s"
            " WHERE sequence = %s",
            [head.last_sequence + 1, head.last_hash, "e" * 64, tampered.sequence],
        )
    assert AuditChainHead.objects.get(pk=1).last_sequence == head.last_sequence + 1
    assert audit_chain_pending() == 1
    assert AuditEntry.objects.get(pk=later.pk).chain_position == head.last_sequence + 2
    breaks = [chain_break.describe() for chain_break in audit_chain_breaks()]
    assert breaks == [
        f"entry #{tampered.sequence} at chain position {head.last_sequence + 1}: its chain link does not"
        " match its key (altered, or chained without the key)"
    ]
