"""Caseload lists: "my dossiers" and "my team's dossiers", with filters and search.

Which dossiers a list may show comes from the access policy alone (`dossiers_visible_to`, or the same rules
row by row, `dossier_visible_row`); everything here only narrows that set. The caller writes the audit
entries for the page it shows (`dossiers_audit_listed`).

A page costs the same at 100 or 100,000 dossiers: its keys come from an index range scan in caseload order
from a cursor (keyset pagination, no OFFSET), or, for a reader with few dossiers or a filter that names few,
from fetching those few keys and sorting them here (`walks`); nothing counts beyond COUNT_CAP; and only the
page's 25 dossiers are then loaded with what the list shows (children, team, running legal frames, planned
end, last activity and contact, the latter two denormalised on the dossier) in a fixed number of queries.

Measures and the timeline are dossier sections a professional of another organisation sees only by
consent or a running measure (policy.organisation_shares). A list cannot work that out per row in a fixed
number of queries, so it shows legal frames, planned end and last activity only where the reader sees the
whole dossier — as team lead of the owning team or from a circle seat for the owning organisation — and
filters on them only among those dossiers. That narrows what the policy allows; it never widens it.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from kring.access.policy import (
    Decision,
    dossier_visible_row,
    dossiers_visible_to,
    led_team_ids,
    member_team_ids,
    seat_membership_row,
    view_grounds,
    whole_dossier_row,
)
from kring.dates import age_on

from .models import (
    CircleMember,
    Dossier,
    DossierStatus,
    Measure,
    MeasureKind,
    Person,
)
from .search import dossiers_titled, people_named

PAGE_SIZE = 25
COUNT_CAP = 1_000  # a list counts its dossiers up to here, and says "more than" beyond
WALK_COUNT_CAP = (
    100  # the same where the list walks the order index (see `walks`): each counted row is a walk
)
WALK_FROM_SEATS = 300
ENDS_SOON_DAYS = 30  # a planned end this close is marked in the list
ENDING_KEYS = 2_000  # "ends within N days" hands the database at most this many dossier keys, else a subquery


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


def _whole_dossier_readable_row(user: Any) -> ExpressionWrapper:
    return ExpressionWrapper(whole_dossier_row(user), output_field=BooleanField())


def _with_child(condition: Q) -> Exists:
    """Whether one of the dossier's children meets `condition` (on Person). Correlated on purpose: the
    work grows with the reader's dossiers, not with every person in the database (of every organisation)."""
    links = Dossier.children.through.objects.filter(dossier_id=OuterRef("pk"))
    return Exists(links.filter(condition))


def _text_match(text: str) -> Q:
    """A child's name (every word in the first or last name of one child, any order, partial, case
    insensitive), the family name or the dossier reference. The children are found first, from the name
    index (`kring.cases.search`), not by checking every dossier's children in turn."""
    named_children = Dossier.children.through.objects.filter(people_named(text, "person_id"))
    # one list of candidates from the two indexes: an OR of the reference, the title and the children made
    # the database read every dossier's reference and title
    return Q(pk__in=dossiers_titled(text).union(named_children.order_by().values("dossier_id")))


def _birth_date_match(day: date) -> Q:
    return Q(_with_child(Q(person__date_of_birth=day)))


class Reach(StrEnum):
    """How many dossiers a reader may open, as far as choosing how to find a page goes (see `walks`)."""

    FEW = ""  # falsy: gather
    SEATS = "seats"  # many circle seats
    TEAMS = "teams"  # team lead: whole teams


def walks(user: Any) -> Reach:
    """Whether `user` may open so many dossiers (team lead, or more than WALK_FROM_SEATS seats) that a page is
    best found by walking the caseload order index, checking each dossier, until it is full (truthy). For
    anyone else the database gathers their few dossiers first (by seat) and they are sorted here: walking
    would pass every dossier of the installation before it found theirs. One query at most (the led teams
    come from the reader's memberships, once per request)."""
    if led_team_ids(user):
        return Reach.TEAMS
    seats = CircleMember.objects.filter(user=user).order_by()[WALK_FROM_SEATS : WALK_FROM_SEATS + 1]
    return Reach.SEATS if seats.exists() else Reach.FEW


