"""Writes of the family portal: invitations and accounts (by a case worker), and what a family member does
themselves — sign the safety plan, write in the safety journal, say "I don't feel safe". Every write is
checked (kring.access.family for family members, kring.access.policy for workers) and audited.

Invitations: the link token (192 random bits, signed with the site's secret) and the short code shown on
the worker's screen (10 characters from an alphabet without look-alikes, ~50 bits) are stored only as keyed
hashes. An invitation works once (a conditional update claims it), expires (KRING_PORTAL_INVITATION_HOURS,
default 72) and stops when the worker makes a new one for the same person. Wrong codes count as failed logins
for the client's address (kring.accounts.throttle), so they cannot be tried in bulk.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.access.family import (
    YOUNG_PERSON_MIN_AGE,
    FamilyAction,
    FamilyDecision,
    age_on,
    family_may,
)
from kring.access.policy import Action, DossierClosed, Section
from kring.accounts.language import language_for
from kring.accounts.models import Membership, Role
from kring.accounts.services import user_sessions_end
from kring.accounts.types import MaybeUser, User
from kring.audit.models import AuditAction, AuditOutcome, AuditPurpose
from kring.audit.services import Actor, audit_append
from kring.cases.models import CircleMember, Dossier, Participant, ParticipantRole, Person
from kring.cases.selectors import dossier_people
from kring.cases.services import SYSTEM, authorise
from kring.safety.models import JournalEntry, JournalKind, PlanVersion, Signature
from kring.safety.services import SIGNED_MEANWHILE, Conflict, current_version, lock_plan, plan_checks

from .models import (
    AddressShield,
    FamilyAccount,
    FamilyKind,
    FamilySignature,
    Invitation,
    LoginMethod,
    UnsafeAlert,
)

TOKEN_BYTES = 24
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 10
SIGNER_SALT = "kring.portal.invitation"
INVITEE = Actor(user_id=None, username="invitee (family invitation)")

NOT_IN_DOSSIER = gettext_lazy("This person is not part of this dossier.")
WRONG_KIND_CHILD = gettext_lazy("A child of the dossier can only be invited as a young person.")
WRONG_KIND_PARTICIPANT = gettext_lazy("A parent or network member cannot be invited as a young person.")
TOO_YOUNG = gettext_lazy("A young person can get an account from the age of %(age)s.")
ALREADY_HAS_ACCOUNT = gettext_lazy("This person already has an account for this dossier.")
UNKNOWN_KIND = gettext_lazy("Choose what kind of family member this is.")
ACCOUNT_REVOKED = gettext_lazy("This account was already stopped.")
HOUSE_NEEDED = gettext_lazy("Write something in at least one of the three houses.")
TEXT_NEEDED = gettext_lazy("Write down what happened.")
TEXT_TOO_LONG = gettext_lazy("Keep it shorter: at most %(max)s characters.")
FUTURE_DAY = gettext_lazy("You cannot write about a day that has not come yet.")
UNKNOWN_JOURNAL_KIND = gettext_lazy("Choose: went well, worry or note.")
NOT_YOUR_RULE = gettext_lazy("This rule is not part of your plan.")
SUPERSEDED = gettext_lazy(
    "There is a newer version of this plan. Nothing was signed: read the newest version and sign that one."
)
ALREADY_SIGNED = gettext_lazy("You have already signed this version of the plan.")
NOT_READY = gettext_lazy("The plan is not ready to be signed yet. Your case worker will tell you when it is.")
NO_PARTICIPANT = gettext_lazy(
    "Your case worker has not added you to the plan's network yet, so you cannot sign."
)
SHIELD_SAME_PERSON = gettext_lazy("A person cannot be shielded from themselves.")
SHIELD_EXISTS = gettext_lazy("This address is already shielded from this person.")


def _mail_after_commit(*, subject: Any, message: Any, recipients: list[str]) -> None:
    """Send a plain e-mail once the transaction has committed (never for a write that was rolled back)."""
    subject, message = str(subject), str(message)
    transaction.on_commit(
        lambda: send_mail(
            subject=subject, message=message, from_email=None, recipient_list=recipients, fail_silently=True
        )
    )


def _rule() -> dict[str, int]:
    return {"hours": 72, "max_hours": 14 * 24, **getattr(settings, "KRING_PORTAL_INVITATION", {})}


def family_actor(account: FamilyAccount) -> Actor:
    """How a family member appears in the access log: their login, no organisation, their family role."""
    return Actor(user_id=account.user_id, username=account.user.get_username(), role=f"family_{account.kind}")


# --- invitations ---


class Refusal(StrEnum):
    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


REFUSAL_MESSAGES = {
    Refusal.INVALID: gettext_lazy(
        "This invitation code is not right. Check it, or ask your case worker for a new one."
    ),
    Refusal.EXPIRED: gettext_lazy("This invitation has expired. Ask your case worker for a new one."),
    Refusal.USED: gettext_lazy(
        "This invitation has already been used. Log in, or ask your case worker for a new one."
    ),
    Refusal.WITHDRAWN: gettext_lazy("This invitation no longer works. Ask your case worker for a new one."),
    Refusal.CLOSED: gettext_lazy("The file this invitation was for is closed. Ask your case worker."),
}


class InvitationRefused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self) -> str:
        return str(REFUSAL_MESSAGES[self.reason])


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    token: str  # for the link; shown once, never stored
    code: str  # for the screen; shown once, never stored


def _keyed_hash(kind: str, secret: str) -> str:
    assert settings.SECRET_KEY  # the settings refuse to start without one (kring.config.settings)
    return hmac.new(settings.SECRET_KEY.encode(), f"{kind}|{secret}".encode(), hashlib.sha256).hexdigest()


def _signer() -> signing.Signer:
    return signing.Signer(salt=SIGNER_SALT, sep=".")


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _participant_of(dossier: Dossier, person: Person) -> Participant | None:
    return Participant.objects.current().filter(dossier=dossier, person=person).first()


def _check_invitee(dossier: Dossier, person: Person, kind: str) -> Participant | None:
    if kind not in FamilyKind.values:
        raise ValidationError({"kind": UNKNOWN_KIND})
    is_child = dossier.children.filter(pk=person.pk).exists()
    participant = None if is_child else _participant_of(dossier, person)
    if not is_child and participant is None:
        raise ValidationError({"person": NOT_IN_DOSSIER})
    if is_child and kind != FamilyKind.YOUNG_PERSON:
        raise ValidationError({"kind": WRONG_KIND_CHILD})
    if not is_child and kind == FamilyKind.YOUNG_PERSON:
        raise ValidationError({"kind": WRONG_KIND_PARTICIPANT})
    if is_child:
        age = age_on(person.date_of_birth, timezone.localdate())
        if age is None or age < YOUNG_PERSON_MIN_AGE:
            raise ValidationError({"person": TOO_YOUNG % {"age": YOUNG_PERSON_MIN_AGE}})
    if FamilyAccount.objects.filter(dossier=dossier, person=person, revoked_at__isnull=True).exists():
        raise ValidationError({"person": ALREADY_HAS_ACCOUNT})
    return participant


def _invitation_languages(dossier: Dossier) -> list[str]:
    """The dossier's language first, then the portal's other languages: the person has not chosen yet."""
    first = language_for(jurisdiction=dossier.jurisdiction)
    return [first, *(code for code in settings.KRING_PORTAL_LANGUAGES if code != first.split("-")[0])]


def _invitation_subject(dossier: Dossier) -> str:
    with translation.override(_invitation_languages(dossier)[0]):
        return str(_("An invitation to kring"))


def _invitation_message(dossier: Dossier, *, hours: int, link: str) -> str:
    """The invitation in every family language (B1), each once, the dossier's language on top."""
    parts = []
    for code in _invitation_languages(dossier):
        with translation.override(code):
            parts.append(
                _(
                    "You are invited to look at your family's plan in kring. Open this link to make "
                    "your account (it works once, for %(hours)s hours):\n\n%(link)s\n\nDid you not "
                    "expect this? Then you can ignore this e-mail."
                )
                % {"hours": hours, "link": link}
            )
    return "\n\n— — —\n\n".join(parts)


