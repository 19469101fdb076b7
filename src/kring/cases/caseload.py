"""Caseload lists: "my dossiers" and "my team's dossiers", with filters and search.

Which dossiers a list may show comes from the access policy alone (`dossiers_visible_to`); everything here
only narrows that set. The caller writes the audit entries for the page it shows (`dossiers_audit_listed`).

Two steps keep a page cheap on a large caseload: the filtered, ordered set is counted and sliced without
the row annotations, and only the page's 25 dossiers are then loaded with what the list shows (children,
team, running legal frames, planned end, last activity) in a fixed number of queries.

Measures and the timeline are dossier sections a professional of another organisation sees only by
consent or a running measure (policy.organisation_shares). A list cannot work that out per row in a fixed
number of queries, so it shows legal frames, planned end and last activity only where the reader sees the
whole dossier — as team lead of the owning team or from a circle seat for the owning organisation — and
filters on them only among those dossiers. That narrows what the policy allows; it never widens it.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from kring.access.policy import dossiers_visible_to
from kring.accounts.models import Membership, Role

from .models import (
    CircleMember,
    Contact,
    Dossier,
    DossierEvent,
    DossierStatus,
    Measure,
    MeasureKind,
    children_prefetch,
)

PAGE_SIZE = 25
ENDS_SOON_DAYS = 30  # a planned end this close is marked in the list


class Scope(StrEnum):
    MINE = "mine"  # every dossier I may open
    TEAM = "team"  # of those, the dossiers owned by a team I lead or belong to


@dataclass(frozen=True)
class CaseloadFilters:
    """What the reader asked for; all optional. `text` and `date_of_birth` exclude each other."""

    text: str = ""
    date_of_birth: date | None = None
    frame: str = ""
    status: str = ""
    ends_within_days: int | None = None
    inactive_weeks: int | None = None
    no_contact_weeks: int | None = None

    @property
    def reads_history(self) -> bool:
        """Whether the filter looks into measures or the timeline."""
        return bool(self.frame or self.ends_within_days or self.inactive_weeks or self.no_contact_weeks)

    @property
    def is_empty(self) -> bool:
        return self == CaseloadFilters()


def _whole_dossier_readable(user: Any) -> Q:
    """Dossiers whose measures and timeline `user` reads: team lead of the owning team, or a current seat
    in the circle for the owning organisation (see the module docstring). Uncorrelated subqueries, as in
    the policy, so that the database works each out once for a whole caseload, not once per dossier."""
    led_teams = Membership.objects.active().filter(user=user, role=Role.TEAM_LEAD, team__isnull=False)
    own_seats = CircleMember.objects.current().filter(
        user=user,
        membership__is_active=True,
        membership__organisation=F("dossier__owning_team__organisation"),
    )
    return Q(owning_team__in=led_teams.values("team_id")) | Q(pk__in=own_seats.values("dossier_id"))


def _whole_dossier_readable_row(user: Any) -> ExpressionWrapper:
    """The same question for one row of a page: correlated, so that it costs a few index lookups per row.
    The user is compared through a cast, which keeps SQLite (no statistics) from looking the seats up by
    user — all of a busy case worker's seats, for every row — instead of by dossier."""
    led_team = Membership.objects.active().filter(
        user=user, role=Role.TEAM_LEAD, team__isnull=False, team=OuterRef("owning_team")
    )
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
    return ExpressionWrapper(Q(Exists(led_team)) | Q(Exists(own_seat)), output_field=BooleanField())


def _last_event_on() -> Subquery:
    newest = DossierEvent.objects.filter(dossier=OuterRef("pk")).order_by("-occurred_on")
    return Subquery(newest.values("occurred_on")[:1])


def _last_activity() -> Coalesce:
    """The date of the newest event in the dossier's history, or the opening date if none was recorded."""
    return Coalesce(_last_event_on(), F("opened_on"))


def _last_contact_on() -> Subquery:
    """The date of the newest registered contact with the client system (None when there was none)."""
    newest = Contact.objects.filter(dossier=OuterRef("pk")).order_by("-occurred_on")
    return Subquery(newest.values("occurred_on")[:1])


def _with_child(condition: Q) -> Exists:
    """Whether one of the dossier's children meets `condition` (on Person). Correlated on purpose: the
    work grows with the reader's dossiers, not with every person in the database (of every organisation)."""
    links = Dossier.children.through.objects.filter(dossier_id=OuterRef("pk"))
    return Exists(links.filter(condition))


def _text_match(text: str) -> Q:
    """A child's name (every word in the first or last name of one child, any order, partial, case
    insensitive), the family name or the dossier reference."""
    child = Q()
    for word in text.split():
        child &= Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
    return Q(reference__icontains=text) | Q(title__icontains=text) | Q(_with_child(child))


def _birth_date_match(day: date) -> Q:
    return Q(_with_child(Q(person__date_of_birth=day)))


def _in_scope(user: Any, scope: Scope) -> QuerySet[Dossier]:
    visible = dossiers_visible_to(user)
    if scope == Scope.TEAM:
        teams = Membership.objects.active().filter(user=user, team__isnull=False).values("team_id")
        visible = visible.filter(owning_team__in=teams)
    return visible


