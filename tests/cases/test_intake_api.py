"""The intake API: the same services, rules and audit as the pages."""

import json
from datetime import date

import pytest
import time_machine
from django.utils import translation

from kring.accounts.services import api_token_create
from kring.cases.models import Authority, CircleMember, Dossier, Participant, Person
from kring.cases.services import intake

from ..factories import DossierFactory

TODAY = date(2026, 11, 16)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(f"{TODAY.isoformat()} 10:00 +01:00", tick=False):
        yield


def _client(client, user):
    _, plain = api_token_create(user=user, name="test", verified=True)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def _post(client, headers, url, body):
    return client.post(url, data=json.dumps(body, default=str), content_type="application/json", **headers)


def _intake(world, **overrides):
    body = {
        "team_id": world.dossier.owning_team_id,
        "title": "Gezin Bakker",
        "origin_kind": "veilig_thuis",
        "origin_on": "2026-11-10",
        "case_role": "jeugdbeschermer",
        "children": [{"first_name": "Mila", "last_name": "Bakker", "date_of_birth": "2013-02-01"}],
        "carers": [{"first_name": "Eva", "last_name": "Bakker", "relation": "moeder"}],
        "authorities": [{"child": 0, "holder": 0, "source": "by_law", "started_on": "2013-02-01"}],
        "measure": {"kind": "nl_voluntary", "started_on": "2026-11-12"},
    }
    body.update(overrides)
    return body


def test_a_case_worker_opens_a_dossier_through_the_api(world, client):
    headers = _client(client, world.circle_member)
    response = _post(client, headers, "/api/v1/intake", _intake(world))
    assert response.status_code == 201, response.content
    dossier = Dossier.objects.get(pk=response.json()["id"])
    assert response.json()["reference"] == "KR-NL-2026-0043"
    assert CircleMember.objects.filter(dossier=dossier, user=world.circle_member).exists()
    assert Authority.objects.get(child__first_name="Mila").holder.first_name == "Eva"

    authorities = client.get(f"/api/v1/dossiers/{dossier.pk}/authorities", **headers)
    assert authorities.status_code == 200
    assert authorities.json()[0]["holder_name"] == "Eva Bakker"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"children": [], "authorities": []}, intake.NO_CHILD),
        (
            {"children": [{"first_name": "Sem", "last_name": "Bakker", "date_of_birth": "2027-01-01"}]},
            intake.BORN_IN_THE_FUTURE % {"name": "Sem Bakker"},
        ),
        (
            {
                "authorities": [
                    {
                        "child": 0,
                        "holder": 0,
                        "source": "by_law",
                        "started_on": "2013-02-01",
                        "ended_on": "2012-01-01",
                    }
                ]
            },
            intake.AUTHORITY_REVERSED % {"child": "Mila Bakker"},
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(world, client, overrides, message):
    response = _post(
        client, _client(client, world.circle_member), "/api/v1/intake", _intake(world, **overrides)
    )
    assert response.status_code == 422
    with translation.override("nl"):  # the API answers in the default language, Dutch
        assert str(message) in response.json()["errors"]
    assert Dossier.objects.count() == 1
    assert not Person.objects.filter(last_name="Bakker").exists()


def test_another_organisation_cannot_open_a_dossier_for_the_team(world, client):
    response = _post(client, _client(client, world.other_org), "/api/v1/intake", _intake(world))
    assert response.status_code == 404
    assert Dossier.objects.count() == 1


def test_candidates_come_only_from_my_dossiers(world, client):
    zuid = DossierFactory(owning_team=world.other_team.memberships.get().team)
    hidden = Person.objects.create(first_name="Riet", last_name="Verborgen")
    Participant.objects.create(dossier=zuid, person=hidden, role="informal", relation="oma")
    mine = Person.objects.create(first_name="Riet", last_name="Zichtbaar")
    Participant.objects.create(dossier=world.dossier, person=mine, role="informal", relation="oma")

    headers = _client(client, world.circle_member)
    response = _post(client, headers, "/api/v1/people/candidates", {"q": "Riet"})
    assert [p["last_name"] for p in response.json()] == ["Zichtbaar"]
    reuse = _intake(world, carers=[{"existing_person_id": hidden.pk, "relation": "oma", "role": "carer"}])
    reuse["authorities"] = []
    refused = _post(client, _client(client, world.circle_member), "/api/v1/intake", reuse)
    assert refused.status_code == 422
    assert Dossier.objects.count() == 2  # the world's and Zuid's: nothing new


def test_the_team_lead_transfers_through_the_api(world, client):
    zuid = world.other_team.memberships.get().team
    body = {"team_id": zuid.pk, "transferred_on": "2026-11-16", "reason": "Verhuisd"}
    url = f"/api/v1/dossiers/{world.dossier.pk}/transfer"
    assert _post(client, _client(client, world.circle_member), url, body).status_code == 404
    response = _post(client, _client(client, world.team_lead), url, body)
    assert response.status_code == 200
    assert response.json()["owning_team"] == "Team Zuid"


def test_summary_edit_from_a_stale_version_is_refused(world, client):
    headers = _client(client, world.circle_member)
    url = f"/api/v1/dossiers/{world.dossier.pk}/summary"
    version = client.get(url, **headers).json()["version"]
    first = _post(client, headers, url, {"title": "Gezin Visser", "summary": "Een", "version": version})
    assert first.status_code == 200
    stale = _post(client, headers, url, {"title": "Gezin Visser", "summary": "Twee", "version": version})
    assert stale.status_code == 422
    world.dossier.refresh_from_db()
    assert world.dossier.summary == "Een"


def test_the_candidates_search_takes_name_and_date_of_birth_only_in_the_body(world, client):
    mine = Person.objects.create(first_name="Riet", last_name="Zichtbaar", date_of_birth=date(1950, 1, 1))
    Participant.objects.create(dossier=world.dossier, person=mine, role="informal", relation="oma")
    headers = _client(client, world.circle_member)
    url = "/api/v1/people/candidates"

    assert client.get(url, {"q": "Riet", "date_of_birth": "1950-01-01"}, **headers).status_code == 405
    found = _post(client, headers, url, {"q": "Riet", "date_of_birth": "1950-01-01"})
    assert found.status_code == 200
    assert [p["last_name"] for p in found.json()] == ["Zichtbaar"]
    assert _post(client, headers, url, {"q": "Riet", "date_of_birth": "1951-01-01"}).json() == []


def test_who_may_not_transfer_gets_404_whatever_team_they_name(world, client):
    url = f"/api/v1/dossiers/{world.dossier.pk}/transfer"
    for team_id in (2**31 - 1, world.dossier.owning_team_id):
        body = {"team_id": team_id, "transferred_on": "2026-11-16", "reason": "Verhuisd"}
        assert _post(client, _client(client, world.circle_member), url, body).status_code == 404
    world.dossier.refresh_from_db()
    assert world.dossier.owning_team.name == "Team Noord"
