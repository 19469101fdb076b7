"""Reminders by e-mail before a step's deadline and when a step is overdue, sent by the background worker.

How it holds together
- One `Reminder` row per step, kind, recipient and deadline (a unique constraint): a reminder about a
  deadline exists once, so it can be sent once. The recipient is the person responsible for the step.
- `reminders_plan(steps)` is called by every service that changes a step (start, move, done, handover,
  closure), inside that service's transaction. A pending reminder moves with its step; one that is no longer
  wanted is cancelled. Each pending reminder has its own task (django-tasks, database backend) that runs at
  the reminder's due time (`run_after`). Task rows live in the same database, so a reminder and its task are
  committed together or not at all; a superseded task that has not run yet is deleted.
- `send_reminder` claims the reminder (pending → sending, one conditional UPDATE that commits before the
  mail leaves), checks it is still wanted, sends it and marks it sent. Only one claim can win, so two
  workers, a repeated task or the sweep can never send the same reminder twice.
- `sweep_reminders` is a task that first re-enqueues itself (run_after = now + interval) and then gives every
  due, still pending reminder whose task is no longer waiting a fresh task. django-tasks-db leaves a task
  that was running when its worker died in RUNNING for ever (django-tasks issue #46); the sweep is what
  makes a worker restart lose nothing. `manage.py pathway_reminders` (run by `make run` before the worker
  starts) restarts the sweep; every send and every planning change revives it when it has died.

A crash between sending and marking. The claim commits before the mail goes out and the mark right after.
If the worker dies in between, nobody can know whether the mail left. We choose *at most once*: after the
lease the sweep marks such a claim `unconfirmed` and never sends it again; the pathway page shows it, and
the step stays in the agenda, the iCal feed and (for a reminder before the deadline) gets its overdue
reminder. Sending it again could send it twice, which is what a reminder must never do.

Privacy: the mail names the dossier by its reference and the step by its template title, and links to the
pathway page; nothing about the child or family. Sending is written to the audit log (an export to the
recipient) in the same transaction as the claim.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from kring.accounts.language import language_for
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.services import SYSTEM
from kring.sweeps import LEASE_SECONDS, SWEEP_SECONDS, base_url, deliver, sweep_ensure, sweep_restart

from .catalogue import translated
from .models import PathwayState, PathwayStep, Reminder, ReminderKind, ReminderState

REMINDER_HOUR = 8  # local time: a reminder lands at the start of the working day
MAX_ATTEMPTS = 5

Key = tuple[str, int, date]


def due_moment(kind: str, deadline: date, days_before: int) -> datetime:
    """When a reminder goes out: `days_before` days before the deadline, or the morning after it."""
    day = (
        deadline - timedelta(days=days_before)
        if kind == ReminderKind.BEFORE
        else deadline + timedelta(days=1)
    )
    return timezone.make_aware(datetime.combine(day, time(REMINDER_HOUR)))


def _recipient(step: PathwayStep, today: date) -> Any:
    """The user who gets the step's reminders: its responsible circle member, while still in the circle."""
    member = step.responsible
    if member is None or (member.ended_on is not None and member.ended_on < today):
        return None
    user = member.user
    return user if user.is_active and user.email else None


def _wanted(step: PathwayStep, today: date) -> dict[Key, datetime]:
    if step.pathway.state != PathwayState.RUNNING or step.done_on is not None:
        return {}
    user = _recipient(step, today)
    if user is None:
        return {}
    days_before = step.pathway.template.reminder_days_before
    return {
        (kind, user.pk, step.planned_end): due_moment(kind, step.planned_end, days_before)
        for kind in ReminderKind
    }


def _still_useful(kind: str, deadline: date, due: datetime, now: datetime) -> bool:
    """A new reminder is planned only when it can still help: before a deadline that has not passed (sent at
    once if its moment has gone), or overdue from a moment still to come (not for steps already overdue when
    they were planned, moved or handed over)."""
    if kind == ReminderKind.BEFORE:
        return deadline >= timezone.localdate(now)
    return due > now


def _enqueue(reminder: Reminder) -> None:
    reminder.task_id = send_reminder.using(run_after=reminder.due_at).enqueue(reminder.pk).id


