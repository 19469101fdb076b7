"""Signal-index services: register, match on arrival, withdraw/expire, decide on matches, relink."""

import hashlib
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kring.access import signal_index as access
from kring.access.policy import Action, organisation_ids
from kring.accounts.models import Organisation
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append
from kring.cases.models import Dossier
from kring.chain.models import ChainCase

from . import linkage, matching
from .models import Match, MatchStatus, Registration, Source

IDENTITY_FIELDS = [
    "first_name",
    "prefix",
    "last_name",
    "date_of_birth",
    "sex",
    "bsn",
    "postcode",
    "house_number",
]
NOT_YOUR_ORGANISATION = _lazy("You cannot register signals for this organisation.")
WITHDRAW_REASONS = ("concern_gone", "unjustified")
SYSTEM_END_REASONS = ("expired", "source_ended")  # by expiry, or the dossier measure / chain case is gone


def index_key() -> bytes:
    key = getattr(settings, "KRING_INDEX_KEY", None)
    if key:
        return key.encode() if isinstance(key, str) else key
    return hashlib.sha256(f"kring-signal-index|{settings.SECRET_KEY}".encode()).digest()


def retention_days() -> int:
    return int(getattr(settings, "KRING_INDEX_RETENTION_DAYS", 730))


def expiry_for(registered_on: date, date_of_birth: date | None, *, fact: bool = False) -> date:
    """A signal: at most two years (configurable, never longer), and never past the 23rd birthday. A fact
    from a dossier or chain case brings its own end (kring.chain.index.feed); here only the 23rd birthday."""
    ends = date.max if fact else registered_on + timedelta(days=min(retention_days(), 730))
    if date_of_birth:
        try:
            at_23 = date_of_birth.replace(year=date_of_birth.year + 23)
        except ValueError:
            at_23 = date(date_of_birth.year + 23, 3, 1)
        ends = min(ends, at_23)
    return ends


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def validate_identity(
    *, first_name: str, last_name: str, date_of_birth: date | None, bsn: str, today: date
) -> None:
    errors = {}
    if not linkage.normalise_first_name(first_name):
        errors["first_name"] = _("Fill in the first name (or at least the initial).")
    if not linkage.normalise_surname("", last_name):
        errors["last_name"] = _("Fill in the last name.")
    if date_of_birth is None:
        errors["date_of_birth"] = _("Fill in the date of birth.")
    elif date_of_birth > today:
        errors["date_of_birth"] = _("The date of birth lies in the future.")
    elif (
        date_of_birth.replace(year=date_of_birth.year + 23) <= today
        if not (date_of_birth.month == 2 and date_of_birth.day == 29)
        else date(date_of_birth.year + 23, 3, 1) <= today
    ):
        errors["date_of_birth"] = _("The index is for young people under 23.")
    if bsn and not linkage.bsn_valid(bsn):
        errors["bsn"] = _(
            "This BSN is not valid (it fails the eleven-test). Check the number or leave it empty."
        )
    if errors:
        raise ValidationError(errors)


def _encode(identity: dict) -> linkage.Encoded:
    return linkage.encode(
        index_key(),
        **{k: identity.get(k) or "" for k in IDENTITY_FIELDS if k != "date_of_birth"},
        date_of_birth=identity.get("date_of_birth"),
    )


_fill = matching.fill
encoded_of = matching.encoded_of


def _actor(user: User | None) -> Actor:
    return Actor.for_user(user, access.membership_for(user)) if user is not None else Actor(None, "system")