def _in_scope(user: Any, scope: Scope, row_by_row: bool) -> QuerySet[Dossier]:
    # The policy's rules either way: row by row (correlated), to walk the order index or to check the few
    # dossiers a filter names, or as the policy's one uncorrelated query that gathers a reader's dossiers.
    visible = Dossier.objects.filter(dossier_visible_row(user)) if row_by_row else dossiers_visible_to(user)
    if scope == Scope.TEAM:
        # the team ids as values, not a subquery: with one team the database walks that team's part of the
        # order index (dossier_team_caseload_order) instead of joining and sorting all of its dossiers
        visible = visible.filter(owning_team__in=member_team_ids(user))
    return visible


def caseload_for_user(
    *, user: Any, scope: Scope, filters: CaseloadFilters | None, today: date | None = None
) -> QuerySet[Dossier]:
    """The dossiers of `scope` that `user` may open and that match `filters`, unordered and unannotated.
    No filters (None) because the input was invalid: nothing, never everything. A page of them, in caseload
    order with what the list shows, comes from `caseload_page`."""
    return _caseload(user, scope, filters, today or timezone.localdate(), walks(user))[0]


def _caseload(
    user: Any, scope: Scope, filters: CaseloadFilters | None, today: date, walk: Any
) -> tuple[QuerySet[Dossier], bool]:
    """`caseload_for_user`, and whether the set is gathered: fetched whole (without an order, so that the
    database starts from what narrows it most) and paged here. Gathered: a reader with few dossiers; a
    filter on planned ends (the database starts from those measures); a search by a reader with many seats
    (the database starts from their seats). Walked in caseload order: everything else (see `walks`)."""
    if filters is None:
        return Dossier.objects.none(), True
    searches = bool(filters.text or filters.date_of_birth)
    gather = not walk or bool(filters.ends_within_days) or (searches and walk != Reach.TEAMS)
    # row by row where the walk checks each dossier, and where a filter names the few to check
    row_by_row = bool(walk) and (not gather or walk == Reach.TEAMS or bool(filters.ends_within_days))
    dossiers = _in_scope(user, scope, row_by_row)
    if filters.date_of_birth:
        dossiers = dossiers.filter(_birth_date_match(filters.date_of_birth))
    elif filters.text:
        dossiers = dossiers.filter(_text_match(filters.text))
    if filters.reads_history:
        dossiers = dossiers.alias(whole_dossier=_whole_dossier_readable_row(user)).filter(whole_dossier=True)
    if filters.frame or filters.ends_within_days:
        # one running measure that meets both: "an OTS whose planned end is near", not any two measures
        running = Measure.objects.running_on(today)
        if filters.frame:
            running = running.filter(kind=filters.frame)
        if filters.ends_within_days:
            # uncorrelated: the measures that end this soon, found once from their index
            horizon = today + timedelta(days=filters.ends_within_days)
            running = running.filter(planned_end_on__gte=today, planned_end_on__lte=horizon)
            ending: Any = running.values("dossier_id")
            if connection.vendor == "postgresql":
                # PostgreSQL misjudged the reader's seats joined with this subquery and checked the measures
                # of each of a heavy reader's 10,000 dossiers (0.11 s at 100,000): it gets the keys as one
                # array when they are few. SQLite runs the subquery first, as written (keys cost it more).
                keys = running.order_by().values_list("dossier_id", flat=True).distinct()[: ENDING_KEYS + 1]
                if len(keys := list(keys)) <= ENDING_KEYS:
                    ending = RawSQL("SELECT unnest(%s::uuid[])", [keys])
            dossiers = dossiers.filter(pk__in=ending)
        else:
            # correlated: a frame alone matches many dossiers, so the walk in caseload order finds a page soon
            dossiers = dossiers.filter(Exists(running.filter(dossier=OuterRef("pk"))))
    if filters.inactive_weeks:
        since = today - timedelta(weeks=filters.inactive_weeks)
        dossiers = dossiers.filter(_on_or_before("last_event_on", since))
    if filters.no_contact_weeks:
        since = today - timedelta(weeks=filters.no_contact_weeks)
        dossiers = dossiers.filter(_on_or_before("last_contact_on", since))
    if filters.status and gather:
        # compared through a function, so that SQLite (no statistics) starts from what narrows the set most
        # rather than from every dossier of that status by its index
        dossiers = dossiers.alias(status_value=Lower("status")).filter(status_value=filters.status)
    elif filters.status:
        dossiers = dossiers.filter(status=filters.status)
    return dossiers, gather