def invitation_create(
    *,
    actor: User,
    dossier: Dossier,
    person: Person,
    kind: str,
    email: str = "",
    valid_hours: int | None = None,
) -> NewInvitation:
    """Invite a person of the dossier. Earlier open invitations of the same person stop working. With an
    e-mail address the link is sent (without any content of the dossier); the code is for the screen."""
    who = authorise(actor, Action.MANAGE_CIRCLE, dossier, Section.CIRCLE)
    rule = _rule()
    hours = rule["hours"] if valid_hours is None else valid_hours
    if not 1 <= hours <= rule["max_hours"]:
        raise ValidationError(
            {
                "valid_hours": _("An invitation is valid for 1 to %(hours)s hours.")
                % {"hours": rule["max_hours"]}
            }
        )
    participant = _check_invitee(dossier, person, kind)
    random_part = secrets.token_urlsafe(TOKEN_BYTES)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(
            dossier=dossier, person=person, used_at__isnull=True, withdrawn_at__isnull=True
        ).update(withdrawn_at=now)
        invitation = Invitation.objects.create(
            dossier=dossier,
            person=person,
            participant=participant,
            kind=kind,
            email=email.strip(),
            token_hash=_keyed_hash("token", random_part),
            code_hash=_keyed_hash("code", code),
            created_by=actor,
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
        audit_append(
            actor=who,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=invitation,
            fields=["person", "kind", "email", "expires_at"],
        )
    token = _signer().sign(random_part)
    if invitation.email:
        link = f"{(settings.KRING_BASE_URL or '').rstrip('/')}/gezin/uitnodiging/{token}/"
        _mail_after_commit(
            subject=_invitation_subject(dossier),
            message=_invitation_message(dossier, hours=hours, link=link),
            recipients=[invitation.email],
        )
    return NewInvitation(invitation=invitation, token=token, code=code)


def invitation_refusal(invitation: Invitation) -> Refusal | None:
    if invitation.used_at is not None:
        return Refusal.USED
    if invitation.withdrawn_at is not None:
        return Refusal.WITHDRAWN
    if invitation.dossier.status == "closed":
        return Refusal.CLOSED
    if invitation.expires_at <= timezone.now():
        return Refusal.EXPIRED
    return None


def invitation_find(*, token: str = "", code: str = "") -> Invitation:
    """The invitation behind a link token or a screen code; InvitationRefused when it does not work. A
    refused invitation that exists is written to its dossier's access log."""
    if token:
        try:
            random_part = _signer().unsign(token)
        except signing.BadSignature:
            raise InvitationRefused(Refusal.INVALID) from None
        lookup = Q(token_hash=_keyed_hash("token", random_part))
    elif normalise_code(code):
        lookup = Q(code_hash=_keyed_hash("code", normalise_code(code)))
    else:
        raise InvitationRefused(Refusal.INVALID)
    invitation = Invitation.objects.select_related("dossier", "person").filter(lookup).first()
    if invitation is None:
        audit_append(
            actor=INVITEE,
            action=AuditAction.LOGIN_FAILED,
            outcome=AuditOutcome.DENIED,
            purpose=AuditPurpose.AUTHENTICATION,
            reason="invitation: invalid",
        )
        raise InvitationRefused(Refusal.INVALID)
    refusal = invitation_refusal(invitation)
    if refusal is not None:
        audit_append(
            actor=INVITEE,
            action=AuditAction.LOGIN_FAILED,
            outcome=AuditOutcome.DENIED,
            purpose=AuditPurpose.AUTHENTICATION,
            reason=f"invitation: {refusal.value}",
            dossier=invitation.dossier,
            obj=invitation,
        )
        raise InvitationRefused(refusal)
    return invitation


def invitation_accept(
    *, invitation: Invitation, username: str = "", password: str = "", user: User | None = None
) -> FamilyAccount:
    """Make the family account: a new login (username and password; the second factor is set up next), or
    `user` when someone who already has a family login accepts an invitation for another dossier. The
    invitation is claimed with a conditional update: of two tabs, one wins and the other is refused."""
    User = get_user_model()
    if user is None:
        username = username.strip().lower()
        errors: dict[str, Any] = {}
        if not username:
            errors["username"] = _("Choose a username.")
        elif User.objects.filter(username__iexact=username).exists():
            errors["username"] = _("This username is taken. Choose another one.")
        try:
            validate_password(password, User(username=username))
        except ValidationError as error:
            errors["password"] = error.messages
        if errors:
            raise ValidationError(errors)
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation.pk, used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
        ).update(used_at=timezone.now())
        if not claimed:
            raise InvitationRefused(Refusal.USED)
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=password,
                email=invitation.email,
                first_name=invitation.person.first_name,
                last_name=invitation.person.last_name,
            )
        if FamilyAccount.objects.filter(
            dossier=invitation.dossier, person=invitation.person, revoked_at__isnull=True
        ).exists():
            raise ValidationError(ALREADY_HAS_ACCOUNT)
        account = FamilyAccount.objects.create(
            user=user,
            dossier=invitation.dossier,
            person=invitation.person,
            participant=invitation.participant,
            kind=invitation.kind,
            invited_by=invitation.created_by,
        )
        Invitation.objects.filter(pk=invitation.pk).update(account=account)
        audit_append(
            actor=family_actor(account),
            action=AuditAction.CREATE,
            purpose=AuditPurpose.AUTHENTICATION,
            dossier=invitation.dossier,
            obj=account,
            fields=["user", "person", "kind"],
        )
    return account


