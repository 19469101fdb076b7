"""Gezin Kaya (KR-NL-2026-0006): the whole story of this family.

Seed 001, project "Preventief Veilig Samen Verder", handbook SAVE-begeleiding: seven functions, graded consent
(getrapte instemming, five steps), 3-4 months, partner model, round-table meetings, pilot on school absence.
Practice model §2 and §5.

Source: seed 001, 'Preventief Veilig Samen Verder' (handleiding SAVE-begeleiding, getrapte instemming).
"""

from datetime import date

from kring.demo.seeding import Story, pathways, safety
from kring.demo.spec import NL_PHONE, WIJKTEAM, authority, consent, lead, measure, person, scale, seat

REFERENCE = "KR-NL-2026-0006"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "bart.jansen": person("Bart", "Jansen", "1985-11-23", "male"),
    "emine.yildiz": person("Emine", "Yıldız", "1960-02-20", "female"),
    "kerem.yildiz": person("Kerem", "Yıldız", "1989-07-07", "male"),
    "murat.kaya": person("Murat", "Kaya", "1983-09-05", "male"),
    "selin.kaya": person("Selin", "Kaya", "1986-04-12", "female"),
}

DOSSIER = {
    "reference": "KR-NL-2026-0006",
    "jurisdiction": "NL",
    "title": "Gezin Kaya",
    "summary": (
        "Het wijkteam helpt gezin Kaya al een jaar, maar het loopt vast: Elif (12) gaat vaak niet naar "
        "school en de ouders maken harde ruzie, waarbij vader met spullen gooit. Het wijkteam vroeg "
        "SAVE-begeleiding voor drie tot vier maanden in het vrijwillig kader; het wijkteam houdt de regie. "
        "De ouders gaven toestemming voor contact (stap 1), voor een gezamenlijk gesprek over veiligheid "
        "met school en oma als informanten (stap 2) en, in een rondetafelgesprek, om aan voorwaarden te werken "
        "(stap 3). Het plan testen (stap 4) en de voorwaarden volgen terwijl het plan loopt (stap 5) komen "
        "daarna."
    ),
    "source": "seed 001, 'Preventief Veilig Samen Verder' (handleiding SAVE-begeleiding, getrapte instemming)",
    "opened_on": "2026-09-14",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "local_team",
        "on": "2026-09-14",
        "note": "Aanvraag van Wijkteam Oost: SAVE-begeleiding in het vrijwillig kader, met instemming van de ouders.",
    },
    "status": "open",
    "owning": {"org": "wij-jb", "team": "Team Noord"},
    "children": [
        {
            "first_name": "Elif",
            "last_name": "Kaya",
            "date_of_birth": "2014-06-02",
            "gender": "female",
            "school": "brugklas vmbo-t/havo, Wijland College (veel verzuim)",
            "living_situation": "thuis bij vader, moeder en haar broertje Baran",
            "language": "Turks en Nederlands",
        },
        {
            "first_name": "Baran",
            "last_name": "Kaya",
            "date_of_birth": "2018-01-25",
            "gender": "male",
            "school": "groep 5, basisschool De Regenboog",
            "living_situation": "thuis bij vader, moeder en zijn zus Elif",
            "language": "Turks en Nederlands",
        },
    ],
    "circle": [
        {
            "username": "anna.devries",
            "case_role": "SAVE-medewerker",
            "assignment": "Voegt tijdelijk in naast het wijkteam: analyseert de veiligheid, stelt voorwaarden "
            "en helpt een plan te maken, zonder de regie over te nemen.",
        },
        {
            "username": "lotte.vanleeuwen",
            "case_role": "wijkteammedewerker (regie)",
            "assignment": "Houdt de regie en blijft het vaste aanspreekpunt voor het gezin, ook na de "
            "SAVE-begeleiding.",
        },
        {
            "username": "ruben.dijkstra",
            "case_role": "gedragswetenschapper",
            "assignment": "Adviseert over de veiligheidsanalyse en de aanpak van het schoolverzuim.",
        },
    ],
    "legal_frame": "vrijwillig kader — SAVE-begeleiding (partnermodel)",
}

