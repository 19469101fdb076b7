"""A closed dossier is read-only everywhere: every write page and API operation of the permission matrix that
addresses the dossier refuses, with the reason, and changes nothing; reopening restores writing."""

import hashlib
import json

import pytest
from django.apps import apps
from django.urls import reverse

from kring.access.policy import DOSSIER_CLOSED
from kring.cases.models import DossierStatus

from ..access.test_permission_matrix import MATRIX

pytestmark = pytest.mark.django_db
WRITE_METHODS = {"post", "put", "patch", "delete"}
# Not dossier data: the access log, sessions, login throttling and the background tasks' own rows.
UNWATCHED = {"audit", "sessions", "axes", "django_tasks_database", "contenttypes", "admin"}
# Writes that a closed dossier still takes: reopening it (the point of the page).
STILL_ALLOWED = {"dossier_reopen", "api:reopen_dossier"}
# The family's own writes (kring.portal) need a family session with its second step, which the professional
# personas here do not have: tests/portal checks them on a closed dossier with the family personas.
FAMILY_WRITES = ("portal_", "api:portal_")


def _writer(case) -> str | None:
    """The first persona for whom the write succeeds on an open dossier."""
    for persona in ("circle_member", "team_lead"):
        if case.expect.get(persona, case.default) < 400:
            return persona
    return None


WALK = sorted(
    name
    for name, case in MATRIX.items()
    if case.method in WRITE_METHODS
    and name not in STILL_ALLOWED
    and not name.startswith(FAMILY_WRITES)
    and _writer(case)
)


def _fingerprint() -> str:
    """A hash of every row of every table that holds dossier data."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label in UNWATCHED:
            continue
        rows = list(model.objects.order_by("pk").values())
        digest.update(f"{model._meta.label}:{rows!r}".encode())
    return digest.hexdigest()


def _request(client, case, url, data):
    if case.json:
        return getattr(client, case.method)(
            url, data=json.dumps(data, default=str), content_type="application/json"
        )
    return getattr(client, case.method)(url, data=data)


@pytest.mark.parametrize("name", WALK)
def test_every_write_on_a_closed_dossier_is_refused_and_changes_nothing(name, world, client_for):
    case = MATRIX[name]
    url = reverse(name, kwargs=case.kwargs(world))
    if str(world.dossier.pk) not in url:
        pytest.skip("does not address a dossier")
    data = case.data(world) if callable(case.data) else case.data
    client = client_for(_writer(case))  # logging in writes last_login: before the fingerprint
    type(world.dossier).objects.filter(pk=world.dossier.pk).update(status=DossierStatus.CLOSED)
    before = _fingerprint()

    response = _request(client, case, url, data)

    if name.startswith("api:"):
        assert response.status_code == 409, f"{name}: {response.status_code} {response.content[:300]!r}"
        assert response.json() == {"detail": str(DOSSIER_CLOSED)}
    else:
        assert response.status_code == 403, f"{name}: {response.status_code}"
        assert str(DOSSIER_CLOSED) in response.content.decode()
    assert _fingerprint() == before, f"{name} changed data on a closed dossier"


def test_the_walk_covers_the_dossier_writes():
    """The walk is only as good as its list: every part of the dossier with writes is in it."""
    for name in (
        "api:start_measure",
        "dossier_measure_start",
        "api:record_placement",
        "dossier_placement_add",
        "api:propose_closure",
        "api:compose_advice",
        "safety_advice_add",
        "dossier_contact_add",
        "dossier_circle_add",
    ):
        assert name in WALK, name
    assert len(WALK) > 60


def test_reopening_restores_writing(world, client_for):
    type(world.dossier).objects.filter(pk=world.dossier.pk).update(status=DossierStatus.CLOSED)
    client = client_for("circle_member")
    url = reverse("api:add_timeline_entry", args=[world.dossier.pk])
    body = {"line": "good", "year": 2025, "text": "Diploma"}
    assert client.post(url, body, content_type="application/json").status_code == 409

    reopened = client.post(
        reverse("api:reopen_dossier", args=[world.dossier.pk]),
        {"reason": "Nieuwe melding van school."},
        content_type="application/json",
    )

    assert reopened.status_code == 200
    assert client.post(url, body, content_type="application/json").status_code == 201
    events = client.get(reverse("api:list_events", args=[world.dossier.pk])).json()["items"]
    assert any(event["kind"] == "reopened" and "Nieuwe melding" in event["summary"] for event in events)


def test_a_closed_dossier_is_still_read(world, client_for):
    type(world.dossier).objects.filter(pk=world.dossier.pk).update(status=DossierStatus.CLOSED)
    for persona in ("circle_member", "team_lead", "break_glass"):
        client = client_for(persona)
        assert client.get(reverse("dossier_detail", args=[world.dossier.pk])).status_code == 200
        assert client.get(reverse("api:get_dossier", args=[world.dossier.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["other_team", "other_org", "privacy_officer"])
def test_outsiders_still_get_404_not_the_reason(world, client_for, persona):
    type(world.dossier).objects.filter(pk=world.dossier.pk).update(status=DossierStatus.CLOSED)
    response = client_for(persona).post(
        reverse("api:add_timeline_entry", args=[world.dossier.pk]),
        {"line": "good", "year": 2025, "text": "Diploma"},
        content_type="application/json",
    )
    assert response.status_code == 404