def family_account_revoke(*, actor: User, account: FamilyAccount, reason: str = "") -> None:
    """Stop a family account (lost phone, a person who should no longer see the file). The login's sessions
    end at once when it has no other live account."""
    who = authorise(actor, Action.MANAGE_CIRCLE, account.dossier, Section.CIRCLE)
    with transaction.atomic():
        stopped = FamilyAccount.objects.filter(pk=account.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=actor, revoke_reason=reason.strip()[:300]
        )
        if not stopped:
            raise ValidationError(ACCOUNT_REVOKED)
        audit_append(
            actor=who,
            action=AuditAction.UPDATE,
            dossier=account.dossier,
            obj=account,
            fields=["revoked_at", "revoke_reason"],
        )
        if not FamilyAccount.objects.active().filter(user_id=account.user_id).exists():
            user_sessions_end(user=account.user, actor=actor)
    account.refresh_from_db()


# --- shielded address ---


def address_shield_add(
    *, actor: User, dossier: Dossier, person: Person, hidden_from: Person, reason: str = ""
) -> AddressShield:
    """Shield `person`'s address and whereabouts from `hidden_from` (both people of `dossier`)."""
    who = authorise(actor, Action.EDIT, dossier, Section.NETWORK)
    if person.pk == hidden_from.pk:
        raise ValidationError({"hidden_from": SHIELD_SAME_PERSON})
    in_dossier = dossier_people(dossier=dossier)
    if not in_dossier.filter(pk=person.pk).exists() or not in_dossier.filter(pk=hidden_from.pk).exists():
        raise ValidationError({"person": NOT_IN_DOSSIER})
    try:
        with transaction.atomic():
            shield = AddressShield.objects.create(
                person=person, hidden_from=hidden_from, reason=reason.strip()[:300], created_by=actor
            )
            audit_append(
                actor=who,
                action=AuditAction.CREATE,
                dossier=dossier,
                obj=shield,
                fields=["person", "hidden_from"],
            )
    except IntegrityError:
        raise ValidationError({"hidden_from": SHIELD_EXISTS}) from None
    return shield


