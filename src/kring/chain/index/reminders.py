"""Prompting both sides of a match until a coordinator (regie) is agreed or the match is dismissed with a
reason. In the Dutch index about 40% of matches are never followed up; kring keeps asking.

- On the page, "Waiting for you" lists every open match of your organisation, oldest first, with the next
  step (confirm / contact / agree the lead or dismiss) and how long it has waited; the API has
  `GET /signals/matches?waiting=true`.
- `send_reminders()` (run daily by `manage.py signal_index_remind`, e.g. from cron or a systemd timer)
  e-mails each side of every match that has been open for `KRING_INDEX_REMIND_DAYS` (default 7) since it
  was found or since that side's last reminder. The mail goes to whoever registered that side (for a fact
  from a dossier: the case worker who is its contact); when there is nobody, or after `ESCALATE_AFTER`
  reminders, also to the team leads of that organisation. One mail per person per run, whatever the number
  of matches. It names no young person, category or organisation — only how many matches wait, their
  registration numbers and the link to the page.
- At most once: a side's reminder is claimed with one conditional UPDATE (on the value of its last
  reminder time) before any mail leaves, so two runs at the same time cannot both send it. Each claim is
  written to the audit log.
"""

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.accounts.models import Membership, Role
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append_entries, audit_entry
from kring.sweeps import base_url

from .models import Match, MatchStatus

ESCALATE_AFTER = 3
OPEN = (MatchStatus.MATCH, MatchStatus.POSSIBLE)
SIDES = ("first", "second")


def remind_days() -> int:
    return max(1, int(getattr(settings, "KRING_INDEX_REMIND_DAYS", 7)))


def _due(side: str, cutoff: datetime) -> Q:
    return Q(**{f"{side}_reminded_at__lte": cutoff}) | Q(
        **{f"{side}_reminded_at__isnull": True, "found_at__lte": cutoff}
    )


def _claim(match: Match, side: str, now: datetime) -> bool:
    """Take this side's reminder for this run; False when another run took it (or the match closed)."""
    return bool(
        Match.objects.filter(
            pk=match.pk, status__in=OPEN, **{f"{side}_reminded_at": getattr(match, f"{side}_reminded_at")}
        ).update(**{f"{side}_reminded_at": now, f"{side}_reminders": F(f"{side}_reminders") + 1})
    )


def _team_leads(organisation_ids: set[int]) -> dict[int, list[Any]]:
    leads = defaultdict(list)
    memberships = (
        Membership.objects.active()
        .filter(organisation_id__in=organisation_ids, role=Role.TEAM_LEAD)
        .select_related("user")
    )
    for membership in memberships:
        leads[membership.organisation_id].append(membership.user)
    return leads


def send_reminders(now: datetime | None = None) -> dict[str, int]:
    """Remind the sides of open matches that are due; returns how many sides were reminded and mails sent."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=remind_days())
    matches = list(
        Match.objects.filter(status__in=OPEN)
        .filter(_due("first", cutoff) | _due("second", cutoff))
        .select_related("first__registered_by", "second__registered_by")
        .order_by("pk")
    )
    claimed: list[tuple[Match, str, int]] = []
    for match in matches:
        for side in SIDES:
            last = getattr(match, f"{side}_reminded_at") or match.found_at
            if last <= cutoff and _claim(match, side, now):
                claimed.append((match, side, getattr(match, f"{side}_reminders") + 1))
    leads = _team_leads({getattr(m, side).organisation_id for m, side, _ in claimed})
    inbox: dict[str, list[int]] = defaultdict(list)
    for match, side, count in claimed:
        registration = getattr(match, side)
        people = []
        user = registration.registered_by
        if user is not None and user.is_active and user.email:
            people.append(user)
        if not people or count >= ESCALATE_AFTER:
            people += leads.get(registration.organisation_id, [])
        for person in people:
            if person.email and registration.pk not in inbox[person.email]:
                inbox[person.email].append(registration.pk)
    audit_append_entries(
        [
            audit_entry(
                actor=Actor(None, "system"),
                action=AuditAction.UPDATE,
                obj=match,
                fields=[f"{side}_reminded_at"],
            )
            for match, side, _ in claimed
        ]
    )
    for email, registration_ids in inbox.items():
        _mail(email, registration_ids)
    return {"reminded": len(claimed), "mails": len(inbox)}


def _mail(email: str, registration_ids: list[int]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        count = len(registration_ids)
        numbers = ", ".join(f"#{pk}" for pk in sorted(registration_ids))
        send_mail(
            subject=_("kring: matches in the signal index wait for you"),
            message=ngettext(
                "In the signal index, a match of registration %(numbers)s waits for a next step.",
                "In the signal index, matches of registrations %(numbers)s wait for a next step.",
                count,
            )
            % {"numbers": numbers}
            + "\n\n"
            + _(
                "Contact the other organisation, agree who coordinates (regie), or dismiss the match with "
                "a reason. You will be reminded until then."
            )
            + f"\n\n{base_url()}{reverse('signal_index')}\n",
            from_email=None,
            recipient_list=[email],
            fail_silently=True,
        )
