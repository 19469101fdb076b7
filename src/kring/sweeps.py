"""Background work that must survive a worker restart, shared by the reminders (kring.pathways.reminders) and
the family notices (kring.portal.notices): a sweep is a django-tasks task that first enqueues its successor
and then does its round, so the chain goes on when a worker dies mid-round; and a mail is sent on a
connection of its own so that "not accepted" and "accepted, but closing failed" are told apart."""

import contextlib
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

SWEEP_SECONDS = 300
LEASE_SECONDS = 600  # a claim or a running sweep older than this belongs to a worker that died
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def base_url() -> str:
    """kring's own address, for the links in its e-mails."""
    return (getattr(settings, "KRING_BASE_URL", "") or DEFAULT_BASE_URL).rstrip("/")


def deliver(message: EmailMessage) -> None:
    """Send on a connection we open and close ourselves: an error while sending means the message was not
    accepted; an error while closing afterwards (e.g. SMTP QUIT) is not a failure to send."""
    connection = get_connection(fail_silently=False)
    connection.open()
    try:
        if connection.send_messages([message]) != 1:
            raise RuntimeError("the mail backend did not accept the message")
    finally:
        with contextlib.suppress(Exception):  # the message was accepted; closing is not sending
            connection.close()


def _sweeps_alive(sweep: Any, *, lease_seconds: int, exclude: str | None) -> Any:
    now = timezone.now()
    alive = DBTaskResult.objects.filter(task_path=sweep.module_path).filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gte=now - timedelta(seconds=lease_seconds))
    )
    return alive.exclude(pk=exclude) if exclude else alive


def sweep_ensure(
    sweep: Any,
    *,
    interval_seconds: int = SWEEP_SECONDS,
    lease_seconds: int = LEASE_SECONDS,
    exclude: str | None = None,
    delay_seconds: int = 0,
) -> str | None:
    """Enqueue the task `sweep` unless one is waiting (or ran recently enough to still be alive). Returns the
    new task's id, or None."""
    if _sweeps_alive(sweep, lease_seconds=lease_seconds, exclude=exclude).exists():
        return None
    return (
        sweep.using(run_after=timezone.now() + timedelta(seconds=delay_seconds))
        .enqueue(interval_seconds=interval_seconds, lease_seconds=lease_seconds)
        .id
    )


def sweep_restart(
    sweep: Any, *, interval_seconds: int = SWEEP_SECONDS, lease_seconds: int = LEASE_SECONDS
) -> str:
    """Replace any waiting `sweep` by a new one that runs now (when a worker starts)."""
    with transaction.atomic():
        DBTaskResult.objects.filter(task_path=sweep.module_path, status=TaskResultStatus.READY).delete()
        return (
            sweep.using(run_after=timezone.now())
            .enqueue(interval_seconds=interval_seconds, lease_seconds=lease_seconds)
            .id
        )


class SweepCommand(BaseCommand):
    """`manage.py <name>`: restart a sweep (before `manage.py db_worker` starts: `make run` does) and print
    how many of its records are in each state. A subclass names the sweep, its model and their words."""

    sweep: Any  # the django-tasks task
    model: Any  # the records it works through, with a `state`
    sweep_name = ""  # e.g. "reminder sweep"
    none_word = ""  # e.g. "no reminders"
    lease_help = "Seconds after which a claim or a running sweep counts as lost (default 600)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=int, default=SWEEP_SECONDS, help="Seconds between two sweeps (default 300)."
        )
        parser.add_argument("--lease", type=int, default=LEASE_SECONDS, help=self.lease_help)
        parser.add_argument("--status", action="store_true", help="Only print the states; change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] < 1 or options["lease"] < 1:
            raise CommandError("--interval and --lease must be at least one second.")
        if not options["status"]:
            task_id = sweep_restart(
                type(self).sweep, interval_seconds=options["interval"], lease_seconds=options["lease"]
            )
            self.stdout.write(f"{self.sweep_name} {task_id} every {options['interval']} s")
        counts = dict(
            self.model.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
        )
        self.stdout.write(
            " · ".join(f"{state}: {count}" for state, count in sorted(counts.items())) or self.none_word
        )