# --- what the family member does themselves ---


def _require(decision: FamilyDecision, action: FamilyAction) -> Actor:
    """The audit actor, after the family policy allowed `action`; a closed dossier says why."""
    if decision.allowed and decision.closed and action != FamilyAction.VIEW:
        raise DossierClosed
    if not family_may(decision, action):
        raise PermissionDenied
    return family_actor(decision.account)


def family_sign(*, decision: FamilyDecision, version: PlanVersion, login_method: str) -> Signature:
    """Sign a safety plan version as oneself: a recorded electronic signature (who, when, which version, how
    logged in). Only the newest version can be signed, only when its checks pass, once per person."""
    who = _require(decision, FamilyAction.SIGN)
    account = decision.account
    if version.plan.dossier_id != account.dossier_id:
        raise PermissionDenied
    if account.participant_id is None:
        raise ValidationError(NO_PARTICIPANT)
    if login_method not in LoginMethod.values:
        raise ValidationError(_("Unknown way of logging in."))
    with transaction.atomic():
        lock_plan(version.plan)
        version = PlanVersion.objects.select_for_update().select_related("plan__dossier").get(pk=version.pk)
        if version != current_version(version.plan):
            raise Conflict(SUPERSEDED, code="superseded")
        if any(not check.ok for check in plan_checks(version)):
            raise ValidationError(NOT_READY)
        if version.signatures.filter(participant_id=account.participant_id).exists():
            raise ValidationError(ALREADY_SIGNED)
        try:
            with transaction.atomic():
                signature = Signature.objects.create(
                    version=version, participant_id=account.participant_id, on_paper=False, recorded_by=None
                )
        except IntegrityError as twice:
            raise Conflict(SIGNED_MEANWHILE, code="conflict") from twice
        FamilySignature.objects.create(
            signature=signature,
            account=account,
            version_number=version.number,
            login_method=login_method,
            signed_at=signature.signed_at,
        )
        if not version.frozen:
            version.signed_at = signature.signed_at
            version.save(update_fields=["signed_at"])
        audit_append(
            actor=who,
            action=AuditAction.CREATE,
            dossier=version.plan.dossier,
            obj=signature,
            fields=["participant", "version", "login_method"],
        )
    return signature


def family_journal_add(
    *,
    decision: FamilyDecision,
    happened_on: date,
    text: str,
    kind: str = JournalKind.NOTE,
    rule: Any = None,
) -> JournalEntry:
    """A journal entry written by the family member themselves (not on their behalf): the entry keeps who
    said it (the participant, or the young person) and who wrote it (their own login)."""
    who = _require(decision, FamilyAction.WRITE_JOURNAL)
    account = decision.account
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": TEXT_NEEDED})
    if len(text) > 2000:
        raise ValidationError({"text": TEXT_TOO_LONG % {"max": 2000}})
    if kind not in JournalKind.values:
        raise ValidationError({"kind": UNKNOWN_JOURNAL_KIND})
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": FUTURE_DAY})
    if rule is not None and rule.version.plan.dossier_id != account.dossier_id:
        raise ValidationError({"rule": NOT_YOUR_RULE})
    is_child = account.kind == FamilyKind.YOUNG_PERSON
    with transaction.atomic():
        entry = JournalEntry.objects.create(
            dossier=account.dossier,
            happened_on=happened_on,
            kind=kind,
            text=text,
            rule=rule,
            said_by_participant_id=None if is_child else account.participant_id,
            said_by_child_id=account.person_id if is_child else None,
            recorded_by=account.user,
        )
        audit_append(
            actor=who,
            action=AuditAction.CREATE,
            dossier=account.dossier,
            obj=entry,
            fields=["happened_on", "kind", "text", "rule"],
        )
    return entry


def alert_recipients(dossier: Dossier) -> list[Any]:
    """Who hears of an "I don't feel safe": the case workers in the dossier's circle and the team leads of
    the owning team (active memberships)."""
    User = get_user_model()
    workers = CircleMember.objects.current().filter(
        dossier=dossier, membership__is_active=True, membership__role=Role.CASE_WORKER
    )
    leads = Membership.objects.active().filter(team_id=dossier.owning_team_id, role=Role.TEAM_LEAD)
    return list(
        User.objects.filter(
            Q(pk__in=workers.values("user_id")) | Q(pk__in=leads.values("user_id")), is_active=True
        )
        .distinct()
        .order_by("pk")
    )


