"""Gezin Bakker (KR-NL-2026-0004): the whole story of this family.

Seed 001, "Het maatschappelijk rendement van 'werken zonder maatregel'" (specialist case management / transfer
model: the certified institution takes over the lead at the local team's request; continuity when a measure is
in sight) and "De Stem van de cliënt", sub-project "Matching".

Source: seed 001, 'Het maatschappelijk rendement van werken zonder maatregel' (specialistisch casemanagement); seed 001, 'De Stem van de cliënt' (Matching).
"""

from datetime import date

from kring.demo.seeding import Story, feedback
from kring.demo.spec import NL_PHONE, WIJKTEAM, authority, consent, lead, measure, person, scale, seat
from kring.feedback.models import EntryMode

REFERENCE = "KR-NL-2026-0004"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "dave.kramer": person("Dave", "Kramer", "1987-09-15", "male"),
    "erwin.bakker": person("Erwin", "Bakker", "1983-04-07", "male"),
    "linda.mulder": person("Linda", "Mulder", "1985-12-19", "female"),
}

DOSSIER = {
    "reference": "KR-NL-2026-0004",
    "jurisdiction": "NL",
    "title": "Gezin Bakker",
    "summary": (
        "Het wijkteam begeleidde moeder, Tess (13) en Bram (9), maar de zorgen groeiden: Veilig Thuis kreeg "
        "opnieuw meldingen over geweld door de nieuwe partner van moeder. Op verzoek van het wijkteam nam de "
        "gecertificeerde instelling de regie over in het vrijwillig kader. Moeder koos zelf haar "
        "jeugdbeschermer, na kennismaking met twee voorgestelde professionals (Matching). Als er een "
        "onderzoek van de Raad en een maatregel komen, blijft dezelfde jeugdbeschermer betrokken."
    ),
    "source": "seed 001, 'Het maatschappelijk rendement van werken zonder maatregel' (specialistisch "
    "casemanagement); seed 001, 'De Stem van de cliënt' (Matching)",
    "opened_on": "2026-07-06",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "local_team",
        "on": "2026-07-06",
        "note": "Op verzoek van het wijkteam, na nieuwe meldingen bij Veilig Thuis; moeder stemt in.",
    },
    "status": "open",
    "owning": {"org": "wij-jb", "team": "Team Noord"},
    "children": [
        {
            "first_name": "Tess",
            "last_name": "Bakker",
            "date_of_birth": "2013-04-04",
            "gender": "female",
            "school": "2 vmbo-t, Wijland College",
            "living_situation": "bij moeder en haar partner; om het weekend bij vader",
        },
        {
            "first_name": "Bram",
            "last_name": "Bakker",
            "date_of_birth": "2017-02-19",
            "gender": "male",
            "school": "groep 6, basisschool Het Kompas",
            "living_situation": "bij moeder en haar partner; om het weekend bij vader",
        },
    ],
    "circle": [
        {
            "username": "anna.devries",
            "case_role": "jeugdbeschermer (regie)",
            "assignment": "Heeft de regie over de hulp overgenomen van het wijkteam en blijft bij een "
            "eventuele maatregel dezelfde jeugdbeschermer.",
        },
        {
            "username": "lotte.vanleeuwen",
            "case_role": "wijkteammedewerker",
            "assignment": "Droeg de regie over en blijft betrokken bij de afstemmingsgesprekken.",
        },
        {
            "username": "noor.hendriks",
            "case_role": "medewerker Veilig Thuis",
            "assignment": "Deelt uit de meldingen alleen wat nodig is voor de veiligheid van Tess en Bram.",
        },
        {
            "username": "ruben.dijkstra",
            "case_role": "gedragswetenschapper",
            "assignment": "Stelde voor Matching twee passende professionals voor op basis van hun profielen.",
        },
    ],
    "legal_frame": "vrijwillig kader — specialistisch casemanagement (overdrachtsmodel)",
}