def registration_create(
    *,
    actor_user: User | None,
    organisation: Organisation,
    contact_name: str,
    contact_details: str,
    category: str,
    identity: dict,
    own_reference: str = "",
    source: str = Source.SIGNAL,
    dossier: Dossier | None = None,
    chain_case: ChainCase | None = None,
    fact: str = "",
    subject: str = "",
    expires_on: date | None = None,
    registered_by: User | None = None,
    today: date | None = None,
) -> Registration:
    """Validate, encode and store a registration, then match it against the index (online).

    A signal comes from a professional (source "signal"); a fact is fed from a dossier or a chain case
    (kring.chain.index.feed) with its kind and the record it comes from (`subject`)."""
    today = today or timezone.localdate()
    if actor_user is not None and not access.decide_registering(actor_user, organisation).allowed:
        raise ValidationError(NOT_YOUR_ORGANISATION)
    validate_identity(
        first_name=identity.get("first_name", ""),
        last_name=identity.get("last_name", ""),
        date_of_birth=identity.get("date_of_birth"),
        bsn=identity.get("bsn", ""),
        today=today,
    )
    if not contact_name.strip() or not contact_details.strip():
        raise ValidationError({"contact_name": _("Fill in who to contact and how.")})
    enc = _encode(identity)
    reg = Registration(
        organisation=organisation,
        registered_by=registered_by or actor_user,
        contact_name=contact_name.strip(),
        contact_details=contact_details.strip(),
        category=category,
        source=source,
        dossier=dossier,
        chain_case=chain_case,
        fact=fact,
        subject=subject,
        own_reference=own_reference,
        registered_on=today,
        young_person_16_plus=_age(identity["date_of_birth"], today) >= 16,
        expires_on=min(
            expires_on or date.max, expiry_for(today, identity.get("date_of_birth"), fact=bool(fact))
        ),
    )
    _fill(reg, enc)
    reg.full_clean(exclude=["registered_by", "dossier", "chain_case"])
    with transaction.atomic():
        reg.save()
        matching.store_block_keys(reg, enc)
        audit_append(
            actor=_actor(actor_user),
            action=AuditAction.CREATE,
            obj=reg,
            fields=["organisation", "fact" if fact else "category", *IDENTITY_FIELDS],
        )
        # the API answers with how many were found: an attribute set here on the instance, not a field
        reg.matches_on_arrival = match_registration(  # type: ignore[attr-defined]
            reg, actor_user=actor_user, enc=enc
        )
    return reg


active_registrations = matching.active


def match_registration(
    reg: Registration,
    *,
    actor_user: User | None = None,
    enc: linkage.Encoded | None = None,
    today: date | None = None,
) -> list[Match]:
    """Compare one registration with the active registrations of OTHER organisations sharing a block key
    (matching.find_matches). Facts fed from dossiers and chain cases match signals only: two facts are
    kring's own knowledge, which the chain table sees as old acquaintances; a match is for a professional
    who registered a concern. The query and every new match are audited."""
    enc = enc or encoded_of(reg)
    found_pairs = matching.find_matches(
        enc,
        exclude_pk=reg.pk,
        exclude_organisation_id=reg.organisation_id,
        signals_only=reg.source != Source.SIGNAL,
        today=today,
    )
    found = []
    for other_pk, total, kind in found_pairs:
        first, second = sorted([reg.pk, other_pk])
        match, created = Match.objects.get_or_create(
            first_id=first,
            second_id=second,
            defaults={
                "score": total,
                "status": MatchStatus.MATCH if kind == "match" else MatchStatus.POSSIBLE,
            },
        )
        if created:
            audit_append(
                actor=_actor(actor_user), action=AuditAction.CREATE, obj=match, fields=["score", "status"]
            )
            found.append(match)
    # this registration may itself be the bridge of an open possible match between two it matches strongly
    strong = [pk for pk, total, _ in found_pairs if total >= linkage.BRIDGE_LINK]
    for match in matching.bridge_open_matches(strong):
        audit_append(actor=_actor(actor_user), action=AuditAction.UPDATE, obj=match, fields=["status"])
    audit_append(actor=_actor(actor_user), action=AuditAction.READ, obj=reg, fields=["match_query"])
    return found


def registration_end(
    *, actor_user: User | None, registration: Registration, reason: str, today: date | None = None
) -> None:
    """Withdraw (concern gone / unjustified) or expire: it no longer matches and its matches end."""
    if (
        actor_user is not None
        and not access.decide_registration(actor_user, Action.EDIT, registration).allowed
    ):
        raise PermissionDenied  # shown as "not found": the page and the API answer 404
    if reason not in (
        WITHDRAW_REASONS if actor_user is not None else (*WITHDRAW_REASONS, *SYSTEM_END_REASONS)
    ):
        raise ValidationError(_("Choose a reason."))
    with transaction.atomic():
        registration.ended_on = today or timezone.localdate()
        registration.end_reason = reason
        erased = matching.erase(registration)  # an ended registration keeps no identity, not even encoded
        registration.save(update_fields=["ended_on", "end_reason", *erased])
        registration.block_keys.all().delete()
        Match.objects.filter(Q(first=registration) | Q(second=registration)).delete()
        audit_append(
            actor=_actor(actor_user),
            action=AuditAction.DELETE,
            obj=registration,
            fields=["ended_on", "end_reason"],
        )


