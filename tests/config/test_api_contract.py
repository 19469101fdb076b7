"""The API's contract (issue 19, item 7): every schema has its own name in the OpenAPI document (two
`DecisionIn` once made early-closure confirm/decline publish the chain's fields), and days are days: a number
is not read as a Unix time (`start=0` was 1 January 1970)."""

import json
import re
from collections import Counter

import pytest
from django.test import Client
from ninja import Schema

from kring.accounts.services import api_token_create
from kring.chain.index.models import Registration
from kring.config.api import api
from kring.feedback.models import ImprovementAgreement
from kring.ui.input_guard import TEXT_PATTERN

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


def _loose_days(schema: object, guarded: bool = False) -> list[str]:
    """The day fields in a pydantic core schema that are not behind IsoDate's check (a `date` node not
    wrapped in a before-validator calling `_iso_day`)."""
    if isinstance(schema, list):
        return [path for item in schema for path in _loose_days(item)]
    if not isinstance(schema, dict):
        return []
    found = [str(schema.get("ref", "a day"))] if schema.get("type") == "date" and not guarded else []
    iso = schema.get("type") == "function-before" and getattr(
        schema.get("function", {}).get("function"), "__name__", ""
    ) == ("_iso_day")
    for key, value in schema.items():
        found += [f"{key}/{path}" for path in _loose_days(value, iso and key == "schema")]
    return found


def test_every_day_the_api_reads_is_an_iso_day():
    """Every parameter and body field of type date, in every operation, is IsoDate (kring.ui.input_guard)."""
    loose = [
        (operation.methods, prefix + path, model.__name__, _loose_days(model.__pydantic_core_schema__))
        for prefix, router in api._routers
        for path, view in router.path_operations.items()
        for operation in view.operations
        for model in operation.models
    ]
    assert [entry for entry in loose if entry[3]] == []
    assert len(loose) > 100  # the walk saw the operations


def _measure(world):
    return (
        f"/api/v1/dossiers/{world.dossier.pk}/measures",
        {"child_id": 1, "kind": "ots", "started_on": None},
        "started_on",
        world.dossier.measures,
    )


def _agreement(world):
    return (
        f"/api/v1/dossiers/{world.dossier.pk}/feedback/agreements",
        {"topic": "listen", "text": "Elke week bellen", "who": "Sanne", "made_on": None},
        "made_on",
        ImprovementAgreement.objects,
    )


def _registration(world):
    body = {
        "first_name": "Sasja",
        "last_name": "Jansen",
        "date_of_birth": None,
        "category": "safety",
        "contact_name": "Ans Contact",
        "contact_details": "06-12345678",
    }
    return "/api/v1/signals/registrations", body, "date_of_birth", Registration.objects


@pytest.mark.parametrize("write", [_measure, _agreement, _registration])
@pytest.mark.parametrize("day", [0, "0", "2026-13-01", "tomorrow", "2026-02-30"])
def test_a_bad_day_in_a_write_is_a_translated_422_and_stores_nothing(world, bearer, write, day):
    url, body, field, stored = write(world)
    response = Client().post(
        url,
        json.dumps({**body, field: day}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="nl",
        **bearer,
    )
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert [error["loc"][-1] for error in errors] == [field]
    assert "JJJJ-MM-DD" in errors[0]["msg"]  # in Dutch
    assert not stored.exists()


@pytest.mark.parametrize("day", [0, "2026-13-01", "tomorrow"])
def test_a_bad_day_in_a_query_is_a_translated_422(bearer, day):
    response = Client().get(
        "/api/v1/insights/team/indicators", {"ended_from": day}, HTTP_ACCEPT_LANGUAGE="nl", **bearer
    )
    assert response.status_code == 422, response.content
    assert "JJJJ-MM-DD" in response.json()["errors"][0]["msg"]


def test_the_document_says_what_the_input_guard_refuses():
    """Texts without control characters, whole numbers within 64 bits, and the same for properties a body
    carries beyond the declared ones (the guard reads the whole body): schemathesis' positive data then
    never meets a refusal the document does not state (tests/config/test_api_fuzz.py)."""
    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    line = components[_body_schema(document, "/api/v1/dossiers/{dossier_id}/safety/bottom-lines")]
    assert line["properties"]["text"]["pattern"] == TEXT_PATTERN
    assert line["propertyNames"]["pattern"] == TEXT_PATTERN
    assert line["additionalProperties"] == {"$ref": "#/components/schemas/JsonValue"}
    measure = components[_body_schema(document, "/api/v1/dossiers/{dossier_id}/measures")]
    assert (measure["properties"]["child_id"]["minimum"], measure["properties"]["child_id"]["maximum"]) == (
        -(2**63),
        2**63 - 1,
    )
    dossier_id = document["paths"]["/api/v1/dossiers/{dossier_id}"]["get"]["parameters"][0]["schema"]
    assert dossier_id["pattern"] == TEXT_PATTERN
    assert re.fullmatch(TEXT_PATTERN, "Geen alcohol\n\took niet") and not re.fullmatch(TEXT_PATTERN, "a\x00b")


def _body_schema(document, path):
    body = document["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    return body["$ref"].rsplit("/", 1)[1]
