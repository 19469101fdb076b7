"""The chain table's API: bring in, deepen, context requests (create, answer once, addressed to me),
interpretation, decision and look-back — under the same access rules as the pages, with versions (409)."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from kring.audit.models import AuditEntry
from kring.chain.models import ChainCase, ChainPerson, ContextRequest, PartnerView, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


class Api:
    def __init__(self, user):
        self.client = Client()
        self.client.force_login(user)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # messages as in the code

    def get(self, path):
        return self.client.get(f"/api/v1/chain/{path}")

    def post(self, path, body):
        return self.client.post(
            f"/api/v1/chain/{path}", json.dumps(body, default=str), content_type="application/json"
        )


def _intake(zsm, **changes) -> dict:
    body = {
        "table_id": zsm.table.pk,
        "reference": "ZSM-API-1",
        "incident": "Theft; not at school, big problems at home.",
        "incident_on": "2026-04-01",
        "legal_status": "suspect",
        "persons": [
            {"role": "suspect", "name": "Jordy Kramer", "birth_date": "2010-09-01", "problems": 3},
            {"role": "other", "name": "Ria Kramer", "birth_date": "1981-01-01"},
        ],
    }
    body.update(changes)
    return body


def _deepened(zsm) -> dict:
    police = Api(zsm.users["police"])
    case = police.post("cases", _intake(zsm)).json()
    return police.post(f"cases/{case['id']}/deepen", {"version": case["version"]}).json()


def test_bring_in_and_deepen(zsm):
    police = Api(zsm.users["police"])
    response = police.post("cases", _intake(zsm))
    assert response.status_code == 201
    case = response.json()
    assert case["brought_in_by"] == "Politie Test" and case["triggers"] == ["young_many_problems"]
    assert [p["name"] for p in case["persons"]] == ["Jordy Kramer", "Ria Kramer"] and case["version"] == 1
    deepened = police.post(f"cases/{case['id']}/deepen", {"version": 1})
    assert deepened.status_code == 200 and deepened.json()["stage"] == "deepening"
    assert police.post(f"cases/{case['id']}/deepen", {"version": 2}).status_code == 422  # past the intake
    # the version is required on every write: without it a write could overwrite a newer one
    missing = police.post(f"cases/{case['id']}/deepen", {})
    assert missing.status_code == 422 and "version" in missing.text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # A callable, so that "tomorrow" is computed when the test runs, not when it is collected.
        (
            lambda: {"incident_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "cannot be in the future",
        ),
        (lambda: {"persons": []}, "Name at least one person involved."),
        (lambda: {"persons": [{"role": "boss", "name": "X", "birth_date": "2000-01-01"}]}, "Choose the role"),
        (
            lambda: {"persons": [{"role": "victim", "name": "X", "birth_date": "2026-05-01"}]},
            "born after the incident",
        ),
        (lambda: {"legal_status": "guilty"}, "Choose a legal status."),
    ],
)
def test_bad_intake_is_422_and_stores_nothing(zsm, changes, message):
    response = Api(zsm.users["police"]).post("cases", _intake(zsm, **changes()))
    assert response.status_code == 422
    assert any(message in error for error in response.json()["errors"]), response.json()
    assert not ChainCase.objects.exists() and not ChainPerson.objects.exists()


def test_impossible_dates_are_422(zsm):
    response = Api(zsm.users["police"]).post("cases", _intake(zsm, incident_on="2026-02-30"))
    assert response.status_code == 422 and not ChainCase.objects.exists()


def test_a_context_request_only_its_addressee_answers_and_reads(zsm):
    case = _deepened(zsm)
    jordy = case["persons"][0]["id"]
    due = (timezone.now() + timedelta(hours=4)).isoformat()
    police = Api(zsm.users["police"])
    sent = police.post(
        f"cases/{case['id']}/requests",
        {
            "addressee_id": zsm.orgs["board"].pk,
            "about": [jordy],
            "question": "What does the family guardian know?",
            "need_to_know": "Punishment or a daytime activity.",
            "due_at": due,
        },
    )
    assert sent.status_code == 201, sent.json()
    req = sent.json()
    assert req["addressee"] == "Raad Test" and [p["name"] for p in req["about"]] == ["Jordy Kramer"]
    # the board finds it addressed to it; Halt at the same table and the local team do not
    board = Api(zsm.users["board"])
    mine = board.get("requests/addressed-to-me").json()
    assert [(r["id"], r["question"]) for r in mine] == [(req["id"], "What does the family guardian know?")]
    assert Api(zsm.users["halt"]).get("requests/addressed-to-me").json() == []
    assert Api(zsm.users["local"]).get("requests/addressed-to-me").json() == []
    halt_view = Api(zsm.users["halt"]).get("requests").json()
    assert [(r["question"], r["about"], r["answer"]) for r in halt_view] == [(None, None, None)]
    # only the addressee answers, once
    assert Api(zsm.users["halt"]).post(f"requests/{req['id']}/answer", {"answer": "x"}).status_code == 404
    answered = board.post(f"requests/{req['id']}/answer", {"answer": "Out-of-home placement soon."})
    assert answered.status_code == 200 and answered.json()["answered"] is True
    again = board.post(f"requests/{req['id']}/answer", {"answer": "Second."})
    assert again.status_code == 409 and "already been answered" in again.json()["detail"]
    assert ContextRequest.objects.get().answer == "Out-of-home placement soon."
    assert AuditEntry.objects.filter(action="read", object_type="chain.contextrequest").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"due_at": "2020-01-01T10:00:00+01:00"}, "The due time must be in the future."),
        ({"need_to_know": " "}, "Explain why the table needs to know this."),
        ({"addressee_id": 999999}, "Choose the partner you ask."),
        ({"about": [999999]}, "only be about persons of this case"),
    ],
)
def test_a_bad_context_request_is_422_and_not_sent(zsm, changes, message):
    case = _deepened(zsm)
    body = {
        "addressee_id": zsm.orgs["board"].pk,
        "question": "Q?",
        "need_to_know": "Why.",
        "due_at": (timezone.now() + timedelta(hours=4)).isoformat(),
        **changes,
    }
    response = Api(zsm.users["police"]).post(f"cases/{case['id']}/requests", body)
    assert response.status_code == 422
    assert any(message in error for error in response.json()["errors"]), response.json()
    assert not ContextRequest.objects.exists()


def test_a_naive_due_time_is_read_in_the_local_zone(zsm):
    case = _deepened(zsm)
    naive = (timezone.localtime() + timedelta(hours=3)).replace(tzinfo=None, microsecond=0)
    body = {
        "addressee_id": zsm.orgs["vt"].pk,
        "question": "Q?",
        "need_to_know": "Why.",
        "due_at": naive.isoformat(),
    }
    assert Api(zsm.users["police"]).post(f"cases/{case['id']}/requests", body).status_code == 201
    assert timezone.localtime(ContextRequest.objects.get().due_at).replace(tzinfo=None) == naive


def test_interpretation_views_side_by_side_and_hypotheses_with_versions(zsm):
    case = _deepened(zsm)
    board, probation = Api(zsm.users["board"]), Api(zsm.users["probation"])
    first = board.post(f"cases/{case['id']}/views", {"view": "He needs rhythm.", "version": 0})
    assert first.status_code == 200 and first.json()["version"] == 1
    assert probation.post(f"cases/{case['id']}/views", {"view": "He asks for help."}).status_code == 422
    assert (
        probation.post(f"cases/{case['id']}/views", {"view": "He asks for help.", "version": 0}).status_code
        == 200
    )
    stale = board.post(f"cases/{case['id']}/views", {"view": "Overwrite.", "version": 0})
    assert stale.status_code == 409
    # nobody speaks for another organisation
    forged = probation.post(
        f"cases/{case['id']}/views", {"organisation_id": zsm.orgs["board"].pk, "view": "x", "version": 1}
    )
    assert forged.status_code == 404
    assert PartnerView.objects.get(organisation=zsm.orgs["board"]).view == "He needs rhythm."
    written = board.post(
        f"cases/{case['id']}/hypotheses",
        {"hypotheses": "Rhythm prevents new thefts.\nHalt gives rhythm.", "version": case["version"]},
    )
    assert written.status_code == 200 and written.json()["hypotheses"] == [
        "Rhythm prevents new thefts.",
        "Halt gives rhythm.",
    ]
    assert (
        board.post(
            f"cases/{case['id']}/hypotheses", {"hypotheses": "x", "version": case["version"]}
        ).status_code
        == 409
    )
    shown = Api(zsm.users["halt"]).get(f"cases/{case['id']}/interpretation").json()
    assert [(v["organisation"], v["view"]) for v in shown["views"]] == [
        ("Raad Test", "He needs rhythm."),
        ("Reclassering Test", "He asks for help."),
    ]
    assert Api(zsm.users["outside"]).get(f"cases/{case['id']}/interpretation").status_code == 404


def test_decision_and_look_back(zsm):
    case = _deepened(zsm)
    om = Api(zsm.users["prosecution"])
    decision = {
        "measures": ["halt", "corrective_talk"],
        "tasks": "Halt: maximum hours at once.\nProsecutor: corrective talk tomorrow.",
        "decided_on": "2026-04-02",
        "look_back_on": "2026-07-01",
    }
    bad = om.post(
        f"cases/{case['id']}/decision", {**decision, "look_back_on": "2026-04-01", "version": case["version"]}
    )
    assert (
        bad.status_code == 422 and "The date to look back must be after the decision." in bad.json()["errors"]
    )
    jail = {**decision, "measures": ["jail"], "version": case["version"]}
    assert om.post(f"cases/{case['id']}/decision", jail).status_code == 422
    assert (
        om.post(f"cases/{case['id']}/decision", {**decision, "version": case["version"] - 1}).status_code
        == 409
    )
    done = om.post(f"cases/{case['id']}/decision", {**decision, "version": case["version"]})
    assert done.status_code == 200
    body = done.json()
    assert body["stage"] == "decided" and body["decision_tasks"][1] == "Prosecutor: corrective talk tomorrow."
    looked = om.post(
        f"cases/{case['id']}/look-back",
        {"what_happened": "No new theft.", "lessons": "Ask the school.", "version": case["version"] + 1},
    )
    assert looked.status_code == 200 and looked.json()["stage"] == Stage.CLOSED
    late = om.post(f"cases/{case['id']}/decision", {**decision, "version": case["version"] + 2})
    assert late.status_code == 422 and any("closed" in e for e in late.json()["errors"])


def test_outsiders_get_404_everywhere(zsm):
    case = _deepened(zsm)
    outside = Api(zsm.users["outside"])
    assert outside.post("cases", _intake(zsm, reference="X")).status_code == 404
    for path, body in (
        ("deepen", {"version": 1}),
        ("triggers", {"triggers": [], "version": 1}),
        (
            "requests",
            {
                "addressee_id": zsm.orgs["vt"].pk,
                "question": "Q",
                "need_to_know": "N",
                "due_at": "2030-01-01T10:00:00Z",
            },
        ),
        ("views", {"view": "x", "version": 0}),
        ("hypotheses", {"hypotheses": "x", "version": 1}),
        (
            "decision",
            {
                "measures": ["halt"],
                "tasks": "x",
                "decided_on": "2026-04-02",
                "look_back_on": "2026-07-01",
                "version": 1,
            },
        ),
        ("look-back", {"what_happened": "x", "version": 1}),
    ):
        assert outside.post(f"cases/{case['id']}/{path}", body).status_code == 404, path
    assert outside.get(f"cases/{case['id']}").status_code == 404
    # a partner cannot bring in a case in another partner's name
    forged = Api(zsm.users["halt"]).post("cases", _intake(zsm, brought_in_by_id=zsm.orgs["police"].pk))
    assert forged.status_code == 404
    assert ChainCase.objects.count() == 1
