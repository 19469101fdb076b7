"""E-mail notices to family members: "there is something new in kring for you" — never content, names or
dossier references — as often as the person chose (at once, once a day, once a week, never).

How it holds together
- **What is new** is asked per family account through the family policy
  (`kring.access.family.family_notice_decision`: what the person would see if they logged in now), so
  nobody is told about something they may not see: a new plan version or a signature by someone else (the
  safety plan), changed worries or goals about them or their children, a new or changed minimum rule, a
  journal entry by someone else that they may read, a scaling question or a questionnaire put to them that
  still waits for them. Nothing is read for a person here: no read entry.
- **When**: at once = at the next sweep (every SWEEP_SECONDS); at most once a day, from NOTICE_HOUR (local
  time); at most once a week, from Monday NOTICE_HOUR. Changes are counted since the login's last notice
  (`covered_until`), never from before the account existed. (A bottom line carries a date, not a moment:
  one set or changed on the day of the last notice is not counted.)
- **Never twice**: one `FamilyNotice` per login and slot (the day, the ISO week, the minute for "at once"; a
  unique constraint), claimed in a transaction that locks the login; the claim commits before the
  mail leaves. A mail the backend did not accept removes its claim (the next sweep tries again); a claim whose
  worker died before it was marked sent becomes `unconfirmed` after the lease and is never sent again (at most
  once, as for pathway reminders, kring.pathways.reminders). A sent notice is in the access log (an export
  by e-mail, without a dossier: the mail holds nothing of one).
- **Survives a restart**: `sweep_family_notices` is a django-tasks task (database backend, `manage.py
  db_worker`) that first enqueues its successor; `manage.py portal_notices` (run by `make run`) restarts it.
- The mail is in the person's language (`FamilyAccount.language`) and links to the portal's start page only.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from kring.access.family import FamilyDecision, FamilyPart, family_notice_decision
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.services import SYSTEM
from kring.safety.models import BottomLine, DangerStatement, JournalEntry, PlanVersion, SafetyGoal, Signature
from kring.sweeps import LEASE_SECONDS, SWEEP_SECONDS, base_url, deliver, sweep_ensure, sweep_restart

from .models import (
    FamilyAccount,
    FamilyNotice,
    NoticeChoice,
    NoticeFrequency,
    NoticeState,
    QuestionnaireAsked,
    ScaleQuestionAsked,
)

NOTICE_DEFAULT = NoticeFrequency.DAILY
NOTICE_HOUR = 17  # local time: after school and work


# --- what is new for one family account ---


def _about(queryset: Any, decision: FamilyDecision) -> Any:
    from .selectors import _about as about

    return about(queryset, decision)


def visible_news(account: FamilyAccount, since: datetime, *, now: datetime | None = None) -> list[str]:
    """The kinds of change since `since` that this account may see (never what changed: kinds only, for
    the record and the tests). Empty when nothing visible is new."""
    from .selectors import visible_journal_entries

    now = now or timezone.now()
    decision = family_notice_decision(account, timezone.localdate(now))
    if not decision.allowed:
        return []
    dossier_id = account.dossier_id
    news = []
    if decision.sees(FamilyPart.SAFETY_PLAN):
        if PlanVersion.objects.filter(plan__dossier_id=dossier_id, created_at__gt=since).exists():
            news.append("plan_version")
        signatures = Signature.objects.filter(version__plan__dossier_id=dossier_id, signed_at__gt=since)
        if account.participant_id:
            signatures = signatures.exclude(participant_id=account.participant_id)
        if signatures.exists():
            news.append("signature")
    if (
        decision.sees(FamilyPart.DANGER_STATEMENTS)
        and _about(
            DangerStatement.objects.filter(dossier_id=dossier_id, updated_at__gt=since), decision
        ).exists()
    ):
        news.append("danger_statement")
    if (
        decision.sees(FamilyPart.SAFETY_GOALS)
        and _about(SafetyGoal.objects.filter(dossier_id=dossier_id, updated_at__gt=since), decision).exists()
    ):
        news.append("safety_goal")
    if (
        decision.sees(FamilyPart.BOTTOM_LINES)
        and BottomLine.objects.filter(dossier_id=dossier_id)
        .filter(Q(set_on__gt=timezone.localdate(since)) | Q(status_on__gt=timezone.localdate(since)))
        .exists()
    ):
        news.append("bottom_line")
    if decision.sees(FamilyPart.JOURNAL):
        entries = visible_journal_entries(
            JournalEntry.objects.filter(dossier_id=dossier_id, recorded_at__gt=since), decision, account
        ).exclude(recorded_by_id=account.user_id)
        if entries.exists():
            news.append("journal")
    # what was put to this person themselves and still waits for them (never to someone else; not in a closed
    # file, where it can no longer be answered)
    if not decision.closed:
        if (
            decision.sees(FamilyPart.SCALE_QUESTIONS)
            and ScaleQuestionAsked.objects.filter(
                account=account, asked_at__gt=since, answered_at__isnull=True
            ).exists()
        ):
            news.append("scale_question")
        if (
            decision.sees(FamilyPart.QUESTIONNAIRES_FOR_YOU)
            and QuestionnaireAsked.objects.filter(
                account=account, asked_at__gt=since, administration__submitted_at__isnull=True
            ).exists()
        ):
            news.append("questionnaire")
    return news


# --- when ---


def frequency_of(user: Any) -> str:
    choice = NoticeChoice.objects.filter(user=user).first()
    return choice.frequency if choice else NOTICE_DEFAULT


def slot_for(frequency: str, now: datetime) -> str | None:
    """The slot a notice sent now belongs to, or None when this frequency has no notice due now."""
    local = timezone.localtime(now)
    if frequency == NoticeFrequency.IMMEDIATELY:
        return f"now:{local:%Y-%m-%dT%H:%M}"
    if frequency == NoticeFrequency.DAILY:
        return f"day:{local.date().isoformat()}" if local.time() >= time(NOTICE_HOUR) else None
    if frequency == NoticeFrequency.WEEKLY:
        monday = local.date() - timedelta(days=local.weekday())
        start = timezone.make_aware(datetime.combine(monday, time(NOTICE_HOUR)))
        year, week, _day = monday.isocalendar()
        return f"week:{year}-W{week:02d}" if local >= start else None
    return None


def _since(user: Any, account: FamilyAccount) -> datetime:
    last = FamilyNotice.objects.filter(user=user).order_by("-covered_until").first()
    return max(last.covered_until, account.created_at) if last else account.created_at


# --- the mail ---


def _language(accounts: list[FamilyAccount]) -> str:
    chosen = [a.language for a in accounts if a.language in settings.KRING_PORTAL_LANGUAGES]
    return chosen[0] if chosen else str(settings.LANGUAGE_CODE)


def notice_message(*, email: str, language: str, frequency: str) -> EmailMessage:
    """The mail: no content, no names, no dossier — only that there is something new, and a link to the
    portal's start page."""
    with translation.override(language):
        how_often = str(NoticeFrequency(frequency).label)
        body = "\n\n".join(
            [
                _("Hello!"),
                _("There is something new in kring for you. Log in to see it: %(link)s")
                % {"link": f"{base_url()}{reverse('portal_home')}"},
                _("This e-mail says nothing more, on purpose."),
                _(
                    "You chose to get these e-mails: %(how_often)s. You can change this in kring, under "
                    "“E-mails from kring”."
                )
                % {"how_often": how_often},
            ]
        )
        subject = _("There is something new in kring for you")
    return EmailMessage(subject=subject, body=body + "\n", to=[email])