def escalation_minutes() -> int:
    """After how many minutes without a response an alert goes to the wider circle."""
    return int(getattr(settings, "KRING_PORTAL_ALERT_ESCALATION_MINUTES", 30))


def unsafe_alert_raise(*, decision: FamilyDecision) -> UnsafeAlert:
    """The child's "I don't feel safe": stored, shown on the workers' start page, and e-mailed to them
    without any content (no name, no dossier) — only that there is something to look at in kring. A task
    (django-tasks, same database, so it exists exactly when the alert does) escalates it when nobody has
    responded after KRING_PORTAL_ALERT_ESCALATION_MINUTES."""
    from .tasks import escalate_unsafe_alert

    who = _require(decision, FamilyAction.RAISE_ALERT)
    account = decision.account
    with transaction.atomic():
        alert = UnsafeAlert.objects.create(dossier=account.dossier, account=account, raised_at=timezone.now())
        escalate_unsafe_alert.using(
            run_after=alert.raised_at + timedelta(minutes=escalation_minutes())
        ).enqueue(alert.pk)
        audit_append(
            actor=who, action=AuditAction.CREATE, dossier=account.dossier, obj=alert, fields=["raised_at"]
        )
    addresses = [user.email for user in alert_recipients(account.dossier) if user.email]
    if addresses:
        # in the workers' language, not in the one the child's page is in (Arabic, say)
        with translation.override(language_for(jurisdiction=account.dossier.jurisdiction)):
            _mail_after_commit(
                subject=str(_("kring: urgent — look in kring now")),
                message=str(
                    _(
                        "Someone you work with has raised an urgent signal in kring. Log in to kring to "
                        "see it and respond. This e-mail says nothing more, on purpose."
                    )
                ),
                recipients=addresses,
            )
    return alert


def escalation_recipients(dossier: Dossier) -> list[Any]:
    """Who hears of an alert nobody responded to: the first recipients again, and the members of the owning
    organisation designated for emergency access (they can open the dossier by it, which is reviewed)."""
    User = get_user_model()
    designated = Membership.objects.active().filter(
        organisation_id=dossier.owning_team.organisation_id, may_break_glass=True
    )
    first = alert_recipients(dossier)
    known = {user.pk for user in first}
    wider = User.objects.filter(pk__in=designated.values("user_id"), is_active=True).order_by("pk")
    return first + [user for user in wider if user.pk not in known]


def unsafe_alert_escalate(alert_id: int) -> str:
    """Escalate an alert nobody responded to: claimed with one conditional update (a repeated task escalates
    once), audited, e-mailed without content to the wider circle. Returns what happened."""
    due = timezone.now() - timedelta(minutes=escalation_minutes())
    with transaction.atomic():
        claimed = UnsafeAlert.objects.filter(
            pk=alert_id, acknowledged_at__isnull=True, escalated_at__isnull=True, raised_at__lte=due
        ).update(escalated_at=timezone.now())
        if not claimed:
            return "not needed"
        alert = UnsafeAlert.objects.select_related("dossier__owning_team").get(pk=alert_id)
        audit_append(
            actor=SYSTEM, action=AuditAction.UPDATE, dossier=alert.dossier, obj=alert, fields=["escalated_at"]
        )
        addresses = [user.email for user in escalation_recipients(alert.dossier) if user.email]
        if addresses:
            with translation.override(language_for(jurisdiction=alert.dossier.jurisdiction)):
                _mail_after_commit(
                    subject=str(_("kring: urgent, nobody has responded yet — look in kring now")),
                    message=str(
                        _(
                            "An urgent signal in kring about dossier %(reference)s has had no response for "
                            "%(minutes)s minutes. Log in to kring and respond (not in its circle? use "
                            "emergency access). This e-mail says nothing more, on purpose."
                        )
                        % {"minutes": escalation_minutes(), "reference": alert.dossier.reference}
                    ),
                    recipients=addresses,
                )
    return "escalated"


def unsafe_alert_acknowledge(*, actor: User, alert: UnsafeAlert) -> UnsafeAlert:
    """A worker responds to an alert: it leaves the start page of everyone who got it."""
    who = authorise(actor, Action.VIEW, alert.dossier, Section.SUMMARY)
    with transaction.atomic():
        UnsafeAlert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=timezone.now(), acknowledged_by=actor
        )
        audit_append(
            actor=who, action=AuditAction.UPDATE, dossier=alert.dossier, obj=alert, fields=["acknowledged_at"]
        )
    alert.refresh_from_db()
    return alert


def family_plan_seen(*, account: FamilyAccount) -> None:
    """Remember when the family member last looked at their plan ("what changed since you last looked")."""
    FamilyAccount.objects.filter(pk=account.pk).update(plan_seen_at=timezone.now())