def _on_or_before(column: str, since: date) -> Q:
    """The denormalised date `column` lies on or before `since`; with none yet, the opening date counts."""
    return Q(**{f"{column}__lte": since}) | Q(**{f"{column}__isnull": True, "opened_on__lte": since})


# --- pages: keyset pagination in caseload order -------------------------------------------------------------
#
# The order is: open dossiers first, then the others; within each, the newest first, the reference making
# it total. A page is fetched per status group as an index range scan (dossier_caseload_order) that stops
# after PAGE_SIZE + 1 rows, from a cursor (the last row shown) rather than an OFFSET, so page 400 costs what
# page 1 does; nothing sorts or counts every visible dossier.

OPEN_GROUP, OTHER_GROUP = 0, 1
OTHER_STATUSES = [status for status in DossierStatus.values if status != DossierStatus.OPEN]


@dataclass(frozen=True)
class Cursor:
    """A position in caseload order: the key of one row."""

    group: int
    opened_on: date
    reference: str

    def encode(self) -> str:
        return f"{self.group}~{self.opened_on.isoformat()}~{self.reference}"

    @classmethod
    def decode(cls, value: Any) -> "Cursor | None":
        """The cursor in `value`, or None for anything that is not one (a page link someone edited)."""
        try:
            group, day, reference = str(value).split("~", 2)
            cursor = cls(int(group), date.fromisoformat(day), reference)
        except ValueError:
            return None
        return cursor if cursor.group in (OPEN_GROUP, OTHER_GROUP) and reference else None

    @classmethod
    def of(cls, dossier: Dossier) -> "Cursor":
        group = OPEN_GROUP if dossier.status == DossierStatus.OPEN else OTHER_GROUP
        return cls(group, dossier.opened_on, dossier.reference)


def _sort_key(dossier: Dossier) -> tuple[int, int, str]:
    return _cursor_key(Cursor.of(dossier))


def _in_group(dossiers: QuerySet[Dossier], group: int) -> QuerySet[Dossier]:
    if group == OPEN_GROUP:
        return dossiers.filter(status=DossierStatus.OPEN)
    return dossiers.filter(status__in=OTHER_STATUSES)


def _small_page_keys(
    dossiers: QuerySet[Dossier], cursor: Cursor | None, *, forward: bool, size: int
) -> tuple[list[Any], int]:
    """For a small set: every key in one query, sorted and paged here; and the exact count."""
    keys = sorted(
        (_cursor_key(Cursor(OPEN_GROUP if status == DossierStatus.OPEN else OTHER_GROUP, day, reference)), pk)
        for pk, status, day, reference in dossiers.order_by().values_list(
            "pk", "status", "opened_on", "reference"
        )
    )
    if cursor is None:
        chosen = keys[:size]
    elif forward:
        chosen = [k for k in keys if k[0] > _cursor_key(cursor)][:size]
    else:
        chosen = [k for k in keys if k[0] < _cursor_key(cursor)][-size:]
    return [pk for _, pk in chosen], len(keys)


def _cursor_key(cursor: Cursor) -> tuple[int, int, str]:
    return (cursor.group, -cursor.opened_on.toordinal(), cursor.reference)


