"""The one input guard (kring.ui.input_guard): control characters refused in every string from pages and
the API, bodies over the limits answered 413 before they are read; ordinary text (tabs, new lines, accents)
goes through, also to pages that read request.POST directly."""

import io
import json

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from kring.accounts.services import api_token_create
from kring.cases.models import Participant
from kring.safety import services
from kring.safety.models import BottomLine, PlanRule
from kring.ui.input_guard import LimitedUploadHandler, UploadTooLarge, has_control_character

from ..factories import PersonFactory

pytestmark = pytest.mark.django_db

CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f"]


@pytest.fixture
def plan(world):
    return services.plan_create(actor=None, dossier=world.dossier, title="Veiligheidsplan")


@pytest.fixture
def aunt(world):
    return Participant.objects.create(
        dossier=world.dossier, person=PersonFactory(), role="informal", relation="tante"
    )


@pytest.fixture
def api(world):
    _, plain = api_token_create(user=world.circle_member, name="guard", verified=True)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def _rule_url(plan):
    return reverse("safety_rule_add", kwargs={"dossier_id": plan.dossier.pk, "plan_id": plan.pk})


def _line(**changes):
    body = {
        "text": "Geen alcohol",
        "set_by_kind": "judge",
        "set_by_name": "jeugdrechter",
        "set_on": "2026-01-05",
    }
    return {**body, **changes}


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_every_control_character_is_recognised(char):
    assert has_control_character(f"voor{char}na")


def test_tab_newline_and_carriage_return_are_text():
    assert not has_control_character("Regel\teen\r\ntwee — één, ç, 日本")


@pytest.mark.parametrize("field", ["text", "when", "monitoring"])
def test_nul_in_a_page_that_reads_request_post_is_refused_and_stores_nothing(plan, aunt, client_for, field):
    body = {"text": "Tante is er", "participants": [aunt.pk], field: "Tante\x00 is er"}
    response = client_for("circle_member").post(_rule_url(plan), body)
    assert response.status_code == 400
    assert "controleteken" in response.content.decode()  # Dutch by default
    assert not PlanRule.objects.exists()


def test_a_control_character_in_a_field_name_or_the_query_string_is_refused(plan, aunt, client_for):
    client = client_for("circle_member")
    assert client.post(_rule_url(plan), {"text": "x", "partici\x01pants": [aunt.pk]}).status_code == 400
    assert client.post(_rule_url(plan) + "?next=%00", {"text": "x"}).status_code == 400
    assert not PlanRule.objects.exists()


def test_ordinary_text_still_reaches_the_page(plan, aunt, client_for):
    body = {"text": "Tante is er\telke avond\r\nook op zondag", "participants": [aunt.pk]}
    response = client_for("circle_member").post(_rule_url(plan), body)
    assert response.status_code == 302
    assert PlanRule.objects.get().text == "Tante is er\telke avond\r\nook op zondag"


@pytest.mark.parametrize(
    "body",
    [
        _line(text="Geen\x00alcohol"),
        _line(set_by_name="rechter\x1b"),
        {**_line(), "extra\x00": "x"},  # a key the schema does not even know
    ],
    ids=["value", "other-field", "key"],
)
def test_control_characters_in_an_api_body_answer_422(world, api, body):
    url = f"/api/v1/dossiers/{world.dossier.pk}/safety/bottom-lines"
    response = self_post(url, json.dumps(body), api)
    assert response.status_code == 422
    assert set(response.json()) == {"detail"} and "controleteken" in response.json()["detail"]
    assert not BottomLine.objects.exists()


def test_an_escaped_nul_in_json_is_refused_too(world, api):
    url = f"/api/v1/dossiers/{world.dossier.pk}/safety/bottom-lines"
    raw = json.dumps(_line()).replace("Geen alcohol", "Geen\\u0000alcohol")
    english = self_post(url, raw, api, HTTP_COOKIE=f"{settings.LANGUAGE_COOKIE_NAME}=en")
    assert english.status_code == 422 and "control character" in english.json()["detail"]
    assert not BottomLine.objects.exists()


def test_the_api_accepts_ordinary_text(world, api):
    url = f"/api/v1/dossiers/{world.dossier.pk}/safety/bottom-lines"
    response = self_post(url, json.dumps(_line(text="Geen alcohol\nook niet 's avonds")), api)
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    "extra",
    [{"min_network_adults": 2**63}, {"unknown": [1, {"deep": -(2**63) - 1}]}],
    ids=["field", "ignored-property"],
)
def test_a_whole_number_beyond_64_bits_anywhere_in_an_api_body_answers_422(world, api, extra):
    url = f"/api/v1/dossiers/{world.dossier.pk}/safety/bottom-lines"
    response = self_post(url, json.dumps({**_line(), **extra}), api)
    assert response.status_code == 422 and "te groot" in response.json()["detail"]
    assert not BottomLine.objects.exists()
    edge = self_post(url, json.dumps({**_line(), "unknown": [2**63 - 1, -(2**63)]}), api)
    assert edge.status_code == 201, edge.content


def self_post(url, raw, headers, **extra):
    return Client().generic("POST", url, raw, content_type="application/json", **headers, **extra)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_a_json_body_over_the_limit_answers_413(world, api):
    url = f"/api/v1/dossiers/{world.dossier.pk}/safety/bottom-lines"
    response = self_post(url, json.dumps(_line(text="x" * 20_000)), api)
    assert response.status_code == 413
    assert "too large" in response.json()["detail"] or "te groot" in response.json()["detail"]
    assert not BottomLine.objects.exists()


class Untouchable(io.BytesIO):
    """A request body that must not be read: the size is refused on the declared length alone."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.parametrize(
    "content_type", ["multipart/form-data; boundary=x", "application/x-www-form-urlencoded"]
)
def test_a_declared_length_over_the_limit_answers_413_without_reading_the_body(
    plan, client_for, content_type
):
    size = settings.KRING_MAX_UPLOAD_BYTES + 1
    response = client_for("circle_member").generic(
        "POST",
        _rule_url(plan),
        b"",
        content_type=content_type,
        CONTENT_LENGTH=str(60 * 1024 * 1024 if content_type.startswith("multipart") else size),
        **{"wsgi.input": Untouchable()},
    )
    assert response.status_code == 413
    assert response["Connection"] == "close"
    assert not PlanRule.objects.exists()


@override_settings(KRING_MAX_UPLOAD_BYTES=1000)
def test_an_upload_is_stopped_while_it_streams_at_the_limit():
    handler = LimitedUploadHandler()
    handler.new_file("picture", "tekening.png", "image/png", None)
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    with pytest.raises(UploadTooLarge):
        handler.receive_data_chunk(b"x" * 600, 600)


HUGE = 2824025250631073056981116096503349248  # beyond a 64-bit integer: the database driver overflows


def test_a_number_too_large_for_the_database_is_refused_not_a_server_error(world, client_for, api):
    base = f"/api/v1/dossiers/{world.dossier.pk}/safety"
    response = Client().get(f"{base}/mappings/{HUGE}/changes", {"since": 1}, **api)
    assert response.status_code in (404, 422)  # SQLite overflows (422); PostgreSQL finds nothing (404)
    page = client_for("circle_member").get(f"/dossiers/{world.dossier.pk}/safety/plans/{HUGE}/pdf/")
    assert page.status_code in (400, 404)