def reminders_plan(steps: Iterable[PathwayStep], *, now: datetime | None = None) -> None:
    """Bring the reminders of `steps` in line with their deadline, responsible person and state. Call it
    inside the transaction of the change, with the steps' pathway, template and responsible user loaded."""
    pks = [step.pk for step in steps]
    if not pks:
        return
    steps = PathwayStep.objects.filter(pk__in=pks).select_related("pathway__template", "responsible__user")
    now = now or timezone.now()
    today = timezone.localdate(now)
    existing: dict[int, dict[Key, Reminder]] = defaultdict(dict)
    for reminder in Reminder.objects.filter(step__in=steps):
        existing[reminder.step_id][(reminder.kind, reminder.recipient_id, reminder.deadline)] = reminder
    superseded: list[str] = []
    for step in steps:
        wanted = _wanted(step, today)
        rows = existing[step.pk]
        # Pending reminders about another deadline (the step moved) can move to the new one.
        movable = {
            (key[0], key[1]): row
            for key, row in rows.items()
            if key not in wanted and row.state == ReminderState.PENDING
        }
        for key, due in wanted.items():
            kind, recipient_id, deadline = key
            row = rows.get(key)
            if row is not None and row.state == ReminderState.PENDING:
                if row.due_at == due:
                    continue
                superseded.append(row.task_id)
            elif row is not None and row.state != ReminderState.CANCELLED:
                continue  # sent, being sent or unconfirmed: never again for this deadline
            elif not _still_useful(kind, deadline, due, now):
                continue
            elif row is None and (kind, recipient_id) in movable:
                row = movable.pop((kind, recipient_id))
                superseded.append(row.task_id)
                row.deadline = deadline
            elif row is None:
                row = Reminder.objects.create(
                    step=step, kind=kind, recipient_id=recipient_id, deadline=deadline, due_at=due
                )
            row.state, row.due_at = ReminderState.PENDING, due
            _enqueue(row)
            row.save(update_fields=["deadline", "state", "due_at", "task_id"])
        for row in movable.values():
            superseded.append(row.task_id)
            row.state = ReminderState.CANCELLED
            row.save(update_fields=["state"])
    _cancel_tasks(superseded)
    reminders_ensure_sweep()


def _cancel_tasks(task_ids: list[str]) -> None:
    """Delete superseded send tasks that have not started; one that runs anyway finds nothing to send."""
    ids = [task_id for task_id in task_ids if task_id]
    if ids:
        DBTaskResult.objects.filter(pk__in=ids).filter(status=TaskResultStatus.READY).delete()


def _load(reminder_id: int) -> Reminder | None:
    return (
        Reminder.objects.select_related(
            "recipient", "step__pathway__dossier", "step__pathway__template", "step__responsible__user"
        )
        .filter(pk=reminder_id)
        .first()
    )


def _obsolete(reminder: Reminder, now: datetime) -> bool:
    """Whether a claimed reminder should no longer go out: the step is done or moved, the pathway ended,
    the recipient is no longer responsible or no longer in the circle, or (before) its deadline has passed."""
    today = timezone.localdate(now)
    step = reminder.step
    key = (reminder.kind, reminder.recipient_id, reminder.deadline)
    if key not in _wanted(step, today):
        return True
    return reminder.kind == ReminderKind.BEFORE and reminder.deadline < today


def reminder_message(reminder: Reminder) -> EmailMessage:
    """The mail: the dossier reference, the step's title, its deadline and a link; no names of the family."""
    step = reminder.step
    pathway = step.pathway
    dossier = pathway.dossier
    with translation.override(language_for(jurisdiction=dossier.jurisdiction)):
        deadline = formats.date_format(reminder.deadline, "j F Y")
        names = {"reference": dossier.reference, "step": translated(step.title), "date": deadline}
        if reminder.kind == ReminderKind.BEFORE:
            subject = _("kring: %(reference)s · %(step)s · due %(date)s") % names
            line = _("The step “%(step)s” in dossier %(reference)s must be done by %(date)s.") % names
        else:
            subject = _("kring: %(reference)s · %(step)s · overdue since %(date)s") % names
            line = (
                _("The step “%(step)s” in dossier %(reference)s was due on %(date)s and is not done yet.")
                % names
            )
        link = f"{base_url()}{reverse('pathway_overview', args=[dossier.pk])}#step-{step.key}"
        body = "\n\n".join(
            [
                _("Hello,"),
                line,
                _("Pathway: %(pathway)s") % {"pathway": translated(pathway.template.name)},
                _("Open the pathway in kring: %(link)s") % {"link": link},
                _(
                    "You get this message because you are responsible for this step. It names the dossier "
                    "by its reference only."
                ),
            ]
        )
    return EmailMessage(
        subject=subject,
        body=body + "\n",
        to=[reminder.recipient.email],
        headers={"X-Kring-Reminder": str(reminder.pk)},
    )


