"""The write API: the same services as the pages, the access policy and audit, clear refusals that save
nothing, and an OpenAPI description."""

from datetime import date

import pytest
import time_machine

from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import Measure
from kring.pathways.models import Pathway, PathwayState, Reminder, ReminderKind

from .conftest import local

pytestmark = pytest.mark.django_db

START = "2026-03-02"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(local(2026, 3, 3, 10, 0), tick=False):
        yield


@pytest.fixture
def api(world, client_for):
    world.dossier.opened_on = date(2026, 1, 1)
    world.dossier.save(update_fields=["opened_on"])
    client = client_for("circle_member")
    base = f"/api/v1/dossiers/{world.dossier.pk}/pathway"

    def post(path: str = "", body: dict | None = None, persona_client=None):
        return (persona_client or client).post(base + path, body or {}, content_type="application/json")

    return post


@pytest.fixture
def started(api):
    response = api("", {"template": "safety-planning-urgency-be", "started_on": START})
    assert response.status_code == 201, response.json()
    return response.json()


def test_start_gives_the_schedule_and_refuses_clearly(api, world, client_for):
    refused = api("", {"template": "no-such-template", "started_on": START})
    assert refused.status_code == 422
    assert refused.json()["errors"] == ["Er is geen trajectsjabloon met deze naam."]
    too_early = api("", {"template": "safety-planning-urgency-be", "started_on": "2025-12-01"})
    assert too_early.status_code == 422 and "2026-01-01" in too_early.json()["errors"][0]
    malformed = api("", {"template": "safety-planning-urgency-be", "started_on": "2 maart"})
    assert malformed.status_code == 422 and malformed.json()["detail"] == "Het verzoek is niet geldig."
    assert not Pathway.objects.exists()
    for persona in ("other_team", "other_org", "break_glass"):
        response = api("", {"template": "save-guidance-nl", "started_on": START}, client_for(persona))
        assert response.status_code == 404, persona
    assert api("", {}, client_for("anonymous")).status_code == 401
    assert not Pathway.objects.exists()
    body = api("", {"template": "safety-planning-urgency-be", "started_on": START}).json()
    assert body["state"] == "running" and body["latest_end"] == "2026-04-12"
    hearing = next(s for s in body["steps"] if s["key"] == "court-hearing")
    assert (hearing["days"], hearing["planned_end"]) == ("3/4", "2026-03-05")
    assert hearing["responsible"] == world.circle_member.get_full_name()
    again = api("", {"template": "save-guidance-nl", "started_on": START})
    assert again.status_code == 422 and Pathway.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="pathways.pathway").count() == 1


def test_mark_a_step_done_with_its_artefact(api, started, world):
    bad = api("/steps/court-hearing/done", {"done_on": "2026-03-03", "artefact_url": "javascript:alert(1)"})
    assert bad.status_code == 422
    assert bad.json()["errors"] == ["Link naar een pagina in kring (begint met /) of een https-adres."]
    future = api("/steps/court-hearing/done", {"done_on": "2026-03-05"})  # the clock stands on 3 March
    assert future.status_code == 422
    assert future.json()["errors"] == ["Een stap kan niet klaar zijn op een dag die nog moet komen."]
    step_url = "/steps/court-hearing/done"
    assert Pathway.objects.get().steps.get(key="court-hearing").done_on is None
    response = api(
        step_url, {"done_on": "2026-03-03", "artefact_url": f"/dossiers/{world.dossier.pk}/safety/"}
    )
    assert response.status_code == 200
    assert response.json()["done_on"] == "2026-03-03" and response.json()["artefact_url"].endswith("/safety/")
    assert api("/steps/no-such-step/done", {"done_on": "2026-03-03"}).status_code == 404
    assert not Reminder.objects.filter(step__key="court-hearing", state="pending").exists()


def test_move_a_step_and_what_follows_it(api, started):
    response = api("/steps/court-hearing/move", {"new_start": "2026-03-06"})
    assert response.status_code == 200
    steps = {s["key"]: s for s in response.json()["steps"]}
    assert steps["court-hearing"]["planned_end"] == "2026-03-07"
    assert steps["goals-told"]["planned_end"] == "2026-03-07"  # follows the hearing
    assert steps["judge-approval"]["planned_end"] == "2026-03-05"  # comes before it: stays
    reminder = Reminder.objects.get(step__key="court-hearing", kind=ReminderKind.BEFORE)
    assert reminder.deadline == date(2026, 3, 7)
    before = api("/steps/court-hearing/move", {"new_start": "2026-01-01"})
    assert before.status_code == 422 and "2026-03-02" in before.json()["errors"][0]
    assert Pathway.objects.get().steps.get(key="court-hearing").planned_start == date(2026, 3, 6)


def test_extension_needs_a_named_condition(api, started):
    assert api("/extend", {"decided_on": "2026-03-03"}).status_code == 422  # no condition at all
    wrong = api("/extend", {"condition": "because", "decided_on": "2026-03-03"})
    assert (
        wrong.status_code == 422
        and "Er moet een stap naar vrijwillige hulp gezet worden" in wrong.json()["errors"][0]
    )
    assert Pathway.objects.get().extended_on is None
    response = api("/extend", {"condition": "bridge_to_court_care", "decided_on": "2026-03-03"})
    assert response.status_code == 200
    assert response.json()["extension_condition"] == "bridge_to_court_care"
    assert response.json()["latest_end"] == "2026-04-26"  # two weeks more
    assert (
        api("/extend", {"condition": "bridge_to_court_care", "decided_on": "2026-03-03"}).status_code == 422
    )


def test_close_with_an_end_reason_and_the_measure(api, started, world):
    measure = Measure.objects.create(
        dossier=world.dossier, child=world.dossier.children.get(), kind="nl_ots", started_on=date(2026, 3, 2)
    )
    no_reason = api("/close", {"ended_on": "2026-03-03", "end_reason": ""})
    assert no_reason.status_code == 422 and no_reason.json()["errors"] == ["Kies waarom het traject stopt."]
    unknown = api("/close", {"ended_on": "2026-03-03", "end_reason": "goals_reached", "measure_ids": [99999]})
    assert unknown.status_code == 422
    assert Pathway.objects.get().state == PathwayState.RUNNING
    response = api(
        "/close",
        {"ended_on": "2026-03-03", "end_reason": "escalated", "note": "OTS", "measure_ids": [measure.pk]},
    )
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["end_reason"]) == ("ended", "escalated")
    measure.refresh_from_db()
    assert measure.end_reason == "escalated"
    after = api("/steps/court-hearing/done", {"done_on": "2026-03-03"})
    assert after.status_code == 422 and after.json()["errors"] == ["Dit dossier heeft geen lopend traject."]


def test_the_openapi_describes_the_write_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/dossiers/{dossier_id}/pathway",
        "/api/v1/dossiers/{dossier_id}/pathway/steps/{key}/done",
        "/api/v1/dossiers/{dossier_id}/pathway/steps/{key}/move",
        "/api/v1/dossiers/{dossier_id}/pathway/extend",
        "/api/v1/dossiers/{dossier_id}/pathway/close",
    ):
        assert "post" in paths[path], path
        operation = paths[path]["post"]
        assert operation["description"] and "requestBody" in operation
        assert {"401", "404", "422"} <= set(operation["responses"])
    extend = schema["components"]["schemas"]["ExtendIn"]
    assert "condition" in extend["required"] and extend["properties"]["condition"]["minLength"] == 1
