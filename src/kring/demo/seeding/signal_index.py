"""Registrations in the signal index, through kring.chain.index's registration service, and the feed from the
dossiers and chain cases (existence-only facts)."""

from typing import Any

from django.contrib.auth import get_user_model

from kring.access import signal_index as access
from kring.chain.index import feed
from kring.chain.index.models import Registration
from kring.chain.index.services import registration_create


def register(username: str, own_reference: str, category: str, identity: dict[str, Any]) -> bool:
    """Register a person as the organisation of `username` (with them as the contact), once per reference."""
    user = get_user_model().objects.filter(username=username).first()
    membership = access.membership_for(user) if user else None
    if membership is None or Registration.objects.filter(own_reference=own_reference).exists():
        return False
    registration_create(
        actor_user=None,
        organisation=membership.organisation,
        contact_name=user.get_full_name() or username,
        contact_details=user.email or "via de organisatie",
        category=category,
        identity=identity,
        own_reference=own_reference,
    )
    return True


def feed_all(stdout: Any) -> None:
    outcome = feed.sync_all()
    stdout.write(f"signal index: {outcome.created} facts from dossiers and chain cases\n")