def expire_due(today: date | None = None) -> int:
    today = today or timezone.localdate()
    due = list(Registration.objects.filter(ended_on__isnull=True, expires_on__lte=today))
    for reg in due:
        registration_end(actor_user=None, registration=reg, reason="expired", today=today)
    return len(due)


DECISIONS = ("confirm", "followed_up", "lead", "dismiss")


def _acting_side(user: User, match: Match) -> str:
    """Which side of the match the user acts for ("first" or "second"); their own side if they are in both."""
    orgs = organisation_ids(user)
    return "first" if match.first.organisation_id in orgs else "second"


def match_decide(
    *,
    actor_user: User,
    match: Match,
    decision: str,
    coordinator: Organisation | None = None,
    reason: str = "",
) -> Match:
    """One side's step on a match: confirm a possible match, record that it contacted the other side
    (followed up), record the agreed coordinator (regie), or dismiss the match with a reason.

    The match row is locked and re-read, so two sides deciding at the same time cannot overwrite each
    other: the second decision is checked against the state the first one left."""
    if not access.decide_match(actor_user, Action.EDIT, match).allowed:
        raise PermissionDenied
    if decision not in DECISIONS:
        raise ValidationError(_("This decision is not possible for this match."))
    with transaction.atomic():
        match = (
            Match.objects.select_for_update(of=("self",))  # PostgreSQL locks no outer-joined rows
            .select_related("first__organisation", "second__organisation", "coordinator")
            .get(pk=match.pk)
        )
        side = _acting_side(actor_user, match)
        own_org = getattr(match, side).organisation
        now = timezone.now()
        fields = ["status", "decided_at", "decided_by"]
        if decision == "confirm" and match.status == MatchStatus.POSSIBLE:
            match.status = MatchStatus.MATCH
        elif decision == "followed_up" and match.status in (MatchStatus.MATCH, MatchStatus.LEAD_AGREED):
            setattr(match, f"{side}_followed_up_at", getattr(match, f"{side}_followed_up_at") or now)
            fields = [f"{side}_followed_up_at"]
        elif decision == "dismiss" and match.status in (MatchStatus.MATCH, MatchStatus.POSSIBLE):
            if not reason.strip():
                raise ValidationError({"reason": _("Give a reason for dismissing the match.")})
            match.status, match.dismiss_reason = MatchStatus.DISMISSED, reason.strip()[:300]
            fields.append("dismiss_reason")
        elif decision == "lead" and match.status in (MatchStatus.MATCH, MatchStatus.LEAD_AGREED):
            if coordinator is None or coordinator.pk not in (
                match.first.organisation_id,
                match.second.organisation_id,
            ):
                raise ValidationError(
                    {"coordinator": _("Choose one of the two organisations as coordinator.")}
                )
            match.status, match.coordinator = MatchStatus.LEAD_AGREED, coordinator
            # agreeing a coordinator means the two sides have been in touch
            setattr(match, f"{side}_followed_up_at", getattr(match, f"{side}_followed_up_at") or now)
            fields += ["coordinator", f"{side}_followed_up_at"]
        else:
            raise ValidationError(_("This decision is not possible for this match."))
        if "decided_at" in fields:
            match.decided_at, match.decided_by = now, own_org
        match.save(update_fields=fields)
        audit_append(actor=_actor(actor_user), action=AuditAction.UPDATE, obj=match, fields=fields)
    return match


def registration_mark_informed(
    *, actor_user: User, registration: Registration, informed_on: date | None = None
) -> Registration:
    """Record that the letter went to the parents (and the young person from 16)."""
    allowed = access.decide_registration(actor_user, Action.EDIT, registration).allowed
    if not allowed or registration.source != Source.SIGNAL:
        raise PermissionDenied
    informed_on = informed_on or timezone.localdate()
    if informed_on > timezone.localdate() or informed_on < registration.registered_on:
        raise ValidationError({"informed_on": _("The date must lie between the registration and today.")})
    with transaction.atomic():
        registration.informed_on = informed_on
        registration.save(update_fields=["informed_on"])
        audit_append(
            actor=_actor(actor_user), action=AuditAction.UPDATE, obj=registration, fields=["informed_on"]
        )
    return registration


relink = matching.relink
