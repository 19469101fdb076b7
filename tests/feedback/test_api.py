"""The feedback API: definitions, administrations (plan, submit answers), self-entry links, results and
improvement agreements — through the same policy and audit log as the pages."""

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.feedback.models import Administration, Answer, ImprovementAgreement, Instrument
from kring.feedback.services import administration_submit

from .test_instruments import PARENTS, YOUNG


def _post(client, url, data):
    return client.post(url, data=json.dumps(data, default=str), content_type="application/json")


def _url(name, world, **kwargs):
    return reverse(f"api:{name}", kwargs={"dossier_id": world.dossier.pk, **kwargs})


# --- definitions --------------------------------------------------------------------------------------------


def test_the_definitions_list_every_instrument_with_its_items(world, client_for):
    response = client_for("other_org").get(reverse("api:list_instruments"))  # no dossier data: any user
    instruments = {i["slug"]: i for i in response.json()}
    assert response.status_code == 200
    assert {"exit", "session-start", "samen-sterker", "lgm", "anchors-youth", "self-check"} <= set(
        instruments
    )
    r1 = next(item for item in instruments["exit"]["items"] if item["id"] == "r1")
    assert (r1["min"], r1["max"], r1["subscale"], r1["type"]) == (1, 4, "result", "scale_1_4")
    assert r1["question"] == "Het gaat nu beter dan toen we begonnen."  # in the reader's language


def test_one_instrument_by_slug_and_version(world, client_for):
    client = client_for("circle_member")
    exit_v1 = client.get(reverse("api:get_instrument", args=["exit"]), {"version": 1}).json()
    assert (exit_v1["slug"], exit_v1["version"], len(exit_v1["items"])) == ("exit", 1, 12)
    assert client.get(reverse("api:get_instrument", args=["nope"])).status_code == 404
    assert client_for("anonymous").get(reverse("api:list_instruments")).status_code == 401


# --- administrations ----------------------------------------------------------------------------------------