def caseload_for_user(
    *, user: Any, scope: Scope, filters: CaseloadFilters | None, today: date | None = None
) -> QuerySet[Dossier]:
    """The dossiers of `scope` that `user` may open and that match `filters`, open ones first, newest first.
    No filters (None) because the input was invalid: nothing, never everything. Unannotated, so it is cheap
    to count and to slice; load the page's rows with `caseload_rows`."""
    if filters is None:
        return Dossier.objects.none()
    today = today or timezone.localdate()
    dossiers = _in_scope(user, scope)
    if filters.status:
        dossiers = dossiers.filter(status=filters.status)
    if filters.date_of_birth:
        dossiers = dossiers.filter(_birth_date_match(filters.date_of_birth))
    elif filters.text:
        dossiers = dossiers.filter(_text_match(filters.text))
    if filters.reads_history:
        dossiers = dossiers.filter(_whole_dossier_readable(user))
    if filters.frame or filters.ends_within_days:
        # one running measure that meets both: "an OTS whose planned end is near", not any two measures
        running = Measure.objects.running_on(today).filter(dossier=OuterRef("pk"))
        if filters.frame:
            running = running.filter(kind=filters.frame)
        if filters.ends_within_days:
            horizon = today + timedelta(days=filters.ends_within_days)
            running = running.filter(planned_end_on__gte=today, planned_end_on__lte=horizon)
        dossiers = dossiers.filter(Exists(running))
    if filters.inactive_weeks:
        since = today - timedelta(weeks=filters.inactive_weeks)
        dossiers = dossiers.alias(last_activity=_last_activity()).filter(last_activity__lte=since)
    if filters.no_contact_weeks:
        since = today - timedelta(weeks=filters.no_contact_weeks)
        last_contact = Coalesce(_last_contact_on(), F("opened_on"))
        dossiers = dossiers.alias(contact_or_opened=last_contact).filter(contact_or_opened__lte=since)
    return _in_caseload_order(dossiers)


def _in_caseload_order(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Open dossiers first, then the newest; the reference makes the order total (stable pages)."""
    open_first = Case(
        When(status=DossierStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return dossiers.alias(open_first=open_first).order_by("open_first", "-opened_on", "reference")


def caseload_rows(*, user: Any, page_of: QuerySet[Any], today: date | None = None) -> list[Dossier]:
    """The dossiers of one page (`page_of`: a slice of `caseload_for_user(...).values("pk")`), in caseload
    order, with what the list shows: children (oldest first) and team; and where the reader sees the whole
    dossier (`whole_dossier`), `frames` (the legal frames running today), `planned_end` (the earliest
    planned end among them, with `ends_soon`), `last_activity` and `last_contact`. Elsewhere these are empty.
    Three queries, whatever the size of the dossiers: the rows (the page's slice as a subquery), their
    children, their running measures."""
    today = today or timezone.localdate()
    running = Measure.objects.running_on(today).order_by("planned_end_on", "kind")
    rows = _in_caseload_order(
        Dossier.objects.filter(pk__in=page_of)
        .select_related("owning_team__organisation")
        .annotate(
            last_activity=_last_activity(),
            last_contact=_last_contact_on(),
            whole_dossier=_whole_dossier_readable_row(user),
        )
        .prefetch_related(
            children_prefetch(), Prefetch("measures", queryset=running, to_attr="running_measures")
        )
    )
    rows = list(rows)
    for dossier in rows:
        _summarise_history(dossier, today)
    return rows


def _summarise_history(dossier: Any, today: date) -> None:
    dossier.ends_soon = False
    if not dossier.whole_dossier:
        dossier.running_measures, dossier.frames = [], []
        dossier.planned_end = dossier.last_activity = dossier.last_contact = None
        return
    kinds = dict.fromkeys(measure.kind for measure in dossier.running_measures)
    # the choice's lazy label, not get_kind_display(), which translates every choice of the field each call
    dossier.frames = [MeasureKind(kind).label if kind in MeasureKind else kind for kind in kinds]
    ends = [m.planned_end_on for m in dossier.running_measures if m.planned_end_on]
    dossier.planned_end = min(ends) if ends else None
    dossier.ends_soon = bool(dossier.planned_end and dossier.planned_end <= today + timedelta(ENDS_SOON_DAYS))


def caseload_page(
    *,
    user: Any,
    scope: Scope,
    filters: CaseloadFilters | None,
    page_number: Any,
    today: date | None = None,
    per_page: int = PAGE_SIZE,
) -> Page:
    """One page of the caseload; `page.object_list` holds the loaded rows (see `caseload_rows`). A page
    number out of range gives the last page, one that is no number the first."""
    today = today or timezone.localdate()
    dossiers = caseload_for_user(user=user, scope=scope, filters=filters, today=today)
    page = Paginator(dossiers.values("pk"), per_page).get_page(page_number)
    page.object_list = caseload_rows(user=user, page_of=page.object_list, today=today)
    return page