# SAVE guidance in the voluntary frame, partner model: graded consent steps 1-3 given, 4-5 not yet.
HISTORY = {
    "participants": [
        seat("selin.kaya", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(7)),
        seat("murat.kaya", "parent", "vader", inner=True, lives=True, phone=NL_PHONE.format(8)),
        seat(
            "emine.yildiz",
            "informal",
            "oma (moeder van moeder), informant",
            inner=True,
            phone=NL_PHONE.format(9),
        ),
        seat("kerem.yildiz", "informal", "oom (broer van moeder)"),
        seat("bart.jansen", "informal", "mentor van Elif op school, informant"),
    ],
    "authority": [
        authority(["Elif", "Baran"], "selin.kaya"),
        authority(["Elif", "Baran"], "murat.kaya"),
    ],
    "measures": [
        measure(
            ["Elif", "Baran"],
            "nl_save",
            "2026-09-14",
            "2027-01-14",
            "aanvraag Wijkteam Oost, met instemming van de ouders (vrijwillig kader)",
        )
    ],
    "leads": [
        lead(
            WIJKTEAM,
            "partner",
            "2026-09-14",
            "Het wijkteam houdt de regie; de SAVE-medewerker voegt drie tot vier maanden in en weer uit.",
        )
    ],
    "scaling": [
        scale(
            True,
            "2026-09-14",
            "Opgeschaald binnen het vrijwillig kader: SAVE-begeleiding naast het wijkteam, omdat de hulp "
            "vastloopt (schoolverzuim van Elif, harde ruzies thuis).",
        )
    ],
    "consents": [
        consent("selin.kaya", "2026-09-14", "Kennismaken en contact met de SAVE-medewerker.", step=1),
        consent("murat.kaya", "2026-09-14", "Kennismaken en contact met de SAVE-medewerker.", step=1),
        consent(
            "selin.kaya",
            "2026-09-24",
            "Een gezamenlijk gesprek over veiligheid; de mentor van Elif en oma mogen vertellen wat zij zien.",
            step=2,
        ),
        consent(
            "murat.kaya",
            "2026-09-24",
            "Een gezamenlijk gesprek over veiligheid; de mentor van Elif en oma mogen vertellen wat zij zien.",
            step=2,
        ),
        consent(
            "murat.kaya",
            "2026-09-24",
            "School mag de SAVE-medewerker en het wijkteam informeren over de aanwezigheid van Elif.",
        ),
        consent(
            "selin.kaya",
            "2026-10-22",
            "In het rondetafelgesprek: werken aan de voorwaarden (geen geweld waar de kinderen bij zijn, Elif "
            "gaat elke dag naar school). Het wijkteam mag de samenvatting en het veiligheidsplan inzien.",
            step=3,
            shared_with=WIJKTEAM,
            sections=["safety_plan", "summary"],
        ),
        consent(
            "murat.kaya",
            "2026-10-22",
            "In het rondetafelgesprek: werken aan de voorwaarden (geen geweld waar de kinderen bij zijn, Elif "
            "gaat elke dag naar school).",
            step=3,
        ),
        consent(
            "Elif",
            "2026-10-22",
            "Elif vindt het goed dat haar mentor meedenkt in het rondetafelgesprek.",
        ),
    ],
}


# Two meetings: the round-table meeting and the next one (see lambrecht.MAPPINGS for the shape).
MAPPINGS = [
    {
        "held_on": date(2026, 9, 28),
        "meeting": "Rondetafelgesprek",
        "network": ["selin", "murat", "emine"],
        "circle": ["anna.devries", "lotte.vanleeuwen"],
        "scale": 3,
        "add": [
            ("past_harm", "Bij ruzies gooide vader met spullen; Elif en Baran waren erbij."),
            (
                "danger",
                "Als de ruzies doorgaan, kunnen Elif en Baran gewond raken en blijven ze bang thuis.",
            ),
            ("complicating", "Elif gaat vaak niet naar school."),
            ("complicating", "Het wijkteam helpt al een jaar, maar het loopt vast."),
            ("strength", "De ouders willen allebei dat de kinderen zich thuis veilig voelen."),
            ("strength", "Oma Emine is er vaak en de kinderen vertrouwen haar."),
            ("existing_safety", "Mentor Bart belt moeder als Elif niet op school is."),
            (
                "safety_goal",
                "Elif en Baran zijn er niet bij als hun ouders ruzie hebben, en niemand gooit met spullen.",
            ),
            ("next_step", "Afspreken wat vader doet als hij boos wordt."),
        ],
    },
    {
        "held_on": date(2026, 10, 19),
        "meeting": "Vervolggesprek SAVE",
        "network": ["selin", "murat", "emine", "kerem", "bart"],
        "circle": ["anna.devries", "lotte.vanleeuwen", "ruben.dijkstra"],
        "scale": 5,
        "change": {
            "Elif gaat vaak niet naar school.": (
                "complicating",
                "Elif gaat weer vaker naar school, maar mist nog vaak de maandag.",
            ),
        },
        "remove": ["Afspreken wat vader doet als hij boos wordt."],
        "add": [
            ("existing_safety", "Als de spanning oploopt, gaat vader een blokje om of naar oom Kerem."),
            ("next_step", "De afspraken vier weken testen (stap 4 van de getrapte instemming)."),
        ],
    },
]