def reminder_send(reminder_id: int, *, now: datetime | None = None) -> str:
    """Claim, check, send and mark one reminder. Returns what happened (the task's result)."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Reminder.objects.filter(
            pk=reminder_id, state=ReminderState.PENDING, due_at__lte=now
        ).update(state=ReminderState.SENDING, claimed_at=now)
        if not claimed:
            return "not-pending"
        reminder = _load(reminder_id)
        if _obsolete(reminder, now):
            Reminder.objects.filter(pk=reminder_id).update(state=ReminderState.CANCELLED)
            return "cancelled"
        audit_append(
            actor=SYSTEM,
            action=AuditAction.EXPORT,
            dossier=reminder.step.pathway.dossier,
            obj=reminder,
            fields=["recipient", "kind", "deadline"],
            export_format="email",
        )
    # The claim is committed: from here until the mark below a crash leaves the reminder `sending`.
    try:
        deliver(reminder_message(reminder))
    except Exception:
        # Not accepted by the mail backend, so not sent: back to pending for the sweep (a few times).
        attempts = reminder.attempts + 1
        Reminder.objects.filter(pk=reminder_id, state=ReminderState.SENDING).update(
            state=ReminderState.PENDING if attempts < MAX_ATTEMPTS else ReminderState.UNCONFIRMED,
            attempts=attempts,
        )
        raise
    Reminder.objects.filter(pk=reminder_id, state=ReminderState.SENDING).update(
        state=ReminderState.SENT, sent_at=timezone.now(), attempts=reminder.attempts + 1
    )
    return "sent"


def reminders_sweep(*, now: datetime | None = None, lease_seconds: int = LEASE_SECONDS) -> dict[str, int]:
    """Mark claims whose worker died as unconfirmed, and give every due pending reminder whose task is no
    longer waiting a new task (a task killed mid-run stays RUNNING and never comes back)."""
    now = now or timezone.now()
    stale = Reminder.objects.filter(
        state=ReminderState.SENDING, claimed_at__lt=now - timedelta(seconds=lease_seconds)
    ).update(state=ReminderState.UNCONFIRMED)
    due = list(
        Reminder.objects.filter(state=ReminderState.PENDING, due_at__lte=now).only("pk", "task_id", "due_at")
    )
    waiting = {
        str(pk)
        for pk in DBTaskResult.objects.filter(pk__in=[r.task_id for r in due if r.task_id])
        .filter(status=TaskResultStatus.READY)
        .values_list("pk", flat=True)
    }
    requeued = 0
    for reminder in due:
        if reminder.task_id not in waiting:
            reminder.task_id = send_reminder.using(run_after=now).enqueue(reminder.pk).id
            reminder.save(update_fields=["task_id"])
            requeued += 1
    return {"unconfirmed": stale, "requeued": requeued}


def reminders_ensure_sweep(
    *,
    interval_seconds: int = SWEEP_SECONDS,
    lease_seconds: int = LEASE_SECONDS,
    exclude: str | None = None,
    delay_seconds: int = 0,
) -> str | None:
    """Enqueue the sweep unless one is waiting (or ran recently enough to still be alive). Returns the new
    task's id, or None."""
    return sweep_ensure(
        sweep_reminders,
        interval_seconds=interval_seconds,
        lease_seconds=lease_seconds,
        exclude=exclude,
        delay_seconds=delay_seconds,
    )


def reminders_restart_sweep(
    *, interval_seconds: int = SWEEP_SECONDS, lease_seconds: int = LEASE_SECONDS
) -> str:
    """Replace any waiting sweep by a new one that runs now (when a worker starts: `pathway_reminders`)."""
    return sweep_restart(sweep_reminders, interval_seconds=interval_seconds, lease_seconds=lease_seconds)


@task()
def send_reminder(reminder_id: int) -> str:
    outcome = reminder_send(reminder_id)
    reminders_ensure_sweep()
    return outcome


@task(takes_context=True)
def sweep_reminders(
    context: Any, interval_seconds: int = SWEEP_SECONDS, lease_seconds: int = LEASE_SECONDS
) -> dict:
    # The next sweep first: if this worker dies below, the chain goes on.
    reminders_ensure_sweep(
        interval_seconds=interval_seconds,
        lease_seconds=lease_seconds,
        exclude=context.task_result.id,
        delay_seconds=interval_seconds,
    )
    return reminders_sweep(lease_seconds=lease_seconds)
