"""Self-entry without an account: the one place for the rules of one-time links and their rate limit.

A professional makes a link for one planned administration (`self_entry_link_create`). The token in the
link is random (192 bits) and signed with the site's secret, so a changed token is refused before the
database is asked; only a SHA-256 hash of its random part is stored, and the token is shown once. A link works
once (the first submission wins: a conditional update), expires (`valid_hours`), stops when the professional
withdraws it or makes a new one, and shows nothing of the dossier but the questionnaire and the first name the
professional chose to show. Every client address may open self-entry pages `requests` times per
`window_minutes`.

Settings (all optional), e.g. KRING_FEEDBACK_SELF_ENTRY = {"valid_hours": 72, "max_valid_hours": 336,
"requests": 30, "window_minutes": 10}.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section, is_read_only
from kring.audit.models import AuditAction, AuditOutcome
from kring.audit.services import Actor, audit_append
from kring.cases.services import authorise

from .models import Administration, SelfEntryLink, SelfEntryThrottle
from .services import ALREADY_SUBMITTED, self_entry_record

DEFAULTS = {"valid_hours": 72, "max_valid_hours": 14 * 24, "requests": 30, "window_minutes": 10}
TOKEN_BYTES = 24
SIGNER_SALT = "kring.feedback.self-entry"
# Who wrote it, in the access log: the respondent, who has no account.
RESPONDENT = Actor(user_id=None, username="respondent (self-entry link)")

VALIDITY_OUT_OF_RANGE = _("A link is valid for at least 1 hour and at most %(hours)s hours.")
ALREADY_ANSWERED = _("This questionnaire has already been filled in; a link is no longer needed.")


def rule() -> dict:
    return {**DEFAULTS, **getattr(settings, "KRING_FEEDBACK_SELF_ENTRY", {})}


class Refusal(StrEnum):
    """Why a link does not open; each has its own plain-language page."""

    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"
    WITHDRAWN = "withdrawn"
    TOO_MANY = "too_many"


class LinkRefused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class NewLink:
    link: SelfEntryLink
    token: str  # shown once, never stored


def _signer() -> signing.Signer:
    return signing.Signer(salt=SIGNER_SALT, sep=".")


def _hash(random_part: str) -> str:
    return hashlib.sha256(random_part.encode()).hexdigest()


def _random_part(token: str) -> str:
    """The random part of a signed token; LinkRefused(INVALID) when the token was changed or made up."""
    try:
        return _signer().unsign(token)
    except signing.BadSignature:
        raise LinkRefused(Refusal.INVALID) from None


def self_entry_link_create(
    *, actor: Any, administration: Administration, valid_hours: int | None = None
) -> NewLink:
    """A new one-time link for a waiting administration; earlier links of it stop working."""
    dossier = administration.dossier
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.FEEDBACK)
    settings_rule = rule()
    hours = settings_rule["valid_hours"] if valid_hours is None else valid_hours
    if not 1 <= hours <= settings_rule["max_valid_hours"]:
        raise ValidationError(
            {"valid_hours": VALIDITY_OUT_OF_RANGE % {"hours": settings_rule["max_valid_hours"]}}
        )
    if administration.is_submitted:
        raise ValidationError(ALREADY_ANSWERED)
    random_part = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    with transaction.atomic():
        SelfEntryLink.objects.filter(
            administration=administration, used_at__isnull=True, withdrawn_at__isnull=True
        ).update(withdrawn_at=now)
        link = SelfEntryLink.objects.create(
            administration=administration,
            token_hash=_hash(random_part),
            created_by=actor,
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=link,
            fields=["administration", "expires_at"],
        )
    return NewLink(link=link, token=_signer().sign(random_part))


def self_entry_link_withdraw(*, actor: Any, administration: Administration) -> int:
    """Stop every link of the administration that still works; returns how many were stopped."""
    audit_actor = authorise(actor, Action.EDIT, administration.dossier, Section.FEEDBACK)
    with transaction.atomic():
        links = list(
            SelfEntryLink.objects.filter(
                administration=administration, used_at__isnull=True, withdrawn_at__isnull=True
            )
        )
        SelfEntryLink.objects.filter(pk__in=[link.pk for link in links]).update(withdrawn_at=timezone.now())
        for link in links:
            audit_append(
                actor=audit_actor,
                action=AuditAction.UPDATE,
                dossier=administration.dossier,
                obj=link,
                fields=["withdrawn_at"],
            )
    return len(links)


def _refusal_of(link: SelfEntryLink, now: datetime) -> Refusal | None:
    if link.used_at is not None or link.administration.is_submitted:
        return Refusal.USED
    if link.withdrawn_at is not None or is_read_only(link.administration.dossier):
        return Refusal.WITHDRAWN  # a closed dossier takes no more answers: as if the link was withdrawn
    if link.expires_at <= now:
        return Refusal.EXPIRED
    return None


def self_entry_open(token: str) -> SelfEntryLink:
    """The link behind a token, with its administration and instrument; LinkRefused when it does not work.
    A refused link that exists is written to the access log of its dossier."""
    random_part = _random_part(token)
    link = (
        SelfEntryLink.objects.select_related("administration__instrument", "administration__dossier")
        .filter(token_hash=_hash(random_part))
        .first()
    )
    if link is None:
        raise LinkRefused(Refusal.INVALID)
    refusal = _refusal_of(link, timezone.now())
    if refusal is not None:
        audit_append(
            actor=RESPONDENT,
            action=AuditAction.READ,
            outcome=AuditOutcome.DENIED,
            reason=refusal.value,
            dossier=link.administration.dossier,
            obj=link,
        )
        raise LinkRefused(refusal)
    return link


def self_entry_submit(token: str, answers: dict) -> Administration:
    """The respondent's own answers through their link. Raises LinkRefused when the link does not (or no
    longer) work, ValidationError (plain language, per question) when an answer is wrong; nothing is stored
    then, and the link keeps working until it is used or expires."""
    link = self_entry_open(token)
    with transaction.atomic():
        claimed = SelfEntryLink.objects.filter(
            pk=link.pk, used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
        ).update(used_at=timezone.now())
        if not claimed:
            raise LinkRefused(Refusal.USED)
        try:
            self_entry_record(link.administration, answers, link, RESPONDENT)
        except ValidationError as error:
            if error.messages == [str(ALREADY_SUBMITTED)]:
                raise LinkRefused(Refusal.USED) from None
            raise
    return link.administration


def throttle_hit(client_ip: str) -> bool:
    """Count one request of this client to the self-entry pages; False when it went over the limit.

    A database counter per client per time window, so that the limit holds across server processes. Only a
    hash of the address is kept; windows older than a day are removed as new ones start."""
    settings_rule = rule()
    now = timezone.now()
    window = timedelta(minutes=settings_rule["window_minutes"])
    start = datetime.fromtimestamp(
        now.timestamp() // window.total_seconds() * window.total_seconds(), tz=now.tzinfo
    )
    key = hashlib.sha256(f"{settings.SECRET_KEY}|{client_ip}".encode()).hexdigest()
    with transaction.atomic():
        try:
            with transaction.atomic():
                counter, created = SelfEntryThrottle.objects.get_or_create(key=key, window_start=start)
        except IntegrityError:  # another request made the same window at the same moment
            counter, created = SelfEntryThrottle.objects.get(key=key, window_start=start), False
        SelfEntryThrottle.objects.filter(pk=counter.pk).update(hits=F("hits") + 1)
        hits = SelfEntryThrottle.objects.values_list("hits", flat=True).get(pk=counter.pk)
    if created:
        SelfEntryThrottle.objects.filter(window_start__lt=now - timedelta(days=1)).delete()
    return hits <= settings_rule["requests"]