# The danger statement, and its safety goals (the first answers the statement).
STATEMENTS = {
    "danger": {
        "who_is_worried": "SAVE-medewerker Anna, het wijkteam en oma Emine",
        "by_whom": "vader en moeder",
        "behaviour": "hard ruzie maken waar Elif en Baran bij zijn, waarbij vader met spullen gooit",
        "impact": "Elif en Baran zijn thuis bang, en Elif blijft vaak weg van school",
        "could_happen": "Elif of Baran gewond raakt en dat Elif helemaal niet meer naar school gaat",
    },
    "goals": [
        {
            "who_is_worried": "Anna, het wijkteam en de school",
            "what_to_see": "Elif en Baran er niet bij zijn als hun ouders ruzie hebben, dat niemand met "
            "spullen gooit en dat Elif elke dag naar school gaat",
            "over_time": "drie maanden lang",
        },
    ],
}


# Rounds of scaling questions (question, date, {rater: score}).
SCALES = [
    (
        "safety",
        date(2026, 9, 28),
        {"elif": 3, "selin": 7, "murat": 9, "emine": 4, "anna.devries": 2, "lotte.vanleeuwen": 3},
    ),
    (
        "safety",
        date(2026, 10, 19),
        {
            "elif": 5,
            "selin": 7,
            "murat": 8,
            "emine": 6,
            "kerem": 7,
            "anna.devries": 4,
            "lotte.vanleeuwen": 5,
            "ruben.dijkstra": 4,
        },
    ),
    ("progress", date(2026, 10, 19), {"selin": 6, "murat": 7, "anna.devries": 4}),
    (
        "safety",
        date(2026, 11, 16),
        {"elif": 6, "selin": 7, "murat": 8, "anna.devries": 5, "lotte.vanleeuwen": 6},
    ),
    ("progress", date(2026, 11, 16), {"selin": 7, "murat": 8, "anna.devries": 6}),
]


# The journal (date, who said it, kind, text), written down by the SAVE worker.
JOURNAL = {
    "writer": "anna.devries",
    "reader": "lotte.vanleeuwen",
    "entries": [
        (
            date(2026, 10, 24),
            "emine",
            "went_well",
            "Er was een ruzie over geld. Murat is naar Kerem "
            "gegaan in plaats van te schreeuwen. De kinderen hebben het niet gemerkt.",
        ),
        (
            date(2026, 11, 2),
            "selin",
            "worry",
            "Elif wilde maandag niet naar school. Ik heb mentor Bart gebeld; ze is om tien uur gegaan.",
        ),
        (
            date(2026, 11, 9),
            "murat",
            "went_well",
            "Ik werd boos en ben een blokje om gegaan. Daarna hebben we rustig gepraat.",
        ),
    ],
}


def tell(story: Story) -> None:
    """SAVE guidance from the day the dossier opened; the safety work of the round-table meeting and the next
    one: mappings, the danger statement and goals, scaling (the family far more positive than the
    professionals at first, closer later) and the journal."""
    pathways.pathway(story, pathways.SAVE)
    safety.danger_statement(story, STATEMENTS)
    safety.mappings(story, MAPPINGS)
    safety.scaling(story, SCALES)
    safety.safety_journal(story, JOURNAL)
