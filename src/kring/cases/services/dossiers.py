"""Writes of dossier data: the only place that changes dossiers, each change authorised and audited.

`actor=None` is the system itself (management commands such as seed_demo); every person goes through the
access policy.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section, decide, membership_to_open_dossier, refuse_if_closed
from kring.accounts.models import Membership, Team
from kring.accounts.types import User
from kring.audit.models import AuditAction, AuditOutcome
from kring.audit.services import Actor, audit_append

from ..event_summaries import Summary
from ..models import CircleMember, Dossier, DossierEvent, DossierStatus, EventKind, Person

SYSTEM = Actor(user_id=None, username="system")
INACTIVE_MEMBERSHIP = _("This professional no longer works in that role.")
ALREADY_IN_CIRCLE = _("%(name)s is already in the circle.")
ALREADY_LEFT = _("This professional has already left the case.")
END_BEFORE_START = _("The end date lies before the start date.")
NOT_IN_TEAM = _("Only case workers and the team lead of a team can open a dossier for it.")


def dossier_create(
    *,
    actor: User | None,
    reference: str,
    title: str,
    jurisdiction: str,
    owning_team: Team,
    opened_on: date,
    summary: str = "",
    status: str = DossierStatus.OPEN,
) -> Dossier:
    if actor is None:
        audit_actor = SYSTEM
    else:
        membership = membership_to_open_dossier(actor, owning_team)
        if membership is None:
            raise PermissionDenied(NOT_IN_TEAM)
        audit_actor = Actor.for_user(actor, membership)
    with transaction.atomic():
        dossier = Dossier(
            reference=reference,
            title=title,
            jurisdiction=jurisdiction,
            owning_team=owning_team,
            opened_on=opened_on,
            summary=summary,
            status=status,
        )
        dossier.full_clean()
        dossier.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=dossier,
            fields=["reference", "title", "jurisdiction", "owning_team", "opened_on", "summary", "status"],
        )
    return dossier


def dossier_event_add(
    *, dossier: Dossier, kind: EventKind, day: date, summary: "str | Summary", actor: User | None
) -> DossierEvent:
    """Add a line to the dossier's own history; the service that made the change calls it (actor None is the
    system). A generated summary comes as a Summary (key and parameters) and is shown in the reader's
    language; a text (what a user typed) is shown as typed."""
    key, params = (summary.key, summary.params) if isinstance(summary, Summary) else ("", {})
    text = summary.text() if isinstance(summary, Summary) else str(summary)
    with transaction.atomic():
        event = DossierEvent.objects.create(
            dossier=dossier,
            kind=kind,
            occurred_on=day,
            summary=text.strip()[:300],
            summary_key=key,
            summary_params=params,
            recorded_by=actor or None,
        )
        Dossier.objects.filter(pk=dossier.pk).refresh_activity()
    return event


def authorise(actor: User | None, action: Action, dossier: Dossier, section: Section) -> Actor:
    """The audit actor for a write, after the policy allowed it. A refusal is audited and raises
    PermissionDenied (DossierClosed for a write to a closed dossier), which the pages
    (kring.ui.pages.dossier_view) and the API (kring.config.api) answer as 404. Call it outside the write's
    transaction, so that the refusal's entry is not rolled back with it."""
    if actor is None:
        return SYSTEM
    decision = decide(actor, action, dossier, section)
    if not decision.allowed:
        audit_append(
            actor=Actor.for_user(actor),
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.DENIED,
            dossier=dossier,
        )
        refuse_if_closed(decision)
        raise PermissionDenied
    return Actor.for_user(actor, decision.membership)


def dossier_add_child(*, actor: User | None, dossier: Dossier, person: Person) -> None:
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.CHILDREN)
    with transaction.atomic():
        dossier.children.add(person)
        audit_append(
            actor=audit_actor, action=AuditAction.UPDATE, dossier=dossier, obj=dossier, fields=["children"]
        )


def circle_member_add(
    *,
    actor: User | None,
    dossier: Dossier,
    membership: Membership,
    case_role: str,
    assignment: str,
    started_on: date,
) -> CircleMember:
    audit_actor = authorise(actor, Action.MANAGE_CIRCLE, dossier, Section.CIRCLE)
    if not membership.is_active:
        raise ValidationError({"membership": INACTIVE_MEMBERSHIP})
    if dossier.circle.current().filter(user=membership.user).exists():
        raise ValidationError({"membership": ALREADY_IN_CIRCLE % {"name": membership.user}})
    with transaction.atomic():
        member = CircleMember(
            dossier=dossier,
            user=membership.user,
            membership=membership,
            case_role=case_role,
            assignment=assignment,
            started_on=started_on,
        )
        member.full_clean()
        member.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=member,
            fields=["user", "membership", "case_role", "assignment", "started_on"],
        )
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.JOINED,
            day=started_on,
            summary=f"{membership.organisation.name}: {case_role}",
            actor=actor,
        )
    return member


def circle_member_end(*, actor: User, member: CircleMember, ended_on: date) -> CircleMember:
    """A professional leaves the case; their seat stays in the history with its end date."""
    audit_actor = authorise(actor, Action.MANAGE_CIRCLE, member.dossier, Section.CIRCLE)
    if member.ended_on is not None and member.ended_on < timezone.localdate():
        raise ValidationError(ALREADY_LEFT)
    if ended_on < member.started_on:
        raise ValidationError({"ended_on": END_BEFORE_START})
    with transaction.atomic():
        member.ended_on = ended_on
        member.save(update_fields=["ended_on"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=member.dossier,
            obj=member,
            fields=["ended_on"],
        )
        dossier_event_add(
            dossier=member.dossier,
            kind=EventKind.LEFT,
            day=ended_on,
            summary=f"{member.membership.organisation.name}: {member.case_role}",
            actor=actor,
        )
    return member
