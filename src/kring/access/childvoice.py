"""Who may see and change the child's voice: the access policy's safety-plan section, and no chain partner.

The words-and-pictures story and the three houses are part of the safety work with the child, so they live
under `Section.SAFETY_PLAN`: the circle of the owning organisation and its team lead read and write;
emergency access (break-glass) reads only; a care partner sees them when a compulsory measure or a consent
opens the safety plan to its organisation (a care provider or local team that makes the story with the child,
as in seed 004 case 2); other teams and other organisations are refused, like for a dossier that does not
exist.

On top of that one rule, kept here and nowhere else: what a child tells and draws is never for the criminal
justice chain. A chain partner (membership role "chain partner", or an organisation of a chain kind: police,
prosecution, Halt, probation, victim support, Veiligheidshuis) is refused even when a consent shares the
safety plan with it.
"""

from kring.accounts.models import OrganisationKind, Role
from kring.accounts.types import MaybeUser
from kring.cases.models import Dossier

from .policy import DENIED, Action, Decision, Section, decide

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


def child_voice_grounds(decision: Decision) -> Decision:
    """The grounds on which a reader opened the dossier's safety plan, as far as they also open the child's
    voice: a chain partner's are refused (DENIED); any other decision stands as it is (a refusal because the
    dossier is closed stays one)."""
    if not decision.allowed or decision.membership is None:
        return decision
    membership = decision.membership
    if membership.role == Role.CHAIN_PARTNER or membership.organisation.kind in CHAIN_PARTNER_KINDS:
        return DENIED
    return decision


def decide_child_voice(user: MaybeUser, action: Action, dossier: Dossier) -> Decision:
    """May `user` perform `action` on the child's voice in `dossier`."""
    return child_voice_grounds(decide(user, action, dossier, CHILD_VOICE_SECTION))
