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