# --- sending ---


@dataclass(frozen=True)
class Claimed:
    notice: FamilyNotice
    message: EmailMessage


def _claim(user_id: int, now: datetime) -> Claimed | str:
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or not user.email:
            return "no address"
        frequency = frequency_of(user)
        slot = slot_for(frequency, now)
        if slot is None:
            return "not due"
        if FamilyNotice.objects.filter(user=user, slot=slot).exists():
            return "already sent"
        accounts = list(
            FamilyAccount.objects.active().filter(user=user).select_related("dossier", "person", "user")
        )
        news = [a for a in accounts if visible_news(a, _since(user, a), now=now)]
        if not news:
            return "nothing new"
        try:
            with transaction.atomic():
                notice = FamilyNotice.objects.create(
                    user=user,
                    slot=slot,
                    frequency=frequency,
                    covered_until=now,
                    accounts=[a.pk for a in news],
                    claimed_at=now,
                )
        except IntegrityError:
            return "already sent"
        message = notice_message(email=user.email, language=_language(accounts), frequency=frequency)
    return Claimed(notice, message)


def notice_send(user_id: int, *, now: datetime | None = None) -> str:
    """Claim, send and mark the notice due now for one login. Returns what happened."""
    now = now or timezone.now()
    claimed = _claim(user_id, now)
    if isinstance(claimed, str):
        return claimed
    # The claim is committed: a crash from here until the mark leaves it `sending` (unconfirmed later).
    try:
        deliver(claimed.message)
    except Exception:
        FamilyNotice.objects.filter(pk=claimed.notice.pk, state=NoticeState.SENDING).delete()
        raise
    with transaction.atomic():
        FamilyNotice.objects.filter(pk=claimed.notice.pk).update(
            state=NoticeState.SENT, sent_at=timezone.now()
        )
        # in the access log without a dossier: the mail names no file and holds nothing of one
        audit_append(
            actor=SYSTEM,
            action=AuditAction.EXPORT,
            obj=claimed.notice,
            fields=["notice"],
            export_format="email",
        )
    return "sent"


