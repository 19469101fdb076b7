"""The API for the people around the child: participants, the circle, the family's timelines."""

import json

from django.test import Client
from django.urls import reverse

from kring.accounts.services import api_token_create
from kring.audit.models import AuditEntry


def _api(world, user=None):
    plain = api_token_create(user=user or world.circle_member, name="koppeling", verified=False)[1]
    client = Client(headers={"Authorization": f"Bearer {plain}"})

    def call(method, name, payload=None, **kwargs):
        url = reverse(name, kwargs={"dossier_id": world.dossier.pk, **kwargs})
        if payload is None:
            return getattr(client, method)(url)
        return getattr(client, method)(url, data=json.dumps(payload), content_type="application/json")

    return call


def test_participants_circle_and_timeline_through_the_api(world):
    call = _api(world)
    added = call(
        "post",
        "api:add_participant",
        {
            "first_name": "Truus",
            "last_name": "Kok",
            "role": "informal",
            "relation": "oma",
            "closeness": "inner",
        },
    )
    assert added.status_code == 201
    assert [p["relation"] for p in call("get", "api:list_participants").json()] == ["oma"]

    police = world.other_org.memberships.get()
    seat = call(
        "post",
        "api:add_to_circle",
        {"membership_id": police.pk, "case_role": "jeugdagent", "started_on": "2026-11-01"},
    )
    assert seat.status_code == 201
    ended = call("post", "api:end_seat", {"ended_on": "2026-11-20"}, seat_id=seat.json()["id"])
    assert ended.json()["ended_on"] == "2026-11-20"

    entry = call("post", "api:add_timeline_entry", {"line": "good", "year": 2025, "text": "Diploma"})
    assert entry.status_code == 201
    assert call("get", "api:list_timeline_entries").json()[0]["text"] == "Diploma"
    assert AuditEntry.objects.filter(object_type="cases.familytimelineentry", action="create").exists()


def test_bad_input_is_a_clear_422_and_saves_nothing(world):
    call = _api(world)
    for name, payload in (
        ("api:add_timeline_entry", {"line": "dromen", "text": "x"}),
        (
            "api:add_participant",
            {"first_name": "", "last_name": "Kok", "role": "informal", "relation": "oma"},
        ),
        ("api:add_to_circle", {"membership_id": 999999, "case_role": "x", "started_on": "2026-11-01"}),
    ):
        response = call("post", name, payload)
        assert response.status_code == 422, (name, response.content)
        assert isinstance(response.json()["detail"], str)
    assert not world.dossier.participants.exists()
    assert not world.dossier.family_timeline.exists()


def test_a_partner_reads_the_circle_but_not_the_network_unless_shared(world):
    police = world.other_org.memberships.get()
    world.dossier.circle.create(
        user=world.other_org, membership=police, case_role="jeugdagent", started_on="2026-01-01"
    )
    call = _api(world, user=world.other_org)
    assert call("get", "api:list_circle").status_code == 200
    assert call("get", "api:list_participants").status_code == 404
    assert call("get", "api:list_timeline_entries").status_code == 404
