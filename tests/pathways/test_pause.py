"""A paused pathway: paused with a reason (detention, hospital, the family abroad) and resumed; while paused
no step is overdue and no reminder is pending, on resuming the open steps move on by the days of the pause
but the legal limits do not. Through the service, the page and the API; audited and in the dossier's
history; a closed dossier and bad input are refused and change nothing."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from kring.access.policy import DossierClosed
from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import DossierEvent, DossierStatus
from kring.pathways.models import PathwayPause, PathwayState, Reminder, ReminderState
from kring.pathways.services import (
    LIMIT_STEPS,
    legal_limits,
    max_end,
    pathway_close,
    pathway_pause,
    pathway_resume,
    step_done,
)

from .conftest import local

pytestmark = pytest.mark.django_db

PAUSED_ON = date(2026, 3, 10)  # day 9 of the urgency module that started on 2 March 2026
RESUMED_ON = date(2026, 3, 24)  # two weeks later
REASON = "Jens zit in voorlopige hechtenis."


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(local(2026, 3, 25, 10, 0), tick=False):
        yield


def _plan(pathway) -> dict[str, tuple[date, date, date | None]]:
    return {s.key: (s.planned_start, s.planned_end, s.done_on) for s in pathway.steps.all()}


def _pending(pathway):
    return Reminder.objects.filter(step__pathway=pathway, state=ReminderState.PENDING)


def test_a_paused_pathway_has_no_overdue_step_and_no_pending_reminder(pathway, world):
    today = date(2026, 3, 25)
    assert any(step.is_overdue(today) for step in pathway.steps.all())  # day 24: steps are late
    assert _pending(pathway).exists()
    pathway_pause(actor=world.circle_member, pathway=pathway, paused_on=PAUSED_ON, reason=f"  {REASON} ")
    pathway.refresh_from_db()
    assert pathway.state == PathwayState.PAUSED
    assert not any(step.is_overdue(today) for step in pathway.steps.select_related("pathway"))
    assert not _pending(pathway).exists()
    pause = PathwayPause.objects.get(pathway=pathway)
    assert (pause.paused_on, pause.reason, pause.paused_by, pause.resumed_on) == (
        PAUSED_ON,
        REASON,
        world.circle_member,
        None,
    )
    # nothing else changes while paused: it says so
    step = pathway.steps.get(key="court-hearing")
    for write in (
        lambda: step_done(actor=world.circle_member, step=step, done_on=date(2026, 3, 20)),
        lambda: pathway_close(
            actor=world.circle_member, pathway=pathway, ended_on=date(2026, 3, 20), end_reason="other"
        ),
    ):
        with translation.override("nl"), pytest.raises(ValidationError) as error:
            write()
        assert error.value.messages == ["Dit traject is gepauzeerd. Hervat het eerst."]
    step.refresh_from_db()
    assert step.done_on is None


def test_resuming_moves_the_open_steps_on_by_the_days_of_the_pause_but_not_the_legal_limits(pathway, world):
    step_done(actor=world.circle_member, step=pathway.steps.get(key="claim"), done_on=date(2026, 3, 2))
    before = _plan(pathway)
    limits_before = legal_limits(pathway, date(2026, 3, 25))
    end_before = max_end(pathway)
    pathway_pause(actor=world.circle_member, pathway=pathway, paused_on=PAUSED_ON, reason=REASON)
    pause = pathway_resume(actor=world.circle_member, pathway=pathway, resumed_on=RESUMED_ON)
    pathway.refresh_from_db()
    assert pathway.state == PathwayState.RUNNING
    assert (pause.resumed_on, pause.resumed_by, pause.shifted_days) == (RESUMED_ON, world.circle_member, 14)
    after = _plan(pathway)
    days = timedelta(days=14)
    assert set(after) >= LIMIT_STEPS  # the urgency module has them
    for key, (start, end, done_on) in before.items():
        if done_on or key in LIMIT_STEPS:  # done, or a legal limit: the law's clock does not stop
            assert after[key] == (start, end, done_on), key
        elif start >= PAUSED_ON:  # still to start at the pause: start and end move on
            assert after[key] == (start + days, end + days, None), key
        else:  # begun before the pause: only its end moves on
            assert after[key] == (start, end + days, None), key
    assert legal_limits(pathway, date(2026, 3, 25)) == limits_before
    assert max_end(pathway) == end_before
    # the open steps get their reminders again, for their new ends
    ends = {s.pk: s.planned_end for s in pathway.steps.filter(done_on__isnull=True)}
    pending = list(_pending(pathway))
    assert pending and all(r.deadline == ends[r.step_id] for r in pending)


def test_pause_and_resume_are_audited_and_in_the_dossier_history(pathway, world):
    pathway_pause(actor=world.circle_member, pathway=pathway, paused_on=PAUSED_ON, reason=REASON)
    pathway_resume(actor=world.circle_member, pathway=pathway, resumed_on=RESUMED_ON)
    pause = PathwayPause.objects.get(pathway=pathway)
    entries = AuditEntry.objects.filter(dossier_id=world.dossier.pk, object_type="pathways.pathwaypause")
    assert {(e.action, tuple(e.fields)) for e in entries} == {
        (AuditAction.CREATE, ("paused_on", "reason")),
        (AuditAction.UPDATE, ("resumed_on", "shifted_days")),
    }
    assert all(e.object_id == str(pause.pk) for e in entries)
    assert (
        AuditEntry.objects.filter(
            dossier_id=world.dossier.pk,
            object_type="pathways.pathway",
            action=AuditAction.UPDATE,
            fields=["state"],
        ).count()
        == 2
    )
    assert REASON not in " ".join(str(e.fields) for e in entries)  # field names only, never the reason
    events = DossierEvent.objects.filter(dossier=world.dossier, summary_key__startswith="pathway_")
    with translation.override("nl"):
        summaries = {e.occurred_on: e.display_summary for e in events}
    assert summaries[PAUSED_ON].startswith("Traject gepauzeerd: ") and REASON in summaries[PAUSED_ON]
    assert summaries[RESUMED_ON].endswith("de open stappen schoven 14 dagen op")


@pytest.mark.parametrize(
    ("paused_on", "reason", "field", "message"),
    [
        (PAUSED_ON, "  ", "reason", "Geef de reden van de pauze"),
        (
            date(2026, 3, 26),
            REASON,
            "paused_on",
            "Een pauze kan niet beginnen op een dag die nog moet komen.",
        ),
        (date(2026, 3, 1), REASON, "paused_on", "Een pauze kan niet beginnen voordat het traject begon"),
    ],
)
def test_a_pause_without_a_reason_or_on_a_wrong_day_is_refused_and_changes_nothing(
    pathway, world, paused_on, reason, field, message
):
    before = _plan(pathway)
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        pathway_pause(actor=world.circle_member, pathway=pathway, paused_on=paused_on, reason=reason)
    assert error.value.message_dict[field][0].startswith(message)
    pathway.refresh_from_db()
    assert pathway.state == PathwayState.RUNNING and not PathwayPause.objects.exists()
    assert _plan(pathway) == before and _pending(pathway).exists()


def test_resuming_a_running_pathway_pausing_an_ended_one_or_twice_is_refused(pathway, world):
    with translation.override("nl"):
        with pytest.raises(ValidationError) as error:
            pathway_resume(actor=world.circle_member, pathway=pathway, resumed_on=RESUMED_ON)
        assert error.value.messages == ["Dit traject is niet gepauzeerd en kan dus niet worden hervat."]
        pathway_pause(actor=world.circle_member, pathway=pathway, paused_on=PAUSED_ON, reason=REASON)
        with pytest.raises(ValidationError) as error:
            pathway_pause(actor=world.circle_member, pathway=pathway, paused_on=PAUSED_ON, reason=REASON)
        assert error.value.messages == ["Alleen een lopend traject kan worden gepauzeerd."]
        with pytest.raises(ValidationError) as error:
            pathway_resume(actor=world.circle_member, pathway=pathway, resumed_on=date(2026, 3, 9))
        assert "2026-03-10" in error.value.message_dict["resumed_on"][0]
        pathway_resume(actor=world.circle_member, pathway=pathway, resumed_on=RESUMED_ON)
        pathway_close(
            actor=world.circle_member, pathway=pathway, ended_on=date(2026, 3, 25), end_reason="other"
        )
        with pytest.raises(ValidationError) as error:
            pathway_pause(
                actor=world.circle_member, pathway=pathway, paused_on=date(2026, 3, 25), reason=REASON
            )
        assert error.value.messages == ["Alleen een lopend traject kan worden gepauzeerd."]
    assert PathwayPause.objects.filter(pathway=pathway).count() == 1


def test_a_closed_dossier_refuses_a_pause(pathway, world):
    world.dossier.status = DossierStatus.CLOSED
    world.dossier.save(update_fields=["status"])
    pathway.dossier.refresh_from_db()
    with pytest.raises(DossierClosed):
        pathway_pause(actor=world.circle_member, pathway=pathway, paused_on=PAUSED_ON, reason=REASON)
    pathway.refresh_from_db()
    assert pathway.state == PathwayState.RUNNING and not PathwayPause.objects.exists()


def test_pause_and_resume_through_the_page(pathway, world, client_for):
    client = client_for("circle_member")
    page = f"/dossiers/{world.dossier.pk}/pathway/"
    assert f'action="/dossiers/{world.dossier.pk}/pathway/pause/"' in client.get(page).content.decode()
    refused = client.post(page + "pause/", {"paused_on": "2026-03-10", "reason": ""})
    assert refused.status_code == 200 and "Geef de reden van de pauze" in refused.content.decode()
    assert not PathwayPause.objects.exists()
    response = client.post(page + "pause/", {"paused_on": "2026-03-10", "reason": REASON}, follow=True)
    html = response.content.decode()
    assert "Het traject is gepauzeerd." in html
    assert f'action="/dossiers/{world.dossier.pk}/pathway/resume/"' in html
    assert "data-overdue" not in html and REASON in html
    # pausing again: the page says why, as a message, and nothing changes
    again = client.post(page + "pause/", {"paused_on": "2026-03-11", "reason": REASON}, follow=True)
    assert "Alleen een lopend traject kan worden gepauzeerd." in again.content.decode()
    assert PathwayPause.objects.count() == 1
    assert client_for("other_team").post(page + "resume/", {"resumed_on": "2026-03-24"}).status_code == 404
    response = client.post(page + "resume/", {"resumed_on": "2026-03-24"}, follow=True)
    assert "Het traject loopt weer." in response.content.decode()
    pathway.refresh_from_db()
    assert pathway.state == PathwayState.RUNNING
    assert PathwayPause.objects.get().shifted_days == 14
    # the case script, page and PDF, tells the pause
    script = client.get(f"{page}{pathway.pk}/script/").content.decode()
    assert "de open stappen schoven 14 dagen op" in script and REASON in script


def test_pause_and_resume_through_the_api(pathway, world, client_for):
    client = client_for("circle_member")
    base = f"/api/v1/dossiers/{world.dossier.pk}/pathway"

    def post(path, body, who=client):
        return who.post(base + path, body, content_type="application/json")

    refused = post("/resume", {"resumed_on": "2026-03-24"})
    assert refused.status_code == 422
    assert refused.json()["errors"] == ["Dit traject is niet gepauzeerd en kan dus niet worden hervat."]
    assert post("/pause", {"paused_on": "2026-03-10", "reason": ""}).status_code == 422
    assert (
        post("/pause", {"paused_on": "2026-03-10", "reason": REASON}, client_for("other_team")).status_code
        == 404
    )
    assert not PathwayPause.objects.exists()
    paused = post("/pause", {"paused_on": "2026-03-10", "reason": REASON})
    assert paused.status_code == 200
    body = paused.json()
    assert body["state"] == "paused" and not any(step["overdue"] for step in body["steps"])
    assert body["pauses"] == [
        {"paused_on": "2026-03-10", "reason": REASON, "resumed_on": None, "shifted_days": 0}
    ]
    # another write on the paused pathway says it is paused
    done = post("/steps/court-hearing/done", {"done_on": "2026-03-05", "artefact_url": ""})
    assert done.status_code == 422 and done.json()["errors"] == [
        "Dit traject is gepauzeerd. Hervat het eerst."
    ]
    resumed = post("/resume", {"resumed_on": "2026-03-24"})
    assert resumed.status_code == 200 and resumed.json()["state"] == "running"
    assert resumed.json()["pauses"][0]["shifted_days"] == 14
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/dossiers/{dossier_id}/pathway/pause",
        "/api/v1/dossiers/{dossier_id}/pathway/resume",
    } <= set(schema["paths"])
