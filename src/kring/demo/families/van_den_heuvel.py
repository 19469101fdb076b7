"""Milan van den Heuvel (13): a family only the signal index knows of (no dossier), with an invented name.

Veilig Thuis registers Milan in full; the local team registers him with only an initial, a misspelled surname, a
birth year off by one and no address: a possible match that waits for a human to confirm.
"""

from datetime import date

from kring.demo.seeding import signal_index

MILAN = {
    "first_name": "Milan",
    "prefix": "van den",
    "last_name": "Heuvel",
    "date_of_birth": date(2013, 4, 2),
    "bsn": "",
    "postcode": "",
    "house_number": "",
}
# (username of the registering professional, own reference, category, identity)
REGISTRATIONS = [
    ("noor.hendriks", "DEMO-VT-1", "safety", {**MILAN, "postcode": "9718 BG", "house_number": "7"}),
    (
        "lotte.vanleeuwen",
        "DEMO-WT-1",
        "school",
        {**MILAN, "first_name": "M.", "last_name": "Heuvell", "date_of_birth": date(2012, 4, 2)},
    ),
]


def register() -> None:
    for username, reference, category, identity in REGISTRATIONS:
        signal_index.register(username, reference, category, identity)
