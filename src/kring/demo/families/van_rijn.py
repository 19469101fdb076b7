"""Gezin van Rijn (KR-NL-2025-0003): the whole story of this family.

Seed 002, §2 "Casus 2: een jeugdige verdachte" (boy of 15, theft, not at school, big problems at home, a
family guardian; out-of-home placement coming; Halt at the maximum hours at once; corrective talk by the
prosecution the next day). Practice model §7.

Source: seed 002, hoofdstuk 2, 'Casus 2: een jeugdige verdachte'.
"""

from kring.demo.spec import NL_PHONE, authority, consent, measure, person, scale, seat

REFERENCE = "KR-NL-2025-0003"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "natasja.dewit": person("Natasja", "de Wit", "1984-08-28", "female"),
    "ria.dewit": person("Ria", "de Wit", "1956-01-14", "female"),
    "ronald.vanrijn": person("Ronald", "van Rijn", "1979-05-03", "male"),
    "sven.dewit": person("Sven", "de Wit", "1987-03-11", "male"),
}

DOSSIER = {
    "reference": "KR-NL-2025-0003",
    "jurisdiction": "NL",
    "title": "Gezin van Rijn",
    "summary": (
        "Jesse (15) heeft een ondertoezichtstelling: hij gaat niet naar school en er zijn grote problemen "
        "thuis. In november 2025 werd hij aangehouden voor diefstal. Aan de ZSM-tafel vertelde de gezinsvoogd "
        "dat Jesse uit huis geplaatst wordt en snel dagbesteding nodig heeft. Halt kon meteen starten met het "
        "maximale aantal uren, en het OM voerde de volgende dag een corrigerend gesprek met Jesse."
    ),
    "source": "seed 002, hoofdstuk 2, 'Casus 2: een jeugdige verdachte'",
    "opened_on": "2025-04-14",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "court_order",
        "on": "2025-04-14",
        "note": "Uitspraak van de kinderrechter, Rechtbank Wijland, 8 april 2025.",
    },
    "status": "open",
    "owning": {"org": "wij-jb", "team": "Team Zuid"},
    "children": [
        {
            "first_name": "Jesse",
            "last_name": "van Rijn",
            "date_of_birth": "2010-03-27",
            "gender": "male",
            "school": "ingeschreven op het vmbo, maar gaat niet; dagbesteding en Halt-uren sinds december 2025",
            "living_situation": "leefgroep van Wilgenhof Jeugdhulp (uit huis geplaatst in december 2025)",
        }
    ],
    "circle": [
        {
            "username": "daan.kok",
            "case_role": "gezinsvoogd",
            "assignment": "Voert de OTS uit, bereidt de uithuisplaatsing voor en geeft de ZSM-tafel de "
            "informatie die nodig is.",
        },
        {
            "username": "bas.vermeulen",
            "case_role": "politie (ZSM)",
            "assignment": "Bracht de aanhouding in aan de ZSM-tafel en stemt de afdoening af met Halt en het OM.",
        },
        {
            "username": "ruben.dijkstra",
            "case_role": "gedragswetenschapper",
            "assignment": "Adviseert over de uithuisplaatsing en over dagbesteding voor Jesse.",
        },
    ],
    "legal_frame": "ondertoezichtstelling (OTS) — ZSM-afdoening met Halt",
}

# Supervision order, extended; the arrest at ZSM intensified the approach (Halt, corrective talk).
HISTORY = {
    "participants": [
        seat("natasja.dewit", "parent", "moeder", inner=True, phone=NL_PHONE.format(20)),
        seat("ronald.vanrijn", "parent", "vader"),
        seat("ria.dewit", "informal", "oma (moeder van moeder)", inner=True),
        seat("sven.dewit", "informal", "oom (broer van moeder)", inner=True, phone=NL_PHONE.format(21)),
        seat("mo.bouzid", "informal", "bokstrainer bij de dagbesteding", since="2025-12-01"),
    ],
    "authority": [authority(["Jesse"], "natasja.dewit"), authority(["Jesse"], "ronald.vanrijn")],
    "measures": [
        measure(
            ["Jesse"],
            "nl_ots",
            "2025-04-14",
            "2026-04-14",
            "kinderrechter, Rechtbank Wijland, 8 april 2025",
            extensions=[
                (
                    "2026-03-30",
                    "2027-04-14",
                    "Verlengd met een jaar: Jesse woont sinds december 2025 in een leefgroep en terug naar huis "
                    "is nog niet veilig.",
                )
            ],
        )
    ],
    "scaling": [
        scale(
            True,
            "2025-11-18",
            "ZSM: aanhouding voor diefstal. Halt start meteen met het maximale aantal uren, het OM voert de "
            "volgende dag een corrigerend gesprek; de uithuisplaatsing wordt voorbereid.",
        )
    ],
    "consents": [
        consent(
            "natasja.dewit",
            "2025-11-19",
            "School, Halt en de dagbesteding mogen de gezinsvoogd informeren over de aanwezigheid van Jesse.",
        )
    ],
}