def _page_keys(dossiers: QuerySet[Dossier], cursor: Cursor | None, *, forward: bool, size: int) -> list[Any]:
    """The pks of the `size` dossiers just after (or before) `cursor`, nearest first: one query per status
    group the cursor does not lie beyond, each an index range scan in caseload order that stops after the
    rows still missing (at least one); always both groups on the first page, so that it costs the same
    queries whatever the data."""
    keys: list[Any] = []
    for group in (OPEN_GROUP, OTHER_GROUP) if forward else (OTHER_GROUP, OPEN_GROUP):
        if cursor is not None and (group < cursor.group if forward else group > cursor.group):
            continue  # a group wholly before (after) the cursor
        part = _in_group(dossiers, group)
        if cursor is not None and group == cursor.group:
            day, reference = cursor.opened_on, cursor.reference
            if forward:
                part = part.filter(Q(opened_on__lt=day) | Q(opened_on=day, reference__gt=reference))
            else:
                part = part.filter(Q(opened_on__gt=day) | Q(opened_on=day, reference__lt=reference))
        order = ("-opened_on", "reference") if forward else ("opened_on", "-reference")
        keys += part.order_by(*order).values_list("pk", flat=True)[: max(1, size - len(keys))]
    return keys[:size]


def caseload_rows(*, user: Any, pks: list[Any]) -> list[Dossier]:
    """The dossiers `pks`, in caseload order, with what the list shows:
    children (oldest first) and team; and where the reader sees the whole dossier (`whole_dossier`), `frames`
    (the legal frames running today), `planned_end` (the earliest planned end among them, with `ends_soon`),
    `last_activity` and `last_contact` (denormalised on the dossier). Elsewhere these are empty. And
    `seat_membership_id`, the reader's seat (for the page's `grounds`). Three queries, whatever the size of
    the dossiers: the rows, their children, their running measures."""
    rows = list(
        Dossier.objects.filter(pk__in=pks)
        .select_related("owning_team__organisation")
        .annotate(
            whole_dossier=_whole_dossier_readable_row(user), seat_membership_id=seat_membership_row(user)
        )
    )
    rows.sort(key=_sort_key)
    return rows


def _load_page(rows: list[Dossier], today: date) -> None:
    """What every row shows, worked out once here rather than by tags and filters in the row's template:
    two queries (children, running measures) that read only the columns shown, into plain values."""
    pks = [dossier.pk for dossier in rows]
    children: dict[Any, list[str]] = defaultdict(list)
    named = Person.objects.filter(dossiers__in=pks).order_by("date_of_birth")  # as children_prefetch()
    for dossier_id, first_name, born in named.values_list("dossiers", "first_name", "date_of_birth"):
        children[dossier_id].append(_child_text(first_name, born, today))
    running: dict[Any, list[tuple[str, date | None]]] = defaultdict(list)
    measures = Measure.objects.running_on(today).filter(dossier_id__in=pks).order_by("planned_end_on", "kind")
    for dossier_id, kind, planned_end in measures.values_list("dossier_id", "kind", "planned_end_on"):
        running[dossier_id].append((kind, planned_end))
    status_labels = {status: label for status, label in DossierStatus.choices}
    url_of = _dossier_url_maker()
    for dossier in rows:
        _summarise_history(dossier, running[dossier.pk], today)
        dossier.list_url = url_of(dossier.pk)
        dossier.status_label = status_labels.get(dossier.status, dossier.status)
        dossier.children_text = ", ".join(children[dossier.pk])


def _child_text(first_name: str, born: date | None, today: date) -> str:
    """A child as the list names them: first name and age, "Emma (7)"."""
    if born is None:
        return first_name
    return f"{first_name} ({age_on(born, today)})"


def _dossier_url_maker() -> Any:
    """A function from a dossier's pk to the address of its page: reversed once, the pk filled in per row."""
    marker = "00000000-0000-0000-0000-000000000000"
    prefix, _, suffix = reverse("dossier_detail", args=[marker]).partition(marker)
    return lambda pk: f"{prefix}{quote(str(pk))}{suffix}"


