"""A refused API request names what is wrong in the reader's language, not in pydantic's English."""

from django.utils import translation

from kring.accounts.services import api_token_create
from kring.ui.api import translated_errors


def test_pydantic_messages_are_translated_and_the_codes_kept():
    errors = [
        {"type": "missing", "loc": ["body", "payload", "day"], "msg": "Field required"},
        {
            "type": "string_too_long",
            "loc": ["body", "note"],
            "msg": "String should have at most 200 characters",
            "ctx": {"max_length": 200},
        },
        {
            "type": "value_error",
            "loc": ["body", "score"],
            "msg": "Value error, Een schaal loopt van 0 tot 10.",
        },
        {"type": "an_unknown_type", "loc": [], "msg": "Something"},
    ]
    with translation.override("nl"):
        out = translated_errors(errors)
    assert [e["msg"] for e in out] == [
        "Dit veld is verplicht.",
        "Geef hoogstens 200 tekens.",
        "Een schaal loopt van 0 tot 10.",
        "Something",
    ]
    assert [e["type"] for e in out] == [e["type"] for e in errors] and out[0]["loc"] == errors[0]["loc"]
    with translation.override("en"):
        assert translated_errors(errors[:1])[0]["msg"] == "This field is required."


def test_a_missing_field_in_the_api_answers_in_dutch(world, client):
    _, plain = api_token_create(user=world.circle_member, name="test", verified=True)
    response = client.post(
        "/api/v1/intake", data="{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {plain}"
    )
    assert response.status_code == 422
    messages = [error["msg"] for error in response.json()["errors"]]
    assert "Dit veld is verplicht." in messages
    assert not any("Field required" in message for message in messages)