PARTICIPANT_KINDS = {
    ParticipantRole.PARENT: FamilyKind.PARENT,
    ParticipantRole.CARER: FamilyKind.PARENT,
    ParticipantRole.INFORMAL: FamilyKind.NETWORK_MEMBER,
    ParticipantRole.SUPPORTER: FamilyKind.NETWORK_MEMBER,
}


# --- a national login broker (OpenID Connect; portal.oidc) ---


class BrokerRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def broker_login(*, issuer: str, subject: str, invitation_id: int | None = None) -> Any:
    """The login behind a broker's subject. The first time, the subject is linked to a new login through the
    invitation the person holds (never by e-mail address); later, an invitation held adds that file to the
    same login. InvitationRefused for an invitation that no longer works; BrokerRefused for an unknown
    subject."""
    from .models import BrokerIdentity

    identity = BrokerIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    invitation = None
    if invitation_id:
        invitation = Invitation.objects.select_related("dossier", "person").filter(pk=invitation_id).first()
        if invitation is not None:
            refusal = invitation_refusal(invitation)
            if refusal is not None:
                raise InvitationRefused(refusal)
    if identity is None:
        if invitation is None:
            raise BrokerRefused("oidc: no account linked and no invitation")
        User = get_user_model()
        with transaction.atomic():
            user = User.objects.create_user(
                username=f"gezin-{secrets.token_hex(5)}",
                password=None,  # no password: this login comes in through the broker only
                email=invitation.email,
                first_name=invitation.person.first_name,
                last_name=invitation.person.last_name,
            )
            account = invitation_accept(invitation=invitation, user=user)
            identity = BrokerIdentity.objects.create(
                user=user, issuer=issuer, subject=subject, linked_at=timezone.now(), invitation=invitation
            )
            audit_append(
                actor=family_actor(account),
                action=AuditAction.CREATE,
                purpose=AuditPurpose.AUTHENTICATION,
                dossier=invitation.dossier,
                obj=identity,
                fields=["issuer", "subject"],
            )
        return user
    if invitation is not None:
        invitation_accept(invitation=invitation, user=identity.user)
    return identity.user


# --- the person's choices ---


def family_language_set(*, user: User, language: str) -> int:
    """The language the person chose in the portal, on all their live family accounts (not dossier data: not
    in the access log). Returns how many accounts were changed."""
    if language not in settings.KRING_PORTAL_LANGUAGES:
        raise ValidationError(_("Choose one of the languages offered."))
    return FamilyAccount.objects.active().filter(user=user).update(language=language)


# --- the young person writes ---


def family_three_houses_save(
    *,
    decision: FamilyDecision,
    worries: str = "",
    good_things: str = "",
    dreams: str = "",
    based_on: int | None,
) -> Any:
    """The young person writes a new version of their own three houses (the child's voice's model and write,
    the family policy deciding): written down today, by their own login. `based_on` is the version they
    started from; a version saved meanwhile (by them elsewhere, or a worker) is refused with a message."""
    from kring.safety.childvoice.services import three_houses_write

    who = _require(decision, FamilyAction.WRITE_THREE_HOUSES)
    account = decision.account
    if not any((text or "").strip() for text in (worries, good_things, dreams)):
        raise ValidationError(HOUSE_NEEDED)
    return three_houses_write(
        audit_actor=who,
        recorded_by=account.user,
        dossier=account.dossier,
        child=account.person,
        worries=worries,
        good_things=good_things,
        dreams=dreams,
        talked_on=timezone.localdate(),
        based_on=based_on,
    )


def family_ik_plan_save(
    *, decision: FamilyDecision, goals: str = "", steps: str = "", helpers: str = "", based_on: int | None
) -> Any:
    """The young person writes a new version of their own IK-plan (Signs of Success's model and write, the
    family policy deciding): written by the young person themselves, by their own login. `based_on` is the
    version they started from; a version saved meanwhile (by a worker) is refused with a message."""
    from kring.safety.success.models import IkPlan
    from kring.safety.success.services import ik_plan_write

    who = _require(decision, FamilyAction.WRITE_IK_PLAN)
    account = decision.account
    return ik_plan_write(
        audit_actor=who,
        recorded_by=account.user,
        dossier=account.dossier,
        child=account.person,
        goals=goals,
        steps=steps,
        helpers=helpers,
        written_by=IkPlan.WrittenBy.YOUNG_PERSON,
        based_on=based_on,
    )


# --- put to a family member: a scaling question, a questionnaire ---

CANNOT_BE_ASKED = gettext_lazy(
    "This person cannot be asked in the portal: they need a working family account in this open file."
)
ALREADY_ANSWERED = gettext_lazy("You have already answered this question. Thank you.")
SCORE_RANGE = gettext_lazy("Choose a number from 0 to 10.")
WORD_TOO_LONG = gettext_lazy("Keep your words shorter: at most %(max)s characters.")
QUESTIONNAIRE_FILLED = gettext_lazy("This questionnaire has already been filled in. Thank you.")
QUESTIONNAIRE_NOT_WAITING = gettext_lazy("This questionnaire is no longer waiting for answers.")
QUESTIONNAIRE_ALREADY_PUT = gettext_lazy("This questionnaire is already in someone's portal.")
OTHER_DOSSIER = gettext_lazy("This questionnaire belongs to another file.")
SCALE_WORD_MAX = 500


