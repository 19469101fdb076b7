"""Reminders: planned with the schedule, moved with their step, sent once, and nothing lost or doubled when a
worker dies (simulated here in-process; test_reminder_worker.py kills a real worker)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kring.audit.models import AuditAction, AuditEntry
from kring.pathways import reminders
from kring.pathways.models import PathwayTemplate, Reminder, ReminderKind, ReminderState
from kring.pathways.services import pathway_start, step_done, step_move

from .conftest import assert_all_succeeded, local, run_ready_tasks

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)
# Steps of the urgency module that name the case worker, the role of the circle member ("gezinsvoogd").
CASE_WORKER_STEPS = {"judge-approval", "crisis-dispatch", "court-hearing", "advice-to-judge"}


def _send_tasks():
    return DBTaskResult.objects.filter(task_path=reminders.send_reminder.module_path)


def test_start_plans_a_reminder_before_and_after_each_deadline_of_the_responsible_person(pathway, world):
    rows = list(Reminder.objects.select_related("step"))
    assert {r.step.key for r in rows} == CASE_WORKER_STEPS
    assert {r.recipient_id for r in rows} == {world.circle_member.pk}
    hearing = {r.kind: r for r in rows if r.step.key == "court-hearing"}
    # the hearing is on day 3/4 (5 March at the latest): two days before at 08:00, and the morning after
    assert hearing[ReminderKind.BEFORE].due_at == local(2026, 3, 3, 8, 0)
    assert hearing[ReminderKind.OVERDUE].due_at == local(2026, 3, 6, 8, 0)
    assert all(r.state == ReminderState.PENDING and r.deadline == r.step.planned_end for r in rows)
    # each pending reminder has its own waiting task, due at the reminder's moment
    tasks = {str(t.pk): t for t in _send_tasks()}
    assert set(tasks) == {r.task_id for r in rows}
    assert all(tasks[r.task_id].run_after == r.due_at for r in rows)
    assert all(t.status == TaskResultStatus.READY for t in tasks.values())


def test_lead_time_is_configured_on_the_template(world):
    world.dossier.opened_on = date(2026, 1, 1)
    world.dossier.save(update_fields=["opened_on"])
    template = PathwayTemplate.objects.get(slug="safety-planning-urgency-be")
    template.reminder_days_before = 7
    template.save()
    with time_machine.travel(local(2026, 3, 1, 12, 0), tick=False):
        pathway = pathway_start(actor=None, dossier=world.dossier, template=template, started_on=START)
    advice = pathway.steps.get(key="advice-to-judge")  # day 41/42: 12 April
    assert advice.reminders.get(kind=ReminderKind.BEFORE).due_at == local(2026, 4, 5, 8, 0)


def test_due_reminders_are_sent_once_with_the_reference_and_a_link_and_no_names(pathway, world):
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        assert_all_succeeded(run_ready_tasks())
        assert_all_succeeded(run_ready_tasks())  # nothing left to send
    assert len(mail.outbox) == 3  # before the three steps that end on 5 March
    sent = Reminder.objects.filter(state=ReminderState.SENT)
    assert sent.count() == 3 and all(r.kind == ReminderKind.BEFORE for r in sent)
    message = next(m for m in mail.outbox if "Zitting" in m.subject)  # the step title in Dutch
    assert message.to == [world.circle_member.email]
    assert world.dossier.reference in message.subject
    assert f"/dossiers/{world.dossier.pk}/pathway/#step-court-hearing" in message.body
    text = message.subject + message.body
    for name in [world.dossier.title, "Visser", *(str(c) for c in world.dossier.children.all())]:
        assert name not in text
    for child in world.dossier.children.all():
        assert child.first_name not in text and child.last_name not in text
    # sending is recorded as an export of dossier data to the recipient
    exports = AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="pathways.reminder")
    assert exports.count() == 3 and {e.dossier_reference for e in exports} == {world.dossier.reference}


def test_overdue_reminder_goes_out_the_morning_after_an_open_deadline(pathway):
    hearing = pathway.steps.get(key="court-hearing")
    with time_machine.travel(local(2026, 3, 6, 8, 30), tick=False):
        run_ready_tasks()
    overdue = hearing.reminders.get(kind=ReminderKind.OVERDUE)
    assert overdue.state == ReminderState.SENT
    # the mail is in the default language (Dutch)
    assert any("te laat sinds 5 maart 2026" in m.subject and "Zitting" in m.subject for m in mail.outbox)


def test_moving_a_step_moves_its_pending_reminders_and_cancels_the_old_tasks(pathway, world):
    hearing = pathway.steps.get(key="court-hearing")
    old = {r.kind: r for r in hearing.reminders.all()}
    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        step_move(
            actor=world.circle_member, step=hearing, new_start=hearing.planned_start + timedelta(days=2)
        )
    moved = {r.kind: r for r in hearing.reminders.all()}
    assert set(moved) == {ReminderKind.BEFORE, ReminderKind.OVERDUE}  # the same rows, moved
    assert {r.pk for r in moved.values()} == {r.pk for r in old.values()}
    assert moved[ReminderKind.BEFORE].deadline == date(2026, 3, 7)
    assert moved[ReminderKind.BEFORE].due_at == local(2026, 3, 5, 8, 0)
    assert not DBTaskResult.objects.filter(pk__in=[r.task_id for r in old.values()]).exists()
    # at the old moment only the two steps that did not move get their reminder
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        run_ready_tasks()
    assert len(mail.outbox) == 2 and not any("Zitting" in m.subject for m in mail.outbox)
    with time_machine.travel(local(2026, 3, 5, 9, 0), tick=False):
        run_ready_tasks()
    assert sum("Zitting" in m.subject for m in mail.outbox) == 1


def test_a_sent_reminder_stays_sent_and_a_new_deadline_gets_its_own(pathway, world):
    hearing = pathway.steps.get(key="court-hearing")
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        run_ready_tasks()
        step_move(
            actor=world.circle_member, step=hearing, new_start=hearing.planned_start + timedelta(days=7)
        )
    before = hearing.reminders.filter(kind=ReminderKind.BEFORE).order_by("deadline")
    assert [(r.deadline, r.state) for r in before] == [
        (date(2026, 3, 5), ReminderState.SENT),
        (date(2026, 3, 12), ReminderState.PENDING),
    ]


def test_done_step_cancels_its_reminders(pathway, world):
    hearing = pathway.steps.get(key="court-hearing")
    task_ids = list(hearing.reminders.values_list("task_id", flat=True))
    with time_machine.travel(local(2026, 3, 2, 12, 0), tick=False):
        step_done(actor=world.circle_member, step=hearing, done_on=date(2026, 3, 2))
    assert set(hearing.reminders.values_list("state", flat=True)) == {ReminderState.CANCELLED}
    assert not DBTaskResult.objects.filter(pk__in=task_ids).exists()
    with time_machine.travel(local(2026, 3, 7, 9, 0), tick=False):
        run_ready_tasks()
    assert not any("Zitting" in m.subject for m in mail.outbox)


def test_no_reminder_for_someone_who_has_left_the_circle(pathway, world):
    seat = world.dossier.circle.get(user=world.circle_member)
    seat.ended_on = date(2026, 3, 2)
    seat.save(update_fields=["ended_on"])
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        assert_all_succeeded(run_ready_tasks())
    assert mail.outbox == []
    assert set(Reminder.objects.values_list("state", flat=True)) >= {ReminderState.CANCELLED}


def test_one_reminder_per_step_kind_recipient_and_deadline(pathway):
    row = Reminder.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(
            step=row.step, kind=row.kind, recipient=row.recipient, deadline=row.deadline, due_at=row.due_at
        )


def test_two_tasks_for_one_reminder_send_one_mail(pathway):
    row = Reminder.objects.get(step__key="court-hearing", kind=ReminderKind.BEFORE)
    reminders.send_reminder.enqueue(row.pk)  # e.g. the sweep and the original task both run
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        assert_all_succeeded(run_ready_tasks())
    assert sum("Zitting" in m.subject for m in mail.outbox) == 1


def test_a_task_killed_while_running_is_picked_up_by_the_sweep(pathway):
    """django-tasks-db leaves the task of a dead worker RUNNING for ever; the reminder is still pending."""
    row = Reminder.objects.get(step__key="court-hearing", kind=ReminderKind.BEFORE)
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        DBTaskResult.objects.get(pk=row.task_id).claim("worker-that-died")
        reminders.reminders_sweep()
        row.refresh_from_db()
        assert DBTaskResult.objects.get(pk=row.task_id).status == TaskResultStatus.READY
        assert_all_succeeded(run_ready_tasks())
        reminders.reminders_sweep()  # a second sweep finds nothing to do
        assert_all_succeeded(run_ready_tasks())
    assert sum("Zitting" in m.subject for m in mail.outbox) == 1


def test_a_claim_whose_worker_died_is_marked_unconfirmed_and_never_sent_again(pathway):
    """Crash between send and mark: at most once. After the lease the claim is unconfirmed, not resent."""
    row = Reminder.objects.get(step__key="court-hearing", kind=ReminderKind.BEFORE)
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        Reminder.objects.filter(pk=row.pk).update(
            state=ReminderState.SENDING, claimed_at=local(2026, 3, 3, 8, 0)
        )
        DBTaskResult.objects.get(pk=row.task_id).claim("worker-that-died")
        # the two other steps still have their waiting task: nothing to requeue
        assert reminders.reminders_sweep() == {"unconfirmed": 1, "requeued": 0}
        assert reminders.reminder_send(row.pk) == "not-pending"
        assert_all_succeeded(run_ready_tasks())
    row.refresh_from_db()
    assert row.state == ReminderState.UNCONFIRMED
    assert not any("Zitting" in m.subject for m in mail.outbox)


def test_a_claim_younger_than_the_lease_is_left_alone(pathway):
    row = Reminder.objects.get(step__key="court-hearing", kind=ReminderKind.BEFORE)
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        Reminder.objects.filter(pk=row.pk).update(
            state=ReminderState.SENDING, claimed_at=local(2026, 3, 3, 8, 59)
        )
        assert reminders.reminders_sweep()["unconfirmed"] == 0
    row.refresh_from_db()
    assert row.state == ReminderState.SENDING


def test_a_refused_mail_is_tried_again(pathway, settings):
    settings.EMAIL_BACKEND = "tests.pathways.test_reminders.RefusingBackend"
    row = Reminder.objects.get(step__key="court-hearing", kind=ReminderKind.BEFORE)
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        with pytest.raises(ConnectionRefusedError):
            reminders.reminder_send(row.pk)
        row.refresh_from_db()
        assert (row.state, row.attempts) == (ReminderState.PENDING, 1)
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        reminders.reminders_sweep()
        run_ready_tasks()
    row.refresh_from_db()
    assert row.state == ReminderState.SENT
    assert sum("Zitting" in m.subject for m in mail.outbox) == 1


class RefusingBackend:
    def __init__(self, **kwargs):
        pass

    def open(self):
        raise ConnectionRefusedError("mail server down")

    def close(self):
        pass


def _sweeps():
    return DBTaskResult.objects.filter(task_path=reminders.sweep_reminders.module_path)


def test_the_sweep_keeps_one_chain_going(pathway):
    _sweeps().delete()
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        first = reminders.reminders_ensure_sweep(interval_seconds=60)
        assert first and reminders.reminders_ensure_sweep() is None  # one is waiting
        assert_all_succeeded(run_ready_tasks())
        waiting = _sweeps().filter(status=TaskResultStatus.READY).get()
        assert waiting.run_after == local(2026, 3, 3, 9, 1)  # the next one, a minute later
        assert waiting.args_kwargs["kwargs"]["interval_seconds"] == 60
    restarted = reminders.reminders_restart_sweep(interval_seconds=5)
    waiting = [str(pk) for pk in _sweeps().filter(status=TaskResultStatus.READY).values_list("pk", flat=True)]
    assert waiting == [restarted]


def test_a_sweep_that_died_running_is_replaced_after_the_lease(pathway):
    _sweeps().delete()
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        dead = reminders.reminders_ensure_sweep()
        DBTaskResult.objects.get(pk=dead).claim("worker-that-died")
        assert reminders.reminders_ensure_sweep() is None  # running, maybe alive
    with time_machine.travel(local(2026, 3, 3, 9, 11), tick=False):
        assert reminders.reminders_ensure_sweep() is not None  # older than the lease of ten minutes


def test_the_pathway_page_shows_each_reminder_and_its_state(pathway, world, client_for):
    row = Reminder.objects.get(step__key="court-hearing", kind=ReminderKind.BEFORE)
    Reminder.objects.filter(pk=row.pk).update(state=ReminderState.UNCONFIRMED)
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        run_ready_tasks()
    page = client_for("circle_member").get(f"/dossiers/{world.dossier.pk}/pathway/").content.decode()
    assert page.count('data-reminder-state="sent"') == 2
    assert page.count('data-reminder-state="unconfirmed"') == 1
    assert page.count('data-reminder-state="pending"') == 5  # the overdue ones and advice-to-judge
