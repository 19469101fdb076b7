"""Access rules for insights: aggregated figures, dashboards and research exports (the one place for them).

- A team lead sees the figures of the teams they lead; drill-down lists only the dossiers the policy lets
  them open (dossiers_visible_to), and opening one goes through the dossier's own door.
- Organisation management (an InsightsGrant with scope organisation) sees all teams of that organisation,
  aggregated, without dossiers.
- A municipality or region (an InsightsGrant with scope region) sees the organisations of its region
  aggregated; it never reaches a dossier — no insights decision opens one, and its pages link none.
- A research export is requested by a team lead or organisation management of the organisation, and
  approved by a privacy officer of that organisation who did not request it (four eyes).
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeGuard

from django.db.models import QuerySet

from kring.accounts.models import Membership, Organisation, Role, Team, User
from kring.accounts.types import MaybeUser, RequestUser

from .policy import privacy_officer_organisations


class Scope(StrEnum):
    TEAM = "team"
    ORGANISATION = "organisation"
    REGION = "region"


@dataclass(frozen=True)
class InsightsView:
    """What one reader may see in one dashboard scope: the teams whose measures count, and whether rows may
    lead to dossiers at all."""

    scope: Scope
    team_ids: frozenset[int]
    label: str = ""
    may_drill_down: bool = False
    organisation_ids: frozenset[int] = field(default_factory=frozenset)


def _active(user: MaybeUser) -> TypeGuard[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def led_team_ids(user: MaybeUser) -> set[int]:
    if not _active(user):
        return set()
    return set(
        Membership.objects.active()
        .filter(user=user, role=Role.TEAM_LEAD, team__isnull=False)
        .values_list("team_id", flat=True)
    )


def _grants(user: MaybeUser, scope: str) -> QuerySet[Any]:
    from kring.insights.models import InsightsGrant

    if not _active(user):
        return InsightsGrant.objects.none()
    return InsightsGrant.objects.filter(user=user, scope=scope, is_active=True)


def insights_scopes(user: MaybeUser) -> list[Scope]:
    """The dashboards `user` may open, in a fixed number of queries."""
    scopes = []
    if led_team_ids(user):
        scopes.append(Scope.TEAM)
    if _grants(user, Scope.ORGANISATION).exists():
        scopes.append(Scope.ORGANISATION)
    if _grants(user, Scope.REGION).exists():
        scopes.append(Scope.REGION)
    return scopes


def insights_view(user: MaybeUser, scope: str) -> InsightsView | None:
    """What `user` sees in dashboard `scope`, or None when they may not open it."""
    if scope == Scope.TEAM:
        teams = led_team_ids(user)
        return InsightsView(Scope.TEAM, frozenset(teams), may_drill_down=True) if teams else None
    if scope not in (Scope.ORGANISATION, Scope.REGION):
        return None
    grants = _grants(user, scope)
    if not grants.exists():
        return None
    if scope == Scope.ORGANISATION:
        organisations = set(grants.values_list("organisation_id", flat=True))
    else:
        organisations = set(grants.values_list("region__organisations", flat=True)) - {None}
    teams = set(Team.objects.filter(organisation__in=organisations).values_list("pk", flat=True))
    return InsightsView(Scope(scope), frozenset(teams), organisation_ids=frozenset(organisations))


def export_requester_organisations(user: MaybeUser) -> QuerySet[Organisation]:
    """The organisations for which `user` may request a research export: as team lead, or management."""
    if not _active(user):
        return Organisation.objects.none()
    from kring.insights.models import InsightsGrant

    as_lead = Membership.objects.active().filter(user=user, role=Role.TEAM_LEAD).values("organisation_id")
    as_management = InsightsGrant.objects.filter(user=user, scope=Scope.ORGANISATION, is_active=True).values(
        "organisation_id"
    )
    return Organisation.objects.filter(pk__in=as_lead.union(as_management))


def may_request_export(user: MaybeUser, organisation: Organisation) -> bool:
    return export_requester_organisations(user).filter(pk=organisation.pk).exists()


def export_approver_organisations(user: MaybeUser) -> QuerySet[Organisation]:
    return privacy_officer_organisations(user)


def may_decide_export(user: MaybeUser, export: Any) -> bool:
    """A privacy officer of the export's organisation, never the one who asked for it."""
    return (
        _active(user)
        and export.requested_by_id != user.pk
        and export_approver_organisations(user).filter(pk=export.organisation_id).exists()
    )


def may_see_export(user: RequestUser, export: Any) -> bool:
    return (
        export.requested_by_id == user.pk
        or export_approver_organisations(user).filter(pk=export.organisation_id).exists()
    )


def may_download_export(user: MaybeUser, export: Any) -> bool:
    """Only the requester receives the approved extract (the privacy officer approves, does not use it)."""
    from kring.insights.models import ExportStatus

    return _active(user) and export.status == ExportStatus.APPROVED and export.requested_by_id == user.pk