def scale_question_ask(
    *, actor: User, account: FamilyAccount, question: str, custom_question: str = ""
) -> Any:
    """A case worker puts a scaling question (safety.ScaleQuestion) to a family member: it waits in their
    portal. Who may be asked is the family policy's (access.family.may_be_asked); the worker needs the right
    to record scores in the dossier."""
    from kring.access.family import may_be_asked
    from kring.safety.models import ScaleQuestion
    from kring.safety.scales import CUSTOM_NEEDED, UNKNOWN_QUESTION
    from kring.safety.services import clean_text

    from .models import ScaleQuestionAsked

    dossier = account.dossier
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    if not may_be_asked(account):
        raise ValidationError({"account": CANNOT_BE_ASKED})
    if question not in ScaleQuestion.values:
        raise ValidationError({"question": UNKNOWN_QUESTION})
    custom_question = (
        clean_text(custom_question, "custom_question", CUSTOM_NEEDED, 300)
        if question == ScaleQuestion.CUSTOM
        else ""
    )
    with transaction.atomic():
        asked = ScaleQuestionAsked.objects.create(
            dossier=dossier,
            account=account,
            question=question,
            custom_question=custom_question,
            asked_by=actor,
            asked_at=timezone.now(),
        )
        audit_append(
            actor=who,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=asked,
            fields=["account", "question", "custom_question"],
        )
    return asked


def _score(value: Any) -> int:
    """A whole number from 0 to 10, or the family member's message."""
    from kring.safety.models import SCALE_MAX, SCALE_MIN

    if isinstance(value, bool):
        raise ValidationError({"score": SCORE_RANGE})
    try:
        score = int(str(value).strip()) if not isinstance(value, int) else value
    except (TypeError, ValueError):
        raise ValidationError({"score": SCORE_RANGE}) from None
    if not SCALE_MIN <= score <= SCALE_MAX:
        raise ValidationError({"score": SCORE_RANGE})
    return score


def family_scale_answer(*, decision: FamilyDecision, asked: Any, score: Any, note: str = "") -> Any:
    """The family member scores a question put to them (0-10, with an optional word): their score lands in
    the dossier's scale history as their own rating (a young person as the child, anyone else as the
    participant they are), today. Once: a question already answered is refused and nothing is stored."""
    from kring.safety.models import ScaleQuestion
    from kring.safety.scales import Rater, scale_ratings_write

    from .models import ScaleQuestionAsked

    who = _require(decision, FamilyAction.ANSWER_SCALE)
    account = decision.account
    if asked.account_id != account.pk:
        raise PermissionDenied
    score = _score(score)
    note = (note or "").strip()
    if len(note) > SCALE_WORD_MAX:
        raise ValidationError({"note": WORD_TOO_LONG % {"max": SCALE_WORD_MAX}})
    if account.kind == FamilyKind.YOUNG_PERSON:
        rater = Rater(f"k{account.person_id}", str(account.person), "family", child=account.person)
    elif account.participant is not None:
        rater = Rater(
            f"p{account.participant_id}", str(account.person), "family", participant=account.participant
        )
    else:
        raise ValidationError(CANNOT_BE_ASKED)
    if asked.answered_at is not None:
        raise ValidationError(ALREADY_ANSWERED)
    with transaction.atomic():
        (rating,) = scale_ratings_write(
            audit_actor=who,
            recorded_by=account.user,
            dossier=account.dossier,
            question=asked.question,
            custom_question=asked.custom_question if asked.question == ScaleQuestion.CUSTOM else "",
            rated_on=timezone.localdate(),
            scores=[(rater, score)],
            note=note,
        )
        # one conditional update claims the question: of two answers at once, the second stores nothing
        # (its rating goes with the rolled-back transaction)
        claimed = ScaleQuestionAsked.objects.filter(pk=asked.pk, answered_at__isnull=True).update(
            answered_at=timezone.now(), rating=rating
        )
        if not claimed:
            raise ValidationError(ALREADY_ANSWERED)
        asked.refresh_from_db()
        audit_append(
            actor=who,
            action=AuditAction.UPDATE,
            dossier=account.dossier,
            obj=asked,
            fields=["answered_at", "rating"],
        )
    return rating


