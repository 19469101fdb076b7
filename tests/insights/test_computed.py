"""The periodic job picks up computations whose worker died, and leaves every other one alone."""

from datetime import timedelta
from io import StringIO

import time_machine
from django.core.management import call_command

from kring.access.insights import insights_view
from kring.insights.computed import DASHBOARD, insight_ensure
from kring.insights.indicators import Cohort
from kring.insights.models import ComputedInsight, ComputedStatus


def _requeue() -> str:
    out = StringIO()
    call_command("insights_requeue", stdout=out)
    return out.getvalue()


def test_a_stuck_computation_is_enqueued_again_and_computed(world, settings):
    settings.KRING_INSIGHTS_TASK_BACKEND = "default"  # the database queue: nothing runs it yet
    with time_machine.travel("2026-06-01 10:00 +02:00", tick=False):
        view = insights_view(world.team_lead, "team")
        stuck = insight_ensure(view, DASHBOARD, [Cohort()])
        failed = insight_ensure(view, DASHBOARD, [Cohort(method="regular")])
        ComputedInsight.objects.filter(pk=failed.pk).update(status=ComputedStatus.FAILED)
    with time_machine.travel("2026-06-01 10:05 +02:00", tick=False):
        assert _requeue() == "computations enqueued again: 0\n"  # five minutes: its worker may be busy
        fresh = insight_ensure(view, DASHBOARD, [Cohort(method="signs_of_success")])
    settings.KRING_INSIGHTS_TASK_BACKEND = "insights"  # a worker that runs what is enqueued
    with time_machine.travel("2026-06-01 10:16 +02:00", tick=False):
        assert _requeue() == "computations enqueued again: 1\n"
    statuses = dict(ComputedInsight.objects.values_list("pk", "status"))
    assert statuses == {stuck.pk: "done", failed.pk: "failed", fresh.pk: "queued"}
    assert ComputedInsight.objects.get(pk=stuck.pk).figures["table"] is not None


def test_a_running_computation_past_the_limit_is_taken_over(world, settings):
    settings.KRING_INSIGHTS_TASK_BACKEND = "default"
    with time_machine.travel("2026-06-01 10:00 +02:00", tick=False) as traveller:
        row = insight_ensure(insights_view(world.team_lead, "team"), DASHBOARD, [Cohort()])
        ComputedInsight.objects.filter(pk=row.pk).update(
            status=ComputedStatus.RUNNING, started_at=row.requested_at
        )
        traveller.shift(timedelta(minutes=14))
        assert _requeue().endswith(": 0\n")  # still within its time: another worker has it
        settings.KRING_INSIGHTS_TASK_BACKEND = "insights"
        traveller.shift(timedelta(minutes=2))
        assert _requeue().endswith(": 1\n")
    assert ComputedInsight.objects.get(pk=row.pk).status == "done"
