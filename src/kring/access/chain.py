"""Access rules of the chain table (the one place for them).

Chain cases are not dossiers: access goes by organisation. Members of a table's partner organisations see
the table's case list and cases; a context request's question and answer are visible only to the requesting
partner, the table's chair and the addressee; an addressee outside the table sees only the requests
addressed to it."""

from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet

from kring.accounts.models import Membership, Role
from kring.accounts.types import MaybeUser, is_logged_in

from .policy import ALLOWED, DENIED, Action, Decision, organisation_ids

# Roles that read a table's work but never add to it: oversight and administration, and the judge.
READ_ONLY_ROLES = (Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN, Role.JUDGE)


class RequestAction(StrEnum):
    SEE = "see"  # that the request exists: addressee, due time, answered or not
    READ = "read"  # its question and answer
    ANSWER = "answer"


def contributing_organisation_ids(user: MaybeUser) -> set[int]:
    """The organisations for which `user` may add to a chain table's work: their active memberships outside
    the read-only roles (organisation_ids: all of them, for what they may see)."""
    if not is_logged_in(user):
        return set()
    memberships = Membership.objects.active().filter(user=user).exclude(role__in=READ_ONLY_ROLES)
    return set(memberships.values_list("organisation_id", flat=True))


def tables_for(user: MaybeUser) -> QuerySet:
    from kring.chain.models import ChainTable

    return ChainTable.objects.filter(members__in=organisation_ids(user)).distinct()


def tables_to_bring_in(user: MaybeUser) -> QuerySet:
    """The tables at which `user` may bring in a case: one of their organisations is a partner there and
    they work for it outside the read-only roles (who may see a table's cases, but not add one)."""
    from kring.chain.models import ChainTable

    return ChainTable.objects.filter(members__in=contributing_organisation_ids(user)).distinct()


def cases_for(user: MaybeUser) -> QuerySet:
    from kring.chain.models import ChainCase

    return ChainCase.objects.filter(table__members__in=organisation_ids(user)).distinct()


def decide_case(user: MaybeUser, action: Action, case: Any) -> Decision:
    """VIEW: a member of one of the table's partner organisations. EDIT: the same, outside the read-only
    roles."""
    orgs = organisation_ids(user) if action == Action.VIEW else contributing_organisation_ids(user)
    return ALLOWED if case.table.members.filter(pk__in=orgs).exists() else DENIED


def requests_for(user: MaybeUser) -> QuerySet:
    """Requests of my tables plus requests addressed to my organisations."""
    from kring.chain.models import ContextRequest

    orgs = organisation_ids(user)
    return ContextRequest.objects.filter(Q(case__table__members__in=orgs) | Q(addressee__in=orgs)).distinct()


def request_content_readers(request: Any) -> set[int]:
    """The organisations that read a request's question and answer: the requesting partner, the table's chair
    and the addressee. Another partner at the same table (e.g. the police) sees that the request exists,
    not what was answered."""
    return {request.addressee_id, request.requested_by_id, request.case.table.chair_id}


def decide_request(user: MaybeUser, action: RequestAction, request: Any) -> Decision:
    """SEE: the addressee, or whoever may see the case. READ: request_content_readers. ANSWER: the
    addressee, outside the read-only roles."""
    if action == RequestAction.ANSWER:
        allowed = request.addressee_id in contributing_organisation_ids(user)
    elif action == RequestAction.READ:
        allowed = bool(organisation_ids(user) & request_content_readers(request))
    else:
        allowed = (
            request.addressee_id in organisation_ids(user)
            or decide_case(user, Action.VIEW, request.case).allowed
        )
    return ALLOWED if allowed else DENIED
