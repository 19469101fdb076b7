"""Access rules for the signal index, in one place.

A professional sees and manages only the registrations of their own organisation(s). Of a match they
see the OTHER organisation's name and contact — never its category, reference or anything else.
"""

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from kring.accounts.models import Membership, Organisation
from kring.accounts.types import MaybeUser, is_logged_in

if TYPE_CHECKING:
    from kring.chain.index.models import Match, Registration


def organisation_ids(user: MaybeUser) -> set[int]:
    if not is_logged_in(user):
        return set()
    return set(user.memberships.filter(is_active=True).values_list("organisation_id", flat=True))


def membership_for(user: MaybeUser) -> Membership | None:
    if not is_logged_in(user):
        return None
    return user.memberships.filter(is_active=True).select_related("organisation").order_by("pk").first()


def may_register(user: MaybeUser, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.pk in organisation_ids(user)


def may_manage_registration(user: MaybeUser, registration: "Registration") -> bool:
    return registration.organisation_id in organisation_ids(user)


def may_decide_match(user: MaybeUser, match: "Match") -> bool:
    orgs = organisation_ids(user)
    return match.first.organisation_id in orgs or match.second.organisation_id in orgs


def registrations_visible_to(user: MaybeUser) -> "QuerySet[Registration]":
    from kring.chain.index.models import Registration

    return Registration.objects.filter(organisation_id__in=organisation_ids(user), ended_on__isnull=True)


def matches_visible_to(user: MaybeUser) -> "QuerySet[Match]":
    from kring.chain.index.models import Match

    orgs = organisation_ids(user)
    return Match.objects.filter(
        Q(first__organisation_id__in=orgs) | Q(second__organisation_id__in=orgs)
    ).select_related("first__organisation", "second__organisation", "coordinator")


def match_view(user: MaybeUser, match: "Match") -> dict[str, Any]:
    """What the user may see of a match: their own registration, and only who to contact at the other side."""
    orgs = organisation_ids(user)
    own, other = (
        (match.first, match.second) if match.first.organisation_id in orgs else (match.second, match.first)
    )
    return {
        "match": match,
        "own": own,
        "other_organisation": other.organisation.name,
        "other_contact": other.contact_name,
        "other_contact_details": other.contact_details,
    }
