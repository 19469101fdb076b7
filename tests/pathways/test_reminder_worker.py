"""The real worker: `manage.py db_worker` as a separate process on this test's database (a SQLite file, or
the PostgreSQL test database), mailing into files. It is killed with SIGKILL half-way through a batch of
reminders and started again the way `make run` starts it; every reminder mail must then exist exactly once.

Where the kill lands: anywhere, except inside the two short windows the design does not cover by
construction (documented in kring.pathways.reminders and tested in-process in test_reminders.py): between
a reminder's claim and its mark (at most once: such a reminder is marked unconfirmed, not resent), and the
first statement of a sweep (before it has enqueued its successor). The worker is frozen (SIGSTOP) and its
committed state read before each kill; if it is inside one of those windows it is thawed and caught again a
moment later. Preferably it is killed while a send task is running and its reminder not yet claimed: the
case where django-tasks-db leaves a task RUNNING for ever and only the sweep can bring the reminder back.
"""

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kring.pathways import reminders
from kring.pathways.models import PathwayTemplate, Reminder, ReminderKind, ReminderState
from kring.pathways.services import pathway_start

from ..factories import CircleMemberFactory, DossierFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
DOSSIERS = 4  # SAVE guidance names the case worker in all seven steps: 28 reminders due at once
WAIT_SECONDS = 60  # an upper bound for a busy machine; it takes seconds


def _settings_module(directory: Path, outbox: Path) -> str:
    """Test settings for the worker process: this test's database, and mail written to files."""
    (directory / "worker_settings.py").write_text(
        "from kring.config.test_settings import *  # noqa: F403\n"
        "from kring.config.test_settings import DATABASES\n"
        f"DATABASES['default']['NAME'] = {connection.settings_dict['NAME']!r}\n"
        "EMAIL_BACKEND = 'django.core.mail.backends.filebased.EmailBackend'\n"
        f"EMAIL_FILE_PATH = {str(outbox)!r}\n"
        # on the test's clock when the suite runs on a set one (KRING_TEST_CLOCK, tests/conftest.py)
        "import os\n"
        "if os.environ.get('KRING_WORKER_CLOCK'):\n"
        "    import datetime, time_machine\n"
        "    _clock = datetime.datetime.fromisoformat(os.environ['KRING_WORKER_CLOCK'])\n"
        "    time_machine.travel(_clock, tick=True).start()\n",
        encoding="utf-8",
    )
    return "worker_settings"


class WorkerProcess:
    def __init__(self, directory: Path, settings_module: str):
        self.directory = directory
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "PYTHONPATH": os.pathsep.join([str(directory), os.environ.get("PYTHONPATH", "")]),
        }
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        log = (self.directory / f"worker-{self.starts}.log").open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.05",
                "--worker-id",
                f"test-worker-{self.starts}",
            ],
            cwd=ROOT,
            env={**self.env, "KRING_WORKER_CLOCK": timezone.now().isoformat()}
            if os.environ.get("KRING_TEST_CLOCK")
            else self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def send(self, signum: int) -> None:
        os.kill(self.process.pid, signum)

    def stop(self, signum: int = signal.SIGTERM) -> None:
        if self.process and self.process.poll() is None:
            self.send(signal.SIGCONT)
            self.send(signum)
            self.process.wait(timeout=10)

    def log(self) -> str:
        return "\n".join(
            path.read_text(errors="replace") for path in sorted(self.directory.glob("worker-*.log"))
        )


def _mail_ids(outbox: Path) -> Counter:
    found: Counter = Counter()
    for path in outbox.glob("*.log"):
        found.update(int(i) for i in re.findall(rb"^X-Kring-Reminder: (\d+)$", path.read_bytes(), re.M))
    return found


def _in_a_window() -> bool:
    """Read with the worker frozen: is it between a claim and its mark, or in a sweep that has not yet
    enqueued the next one?"""
    if Reminder.objects.filter(state=ReminderState.SENDING).exists():
        return True
    sweeps = DBTaskResult.objects.filter(task_path=reminders.sweep_reminders.module_path)
    return not sweeps.filter(status=TaskResultStatus.READY).exists()


