"""The API's contract (issue 19, item 7): every schema has its own name in the OpenAPI document (two
`DecisionIn` once made early-closure confirm/decline publish the chain's fields), and days are days: a number
is not read as a Unix time (`start=0` was 1 January 1970)."""

import json
from collections import Counter

import pytest
from django.test import Client
from ninja import Schema

from kring.accounts.services import api_token_create
from kring.config.api import api

pytestmark = pytest.mark.django_db


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_every_schema_of_kring_has_its_own_name():
    components = api.get_openapi_schema()["components"]["schemas"]
    names = Counter(c.__name__ for c in set(_subclasses(Schema)) if c.__module__.startswith("kring."))
    assert [name for name in components if names[name] > 1] == []


def test_early_closure_decisions_publish_their_own_fields():
    schema = api.get_openapi_schema()
    paths = [
        p
        for p in schema["paths"]
        if "early-closures" in p and (p.endswith("/confirm") or p.endswith("/decline"))
    ]
    assert len(paths) == 2, list(schema["paths"])
    for path in paths:
        ref = schema["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        fields = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
        assert set(fields) == {"note"}, (path, fields)


@pytest.fixture
def bearer(world):
    _, plain = api_token_create(user=world.circle_member, name="contract", verified=True)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


@pytest.mark.parametrize("start", ["0", "1700000000", "2026-1-5", "05-01-2026", "2026-02-30"])
def test_a_day_in_the_query_is_a_day(bearer, start):
    response = Client().get("/api/v1/pathway-templates/any/schedule", {"start": start}, **bearer)
    assert response.status_code == 422, response.content


def test_an_iso_day_in_the_query_passes_validation(bearer):
    response = Client().get("/api/v1/pathway-templates/unknown/schedule", {"start": "2026-01-05"}, **bearer)
    assert response.status_code == 404  # past validation: there is no such template


@pytest.mark.parametrize("value", [0, 1767571200, "0"])
def test_a_day_in_a_body_is_a_day(world, bearer, value):
    body = {"text": "Geen alcohol", "set_by_kind": "judge", "set_by_name": "jeugdrechter", "set_on": value}
    response = Client().post(
        f"/api/v1/dossiers/{world.dossier.pk}/safety/bottom-lines",
        json.dumps(body),
        content_type="application/json",
        **bearer,
    )
    assert response.status_code == 422, response.content
    assert not world.dossier.bottom_lines.exists()
