"""The demo caseload's signal index, told through the services (idempotent).

Sasja (14, KR-NL-2025-0007, arson) is registered by the police and by youth probation: a match, both
told whom to contact. "Milan" is registered by Veilig Thuis in full and by the local team with only an
initial and no address: a possible match that waits for a human to confirm.
"""

from datetime import date

from django.contrib.auth import get_user_model

from kring.access import signal_index as access

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
        {**MILAN, "first_name": "M.", "last_name": "Heuvels", "date_of_birth": date(2013, 2, 4)},
    ),
]


def seed(stdout) -> None:
    users = get_user_model().objects
    made = 0
    for username, ref, category, identity in STORIES:
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
    stdout.write(f"signal index: {made} registrations")