def _summarise_history(dossier: Any, running: list[tuple[str, date | None]], today: date) -> None:
    """The row's legal frames, planned end, last activity and last contact from its running measures (kind,
    planned end), where the reader sees the whole dossier; empty elsewhere."""
    dossier.ends_soon = False
    dossier.last_activity = dossier.last_event_on or dossier.opened_on
    dossier.last_contact = dossier.last_contact_on
    if not dossier.whole_dossier:
        dossier.frames = []
        dossier.planned_end = dossier.last_activity = dossier.last_contact = None
        return
    kinds = dict.fromkeys(kind for kind, _ in running)
    # the choice's lazy label, not get_kind_display(), which translates every choice of the field each call
    dossier.frames = [MeasureKind(kind).label if kind in MeasureKind else kind for kind in kinds]
    ends = [planned_end for _, planned_end in running if planned_end]
    dossier.planned_end = min(ends) if ends else None
    dossier.ends_soon = bool(dossier.planned_end and dossier.planned_end <= today + timedelta(ENDS_SOON_DAYS))


@dataclass
class CaseloadPage:
    """One page of a caseload list. `count` is exact up to COUNT_CAP (`count_capped` beyond); `next_cursor`
    and `previous_cursor` are the `after` and `before` parameters of the neighbouring pages (None: none);
    `grounds`: on what grounds the reader sees each row (the access policy's, for the audit entries)."""

    object_list: list[Dossier]
    grounds: dict[Any, Decision]
    count: int
    count_capped: bool
    count_cap: int
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)


def caseload_page(
    *,
    user: Any,
    scope: Scope,
    filters: CaseloadFilters | None,
    after: Any = None,
    before: Any = None,
    today: date | None = None,
    per_page: int = PAGE_SIZE,
) -> CaseloadPage:
    """The page of the caseload just after the cursor `after` (or just before `before`; neither: the first
    page), with its rows loaded (see `caseload_rows`). A cursor that is no cursor gives the first page.
    Seven queries whatever the number of dossiers: how to find them (`walks`), the keys of both status
    groups, the rows (with the reader's seats), their children and running measures, the bounded count; the
    grounds on which the reader sees the rows come from those (`view_grounds`: emergency grants only for a
    designated reader)."""
    today = today or timezone.localdate()
    dossiers, small = _caseload(user, scope, filters, today, walks(user))
    backward = Cursor.decode(before) if before else None
    cursor = backward or (Cursor.decode(after) if after else None)
    forward = backward is None

    def page_keys(cursor: Cursor | None, forward: bool) -> tuple[list[Any], int | None]:
        if small:
            return _small_page_keys(dossiers, cursor, forward=forward, size=per_page + 1)
        return _page_keys(dossiers, cursor, forward=forward, size=per_page + 1), None

    keys, counted = page_keys(cursor, forward)
    if not keys and cursor is not None:  # a stale link past either end: the first page
        cursor, forward = None, True
        keys, counted = page_keys(None, True)
    rows = caseload_rows(user=user, pks=keys)
    if forward:
        more, rows = len(rows) > per_page, rows[:per_page]
        has_next, has_previous = more, cursor is not None
    else:
        more, rows = len(rows) > per_page, rows[-per_page:]
        has_next, has_previous = True, more
    _load_page(rows, today)
    cap = COUNT_CAP if small else WALK_COUNT_CAP
    if counted is None:
        counted = dossiers.order_by().values("pk")[: cap + 1].count()
    seats = {dossier.pk: dossier.seat_membership_id for dossier in rows}
    return CaseloadPage(
        object_list=rows,
        grounds=view_grounds(user, rows, seats=seats),
        count=min(counted, cap),
        count_capped=counted > cap,
        count_cap=cap,
        next_cursor=Cursor.of(rows[-1]).encode() if rows and has_next else None,
        previous_cursor=Cursor.of(rows[0]).encode() if rows and has_previous else None,
    )
