"""Gezin Verhoef (KR-NL-2025-0001): the whole story of this family.

Seed 000, slide "Perspectief 2: hulpverleningslijn en juridische lijn" (the life line 2005 birth … 2019 theft,
theft with violence … 2021 diploma … 2022 contact with mother restored; moved forward in time here) and seed
001, "Eén cliëntproces", tool "Dit zijn wij!" (four timelines). Practice model §2.

Source: seed 000, dia 'Perspectief 2: hulpverleningslijn en juridische lijn'; seed 001, 'Eén cliëntproces', tool 'Dit zijn wij!'.
"""

from kring.demo.spec import NL_PHONE, WIJKTEAM, authority, consent, lead, measure, person, scale, seat

REFERENCE = "KR-NL-2025-0001"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "anita.smeets": person("Anita", "Smeets", "1977-10-09", "female"),
    "frank.verhoef": person("Frank", "Verhoef", "1972-12-15", "male"),
    "gerrit.post": person("Gerrit", "Post", "1954-06-01", "male"),
    "marcel.verhoef": person("Marcel", "Verhoef", "1975-03-22", "male"),
}

DOSSIER = {
    "reference": "KR-NL-2025-0001",
    "jurisdiction": "NL",
    "title": "Gezin Verhoef",
    "summary": (
        "Stijn (16) kreeg jeugdreclassering na een diefstal en daarna een diefstal met geweld. Met zijn vader "
        "maakte hij de vier tijdlijnen van 'Dit zijn wij!': de scheiding van zijn ouders, logopedie en "
        "speltherapie, wonen bij vader, het praktijkonderwijs en de delicten. In 2025 haalde hij zijn "
        "diploma en herstelde het contact met zijn moeder. Op zijn 18e verjaardag stopte de juridische lijn; "
        "de hulp loopt door via het wijkteam."
    ),
    "source": "seed 000, dia 'Perspectief 2: hulpverleningslijn en juridische lijn'; "
    "seed 001, 'Eén cliëntproces', tool 'Dit zijn wij!'",
    "opened_on": "2025-01-20",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "court_order",
        "on": "2025-01-20",
        "note": "Uitspraak van de kinderrechter, Rechtbank Wijland, 13 januari 2025.",
    },
    "status": "closed",
    "owning": {"org": "wij-jb", "team": "Team Jeugdreclassering"},
    "children": [
        {
            "first_name": "Stijn",
            "last_name": "Verhoef",
            "date_of_birth": "2008-02-12",
            "gender": "male",
            "school": "praktijkonderwijs afgerond (diploma 2025); werkt in de groenvoorziening",
            "living_situation": "bij vader, sinds zijn tiende",
        }
    ],
    "circle": [
        {
            "username": "sanne.meijer",
            "case_role": "jeugdreclasseerder",
            "assignment": "Begeleidde Stijn tot zijn 18e en droeg de hulp zonder breuk over aan het wijkteam.",
        },
        {
            "username": "lotte.vanleeuwen",
            "case_role": "wijkteammedewerker",
            "assignment": "Neemt na het einde van de jeugdreclassering de begeleiding over, zodat de "
            "hulpverleningslijn doorloopt.",
        },
    ],
    "legal_frame": "jeugdreclassering — beëindigd: 18 jaar geworden",
}

# Stijn: youth probation extended to his 18th birthday, then ended; the help line goes on at the local team.
HISTORY = {
    # "Dit zijn wij!" as Stijn and his father told it (seed 000, Perspectief 2), help line beside legal line
    "timeline": [
        ("good", 2008, "Stijn wordt geboren"),
        ("worries", 2012, "Papa en mama gaan uit elkaar"),
        ("help", 2012, "Logopedie en speltherapie"),
        ("people", 2018, "Stijn gaat bij papa wonen"),
        ("help", 2019, "Praktijkonderwijs, met een vaste mentor"),
        ("worries", 2022, "Diefstal"),
        ("legal", 2022, "Politie en Halt na de diefstal"),
        ("worries", 2023, "Diefstal met geweld"),
        ("legal", 2023, "Jeugdreclassering opgelegd door de kinderrechter"),
        ("good", 2025, "Diploma praktijkonderwijs"),
        ("people", 2025, "Contact met mama hersteld"),
        ("legal", 2026, "18 jaar: de juridische lijn stopt"),
        ("help", 2026, "Het wijkteam blijft, op Stijns eigen vraag"),
    ],
    "participants": [
        seat("marcel.verhoef", "parent", "vader", inner=True, lives=True, phone=NL_PHONE.format(6)),
        seat("anita.smeets", "parent", "moeder (contact hersteld in 2025)", inner=True),
        seat("frank.verhoef", "informal", "oom (broer van vader)", inner=True),
        seat("gerrit.post", "informal", "buurman, bij wie Stijn in de tuin hielp"),
    ],
    "authority": [
        authority(["Stijn"], "marcel.verhoef", until="2026-02-11"),
        authority(["Stijn"], "anita.smeets", until="2026-02-11"),
    ],
    "measures": [
        measure(
            ["Stijn"],
            "nl_youth_probation",
            "2025-01-20",
            "2026-01-20",
            "kinderrechter, Rechtbank Wijland, 13 januari 2025",
            extensions=[
                (
                    "2026-01-14",
                    "2026-02-12",
                    "Verlengd tot de 18e verjaardag van Stijn, zodat de overdracht aan het wijkteam zonder "
                    "breuk kan gebeuren.",
                )
            ],
            end=("2026-02-12", "turned_18"),
        )
    ],
    "leads": [
        lead(
            WIJKTEAM,
            "partner",
            "2026-02-12",
            "De juridische lijn stopt op zijn 18e; de hulpverleningslijn loopt door via het wijkteam.",
        )
    ],
    "scaling": [
        scale(
            False,
            "2026-02-12",
            "Jeugdreclassering beëindigd: Stijn is 18. Het wijkteam neemt de hulp over.",
        )
    ],
    "consents": [
        consent(
            "Stijn",
            "2026-01-14",
            "Stijn vindt het goed dat zijn vier tijdlijnen ('Dit zijn wij!') en de samenvatting naar het "
            "wijkteam gaan.",
            shared_with=WIJKTEAM,
            sections=["summary", "timeline"],
        )
    ],
}

# The dossier's closure with four eyes on the day after his 18th birthday: the legal line stops, the help goes
# on through the local team.
CLOSURE = {
    "closed_on": "2026-02-12",
    "end_reason": "turned_18",
    "proposed_by": "sanne.meijer",
    "confirmed_by": "ingrid.verhoeven",
    "summary": "Stijn is 18: de jeugdreclassering stopt. Hij haalde zijn diploma en heeft weer contact met zijn "
    "moeder. De hulp loopt door via het wijkteam; Stijn en zijn vader houden hun tijdlijnen van 'Dit zijn wij!'.",
    "note": "Akkoord.",
}