def questionnaire_ask(*, actor: User, account: FamilyAccount, administration: Any) -> Any:
    """A case worker puts a waiting questionnaire in a family member's portal: they fill it in there after
    logging in, once. A self-entry link made for it keeps working (whichever comes first fills it in)."""
    from kring.access.family import may_be_asked

    from .models import QuestionnaireAsked

    dossier = account.dossier
    who = authorise(actor, Action.EDIT, dossier, Section.FEEDBACK)
    if administration.dossier_id != dossier.pk:
        raise ValidationError({"administration": OTHER_DOSSIER})
    if administration.is_submitted:
        raise ValidationError({"administration": QUESTIONNAIRE_NOT_WAITING})
    if not may_be_asked(account):
        raise ValidationError({"account": CANNOT_BE_ASKED})
    try:
        with transaction.atomic():
            asked = QuestionnaireAsked.objects.create(
                administration=administration, account=account, asked_by=actor, asked_at=timezone.now()
            )
            audit_append(
                actor=who,
                action=AuditAction.CREATE,
                dossier=dossier,
                obj=asked,
                fields=["administration", "account"],
            )
    except IntegrityError:
        raise ValidationError({"administration": QUESTIONNAIRE_ALREADY_PUT}) from None
    return asked


def family_questionnaire_fill(*, decision: FamilyDecision, asked: Any, answers: dict) -> Any:
    """The family member fills in a questionnaire waiting in their portal: once (the feedback app's one
    conditional write decides, so the link and the portal cannot both fill it in), audited as theirs."""
    from kring.feedback.services import ALREADY_SUBMITTED, portal_entry_record

    who = _require(decision, FamilyAction.FILL_QUESTIONNAIRE)
    account = decision.account
    if asked.account_id != account.pk:
        raise PermissionDenied
    administration = asked.administration
    if administration.is_submitted:
        raise ValidationError(QUESTIONNAIRE_FILLED)
    try:
        return portal_entry_record(
            administration=administration, answers=answers, actor=who, entered_by=account.user
        )
    except ValidationError as error:
        if error.messages == [str(ALREADY_SUBMITTED)]:
            raise ValidationError(QUESTIONNAIRE_FILLED) from None
        raise


# --- e-mail notices: the person's choice ---

NOTICE_UNKNOWN = gettext_lazy("Choose how often you want an e-mail.")


def family_notice_choice_set(*, user: MaybeUser, frequency: str) -> Any:
    """How often this family login hears "there is something new in kring for you" (for all its files).
    Not dossier data; logged as a change of the login's own choice. Starts the sweep when none runs."""
    from .models import NoticeChoice, NoticeFrequency
    from .notices import notices_ensure_sweep

    if (
        user is None
        or not user.is_authenticated
        or not FamilyAccount.objects.active().filter(user=user).exists()
    ):
        raise PermissionDenied
    if frequency not in NoticeFrequency.values:
        raise ValidationError({"frequency": NOTICE_UNKNOWN})
    with transaction.atomic():
        choice, _created = NoticeChoice.objects.update_or_create(
            user=user, defaults={"frequency": frequency, "changed_at": timezone.now()}
        )
        audit_append(actor=Actor.for_user(user), action=AuditAction.UPDATE, obj=choice, fields=["frequency"])
        if frequency != NoticeFrequency.NEVER:
            notices_ensure_sweep()
    return choice


# --- "my view" beside a plan version ---

VIEW_NEEDED = gettext_lazy("Write down your view.")
VIEW_NOT_YOURS = gettext_lazy("You cannot add your view to this plan.")
VIEW_MAX = 2000


def _view_text(decision: FamilyDecision, dossier_id: Any, text: str) -> str:
    """The checks of "my view" (beside a plan version or an advice): of this file, not empty, not too long."""
    if dossier_id != decision.account.dossier_id:
        raise ValidationError({"text": VIEW_NOT_YOURS})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": VIEW_NEEDED})
    if len(text) > VIEW_MAX:
        raise ValidationError({"text": TEXT_TOO_LONG % {"max": VIEW_MAX}})
    return text


def family_view_add(*, decision: FamilyDecision, version: PlanVersion, text: str) -> Any:
    """A family member's own view beside a plan version they may see: stored beside it (the version is not
    changed), audited. A closed dossier is refused (DossierClosed); empty or too long text and a version of
    another file are refused with a message, and nothing is saved."""
    from .models import FamilyView

    who = _require(decision, FamilyAction.WRITE_VIEW)
    account = decision.account
    text = _view_text(decision, version.plan.dossier_id, text)
    with transaction.atomic():
        view = FamilyView.objects.create(
            account=account, version=version, text=text, written_at=timezone.now()
        )
        audit_append(actor=who, action=AuditAction.CREATE, dossier=account.dossier, obj=view, fields=["text"])
    return view


def family_advice_view_add(*, decision: FamilyDecision, version: Any, text: str) -> Any:
    """A family member's own view beside an approved version of the advice to the judge (the signed version
    is not changed), audited; refused as `family_view_add` is."""
    from .models import FamilyAdviceView

    who = _require(decision, FamilyAction.WRITE_ADVICE_VIEW)
    account = decision.account
    text = _view_text(decision, version.advice.dossier_id, text)
    with transaction.atomic():
        view = FamilyAdviceView.objects.create(
            account=account, version=version, text=text, written_at=timezone.now()
        )
        audit_append(actor=who, action=AuditAction.CREATE, dossier=account.dossier, obj=view, fields=["text"])
    return view