# Transfer model: the certified institution took over the lead from the local team; scaled up.
HISTORY = {
    "participants": [
        seat("linda.mulder", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(19)),
        seat("erwin.bakker", "parent", "vader (om het weekend)", inner=True),
        seat("truus.mulder", "informal", "oma (moeder van moeder)", inner=True, phone=NL_PHONE.format(18)),
        seat("dave.kramer", "carer", "partner van moeder (zorgen over geweld)", lives=True),
    ],
    "authority": [
        authority(["Tess", "Bram"], "linda.mulder"),
        authority(["Tess", "Bram"], "erwin.bakker"),
    ],
    "measures": [
        measure(
            ["Tess", "Bram"],
            "nl_voluntary",
            "2026-07-06",
            "2027-01-06",
            "op verzoek van het wijkteam, met instemming van moeder (specialistisch casemanagement)",
        )
    ],
    "leads": [
        lead(WIJKTEAM, "partner", "2026-07-06", "Het wijkteam begeleidt het gezin; de GI denkt mee."),
        lead(
            "wij-jb",
            "transfer",
            "2026-07-20",
            "Overdrachtsmodel: op verzoek van het wijkteam neemt de jeugdbeschermer de regie over. Moeder koos "
            "haar jeugdbeschermer na Matching.",
        ),
    ],
    "scaling": [
        scale(
            True,
            "2026-07-20",
            "Opgeschaald: opnieuw meldingen bij Veilig Thuis over geweld door de partner van moeder; de GI neemt "
            "de regie over in het vrijwillig kader.",
        )
    ],
    "consents": [
        consent(
            "linda.mulder",
            "2026-07-20",
            "Het wijkteam mag de samenvatting en het veiligheidsplan blijven lezen, voor de afstemmingsgesprekken.",
            shared_with=WIJKTEAM,
            sections=["safety_plan", "summary"],
        ),
        consent(
            "Tess",
            "2026-08-31",
            "Tess vindt het goed dat haar mentor op school de jeugdbeschermer belt als zij zich zorgen maakt "
            "over thuis.",
        ),
    ],
}


# Samen Sterker in Gezin Bakker: ratings for (treat, listen, contact, plan, agree), then what each said.
SAMEN_STERKER = [
    (
        date(2026, 8, 17),
        [
            (
                "parent",
                "Linda",
                EntryMode.TOGETHER,
                (7, 6, 5, 5, 7),
                {
                    "treat_well": "Anna is eerlijk tegen mij, ook als het moeilijk is.",
                    "contact_better": "Afspraken worden soms op het laatste moment verzet.",
                    "plan_better": "Ik snap niet alles wat in het gezinsplan staat.",
                    "improve": "Eerder laten weten als een afspraak niet doorgaat.",
                },
            ),
            (
                "professional",
                "",
                EntryMode.ENTERED,
                (7, 7, 6, 6, 6),
                {
                    "listen_well": "Linda vertelt open wat er thuis gebeurt.",
                    "agree_better": "De afspraken met de partner van moeder zijn nog niet helder.",
                    "improve": "Het gezinsplan in gewone woorden samen doorlopen.",
                },
            ),
        ],
    ),
    (
        date(2026, 10, 12),
        [
            (
                "parent",
                "Linda",
                EntryMode.TOGETHER,
                (8, 7, 8, 6, 8),
                {
                    "contact_well": "Anna belt nu altijd op tijd als iets niet doorgaat.",
                    "plan_better": "Het plan is nog lang; ik wil het samen doorlezen.",
                },
            ),
            (
                "young_person",
                "Tess",
                EntryMode.TOGETHER,
                (6, 5, 7, 6, 7),
                {"listen_better": "Ik wil ook een keer alleen met Anna praten."},
            ),
            (
                "professional",
                "",
                EntryMode.ENTERED,
                (8, 7, 8, 7, 7),
                {"treat_well": "Er is meer rust in de gesprekken."},
            ),
        ],
    ),
]
# (made on, topic, agreement, who, done by, done on)
AGREEMENTS = [
    (
        date(2026, 8, 17),
        "contact",
        "Anna belt uiterlijk de dag ervoor als een afspraak niet doorgaat.",
        "Anna (jeugdbeschermer)",
        date(2026, 9, 1),
        date(2026, 10, 12),
    ),
    (
        date(2026, 8, 17),
        "plan",
        "Linda zegt het meteen als ze iets in het gezinsplan niet begrijpt.",
        "Linda (moeder)",
        None,
        None,
    ),
    (
        date(2026, 10, 12),
        "plan",
        "We lezen het gezinsplan samen door voor het volgende netwerkberaad.",
        "Linda en Anna",
        date(2026, 12, 1),
        None,
    ),
    (
        date(2026, 10, 12),
        "listen",
        "Anna spreekt Tess één keer per maand apart.",
        "Anna (jeugdbeschermer)",
        None,
        None,
    ),
]


def tell(story: Story) -> None:
    feedback.samen_sterker(story, SAMEN_STERKER, AGREEMENTS)
