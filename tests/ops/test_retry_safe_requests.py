"""kring.config.retry: a write is one transaction, done once when the proxy sends it twice (same key), and a
request whose database connection was cut runs once more — without doing a write twice.

The cluster run (test_cluster_load.py, bench/load.py) kills app servers and cuts connections under load;
these tests pin the rules one request at a time, on SQLite and on PostgreSQL (there with a real
pg_terminate_backend of the request's own connection)."""

import pytest
import time_machine
from django.db import OperationalError, connection
from django.test import RequestFactory, override_settings
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.cases import history_views
from kring.cases.models import Contact, ContactKind
from kring.config import retry
from kring.config.models import RequestKey

TODAY = "2026-04-20 12:00 +02:00"
KEY = "0123456789abcdef0123456789abcdef"


def _contact(note: str) -> dict:
    return {"occurred_on": "2026-04-14", "minutes": "30", "kind": ContactKind.PHONE, "note": note}


def _created(note: str) -> int:
    contacts = Contact.objects.filter(note=note)
    logged = AuditEntry.objects.filter(
        action="create", object_id__in=[str(pk) for pk in contacts.values_list("pk", flat=True)]
    )
    assert logged.count() == contacts.count(), "a stored contact without the audit entry of its creation"
    return contacts.count()


@time_machine.travel(TODAY)
@override_settings(KRING_TRUSTED_PROXIES=frozenset({"127.0.0.1"}))
def test_a_write_the_proxy_sends_twice_is_done_once_and_answered_alike(world, client_for):
    client = client_for("circle_member")
    url = reverse("dossier_contact_add", kwargs={"dossier_id": world.dossier.pk})
    first = client.post(url, _contact("twice sent"), headers={"Idempotency-Key": KEY})
    again = client.post(url, _contact("twice sent"), headers={"Idempotency-Key": KEY})
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true"
    assert _created("twice sent") == 1
    assert RequestKey.objects.get(pk=KEY).location == first["Location"]
    # another key is another request
    client.post(url, _contact("twice sent"), headers={"Idempotency-Key": KEY[::-1]})
    assert _created("twice sent") == 2


@time_machine.travel(TODAY)
@override_settings(KRING_TRUSTED_PROXIES=frozenset({"10.0.0.5"}))
def test_a_key_from_anyone_but_the_proxy_is_ignored(world, client_for):
    client = client_for("circle_member")
    url = reverse("dossier_contact_add", kwargs={"dossier_id": world.dossier.pk})
    for _ in range(2):
        assert client.post(url, _contact("client key"), headers={"Idempotency-Key": KEY}).status_code == 302
    assert _created("client key") == 2
    assert not RequestKey.objects.exists()


@time_machine.travel(TODAY)
def test_a_write_answered_with_a_server_error_leaves_nothing(world, client_for, monkeypatch):
    real = history_views.history.contact_register

    def write_then_fail(**kwargs):
        real(**kwargs)
        raise RuntimeError("a bug after the write")

    monkeypatch.setattr(history_views.history, "contact_register", write_then_fail)
    client = client_for("circle_member", raise_request_exception=False)
    url = reverse("dossier_contact_add", kwargs={"dossier_id": world.dossier.pk})
    assert client.post(url, _contact("half")).status_code == 500
    assert _created("half") == 0


def _cut_connection() -> None:
    """The request's database connection dies under it: on PostgreSQL for real (the server terminates the
    backend, as in the cluster's fault); on SQLite the error, and the connection taken as gone."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    raise OperationalError("terminating connection due to administrator command")


@pytest.fixture
def lost_on_sqlite(monkeypatch):
    if connection.vendor != "postgresql":
        monkeypatch.setattr(retry, "_gone", lambda error: True)


@time_machine.travel(TODAY)
@pytest.mark.parametrize("keyed", [False, True])
def test_a_write_whose_connection_is_cut_before_the_commit_runs_once_more_and_is_stored_once(
    world, client_for, monkeypatch, transactional_db, lost_on_sqlite, keyed
):
    real = history_views.history.contact_register
    calls = []

    def write_then_lose_the_connection(**kwargs):
        calls.append(1)
        real(**kwargs)
        if len(calls) == 1:
            _cut_connection()

    monkeypatch.setattr(history_views.history, "contact_register", write_then_lose_the_connection)
    client = client_for("circle_member", raise_request_exception=False)
    url = reverse("dossier_contact_add", kwargs={"dossier_id": world.dossier.pk})
    headers = {"Idempotency-Key": KEY} if keyed else {}
    with override_settings(KRING_TRUSTED_PROXIES=frozenset({"127.0.0.1"})):
        answer = client.post(url, _contact("cut"), headers=headers)
    assert answer.status_code == 302, answer.content[:500]
    assert len(calls) == 2
    assert _created("cut") == 1
    assert RequestKey.objects.filter(pk=KEY).count() == (1 if keyed else 0)


@time_machine.travel(TODAY)
def test_a_read_whose_connection_is_cut_runs_once_more(
    world, client_for, monkeypatch, transactional_db, lost_on_sqlite
):
    real = history_views.dossier_people
    calls = []

    def people_then_lose_the_connection(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            _cut_connection()
        return real(**kwargs)

    monkeypatch.setattr(history_views, "dossier_people", people_then_lose_the_connection)
    client = client_for("circle_member", raise_request_exception=False)
    page = client.get(reverse("dossier_contacts", kwargs={"dossier_id": world.dossier.pk}))
    assert page.status_code == 200
    assert len(calls) == 2


def test_other_database_errors_are_not_retried(world, client_for, monkeypatch):
    calls = []

    def locked(**kwargs):
        calls.append(1)
        raise OperationalError("database is locked")  # the connection is fine: not a lost connection

    monkeypatch.setattr(history_views.history, "contact_register", locked)
    client = client_for("circle_member", raise_request_exception=False)
    url = reverse("dossier_contact_add", kwargs={"dossier_id": world.dossier.pk})
    with time_machine.travel(TODAY):
        assert client.post(url, _contact("locked")).status_code == 500
    assert len(calls) == 1


@pytest.mark.django_db
def test_a_replayed_htmx_write_refreshes_the_page_and_others_are_refused():
    RequestKey.objects.create(key=KEY, status=200)
    htmx = RequestFactory().post("/x/", headers={"HX-Request": "true"})
    assert retry._replay(htmx, KEY)["HX-Refresh"] == "true"
    assert retry._replay(RequestFactory().post("/x/"), KEY).status_code == 409
    RequestKey.objects.create(key=KEY[::-1], status=303, location="/dossiers/1/")
    answer = retry._replay(RequestFactory().post("/x/"), KEY[::-1])
    assert (answer.status_code, answer["Location"]) == (303, "/dossiers/1/")


@pytest.mark.django_db
def test_old_keys_are_deleted(settings, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    settings.KRING_REQUEST_KEY_MINUTES = 60
    RequestKey.objects.create(key=KEY, status=302, created_at=timezone.now() - timedelta(minutes=61))
    RequestKey.objects.create(key=KEY[::-1], status=302)
    monkeypatch.setattr(retry, "_next_purge_at", 0.0)
    retry._purge_old_keys()
    assert list(RequestKey.objects.values_list("key", flat=True)) == [KEY[::-1]]
