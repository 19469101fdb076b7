"""Gezin Van Acker (KR-BE-2025-0002): the whole story of this family.

Seed 004, §1 and footnote 1 (Family Finding, K. Campbell: look for relatives the child does not know or lost
contact with; relatives willing to connect for life form a lifelong network). Practice model §2.

Source: seed 004, §1 en voetnoot 1 (Family Finding).
"""

from kring.demo.spec import BE_PHONE, authority, consent, measure, person, seat

REFERENCE = "KR-BE-2025-0002"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "ann.peeters": person("Ann", "Peeters", "1973-12-12", "female"),
    "evelien.mertens": person("Evelien", "Mertens", "1982-01-09", "female"),
    "godelieve.mertens": person("Godelieve", "Mertens", "1950-09-03", "female"),
    "luc.peeters": person("Luc", "Peeters", "1971-04-28", "male"),
    "sarah.vanacker": person("Sarah", "Van Acker", "1986-05-15", "female"),
}

DOSSIER = {
    "reference": "KR-BE-2025-0002",
    "jurisdiction": "BE",
    "title": "Gezin Van Acker",
    "summary": (
        "Yana (11) woont in een pleeggezin sinds haar mama lang in het ziekenhuis moest blijven; met de "
        "familie van haar papa had zij al jaren geen contact. Met Family Finding zoekt de consulent samen met "
        "Yana naar familieleden die zij niet kent of uit het oog verloor. Een grootmoeder en een tante zijn "
        "gevonden en gecontacteerd, en de tante wil graag betrokken blijven. Het doel is een levenslang "
        "netwerk dat Yana ook na de jeugdhulp steunt."
    ),
    "source": "seed 004, §1 en voetnoot 1 (Family Finding)",
    "opened_on": "2025-11-03",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "board_request",
        "on": "2025-11-03",
        "note": "Aanmelding door het OCJ Scheldeland: maatschappelijk noodzakelijke jeugdhulp, met akkoord van mama.",
    },
    "status": "open",
    "owning": {"org": "osd-scheldeland", "team": "Team Gent"},
    "children": [
        {
            "first_name": "Yana",
            "last_name": "Van Acker",
            "date_of_birth": "2014-08-21",
            "gender": "female",
            "school": "1ste middelbaar (A-stroom)",
            "living_situation": "pleeggezin Peeters, sinds mama in het ziekenhuis ligt",
        }
    ],
    "circle": [
        {
            "username": "pieter.vandenbroeck",
            "case_role": "consulent OCJ",
            "assignment": "Voert de Family Finding uit en houdt bij wie gevonden, gecontacteerd en bereid is.",
        },
        {
            "username": "hannes.maes",
            "case_role": "gedragswetenschapper",
            "assignment": "Begeleidt de consulent methodisch in Signs of Safety en Family Finding.",
        },
    ],
    "legal_frame": "maatschappelijk noodzakelijke jeugdhulp (MANO) — Family Finding",
}

# MANO with Family Finding: a grandmother and an aunt on papa's side were found.
HISTORY = {
    "participants": [
        seat("sarah.vanacker", "parent", "mama (lang in het ziekenhuis)", inner=True),
        seat("ann.peeters", "carer", "pleegmoeder", inner=True, lives=True, phone=BE_PHONE.format(6)),
        seat("luc.peeters", "carer", "pleegvader", inner=True, lives=True),
        seat(
            "godelieve.mertens",
            "informal",
            "grootmoeder langs papa's kant (gevonden met Family Finding)",
            since="2026-02-16",
        ),
        seat(
            "evelien.mertens",
            "informal",
            "tante langs papa's kant, wil betrokken blijven (Family Finding)",
            phone=BE_PHONE.format(7),
            since="2026-03-09",
        ),
    ],
    "authority": [authority(["Yana"], "sarah.vanacker")],
    "measures": [
        measure(
            ["Yana"],
            "be_mano",
            "2025-11-03",
            "2026-11-03",
            "OCJ Scheldeland, met akkoord van mama (maatschappelijk noodzakelijke jeugdhulp)",
            extensions=[
                (
                    "2026-10-19",
                    "2027-11-03",
                    "Verlengd met een jaar: de Family Finding loopt nog; Yana en haar tante bouwen contact op en "
                    "mama blijft voorlopig in het ziekenhuis.",
                )
            ],
        )
    ],
    "consents": [
        consent(
            "sarah.vanacker",
            "2025-11-10",
            "De consulent mag familie langs papa's kant opzoeken en contacteren (Family Finding).",
        ),
        consent(
            "Yana",
            "2026-09-07",
            "Yana wil dat haar tante Evelien uitgenodigd wordt op het volgende netwerkoverleg.",
        ),
    ],
}
