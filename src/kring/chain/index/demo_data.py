"""The demo caseload's signal index, told through the services (idempotent).

Sasja (14, KR-NL-2025-0007, arson) is registered by the police and by youth probation: a match, both
told whom to contact. "Milan" is registered by Veilig Thuis in full and by the local team with only an
initial, a misspelled surname, a birth year off by one and no address: a possible match that waits for a
human to confirm.

Then the feed from dossiers and chain cases runs (kring.chain.index.feed): the demo dossiers' compulsory
measures and the ZSM Wijland cases become existence-only facts. Kevin de Wit (15, seed 002, at the table now
and for a Halt case the year before) is registered by his family guardian's organisation, so the table sees
on his case's "Old acquaintances" page: the earlier Halt case and Jeugdbescherming Wijland, with whom to
contact.
"""

from datetime import date

from django.contrib.auth import get_user_model

from kring.access import signal_index as access

from . import feed
from .models import Registration
from .services import registration_create

SASJA = {
    "first_name": "Sasja",
    "prefix": "de",
    "last_name": "Wit",
    "date_of_birth": date(2011, 9, 14),
    "bsn": "",
    "postcode": "9712 CP",
    "house_number": "21",
}
MILAN = {
    "first_name": "Milan",
    "prefix": "van den",
    "last_name": "Heuvel",
    "date_of_birth": date(2013, 4, 2),
    "bsn": "",
    "postcode": "",
    "house_number": "",
}

STORIES = [
    ("bas.vermeulen", "DEMO-POL-1", "crime", SASJA),
    (
        "sanne.meijer",
        "DEMO-JR-1",
        "crime",
        {**SASJA, "last_name": "Wit, de", "prefix": "", "first_name": "Sasja"},
    ),
    ("noor.hendriks", "DEMO-VT-1", "safety", {**MILAN, "postcode": "9718 BG", "house_number": "7"}),
    (
        "lotte.vanleeuwen",
        "DEMO-WT-1",
        "school",
        {**MILAN, "first_name": "M.", "last_name": "Heuvell", "date_of_birth": date(2012, 4, 2)},
    ),
]


def _kevin() -> list:
    """Kevin de Wit of the chain demo (his birth date is set relative to today there)."""
    from kring.chain.models import ChainPerson

    kevin = ChainPerson.objects.filter(name="Kevin de Wit").order_by("pk").first()
    if kevin is None:
        return []
    identity = {"first_name": "Kevin", "prefix": "de", "last_name": "Wit", "date_of_birth": kevin.birth_date}
    return [("sanne.meijer", "DEMO-JB-KEVIN", "safety", identity)]


def seed(stdout) -> None:
    users = get_user_model().objects
    made = 0
    for username, ref, category, identity in STORIES + _kevin():
        user = users.filter(username=username).first()
        membership = access.membership_for(user) if user else None
        if membership is None or Registration.objects.filter(own_reference=ref).exists():
            continue
        registration_create(
            actor_user=None,
            organisation=membership.organisation,
            contact_name=user.get_full_name() or username,
            contact_details=user.email or "via de organisatie",
            category=category,
            identity=identity,
            own_reference=ref,
        )
        made += 1
    outcome = feed.sync_all()
    stdout.write(f"signal index: {made} registrations, {outcome.created} facts from dossiers and chain cases")
