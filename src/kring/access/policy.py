"""The access policy: may this user perform this action on this section of this dossier?

The one place where that question is answered. `decide()` answers it for one dossier; `dossiers_visible_to()`
answers it for lists, with the same rules. Views, API handlers and commands never check roles themselves.

Rules (foundation):
- a current member of the dossier's circle may view and edit every section;
- the team lead of the dossier's owning team may view and edit every section and manage the circle;
- circle members of the owning organisation may manage the circle;
- a circle member of another organisation sees whom they work with (children, circle) and further only the
  sections that a standing consent shares with their organisation, or that a running compulsory measure
  opens for their kind of organisation (organisation_shares — also the family's "who sees what");
- a designated member of the owning organisation may open the dossier read-only under an active
  break-the-glass grant (see services.break_glass_open), which is flagged to the privacy officer;
- a dossier of an organisation that requires two-factor login is open only to verified sessions (and
  tokens created by one), whatever organisation the reader comes from;
- nobody else, and nobody who is not logged in or is disabled;
- a closed dossier is read-only for everyone who may see it: every write is refused here, with the reason
  (`Decision.closed`, raised as DossierClosed), until the owning team reopens it (Action.REOPEN).
"""

from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeGuard
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import BigIntegerField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Membership, Organisation, OrganisationKind, Role, Team, User
from kring.accounts.types import MaybeUser, is_logged_in
from kring.audit.models import AuditPurpose
from kring.cases.models import (
    COMPULSORY_MEASURES,
    CircleMember,
    Consent,
    Dossier,
    DossierQuerySet,
    DossierStatus,
    Measure,
)

from .models import BreakGlassAccess


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    MANAGE_CIRCLE = "manage_circle"
    REOPEN = "reopen"
    # Deciding on what someone else proposed for the dossier (a closure, a professional match): the lead of
    # the owning team, never emergency access, never on a closed dossier.
    APPROVE = "approve"


class Section(StrEnum):
    SUMMARY = "summary"
    CHILDREN = "children"
    CIRCLE = "circle"
    NETWORK = "network"
    MEASURES = "measures"
    CONSENTS = "consents"
    TIMELINE = "timeline"
    SAFETY_PLAN = "safety_plan"
    CONTACTS = "contacts"
    PATHWAY = "pathway"
    FEEDBACK = "feedback"


# In plain words, for the family's "who sees what" page (B1).
SECTION_LABELS = {
    Section.SUMMARY: _("the story of your family and the help"),
    Section.CHILDREN: _("the names and birth dates of the children"),
    Section.CIRCLE: _("who works with your family"),
    Section.NETWORK: _("your family and network"),
    Section.MEASURES: _("decisions of the judge"),
    Section.CONSENTS: _("what you agreed to"),
    Section.TIMELINE: _("what happened so far"),
    Section.SAFETY_PLAN: _("the safety plan"),
    Section.CONTACTS: _("when we met and talked with you"),
    Section.PATHWAY: _("the steps and dates of the help"),
    Section.FEEDBACK: _("what you told us about the help"),
}


class ShareBasis(StrEnum):
    OWN_ORGANISATION = "own_organisation"
    IN_CIRCLE = "in_circle"
    CONSENT = "consent"
    MEASURE = "measure"


@dataclass(frozen=True)
class Share:
    """Why an organisation sees a section of a dossier."""

    section: Section
    basis: ShareBasis
    consent: Consent | None = None


# What every organisation with a seat in the circle sees: whom they work with, and who else does.
CIRCLE_SECTIONS = (Section.CHILDREN, Section.CIRCLE)
# What a compulsory measure opens, by kind of organisation, without consent.
MEASURE_SECTIONS: dict[str, tuple[Section, ...]] = {
    OrganisationKind.LOCAL_TEAM: (Section.SAFETY_PLAN,),
    OrganisationKind.CARE_PROVIDER: (Section.SAFETY_PLAN,),
    OrganisationKind.COURT: (Section.MEASURES, Section.SAFETY_PLAN),
}


