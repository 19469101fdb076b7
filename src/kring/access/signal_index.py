"""Access rules for the signal index, in one place.

A professional sees and manages only the registrations of their own organisation(s). Of a match they
see the OTHER organisation's name and contact — never its category, reference or anything else.
"""

from typing import Any

from django.db.models import Q, QuerySet

from kring.accounts.models import Membership
from kring.accounts.types import MaybeUser, is_logged_in

from .policy import ALLOWED, DENIED, Action, Decision, organisation_ids


def membership_for(user: MaybeUser) -> Membership | None:
    """The membership a user acts under in the signal index (their first active one); none for nobody."""
    if not is_logged_in(user):
        return None
    return user.memberships.filter(is_active=True).select_related("organisation").order_by("pk").first()


def decide_registering(user: MaybeUser, organisation: Any) -> Decision:
    """A signal is registered for one of the user's own organisations."""
    return ALLOWED if organisation is not None and organisation.pk in organisation_ids(user) else DENIED


def decide_registration(user: MaybeUser, action: Action, registration: Any) -> Decision:
    """VIEW and EDIT (withdraw, record that the family was informed): a registration of one of the user's
    organisations."""
    return ALLOWED if registration.organisation_id in organisation_ids(user) else DENIED


def decide_match(user: MaybeUser, action: Action, match: Any) -> Decision:
    """VIEW and EDIT (confirm, follow up, agree a coordinator, dismiss): a match with one of the user's
    organisations' registrations on either side."""
    orgs = organisation_ids(user)
    allowed = match.first.organisation_id in orgs or match.second.organisation_id in orgs
    return ALLOWED if allowed else DENIED


def registrations_visible_to(user: MaybeUser) -> QuerySet:
    from kring.chain.index.models import Registration

    return Registration.objects.filter(organisation_id__in=organisation_ids(user), ended_on__isnull=True)


def matches_visible_to(user: MaybeUser) -> QuerySet:
    from kring.chain.index.models import Match

    orgs = organisation_ids(user)
    return Match.objects.filter(
        Q(first__organisation_id__in=orgs) | Q(second__organisation_id__in=orgs)
    ).select_related("first__organisation", "second__organisation", "coordinator")
