"""Reads of the chain table, with their prefetching, under kring.access.chain. Each function that returns what
a page shows also writes the read to the audit log (one batch per list)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from kring.access import chain as rules
from kring.access.chain import RequestAction
from kring.access.policy import Action, Decision, may_link_dossier, organisation_ids
from kring.accounts.models import Organisation
from kring.accounts.types import MaybeUser, User, is_logged_in

from . import services
from .models import ChainCase, ChainPerson, ChainTable, ContextRequest, PartnerView, Stage

CASE_LIST_FIELDS = ["reference", "legal_status", "triggers", "stage", "persons"]


@dataclass(frozen=True)
class OpenChainCase:
    """A chain case as `chain_case_open` hands it out: the case, the decision that opened it, and whether the
    user may add to its work (a partner outside the read-only roles; the services check anew)."""

    case: ChainCase
    decision: Decision
    writable: bool


# What the case page shows of the case itself (its context requests are logged one by one: case_detail).
CASE_PAGE_FIELDS = ["incident", "persons", "triggers", "views", "hypotheses", "decision_measures", "dossier"]


def _pk(case_id: Any) -> int:
    try:
        return int(case_id)
    except (TypeError, ValueError):
        raise Http404 from None


def _absent_case(pk: int) -> ChainCase:
    """A stand-in for a case that does not exist: at a table without partners (no table has id 0)."""
    return ChainCase(pk=pk, table=ChainTable(pk=0))


def chain_case_open(
    *, user: MaybeUser, case_id: Any, reads: Iterable[str] = (), action: Action = Action.VIEW
) -> OpenChainCase:
    """The door to a chain case: load it, ask kring.access.chain, and log the read of the fields in `reads`
    (what the caller will show) — in one call. A case that does not exist and one of another table are the
    same 404. A write (action EDIT) is decided here, before any form is read, and logged by the service that
    writes; a refused one — also a read-only partner's, who sees the case — is logged here and is the same
    404, whatever was posted (as kring.cases.selectors.dossier_open answers a dossier's reader)."""
    pk = _pk(case_id)
    case = ChainCase.objects.select_related("table__chair", "brought_in_by").filter(pk=pk).first()
    # A case that does not exist is asked about as a stand-in that the policy refuses, and its refusal is
    # logged the same way: the same queries and time as a case of another table, so that the answer does not
    # tell whether it exists.
    asked = case or _absent_case(pk)
    decision = rules.decide_case(user, action, asked)
    # only a logged-in partner is ever allowed (`is_logged_in` tells mypy so)
    if case is None or not decision.allowed or not is_logged_in(user):
        services.audit_refusal(user, asked, action)
        raise Http404
    writable = action == Action.EDIT or rules.decide_case(user, Action.EDIT, case).allowed
    reads = list(reads)
    if reads:
        services.audit_read(user, case, reads)
    return OpenChainCase(case=case, decision=decision, writable=writable)


def context_request_open(*, user: MaybeUser, request_id: Any) -> ContextRequest:
    """The door to a context request for its addressee, to answer it (kring.access.chain); anyone else, and
    a request that does not exist, 404. Nothing is read here: the answer's service logs the write."""
    pk = _pk(request_id)
    req = (
        ContextRequest.objects.select_related("case__table", "requested_by", "addressee")
        .filter(pk=pk)
        .first()
    )
    # As chain_case_open: a request that does not exist costs what a refused one costs.
    decision = rules.decide_request(user, RequestAction.ANSWER, req or ContextRequest(pk=pk))
    if req is None or not decision.allowed:
        raise Http404
    return req


def _cases(user: User | None) -> QuerySet[ChainCase]:
    return (
        rules.cases_for(user)
        .select_related("table", "brought_in_by")
        .prefetch_related(Prefetch("persons", queryset=ChainPerson.objects.order_by("pk")))
    )


@dataclass
class DailyList:
    day: date
    listed: list[ChainCase]
    open_cases: list[ChainCase]
    look_back_due: list[ChainCase]
    incoming: list[ContextRequest]


def daily_list(user: User | None, day: date) -> DailyList:
    """The table's list of `day`, the cases still open, the plan dates reached, and the context requests
    addressed to the user's organisations (with whom they are about). A fixed number of queries."""
    today = timezone.localdate()
    listed = list(_cases(user).filter(listed_on=day).order_by("reference"))
    open_cases = list(
        _cases(user).exclude(stage=Stage.CLOSED).exclude(listed_on=day).order_by("-listed_on", "reference")
    )
    look_back_due = [
        c
        for c in listed + open_cases
        if c.stage == Stage.DECIDED and c.look_back_on is not None and c.look_back_on <= today
    ]
    incoming = list(
        ContextRequest.objects.filter(addressee__in=organisation_ids(user))
        .select_related("case__table", "requested_by", "addressee")
        .prefetch_related("about")
        .order_by("answered_at", "due_at", "pk")
    )
    # the page reads `content_visible` and `answerable` as attributes set here on each request (not fields)
    for req in incoming:
        req.content_visible = True  # type: ignore[attr-defined]  # addressed to the user's organisation
    services.audit_read_many(user, listed + open_cases, CASE_LIST_FIELDS)
    services.audit_read_many(user, incoming, ["question", "need_to_know", "due_at", "about", "answer"])
    return DailyList(
        day=day,
        listed=listed,
        open_cases=open_cases,
        look_back_due=look_back_due,
        incoming=incoming,
    )


@dataclass
class CaseDetail:
    case: ChainCase
    persons: list[ChainPerson]
    requests: list[ContextRequest]
    views: list[dict]
    my_organisations: list[Organisation]
    may_open_dossier_link: bool
    dossier_owner: str


def case_detail(user: User, opened: OpenChainCase) -> CaseDetail:
    """Everything the case page shows of a case opened with CASE_PAGE_FIELDS, with what this user may read
    of each request; each request's read logged. A fixed number of queries, however many persons, requests
    and views the case has."""
    case = opened.case
    orgs = organisation_ids(user)
    persons = list(case.persons.all())
    requests = list(
        case.requests.select_related("addressee", "requested_by", "answered_by")
        .prefetch_related("about")
        .order_by("due_at", "pk")
    )
    for req in requests:
        req.content_visible = bool(orgs & rules.request_content_readers(req))  # type: ignore[attr-defined]
        req.answerable = req.addressee_id in orgs and req.answered_at is None  # type: ignore[attr-defined]
    members = list(case.table.members.order_by("name"))
    given = {v.organisation_id: v for v in PartnerView.objects.filter(case=case).select_related("updated_by")}
    views = [
        {"organisation": org, "view": given.get(org.pk), "mine": org.pk in orgs}
        for org in members
        if org.pk in given or org.pk in orgs
    ]
    dossier_owner, may_open = "", False
    dossier = case.dossier if case.dossier_id else None
    if dossier is not None:
        may_open = may_link_dossier(user, dossier).allowed
        dossier_owner = dossier.owning_team.organisation.name
    seen = [r for r in requests if r.content_visible]  # type: ignore[attr-defined]  # set above
    services.audit_read_many(user, seen, ["question", "answer", "about"])
    unseen = [r for r in requests if not r.content_visible]  # type: ignore[attr-defined]  # set above
    services.audit_read_many(user, unseen, ["addressee", "due_at"])
    return CaseDetail(
        case=case,
        persons=persons,
        requests=requests,
        views=views,
        my_organisations=[o for o in members if o.pk in orgs],
        may_open_dossier_link=may_open,
        dossier_owner=dossier_owner,
    )


def addressee_choices(case: ChainCase, requested_by_ids: set[int]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Whom a context request can go to: the table's partners first, then other organisations (a local
    team, a care provider, a certified institution …), never the requesting organisation itself."""
    members = list(case.table.members.exclude(pk__in=requested_by_ids).order_by("name"))
    member_ids = {o.pk for o in members} | requested_by_ids
    others = list(Organisation.objects.exclude(pk__in=member_ids).order_by("name"))
    return [
        ("table", [(o.pk, o.name) for o in members]),
        ("other", [(o.pk, o.name) for o in others]),
    ]
