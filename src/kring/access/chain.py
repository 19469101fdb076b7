"""Access rules of the chain table (the one place for them).

Chain cases are not dossiers: access goes by organisation. Members of a table's partner organisations see
the table's case list and cases; a context request's question and answer are visible only to the requesting
partner, the table's chair and the addressee; an addressee outside the table sees only the requests
addressed to it."""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from kring.accounts.models import Membership, Role
from kring.accounts.types import MaybeUser, is_logged_in

if TYPE_CHECKING:
    from kring.chain.models import ChainCase, ChainTable, ContextRequest

# Roles that read a table's work but never add to it: oversight and administration, and the judge.
READ_ONLY_ROLES = (Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN, Role.JUDGE)


def user_organisation_ids(user: MaybeUser, *, writing: bool = False) -> set[int]:
    if not is_logged_in(user):
        return set()
    memberships = Membership.objects.active().filter(user=user)
    if writing:
        memberships = memberships.exclude(role__in=READ_ONLY_ROLES)
    return set(memberships.values_list("organisation_id", flat=True))


def tables_for(user: MaybeUser) -> "QuerySet[ChainTable]":
    from kring.chain.models import ChainTable

    return ChainTable.objects.filter(members__in=user_organisation_ids(user)).distinct()


def cases_for(user: MaybeUser) -> "QuerySet[ChainCase]":
    from kring.chain.models import ChainCase

    return ChainCase.objects.filter(table__members__in=user_organisation_ids(user)).distinct()


def may_see_case(user: MaybeUser, case: "ChainCase") -> bool:
    return case.table.members.filter(pk__in=user_organisation_ids(user)).exists()


def may_write_case(user: MaybeUser, case: "ChainCase") -> bool:
    return case.table.members.filter(pk__in=user_organisation_ids(user, writing=True)).exists()


def requests_for(user: MaybeUser) -> "QuerySet[ContextRequest]":
    """Requests of my tables plus requests addressed to my organisations."""
    from kring.chain.models import ContextRequest

    orgs = user_organisation_ids(user)
    return ContextRequest.objects.filter(Q(case__table__members__in=orgs) | Q(addressee__in=orgs)).distinct()


def may_see_request(user: MaybeUser, request: "ContextRequest") -> bool:
    """That the request exists (addressee, due time, answered or not)."""
    orgs = user_organisation_ids(user)
    return request.addressee_id in orgs or may_see_case(user, request.case)


def may_read_request_content(user: MaybeUser, request: "ContextRequest") -> bool:
    """Question and answer: the requesting partner, the table's chair and the addressee only. Another
    partner at the same table (e.g. the police) sees that the request exists, not what was answered."""
    orgs = user_organisation_ids(user)
    return bool(orgs & {request.addressee_id, request.requested_by_id, request.case.table.chair_id})


def may_answer_request(user: MaybeUser, request: "ContextRequest") -> bool:
    return request.addressee_id in user_organisation_ids(user, writing=True)