def _task_lost_with_reminder_pending() -> bool:
    running = DBTaskResult.objects.filter(
        task_path=reminders.send_reminder.module_path, status=TaskResultStatus.RUNNING
    ).values_list("pk", flat=True)
    ids = [str(pk) for pk in running]
    return Reminder.objects.filter(task_id__in=ids, state=ReminderState.PENDING).exists()


def _kill_half_way(worker: WorkerProcess, outbox: Path, total: int) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    while len(_mail_ids(outbox)) < total // 4:
        assert worker.process.poll() is None, worker.log()
        assert time.monotonic() < deadline, "the worker sent nothing\n" + worker.log()
        time.sleep(0.01)
    hard_case_until = time.monotonic() + 2
    while True:
        assert time.monotonic() < deadline, "could not catch the worker outside the send window"
        worker.send(signal.SIGSTOP)
        time.sleep(0.005)  # let a statement in flight land
        if not _in_a_window():
            lost = _task_lost_with_reminder_pending()
            # settle for any safe moment after two seconds, or before the batch is nearly done
            settle = time.monotonic() > hard_case_until or len(_mail_ids(outbox)) >= total * 3 // 4
            if lost or settle:
                worker.send(signal.SIGKILL)
                worker.process.wait(timeout=10)
                return "a send task was running" if lost else "between tasks"
        worker.send(signal.SIGCONT)
        time.sleep(0.002)


def test_a_worker_killed_half_way_resumes_and_every_reminder_is_mailed_exactly_once(
    shipped_templates, world, tmp_path
):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    template = PathwayTemplate.objects.get(slug="save-guidance-nl")
    template.reminder_days_before = 400  # every deadline of the pathway is within the lead time: due now
    template.save(update_fields=["reminder_days_before"])
    seat = world.dossier.circle.get(user=world.circle_member)
    dossiers = [world.dossier] + [
        DossierFactory(owning_team=world.dossier.owning_team) for _ in range(DOSSIERS - 1)
    ]
    for dossier in dossiers[1:]:
        CircleMemberFactory(dossier=dossier, membership=seat.membership)
    today = timezone.localdate()
    for dossier in dossiers:
        pathway_start(actor=None, dossier=dossier, template=template, started_on=today)
    due = Reminder.objects.filter(kind=ReminderKind.BEFORE, due_at__lte=timezone.now())
    expected = set(due.values_list("pk", flat=True))
    assert len(expected) == 7 * DOSSIERS
    assert not Reminder.objects.filter(kind=ReminderKind.OVERDUE, due_at__lte=timezone.now()).exists()

    worker = WorkerProcess(tmp_path, _settings_module(tmp_path, outbox))
    try:
        call_command("pathway_reminders", interval=1, lease=3, stdout=open(os.devnull, "w"))  # noqa: SIM115
        worker.start()
        how = _kill_half_way(worker, outbox, len(expected))
        before_restart = _mail_ids(outbox)
        assert 0 < len(before_restart) < len(expected), how
        assert max(before_restart.values()) == 1

        # Started again as `make run` starts it: restart the sweep, then the worker.
        call_command("pathway_reminders", interval=1, lease=3, stdout=open(os.devnull, "w"))  # noqa: SIM115
        worker.start()
        stop_at = time.monotonic() + WAIT_SECONDS
        while Reminder.objects.filter(pk__in=expected).exclude(state=ReminderState.SENT).exists():
            assert worker.process.poll() is None, worker.log()
            assert time.monotonic() < stop_at, f"not all reminders sent ({how})\n" + worker.log()
            time.sleep(0.05)
        time.sleep(0.3)  # a duplicate, if the design let one through, would be on its way now
    finally:
        worker.stop()

    mailed = _mail_ids(outbox)
    assert set(mailed) == expected, how
    assert set(mailed.values()) == {1}, f"sent twice: {[i for i, n in mailed.items() if n > 1]} ({how})"
    assert not Reminder.objects.filter(state=ReminderState.UNCONFIRMED).exists()
    # the task the kill interrupted (if any) stays RUNNING in django-tasks-db; its reminder came back anyway
    if how == "a send task was running":  # that task stays RUNNING; its reminder was sent by a new task
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        assert any(r.worker_ids == ["test-worker-1"] for r in running)
