"""The access policy: may this user perform this action on this section of this dossier?

The one place where that question is answered. `decide()` answers it for one dossier; `dossiers_visible_to()`
answers it for lists, with the same rules. Views, API handlers and commands never check roles themselves.

Rules (foundation):
- a current member of the dossier's circle may view and edit every section;
- the team lead of the dossier's owning team may view and edit every section and manage the circle;
- circle members of the owning organisation may manage the circle;
- a designated member of the owning organisation may open the dossier read-only under an active
  break-the-glass grant (see services.break_glass_open), which is flagged to the privacy officer;
- nobody else, and nobody who is not logged in or is disabled.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet

from kring.accounts.models import Membership, Role
from kring.audit.models import AuditPurpose
from kring.cases.models import CircleMember, Dossier

from .models import BreakGlassAccess


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    MANAGE_CIRCLE = "manage_circle"


class Section(StrEnum):
    SUMMARY = "summary"
    CHILDREN = "children"
    CIRCLE = "circle"


class Basis(StrEnum):
    CIRCLE = "circle"
    TEAM_LEAD = "team_lead"
    BREAK_GLASS = "break_glass"


BREAK_GLASS_ACTIONS = frozenset({Action.VIEW})


@dataclass(frozen=True)
class Decision:
    allowed: bool
    basis: Basis | None = None
    membership: Membership | None = None
    grant: BreakGlassAccess | None = None

    @property
    def purpose(self) -> AuditPurpose:
        return AuditPurpose.BREAK_GLASS if self.basis == Basis.BREAK_GLASS else AuditPurpose.NORMAL


DENIED = Decision(allowed=False)


def _is_active_professional(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def decide(user: Any, action: Action, dossier: Dossier, section: Section = Section.SUMMARY) -> Decision:
    """Answer for one dossier. At most three small queries, whatever the size of the dossier."""
    if not _is_active_professional(user):
        return DENIED
    lead = (
        Membership.objects.active()
        .filter(user=user, role=Role.TEAM_LEAD, team_id=dossier.owning_team_id)
        .select_related("organisation")
        .first()
    )
    if lead is not None:
        return Decision(allowed=True, basis=Basis.TEAM_LEAD, membership=lead)
    seat = (
        CircleMember.objects.current()
        .filter(dossier=dossier, user=user, membership__is_active=True)
        .select_related("membership__organisation")
        .first()
    )
    if seat is not None:
        if (
            action == Action.MANAGE_CIRCLE
            and seat.membership.organisation_id != dossier.owning_team.organisation_id
        ):
            return DENIED
        return Decision(allowed=True, basis=Basis.CIRCLE, membership=seat.membership)
    if action in BREAK_GLASS_ACTIONS:
        grant = (
            BreakGlassAccess.objects.active()
            .filter(user=user, dossier=dossier, membership__is_active=True)
            .select_related("membership__organisation")
            .first()
        )
        if grant is not None:
            return Decision(allowed=True, basis=Basis.BREAK_GLASS, membership=grant.membership, grant=grant)
    return DENIED


def dossiers_visible_to(user: Any) -> QuerySet[Dossier]:
    """The dossiers `user` may view, as one query (the same rules as `decide` for Action.VIEW)."""
    if not _is_active_professional(user):
        return Dossier.objects.none()
    seats = CircleMember.objects.current().filter(user=user, membership__is_active=True).values("dossier_id")
    led_teams = Membership.objects.active().filter(user=user, role=Role.TEAM_LEAD).values("team_id")
    grants = (
        BreakGlassAccess.objects.active().filter(user=user, membership__is_active=True).values("dossier_id")
    )
    return Dossier.objects.filter(Q(pk__in=seats) | Q(owning_team__in=led_teams) | Q(pk__in=grants))


def break_glass_memberships(user: Any) -> QuerySet[Membership]:
    """The memberships in which `user` is designated to use emergency access."""
    if not _is_active_professional(user):
        return Membership.objects.none()
    return Membership.objects.active().filter(user=user, may_break_glass=True).select_related("organisation")


def privacy_officer_organisations(user: Any) -> QuerySet[Any]:
    """The organisations whose access log `user` may read as privacy officer."""
    from kring.accounts.models import Organisation

    if not _is_active_professional(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.PRIVACY_OFFICER, memberships__is_active=True
    ).distinct()


def audit_scope_for(user: Any) -> Q:
    """Which audit entries a privacy officer may read: their organisations' dossiers, people and actions."""
    organisations = privacy_officer_organisations(user)
    owned_dossiers = Dossier.objects.filter(owning_team__organisation__in=organisations).values("pk")
    members = Membership.objects.filter(organisation__in=organisations).values("user_id")
    return (
        Q(organisation_id__in=organisations.values("pk"))
        | Q(dossier_id__in=owned_dossiers)
        | Q(actor_id__in=members)
    )
