"""Who may see and change the child's voice: the access policy's safety-plan section, and no chain partner.

The words-and-pictures story and the three houses are part of the safety work with the child, so they live
under `Section.SAFETY_PLAN` of kring.access.policy: the circle of the owning organisation and its team lead
read and write; emergency access (break-glass) reads only; a care partner sees them when a compulsory measure
or a consent opens the safety plan to its organisation (a care provider or local team that makes the story
with the child, as in seed 004 case 2); other teams and other organisations get 404, like for a dossier that
does not exist.

On top of that one rule, kept here and nowhere else: what a child tells and draws is never for the criminal
justice chain. A chain partner (membership role "chain partner", or an organisation of a chain kind: police,
prosecution, Halt, probation, victim support, Veiligheidshuis) gets 404 even when a consent shares the safety
plan with it. Every refusal is written to the audit log.
"""

from typing import Any

from django.http import Http404

from kring.access.policy import Action, Decision, Section, decide, refuse_if_closed
from kring.accounts.models import OrganisationKind, Role
from kring.audit.models import AuditAction, AuditOutcome
from kring.audit.services import Actor, audit_append
from kring.cases.models import Dossier
from kring.cases.selectors import dossier_get_for_user
from kring.cases.services import SYSTEM

CHILD_VOICE_SECTION = Section.SAFETY_PLAN
CHAIN_PARTNER_KINDS = frozenset(
    {
        OrganisationKind.POLICE,
        OrganisationKind.PROSECUTION,
        OrganisationKind.HALT,
        OrganisationKind.PROBATION,
        OrganisationKind.VICTIM_SUPPORT,
        OrganisationKind.VEILIGHEIDSHUIS,
    }
)


def child_voice_allowed(decision: Decision) -> bool:
    """Whether the grounds on which a reader opened the dossier also open the child's voice."""
    if not decision.allowed:
        return False
    membership = decision.membership
    if membership is None:
        return True
    return membership.role != Role.CHAIN_PARTNER and membership.organisation.kind not in CHAIN_PARTNER_KINDS


def _refuse(user: Any, dossier: Dossier, action: Action, decision: Decision | None = None) -> None:
    audit_append(
        actor=Actor.for_user(user),
        action=AuditAction.READ if action == Action.VIEW else AuditAction.UPDATE,
        outcome=AuditOutcome.DENIED,
        dossier=dossier,
        obj=dossier,
    )
    if decision is not None:
        refuse_if_closed(decision)
    raise Http404


def dossier_get_for_child_voice(
    *, user: Any, dossier_id: Any, action: Action = Action.VIEW
) -> tuple[Dossier, Decision]:
    """Load a dossier to read or change the child's voice in it, or raise Http404 (audited)."""
    dossier, decision = dossier_get_for_user(
        user=user, dossier_id=dossier_id, action=action, section=CHILD_VOICE_SECTION
    )
    if not child_voice_allowed(decision):
        _refuse(user, dossier, action)
    return dossier, decision


def child_voice_authorise(actor: Any, dossier: Dossier) -> Actor:
    """The audit actor for a write to the child's voice; a refusal is audited and raises Http404. `actor`
    None is the system (seed_demo). Call it outside the write's transaction."""
    if actor is None:
        return SYSTEM
    decision = decide(actor, Action.EDIT, dossier, CHILD_VOICE_SECTION)
    if not child_voice_allowed(decision):
        _refuse(actor, dossier, Action.EDIT, decision)
    return Actor.for_user(actor, decision.membership)