class Basis(StrEnum):
    CIRCLE = "circle"
    TEAM_LEAD = "team_lead"
    BREAK_GLASS = "break_glass"


BREAK_GLASS_ACTIONS = frozenset({Action.VIEW})
# What may still be done to a closed dossier: read it, and (by its owning team) reopen it.
CLOSED_DOSSIER_ACTIONS = frozenset({Action.VIEW, Action.REOPEN})
DOSSIER_CLOSED = _(
    "This dossier is closed and can only be read. Nothing was changed. The owning team can reopen it, "
    "with a reason."
)


class DossierClosed(PermissionDenied):
    """A write to a closed dossier by someone who may read it: refused with the reason, not as 404."""

    def __init__(self, message: Any = None) -> None:
        super().__init__(message or DOSSIER_CLOSED)
        self.message = message or DOSSIER_CLOSED


@dataclass(frozen=True)
class Decision:
    allowed: bool
    basis: Basis | None = None
    membership: Membership | None = None
    grant: BreakGlassAccess | None = None
    # Refused only because the dossier is closed: the reader may know why (see refuse_if_closed).
    closed: bool = False

    @property
    def purpose(self) -> AuditPurpose:
        return AuditPurpose.BREAK_GLASS if self.basis == Basis.BREAK_GLASS else AuditPurpose.NORMAL


DENIED = Decision(allowed=False)
# Allowed on no particular grounds: the rules that go by organisation (chain table, signal index).
ALLOWED = Decision(allowed=True)