def test_submitting_at_once_scores_and_is_audited(world, client_for):
    client = client_for("circle_member")  # logging in is audited too
    before = AuditEntry.objects.count()
    response = _post(
        client,
        _url("create_administration", world),
        {"instrument": "exit", "respondent_type": "parent", "answers": PARENTS, "taken_on": "2026-11-20"},
    )
    body = response.json()
    assert response.status_code == 201
    assert body["status"] == "submitted" and body["entry_mode"] == "entered"
    assert body["result"] == {"subscales": {"result": 3.8, "process": 4.0}, "report_grade": 10}
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert entry.action == "create" and "answers" in entry.fields and "10" not in json.dumps(entry.fields)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"answers": {**PARENTS, "r1": 5}}, "heel getal"),
        ({"answers": {**PARENTS, "r1": True}}, ""),  # a boolean is no answer (schema: 422)
        ({"answers": {k: v for k, v in PARENTS.items() if k != "p3"}}, "Geef antwoord op de vraag"),
        ({"answers": {**PARENTS, "comment": "x" * 2001}}, "te lang"),
        ({"respondent_type": "school"}, "niet bedoeld voor"),
        ({"instrument": "nope"}, "Er is geen vragenlijst"),
        ({"instrument": "lgm", "answers": None}, "Kies het moment"),
        ({"contact_id": 999999}, "ander dossier"),
        ({"taken_on": "2099-01-01"}, "toekomst"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_stored(world, client_for, change, message):
    data = {"instrument": "exit", "respondent_type": "parent", "answers": PARENTS, **change}
    response = _post(client_for("circle_member"), _url("create_administration", world), data)
    assert response.status_code == 422
    assert message in json.dumps(response.json(), ensure_ascii=False)
    assert not Administration.objects.exists() and not Answer.objects.exists()


def test_plan_then_submit_once(world, client_for):
    client = client_for("circle_member")
    planned = _post(
        client,
        _url("create_administration", world),
        {"instrument": "exit", "respondent_type": "young_person", "respondent_label": "Noor"},
    ).json()
    assert planned["status"] == "waiting" and planned["result"] is None
    url = _url("submit_answers", world, administration_id=planned["id"])
    first = _post(client, url, {"answers": YOUNG, "entry_mode": "together"})
    assert first.status_code == 200 and first.json()["result"]["report_grade"] == 5
    assert first.json()["entry_mode"] == "together"
    again = _post(client, url, {"answers": YOUNG})
    assert again.status_code == 422 and "al ingevuld" in json.dumps(again.json(), ensure_ascii=False)
    assert Answer.objects.count() == len(YOUNG)
    assert _post(client, url, {"answers": YOUNG, "entry_mode": "self_entry"}).status_code == 422


def test_a_self_entry_link_from_the_api_works_once(world, client_for, client):
    api = client_for("circle_member")
    planned = _post(
        api, _url("create_administration", world), {"instrument": "exit", "respondent_type": "parent"}
    )
    link = _post(api, _url("create_self_entry_link", world, administration_id=planned.json()["id"]), {})
    assert link.status_code == 201
    path = link.json()["url"].removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    assert client.post(path, {k: str(v) for k, v in PARENTS.items()}).status_code == 302
    assert client.get(path).status_code == 410


def test_the_list_shows_waiting_and_submitted_and_is_audited_in_constant_queries(world, client_for):
    client = client_for("circle_member")
    instrument = Instrument.objects.get(slug="exit", version=1)
    administration_submit(
        instrument=instrument, dossier=world.dossier, respondent_type="parent", answers=PARENTS
    )
    _post(client, _url("create_administration", world), {"instrument": "exit", "respondent_type": "parent"})
    url = _url("list_administrations", world)
    before = AuditEntry.objects.count()
    body = client.get(url).json()
    assert AuditEntry.objects.count() == before + 1
    assert sorted(a["status"] for a in body) == ["submitted", "waiting"]
    assert client.get(url, {"status": "waiting"}).json()[0]["answers"] == {}
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(8):
        administration_submit(
            instrument=instrument,
            dossier=world.dossier,
            respondent_type="young_person",
            answers=YOUNG,
            taken_on=date(2026, 1, 1) + timedelta(days=i),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_results_with_the_off_track_signal(world, client_for):
    start = Instrument.objects.get(slug="session-start", version=1)
    for i, value in enumerate([7, 7, 7, 4]):
        administration_submit(
            instrument=start,
            dossier=world.dossier,
            respondent_type="young_person",
            answers=dict.fromkeys(("me", "close", "daily", "life", "overall"), value),
            taken_on=date(2026, 1, 5) + timedelta(days=14 * i),
        )
    body = client_for("circle_member").get(_url("get_feedback_results", world)).json()
    rows = body[0]["rows"]
    assert body[0]["instrument"] == "session-start"
    assert [(r["score"], r["off_track"]) for r in rows] == [
        (7.0, False),
        (7.0, False),
        (7.0, False),
        (4.0, True),
    ]
    assert rows[0]["subscales"] == {"wellbeing": 7.0}


# --- improvement agreements ---------------------------------------------------------------------------------


def test_agreements_through_the_api_with_a_version_check(world, client_for):
    client = client_for("circle_member")
    made = _post(
        client,
        _url("add_improvement_agreement", world),
        {"topic": "contact", "text": "Eerder bellen.", "who": "Anna", "made_on": "2026-11-02"},
    )
    assert made.status_code == 201 and made.json()["status"] == "open"
    url = _url("set_improvement_agreement_status", world, agreement_id=made.json()["id"])
    done = _post(client, url, {"status": "done", "version": 1, "done_on": "2026-11-10"})
    assert done.status_code == 200 and done.json()["version"] == 2
    stale = _post(client, url, {"status": "open", "version": 1})
    assert stale.status_code == 422 and "in de tussentijd" in json.dumps(stale.json(), ensure_ascii=False)
    assert [a["status"] for a in client.get(_url("list_improvement_agreements", world)).json()] == ["done"]
    bad = _post(client, _url("add_improvement_agreement", world), {"topic": "plan", "text": " ", "who": "x"})
    assert bad.status_code == 422 and ImprovementAgreement.objects.count() == 1


# --- who may not --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["other_team", "other_org", "privacy_officer"])
def test_outsiders_get_404_and_store_nothing(world, client_for, persona):
    client = client_for(persona)
    assert client.get(_url("list_administrations", world)).status_code == 404
    assert client.get(_url("get_feedback_results", world)).status_code == 404
    response = _post(
        client,
        _url("create_administration", world),
        {"instrument": "exit", "respondent_type": "parent", "answers": PARENTS},
    )
    assert response.status_code == 404 and not Administration.objects.exists()
    assert AuditEntry.objects.filter(outcome="denied", actor_id=world.user(persona).pk).count() == 3


def test_emergency_access_reads_but_does_not_write(world, client_for):
    client = client_for("break_glass")
    assert client.get(_url("get_feedback_results", world)).status_code == 200
    response = _post(
        client,
        _url("create_administration", world),
        {"instrument": "exit", "respondent_type": "parent", "answers": PARENTS},
    )
    assert response.status_code == 404 and not Administration.objects.exists()


def test_the_openapi_describes_the_feedback_endpoints(world, client_for):
    paths = client_for("anonymous").get(reverse("api:openapi-json")).json()["paths"]
    for path in (
        "/api/v1/feedback/instruments",
        "/api/v1/dossiers/{dossier_id}/feedback/administrations",
        "/api/v1/dossiers/{dossier_id}/feedback/administrations/{administration_id}/answers",
        "/api/v1/dossiers/{dossier_id}/feedback/results",
        "/api/v1/dossiers/{dossier_id}/feedback/agreements",
    ):
        assert path in paths, path
