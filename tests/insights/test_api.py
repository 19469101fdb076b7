"""The insights API answers from the stored computation the dashboard uses, never computing per request,
and shows an indicator that rests on 1 to 4 measures as the page does: neither value nor n."""

import pytest
from django.test import Client

from kring.accounts.services import api_token_create
from kring.insights.computed import insight_compute
from kring.insights.models import ComputedInsight

URL = "/api/v1/insights/team/indicators"


@pytest.fixture
def lead_bearer(world):
    _, plain = api_token_create(user=world.team_lead, name="insights", verified=True)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_the_indicators_come_from_the_stored_result_and_are_not_computed_again(
    frozen, lead_bearer, probation
):
    first = Client().get(URL, {"ended_from": "2026-01-01"}, **lead_bearer)
    assert first.status_code == 200, first.content
    body = first.json()
    assert body["status"] == "done" and body["computed_at"] and body["step"] == body["steps"] > 0
    row = ComputedInsight.objects.get()
    again = Client().get(URL, {"ended_from": "2026-01-01"}, **lead_bearer).json()
    assert again == body and ComputedInsight.objects.get().computed_at == row.computed_at
    # one ended measure: every indicator that rests on it is too few to show, on the page and here
    counted = [card for card in body["indicators"] if card["label"] and card["n"] is None]
    assert counted and all(card["value"] is None for card in counted)
    assert not [card for card in body["indicators"] if card["n"] and card["n"] < 5]


def test_while_the_first_computation_runs_the_answer_is_202_with_its_progress(
    frozen, lead_bearer, probation, settings
):
    settings.KRING_INSIGHTS_TASK_BACKEND = "default"  # the database queue: nothing runs it here
    waiting = Client().get(URL, {"ended_from": "2026-01-01"}, **lead_bearer)
    assert waiting.status_code == 202 and waiting["Retry-After"] == "2"
    assert waiting.json()["status"] == "queued" and waiting.json()["indicators"] == []
    assert insight_compute(ComputedInsight.objects.get().pk) == "done"  # what the worker does
    ready = Client().get(URL, {"ended_from": "2026-01-01"}, **lead_bearer)
    assert ready.status_code == 200 and ready.json()["indicators"]


def test_a_case_worker_gets_no_indicators(frozen, world):
    _, plain = api_token_create(user=world.circle_member, name="x", verified=True)
    response = Client().get(URL, HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert response.status_code == 404 and not ComputedInsight.objects.exists()