def _is_active_professional(user: MaybeUser) -> TypeGuard[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_verified(user: MaybeUser) -> bool:
    """Whether this request's user passed two-factor login (django-otp's flag, or a token made after it)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


# The reader's memberships, loaded once per request: MembershipsPerRequestMiddleware (kring.access.middleware)
# sets a fresh memo for each request and drops it when the response is made; a membership, team or
# organisation saved or deleted meanwhile empties it (kring.access.apps). Outside a request (commands,
# services, tests calling the policy) there is no memo and each question queries afresh.
_request_memberships: ContextVar[dict[Any, list[Membership]] | None] = ContextVar(
    "kring_request_memberships", default=None
)


def memberships_memo_start() -> Any:
    """A fresh memo for one request; returns the token for memberships_memo_end."""
    return _request_memberships.set({})


def memberships_memo_end(token: Any) -> None:
    _request_memberships.reset(token)


def memberships_memo_clear(**_: Any) -> None:
    """Forget what this request loaded (a membership, team or organisation changed)."""
    memo = _request_memberships.get()
    if memo is not None:
        memo.clear()


def current_memberships(user: MaybeUser) -> list[Membership]:
    """The active memberships of `user`, with team and organisation: one query, once per request."""
    if user is None or not user.is_authenticated or user.pk is None:
        return []
    memo = _request_memberships.get()
    if memo is not None and user.pk in memo:
        return memo[user.pk]
    loaded = list(Membership.objects.active().filter(user=user).select_related("team", "organisation"))
    if memo is not None:
        memo[user.pk] = loaded
    return loaded


def requires_mfa_by_membership(user: MaybeUser) -> bool:
    """Whether an organisation `user` works for requires two-factor login (kring.accounts.services)."""
    return any(m.organisation.require_mfa for m in current_memberships(user))


def led_team_ids(user: MaybeUser) -> list[int]:
    """The teams `user` leads (the same memberships as `team_lead_memberships`), from the request's memo."""
    return [
        m.team_id for m in current_memberships(user) if m.role == Role.TEAM_LEAD and m.team_id is not None
    ]


def member_team_ids(user: MaybeUser) -> list[int]:
    """The teams `user` is a member of, in any role (a team's list), from the request's memo."""
    return [m.team_id for m in current_memberships(user) if m.team_id is not None]


def _designated(user: MaybeUser) -> bool:
    """Whether `user` is designated for emergency access in an active membership: without that, no grant of
    theirs stands (`_grants`), and the policy need not look for one."""
    return any(m.may_break_glass for m in current_memberships(user))


def _led_team_rule(user: User, field: str = "owning_team_id") -> Q:
    """Lead of the owning team, as a condition on each dossier row: the led teams as values."""
    teams = led_team_ids(user)
    return Q(**{f"{field}__in": teams}) if teams else Q(pk__in=[])


def _seats(user: User) -> QuerySet[CircleMember]:
    return CircleMember.objects.current().filter(user=user, membership__is_active=True)


def _led_teams(user: User) -> QuerySet[Membership]:
    return Membership.objects.active().filter(user=user, role=Role.TEAM_LEAD, team__isnull=False)


def team_lead_memberships(user: User) -> QuerySet[Membership]:
    """The memberships in which `user` leads a team: the dossiers of those teams they may open, all of them
    and in full (for a list that must know how many a reader may open, e.g. the caseload)."""
    return _led_teams(user)


def _grants(user: User) -> QuerySet[BreakGlassAccess]:
    """Emergency grants that still stand: active, the member still designated in the owning organisation."""
    return BreakGlassAccess.objects.active().filter(
        user=user,
        membership__is_active=True,
        membership__may_break_glass=True,
        membership__organisation=F("dossier__owning_team__organisation"),
    )


def seat_membership_row(user: MaybeUser) -> Subquery | Value:
    """For a query of dossiers: the membership of `user`'s current seat in each one's circle (the one
    `view_grounds` takes where there are several: the latest), or NULL. A page that annotates its rows with
    it hands the values to `view_grounds(..., seats=...)`, which then needs no query of its own for seats."""
    if user is None or not user.is_authenticated or user.pk is None:
        return Value(None, output_field=BigIntegerField())
    seats = (
        CircleMember.objects.current()
        .filter(dossier_id=OuterRef("pk"), membership__is_active=True)
        .alias(seated=Cast("user_id", output_field=BigIntegerField()))
        .filter(seated=user.pk)
        .order_by("-started_on", "-pk")
    )
    return Subquery(seats.values("membership_id")[:1])


def view_grounds(
    user: MaybeUser, dossiers: Iterable[Dossier], *, seats: Mapping[UUID, int | None] | None = None
) -> dict[UUID, Decision]:
    """On what grounds `user` may view each of `dossiers` (denied ones are left out). The reader's memberships
    (once per request), their seats, and their emergency grants if they are designated: one or two queries.
    `seats`: the membership of the reader's seat per dossier (`seat_membership_row`), where the caller
    loaded it with the dossiers; then no seats query runs (the memberships come from the request's memo)."""
    by_pk = {dossier.pk: dossier for dossier in dossiers}
    if not by_pk or not _is_active_professional(user):
        return {}
    grounds: dict[UUID, Decision] = {}
    grants: QuerySet[BreakGlassAccess] = BreakGlassAccess.objects.none()
    if _designated(user):
        grants = _grants(user).filter(dossier_id__in=by_pk).select_related("membership__organisation")
    for grant in grants:
        grounds[grant.dossier_id] = Decision(True, Basis.BREAK_GLASS, grant.membership, grant)
    for pk, membership in _seat_memberships(user, by_pk, seats).items():
        grounds[pk] = Decision(True, Basis.CIRCLE, membership)
    leads = {
        m.team_id: m for m in current_memberships(user) if m.role == Role.TEAM_LEAD and m.team_id is not None
    }
    for pk, dossier in by_pk.items():
        if dossier.owning_team_id in leads:
            grounds[pk] = Decision(True, Basis.TEAM_LEAD, leads[dossier.owning_team_id])
    if not is_verified(user):
        grounds = {pk: d for pk, d in grounds.items() if not _requires_mfa(by_pk[pk])}
    return grounds


def _seat_memberships(
    user: User, by_pk: dict[UUID, Dossier], seats: Mapping[UUID, int | None] | None
) -> dict[UUID, Membership]:
    """The membership of the reader's current seat in each dossier's circle that has one (the latest)."""
    if seats is None:
        # the user through a cast, so that SQLite (no statistics) finds the seats by dossier, not all theirs
        found = (
            CircleMember.objects.current()
            .filter(dossier_id__in=by_pk, membership__is_active=True)
            .alias(seated=Cast("user_id", output_field=BigIntegerField()))
            .filter(seated=user.pk)
            .select_related("membership__organisation")
        )
        return {seat.dossier_id: seat.membership for seat in found}  # in seat order: the latest last
    wanted = {pk: membership_id for pk, membership_id in seats.items() if pk in by_pk and membership_id}
    memberships = {m.pk: m for m in current_memberships(user)}
    missing = set(wanted.values()) - set(memberships)
    if missing:  # a seat held through a membership that is not the reader's own (never, by the services)
        memberships |= Membership.objects.select_related("organisation").in_bulk(missing)
    return {pk: memberships[membership_id] for pk, membership_id in wanted.items()}


def _requires_mfa(dossier: Dossier) -> bool:
    return dossier.owning_team.organisation.require_mfa


def organisation_shares(
    dossier: Dossier, organisation: Organisation, day: date | None = None
) -> dict[Section, Share]:
    """What `organisation` sees of `dossier` on `day`, and why. The owning organisation sees everything; any
    other organisation in the circle sees whom it works with, what standing consents share with it, and what
    a running compulsory measure opens for its kind. Two queries at most."""
    if organisation.pk == dossier.owning_team.organisation_id:
        return {section: Share(section, ShareBasis.OWN_ORGANISATION) for section in Section}
    day = day or timezone.localdate()
    shares = {section: Share(section, ShareBasis.IN_CIRCLE) for section in CIRCLE_SECTIONS}
    for consent in Consent.objects.standing_on(day).filter(dossier=dossier, shared_with=organisation):
        for name in consent.sections:
            if name in Section._value2member_map_:
                shares.setdefault(Section(name), Share(Section(name), ShareBasis.CONSENT, consent))
    opened = MEASURE_SECTIONS.get(organisation.kind, ())
    if (
        opened
        and Measure.objects.running_on(day).filter(dossier=dossier, kind__in=COMPULSORY_MEASURES).exists()
    ):
        for section in opened:
            shares.setdefault(section, Share(section, ShareBasis.MEASURE))
    return shares


def visible_sections(dossier: Dossier, decision: Decision) -> set[Section]:
    """The sections a reader may see, given the grounds on which they opened the dossier."""
    if not decision.allowed:
        return set()
    if decision.basis == Basis.CIRCLE:
        assert decision.membership is not None  # a seat is held in a membership
        return set(organisation_shares(dossier, decision.membership.organisation))
    return set(Section)


def may_write(dossier: Dossier, decision: Decision) -> bool:
    """Whether a reader who opened `dossier` on the grounds of `decision` may change the sections they see:
    not by emergency access (read-only), not in a closed dossier (decide() answers the same per action)."""
    return decision.allowed and decision.basis != Basis.BREAK_GLASS and not is_read_only(dossier)


def decide(user: MaybeUser, action: Action, dossier: Dossier, section: Section | None = None) -> Decision:
    """Answer for one section of one dossier, or (section None) for the dossier as such — whose shared
    sections the reader then sees (visible_sections). The strongest ground counts: team lead, then circle
    seat, then emergency grant; a seat for another organisation opens only the sections shared with it."""
    decision = view_grounds(user, [dossier]).get(dossier.pk, DENIED)
    if not decision.allowed:
        return DENIED
    if decision.basis == Basis.BREAK_GLASS and action not in BREAK_GLASS_ACTIONS:
        return DENIED
    foreign_seat = (
        decision.basis == Basis.CIRCLE
        and decision.membership is not None
        and decision.membership.organisation_id != dossier.owning_team.organisation_id
    )
    if foreign_seat and action == Action.MANAGE_CIRCLE:
        return DENIED
    if action == Action.APPROVE and decision.basis != Basis.TEAM_LEAD:
        return DENIED
    if foreign_seat and section is not None and section not in visible_sections(dossier, decision):
        return DENIED
    is_closed = is_read_only(dossier)
    if action == Action.REOPEN and (not is_closed or foreign_seat):
        return DENIED
    if is_closed and action not in CLOSED_DOSSIER_ACTIONS:
        return Decision(False, closed=True)
    return decision


def is_read_only(dossier: Dossier) -> bool:
    """Whether `dossier` takes no more writes (it is closed). decide() applies it to every user; a write
    path without a user (a respondent's one-time link) asks it directly."""
    return dossier.status == DossierStatus.CLOSED


def refuse_if_closed(decision: Decision) -> None:
    """Raise DossierClosed when `decision` refused a write only because the dossier is closed; callers that
    turn refusals into 404 call it first, so that a reader learns why their write was refused."""
    if decision.closed:
        raise DossierClosed


def membership_to_open_dossier(user: MaybeUser, team: Team) -> Membership | None:
    """The membership with which `user` may open a new dossier for `team`: its case workers and team lead."""
    if not _is_active_professional(user):
        return None
    return (
        Membership.objects.active()
        .filter(user=user, team=team, role__in=[Role.CASE_WORKER, Role.TEAM_LEAD])
        .select_related("organisation")
        .first()
    )


def _memberships_to_open_dossier(user: User) -> QuerySet[Membership]:
    return Membership.objects.active().filter(
        user=user, team__isnull=False, role__in=[Role.CASE_WORKER, Role.TEAM_LEAD]
    )


def teams_to_open_dossier(user: MaybeUser) -> QuerySet[Team]:
    """The teams for which `user` may open a new dossier (the same rule as membership_to_open_dossier)."""
    if not _is_active_professional(user):
        return Team.objects.none()
    teams = _memberships_to_open_dossier(user)
    return Team.objects.filter(pk__in=teams.values("team_id")).select_related("organisation").order_by("name")


def may_open_dossier(user: MaybeUser) -> bool:
    """Whether `user` may open a new dossier for any team (the "new dossier" link and the intake page): the
    memberships of `teams_to_open_dossier`, from the request's memo."""
    return _is_active_professional(user) and any(
        m.team_id is not None and m.role in (Role.CASE_WORKER, Role.TEAM_LEAD)
        for m in current_memberships(user)
    )


def dossiers_to_reuse_people_from(user: MaybeUser) -> QuerySet[Dossier]:
    """The dossiers whose children and network `user` may offer for reuse in another dossier: those they see
    in full and may write — a seat for the owning organisation, or the lead of the owning team. A seat for
    another organisation (which sees only what is shared) and emergency access (read-only) do not count."""
    if not _is_active_professional(user):
        return Dossier.objects.none()
    own_seats = _seats(user).filter(membership__organisation=F("dossier__owning_team__organisation"))
    dossiers = Dossier.objects.filter(Q(pk__in=own_seats.values("dossier_id")) | _led_team_rule(user))
    if not is_verified(user):
        dossiers = dossiers.exclude(owning_team__organisation__require_mfa=True)
    return dossiers


def whole_dossier_row(user: User) -> Q:
    """Whether `user` sees each dossier row whole — as lead of the owning team, or from a circle seat for the
    owning organisation — as a condition per row (correlated: a few index lookups per row). Narrower than
    `dossier_visible_row`: a list that shows sections (measures, the timeline) without asking per dossier
    shows them only where this holds. The user is compared through a cast, which keeps SQLite (no
    statistics) from looking the seats up by user — all of a busy case worker's seats, for every row."""
    own_seat = (
        CircleMember.objects.current()
        .alias(seated=Cast("user_id", output_field=BigIntegerField()))
        .filter(
            dossier=OuterRef("pk"),
            seated=user.pk,
            membership__is_active=True,
            membership__organisation=OuterRef("owning_team__organisation"),
        )
    )
    return _led_team_rule(user) | Q(Exists(own_seat))


def may_propose_closure(user: MaybeUser, dossier: Dossier) -> Decision:
    """Proposing to close a dossier: whoever may change it, for the organisation that owns it — a partner's
    seat in the circle does not close another organisation's dossier (the lead then confirms: APPROVE)."""
    decision = decide(user, Action.EDIT, dossier)
    membership = decision.membership
    if (
        decision.allowed
        and membership is not None
        and membership.organisation_id == dossier.owning_team.organisation_id
    ):
        return decision
    return DENIED


def may_link_dossier(user: MaybeUser, dossier: Dossier) -> Decision:
    """Linking a chain case to a dossier, and following that link from the chain case: for whoever may open
    the dossier, but not on emergency access (which is for a crisis in the dossier, not for the chain)."""
    decision = decide(user, Action.VIEW, dossier)
    if decision.allowed and decision.basis != Basis.BREAK_GLASS:
        return decision
    return DENIED


def may_transfer_dossier(user: MaybeUser, dossier: Dossier) -> Decision:
    """Changing the owning team is for the team lead of the team that owns the dossier now."""
    decision = decide(user, Action.MANAGE_CIRCLE, dossier, Section.CIRCLE)
    if decision.allowed and decision.basis == Basis.TEAM_LEAD:
        return decision
    return DENIED


def dossiers_visible_to(user: MaybeUser) -> DossierQuerySet:
    """The dossiers `user` may view, as one query (the same rules as `view_grounds`)."""
    if not _is_active_professional(user):
        return Dossier.objects.none()
    visible = Dossier.objects.filter(
        Q(pk__in=_seats(user).values("dossier_id"))
        | _led_team_rule(user)
        | (Q(pk__in=_grants(user).values("dossier_id")) if _designated(user) else Q(pk__in=[]))
    )
    if not is_verified(user):
        visible = visible.exclude(owning_team__organisation__require_mfa=True)
    return visible


def dossier_visible_row(user: MaybeUser) -> Q:
    """The rules of `dossiers_visible_to` as a condition on each dossier row (correlated lookups by dossier),
    for a list that walks dossiers in an index order and stops after a page: its cost grows with the rows
    it walks, not with all the reader's seats, which the uncorrelated form gathers first. The user is
    compared through a cast so that SQLite (no statistics) looks a seat up by dossier, not by user."""
    if not _is_active_professional(user):
        return Q(pk__in=[])
    seat = (
        CircleMember.objects.current()
        .filter(dossier=OuterRef("pk"), membership__is_active=True)
        .alias(seated=Cast("user_id", output_field=BigIntegerField()))
        .filter(seated=user.pk)
    )
    visible = Q(Exists(seat)) | _led_team_rule(user)
    if _designated(user):
        # _grants' conditions, with the dossier's organisation taken from the row (one lookup by dossier)
        grant = BreakGlassAccess.objects.active().filter(
            dossier=OuterRef("pk"),
            user=user,
            membership__is_active=True,
            membership__may_break_glass=True,
            membership__organisation=OuterRef("owning_team__organisation"),
        )
        visible |= Q(Exists(grant))
    if not is_verified(user):
        visible &= ~Q(owning_team__organisation__require_mfa=True)
    return visible


def break_glass_memberships(user: MaybeUser) -> QuerySet[Membership]:
    """The memberships in which `user` is designated to use emergency access."""
    if not _is_active_professional(user):
        return Membership.objects.none()
    return Membership.objects.active().filter(user=user, may_break_glass=True).select_related("organisation")


def organisation_ids(user: MaybeUser) -> set[int]:
    """The organisations in which `user` has an active membership, in any role: whose work (a chain table's
    cases, the signal index's registrations) they may see. Nobody's for a user who is not logged in."""
    if not is_logged_in(user):
        return set()
    return {m.organisation_id for m in current_memberships(user)}


def privacy_officer_organisations(user: MaybeUser) -> QuerySet[Any]:
    """The organisations whose access log `user` may read as privacy officer."""
    if not _is_active_professional(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.PRIVACY_OFFICER, memberships__is_active=True
    ).distinct()


class Capability(StrEnum):
    BREAK_GLASS = "break_glass"
    READ_AUDIT_LOG = "read_audit_log"
    RETENTION = "retention"
    INSIGHTS = "insights"


def capabilities(user: MaybeUser) -> set[Capability]:
    """What `user` may do beyond their dossiers: the same memberships that break_glass_memberships,
    privacy_officer_organisations and functional_admin_organisations look at (the request's memo), and
    the active insights grants (organisation management, a municipality or region: access.insights), which
    a user may hold without any membership — one query, asked only when the memberships do not already
    open the insights."""
    from kring.insights.models import InsightsGrant

    if not _is_active_professional(user):
        return set()
    granted = set()
    for membership in current_memberships(user):
        if membership.may_break_glass:
            granted.add(Capability.BREAK_GLASS)
        if membership.role == Role.PRIVACY_OFFICER:
            granted.add(Capability.READ_AUDIT_LOG)
        if membership.role == Role.FUNCTIONAL_ADMIN:
            granted.add(Capability.RETENTION)
        if membership.role in (Role.TEAM_LEAD, Role.PRIVACY_OFFICER):
            granted.add(Capability.INSIGHTS)  # dashboards of led teams; research exports (access.insights)
    if (
        Capability.INSIGHTS not in granted
        and InsightsGrant.objects.filter(user=user, is_active=True).exists()
    ):
        granted.add(Capability.INSIGHTS)
    return granted


def start_page(user: MaybeUser) -> str:
    """The URL name a user lands on: the chain table for whoever works only as a chain partner (police,
    prosecution, the board, Halt, Veilig Thuis …), whose "my dossiers" would be empty; else their caseload."""
    if _is_active_professional(user):
        roles = {m.role for m in current_memberships(user)}
        if roles == {Role.CHAIN_PARTNER}:
            return "chain_table"
    return "dossier_list"


def functional_admin_organisations(user: MaybeUser) -> QuerySet[Organisation]:
    """The organisations `user` administers functionally (retention, configuration)."""
    if not _is_active_professional(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.FUNCTIONAL_ADMIN, memberships__is_active=True
    ).distinct()


def audit_scope_for(user: MaybeUser) -> Q:
    """Which audit entries a privacy officer may read: what was done in their organisations, what was done
    to their organisations' dossiers, and the authentication events (no organisation, no dossier) of their
    current members."""
    organisations = privacy_officer_organisations(user)
    owned_dossiers = Dossier.objects.filter(owning_team__organisation__in=organisations).values("pk")
    members = Membership.objects.active().filter(organisation__in=organisations).values("user_id")
    return (
        Q(organisation_id__in=organisations.values("pk"))
        | Q(dossier_id__in=owned_dossiers)
        | Q(actor_id__in=members, organisation_id__isnull=True, dossier_id__isnull=True)
    )


def work_grounds(user: MaybeUser, dossiers: Iterable[Dossier]) -> dict[Any, Decision]:
    """On what grounds `user` works on each of `dossiers`: a seat in the circle or the lead of the owning
    team. Emergency access opens a dossier to read it, not to have work in it (a team's agenda), so those
    dossiers are left out, as are the ones the user may not view. Three queries (view_grounds)."""
    return {pk: d for pk, d in view_grounds(user, dossiers).items() if d.basis != Basis.BREAK_GLASS}


def advice_approver(user: MaybeUser, dossier: Dossier) -> Decision:
    """Who may approve an advice to the judge on `dossier` (the measures section): the lead of the owning
    team, or a behavioural scientist of the owning organisation with a seat in the circle — never emergency
    access, never on a closed dossier. The decision's membership names the role in which they approve."""
    decision = decide(user, Action.EDIT, dossier, Section.MEASURES)
    if not decision.allowed:
        return DENIED
    if decision.basis == Basis.TEAM_LEAD:
        return decision
    membership = decision.membership
    if membership is None or membership.organisation_id != dossier.owning_team.organisation_id:
        return DENIED
    if decision.basis == Basis.CIRCLE and membership.role == Role.BEHAVIOURAL_SCIENTIST:
        return decision
    return DENIED