def notices_sweep(*, now: datetime | None = None, lease_seconds: int = LEASE_SECONDS) -> dict[str, int]:
    """Mark claims whose worker died as unconfirmed, then send what is due to every family login that wants
    notices and has an e-mail address."""
    now = now or timezone.now()
    stale = FamilyNotice.objects.filter(
        state=NoticeState.SENDING, claimed_at__lt=now - timedelta(seconds=lease_seconds)
    ).update(state=NoticeState.UNCONFIRMED)
    never = NoticeChoice.objects.filter(frequency=NoticeFrequency.NEVER).values("user_id")
    users = (
        FamilyAccount.objects.active()
        .exclude(user__email="")
        .exclude(user_id__in=never)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    counts = {"unconfirmed": stale, "sent": 0, "failed": 0}
    for user_id in users:
        try:
            if notice_send(user_id, now=now) == "sent":
                counts["sent"] += 1
        except Exception:
            counts["failed"] += 1  # claim removed: the next sweep tries again
    return counts


def notices_ensure_sweep(
    *,
    interval_seconds: int = SWEEP_SECONDS,
    lease_seconds: int = LEASE_SECONDS,
    exclude: str | None = None,
    delay_seconds: int = 0,
) -> str | None:
    """Enqueue the sweep unless one is waiting or still running. Returns the new task's id, or None."""
    return sweep_ensure(
        sweep_family_notices,
        interval_seconds=interval_seconds,
        lease_seconds=lease_seconds,
        exclude=exclude,
        delay_seconds=delay_seconds,
    )


def notices_restart_sweep(
    *, interval_seconds: int = SWEEP_SECONDS, lease_seconds: int = LEASE_SECONDS
) -> str:
    """Replace any waiting sweep by one that runs now (when a worker starts: `manage.py portal_notices`)."""
    return sweep_restart(sweep_family_notices, interval_seconds=interval_seconds, lease_seconds=lease_seconds)


@task(takes_context=True)
def sweep_family_notices(
    context: Any, interval_seconds: int = SWEEP_SECONDS, lease_seconds: int = LEASE_SECONDS
) -> dict:
    # The next sweep first: if this worker dies below, the chain goes on.
    notices_ensure_sweep(
        interval_seconds=interval_seconds,
        lease_seconds=lease_seconds,
        exclude=context.task_result.id,
        delay_seconds=interval_seconds,
    )
    return notices_sweep(lease_seconds=lease_seconds)
