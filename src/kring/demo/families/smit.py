"""Gezin Smit (KR-NL-2026-0003): the whole story of this family.

Seed 002, §3 "spelen met tijd" (girl of 16 who ran away from secure youth care; conflict with her mother about
her boyfriend of 17 from a family with years of severe domestic violence; extend the secure-care
authorisation, and: what happens in three months?). Practice model §7 (patterns).

Source: seed 002, hoofdstuk 3, 'spelen met tijd' (meisje van 16, weggelopen uit de gesloten jeugdzorg).
"""

from kring.demo.spec import NL_PHONE, authority, consent, measure, person, seat

REFERENCE = "KR-NL-2026-0003"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "jayden.koning": person("Jayden", "Koning", "2009-02-16", "male"),
    "mireille.smit": person("Mireille", "Smit", "1983-12-01", "female"),
}

DOSSIER = {
    "reference": "KR-NL-2026-0003",
    "jurisdiction": "NL",
    "title": "Gezin Smit",
    "summary": (
        "Roos (16) liep weg uit de gesloten jeugdhulp en werd door de politie aangehouden. Het grootste "
        "conflict met haar moeder gaat over haar vriend (17), die uit een gezin komt met jarenlang ernstig "
        "huiselijk geweld. Aan de ketentafel is afgesproken snel met moeder, gezinsvoogd en de gesloten "
        "jeugdhulp te praten over verlenging van de machtiging. Ook is gevraagd wat er gebeurt als Roos over "
        "drie maanden weer thuis is: hoe steunen we het stel, zodat de geschiedenis van hun ouders zich niet "
        "herhaalt? Het netwerk van Roos is klein: alleen haar moeder staat in de binnenste cirkel."
    ),
    "source": "seed 002, hoofdstuk 3, 'spelen met tijd' (meisje van 16, weggelopen uit de gesloten jeugdzorg)",
    "opened_on": "2026-05-18",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "chain_table",
        "on": "2026-05-18",
        "note": "Afspraak aan de ketentafel na de aanhouding van Roos, weggelopen uit de gesloten jeugdhulp.",
    },
    "status": "open",
    "owning": {"org": "wij-jb", "team": "Team Noord"},
    "children": [
        {
            "first_name": "Roos",
            "last_name": "Smit",
            "date_of_birth": "2010-01-29",
            "gender": "female",
            "school": "onderwijs binnen de gesloten jeugdhulp (vmbo-basis)",
            "living_situation": "gesloten jeugdhulp; de terugkeer naar moeder wordt voorbereid",
        }
    ],
    "circle": [
        {
            "username": "anna.devries",
            "case_role": "gezinsvoogd",
            "assignment": "Voert de OTS uit en maakt met Roos, haar moeder en het netwerk een plan voor de "
            "tijd na de gesloten jeugdhulp.",
        },
        {
            "username": "willemijn.hoekstra",
            "case_role": "kinderrechter",
            "assignment": "Beslist over verlenging van de machtiging gesloten jeugdhulp.",
        },
        {
            "username": "bas.vermeulen",
            "case_role": "politie",
            "assignment": "Meldt nieuwe politiecontacten van Roos aan de gezinsvoogd en denkt mee aan de "
            "ketentafel.",
        },
    ],
    "legal_frame": "ondertoezichtstelling (OTS) met machtiging gesloten jeugdhulp",
}

# Supervision order with secure care, extended after the chain table; a thin network (one in the inner circle).
HISTORY = {
    "participants": [
        seat("mireille.smit", "parent", "moeder", inner=True, phone=NL_PHONE.format(23)),
        seat("jayden.koning", "informal", "vriend van Roos (17)"),
    ],
    "authority": [authority(["Roos"], "mireille.smit")],
    "measures": [
        measure(
            ["Roos"],
            "nl_ots",
            "2025-05-26",
            "2026-05-26",
            "kinderrechter, Rechtbank Wijland, 26 mei 2025 (met machtiging gesloten jeugdhulp)",
            extensions=[
                (
                    "2026-05-22",
                    "2027-05-26",
                    "OTS verlengd met een jaar en de machtiging gesloten jeugdhulp met drie maanden, na overleg "
                    "aan de ketentafel met moeder, gezinsvoogd en de gesloten jeugdhulp. Daarna een plan voor "
                    "thuis, met steun voor Roos en haar vriend.",
                )
            ],
        )
    ],
    "consents": [
        consent(
            "Roos",
            "2026-05-22",
            "Roos vindt het goed dat de gezinsvoogd met haar vriend praat over een plan voor na de gesloten "
            "jeugdhulp.",
        )
    ],
}
