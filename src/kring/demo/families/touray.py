"""Gezin Touray (KR-NL-2025-0006): the whole story of this family.

Seed 002, §2 "Casus 3: kindermishandeling" (girl of 9 with an intellectual disability, abused by a woman of 58
who is not her mother; custody formally with the mother in Gambia; provisional guardianship the next day;
worries shift to the father; signal to the human-trafficking team) and §3 "spelen met tijd".

Source: seed 002, hoofdstuk 2, 'Casus 3: kindermishandeling'; hoofdstuk 3, 'spelen met tijd'.
"""

from kring.demo.spec import NL_PHONE, authority, measure, person, seat

REFERENCE = "KR-NL-2025-0006"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "lamin.touray": person("Lamin", "Touray", "1972-10-02", "male"),
    "marian.hofman": person("Marian", "Hofman", "1967-04-18", "female"),
}

DOSSIER = {
    "reference": "KR-NL-2025-0006",
    "jurisdiction": "NL",
    "title": "Gezin Touray",
    "summary": (
        "Een vrouw van 58 werd aangehouden voor mishandeling van Mariama (9), die zwakbegaafd is; de vrouw is "
        "niet haar biologische moeder. Het gezag ligt formeel bij de moeder in Gambia, en Mariama woont "
        "tijdelijk bij haar vader in een opvanghuis. Op verzoek van de Raad kreeg de gecertificeerde "
        "instelling de volgende dag de voorlopige voogdij. Veilig Thuis bevestigde dat vader haar mogelijk "
        "naar Gambia wil brengen; daarom gaan de zorgen nu ook over vader en ging er een signaal naar het "
        "team mensenhandel. Het gezag is bewust maar half ingevuld: alleen de voorlopige voogdij van de "
        "gecertificeerde instelling staat vast. Of de moeder in Gambia nog gezag heeft en of vader ooit gezag "
        "kreeg, is niet duidelijk; dat blijft open tot de rechter beslist. In de binnenste cirkel van Mariama "
        "staat nog niemand."
    ),
    "source": "seed 002, hoofdstuk 2, 'Casus 3: kindermishandeling'; hoofdstuk 3, 'spelen met tijd'",
    "opened_on": "2025-09-22",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "board_request",
        "on": "2025-09-22",
        "note": "Verzoek van de Raad voor de Kinderbescherming om voorlopige voogdij, na de ZSM-tafel.",
    },
    "status": "open",
    "owning": {"org": "wij-jb", "team": "Team Zuid"},
    "children": [
        {
            "first_name": "Mariama",
            "last_name": "Touray",
            "date_of_birth": "2016-01-08",
            "gender": "female",
            "school": "nog geen plek in het speciaal onderwijs (aangemeld)",
            "living_situation": "tijdelijk bij vader, in zijn kamer in een opvanghuis",
            "language": "Nederlands en Mandinka",
            "lvb": True,
        }
    ],
    "circle": [
        {
            "username": "daan.kok",
            "case_role": "voorlopig voogd",
            "assignment": "Oefent het gezag uit, zoekt een plek in het speciaal onderwijs en bewaakt de "
            "veiligheid van Mariama bij vader.",
        },
        {
            "username": "noor.hendriks",
            "case_role": "medewerker Veilig Thuis",
            "assignment": "Deelt de informatie over de plannen van vader die nodig is om Mariama te beschermen.",
        },
        {
            "username": "bas.vermeulen",
            "case_role": "politie (ZSM)",
            "assignment": "Ziet toe op het contactverbod voor de vrouw en gaf het signaal door aan het team "
            "mensenhandel.",
        },
        {
            "username": "willemijn.hoekstra",
            "case_role": "kinderrechter",
            "assignment": "Wees de voorlopige voogdij toe en beslist over het vervolg van het gezag.",
        },
    ],
    "legal_frame": "voorlopige voogdij",
}

# Provisional guardianship. Authority deliberately partial (see the summary); the inner circle is empty.
HISTORY = {
    "participants": [
        seat(
            "lamin.touray",
            "parent",
            "vader (gezag niet vastgesteld)",
            lives=True,
            phone=NL_PHONE.format(22),
        ),
        seat(
            "marian.hofman",
            "carer",
            "ex-vrouw van vader, voorheen verzorger (contactverbod)",
            since="2025-09-22",
            until="2025-09-22",
        ),
    ],
    "authority": [
        authority(["Mariama"], {"organisation": "wij-jb"}, kind="guardian", since="2025-09-23"),
    ],
    "measures": [
        measure(
            ["Mariama"],
            "nl_guardianship",
            "2025-09-23",
            "2026-03-23",
            "kinderrechter, Rechtbank Wijland, 23 september 2025 (voorlopige voogdij, verzoek van de Raad)",
            extensions=[
                (
                    "2026-03-16",
                    "2027-03-23",
                    "De Raad kon de moeder in Gambia nog niet bereiken en het gezag is niet uitgezocht; de "
                    "voorlopige voogdij loopt door tot de rechter over het gezag beslist.",
                )
            ],
        )
    ],
}
