"""Helpers for the pathway tests: frozen clocks in the configured zone and the task worker's own loop."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from kring.pathways.loader import load_templates
from kring.pathways.models import PathwayTemplate, TemplateStep
from kring.pathways.services import pathway_start

START = date(2026, 3, 2)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(settings.TIME_ZONE))


def run_ready_tasks(limit: int = 200) -> list[DBTaskResult]:
    """Run every task that is due, the way `manage.py db_worker` does (claim, then Worker.run_task), in this
    process and this test's transaction. Returns the results it ran; fails on a task that raised."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = []
    while (result := DBTaskResult.objects.ready().first()) is not None:
        assert len(ran) < limit, "tasks keep coming"
        result.claim(worker.worker_id)
        worker.run_task(result)
        result.refresh_from_db()
        ran.append(result)
    return ran


def assert_all_succeeded(results: list[DBTaskResult]) -> None:
    failed = [r for r in results if r.status != TaskResultStatus.SUCCESSFUL]
    assert not failed, [r.traceback for r in failed]


@pytest.fixture
def shipped_templates(db):
    """The shipped templates, also after a transactional test has flushed what the migration loaded."""
    if not PathwayTemplate.objects.exists():
        load_templates(PathwayTemplate, TemplateStep)


@pytest.fixture
def pathway(world):
    """The urgency module on the world's dossier from 2 March 2026, started the day before by its case
    worker (the circle member, "gezinsvoogd"), so that every reminder lies ahead."""
    world.dossier.opened_on = date(2026, 1, 1)
    world.dossier.save(update_fields=["opened_on"])
    template = PathwayTemplate.objects.get(slug="safety-planning-urgency-be")
    with time_machine.travel(local(2026, 3, 1, 12, 0), tick=False):
        return pathway_start(
            actor=world.circle_member, dossier=world.dossier, template=template, started_on=START
        )
