"""Gezin Verbeek (KR-NL-2025-0007): the whole story of this family.

Seed 000, slides "Praktijkvoorbeeld uit Nederland: Jeugdreclassering met MST", "Boekensteunen framework" and
"Acties en wie doet wat" (Sasja, 14, arson; tandem of youth probation and MST). Practice model §4.

Source: seed 000, dia's 'Boekensteunen framework' en 'Acties en wie doet wat' (Sasja).
"""

from datetime import date

from kring.demo.seeding import Story, feedback, signal_index, success
from kring.demo.spec import NL_PHONE, authority, consent, measure, person, seat
from kring.feedback.models import EntryMode

REFERENCE = "KR-NL-2025-0007"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "erik.verbeek": person("Erik", "Verbeek", "1976-09-30", "male"),
    "henk.verbeek": person("Henk", "Verbeek", "1949-12-02", "male"),
    "monique.verbeek": person("Monique", "Verbeek", "1979-02-11", "female"),
    "petra.dehaan": person("Petra", "de Haan", "1982-05-17", "female"),
}

DOSSIER = {
    "reference": "KR-NL-2025-0007",
    "jurisdiction": "NL",
    "title": "Gezin Verbeek",
    "summary": (
        "Sasja (14) is opgepakt voor brandstichting; eerder sloeg zij thuis alles kort en klein en haar "
        "ouders hadden weinig zicht en grip op haar. Sasja, haar ouders en de jeugdreclassering zijn bang "
        "dat zij nieuwe delicten pleegt en niet meer thuis kan wonen. Succesdoel: Sasja accepteert het gezag "
        "van haar ouders en laat zich begeleiden, ook als ze het er niet mee eens is, en thuis is er rust. "
        "MST heeft de regie over de behandeling; de jeugdreclasseerder stelt het kader, motiveert en "
        "bewaakt de afspraken."
    ),
    "source": "seed 000, dia's 'Boekensteunen framework' en 'Acties en wie doet wat' (Sasja)",
    "opened_on": "2025-10-06",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "court_order",
        "on": "2025-10-06",
        "note": "Uitspraak van de kinderrechter, Rechtbank Wijland, 6 oktober 2025 (bijzondere voorwaarde jeugdreclassering).",
    },
    "status": "open",
    "owning": {"org": "wij-jb", "team": "Team Jeugdreclassering"},
    "children": [
        {
            "first_name": "Sasja",
            "last_name": "Verbeek",
            "date_of_birth": "2011-04-19",
            "gender": "female",
            "school": "3 vmbo-kader, Scholengemeenschap De Brug",
            "living_situation": "thuis bij vader, moeder en haar broertje",
        }
    ],
    "circle": [
        {
            "username": "sanne.meijer",
            "case_role": "jeugdreclasseerder",
            "assignment": "Stelt het strafrechtelijke kader, meldt Sasja aan bij MST en motiveert en volgt "
            "Sasja en haar ouders bij de afspraken, samen met MST als tandem.",
        },
        {
            "username": "joris.timmer",
            "case_role": "MST-therapeut",
            "assignment": "Heeft de regie over de MST-behandeling thuis en bespreekt met Sasja, haar ouders "
            "en de jeugdreclassering wat zij willen bereiken.",
        },
        {
            "username": "willemijn.hoekstra",
            "case_role": "kinderrechter",
            "assignment": "Legde de jeugdreclassering op met de opdracht het probleem thuis op te lossen en "
            "ontvangt de verslagen over de voortgang.",
        },
        {
            "username": "ruben.dijkstra",
            "case_role": "gedragswetenschapper",
            "assignment": "Adviseert over het risico op nieuwe delicten (LIJ) en over de intensiteit van de "
            "begeleiding.",
        },
    ],
    "legal_frame": "jeugdreclassering (bijzondere voorwaarde) — tandem met MST",
}

# Sasja: youth probation as a special condition, in tandem with MST; the probation period was extended.
HISTORY = {
    "participants": [
        seat("monique.verbeek", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(1)),
        seat("erik.verbeek", "parent", "vader", inner=True, lives=True),
        seat("petra.dehaan", "informal", "tante (zus van moeder)", inner=True, phone=NL_PHONE.format(2)),
        seat("henk.verbeek", "informal", "opa (vader van vader)"),
    ],
    "authority": [authority(["Sasja"], "monique.verbeek"), authority(["Sasja"], "erik.verbeek")],
    "measures": [
        measure(
            ["Sasja"],
            "nl_youth_probation_conditional",
            "2025-10-06",
            "2026-10-06",
            "kinderrechter, Rechtbank Wijland, 6 oktober 2025 (bijzondere voorwaarde jeugdreclassering)",
            extensions=[
                (
                    "2026-09-28",
                    "2027-04-06",
                    "De kinderrechter verlengt de proeftijd met zes maanden: de MST-behandeling loopt nog en de "
                    "rust thuis is er nog niet stabiel. Sasja pleegde geen nieuwe delicten.",
                )
            ],
        )
    ],
    "consents": [
        consent(
            "monique.verbeek",
            "2025-10-13",
            "MST en de jeugdreclassering mogen met elkaar en met school overleggen over hoe het met Sasja gaat.",
        ),
        consent(
            "Sasja",
            "2025-10-20",
            "Sasja vindt het goed dat haar MST-therapeut de samenvatting en de veiligheidsafspraken leest, "
            "zodat zij haar verhaal niet twee keer hoeft te vertellen.",
            shared_with="wilgenhof",
            sections=["safety_plan", "summary"],
        ),
    ],
}


# Session feedback: Sasja's start-of-meeting scores (me, close, daily, life, overall); the last meeting is
# the off-track moment (her score falls well below her own earlier mean, see docs/feedback.md).
SASJA_SESSIONS = [
    (date(2025, 9, 4), (6, 6, 5, 6, 6)),
    (date(2025, 9, 18), (6, 7, 6, 6, 6)),
    (date(2025, 10, 2), (7, 7, 6, 7, 7)),
    (date(2025, 10, 16), (7, 7, 7, 7, 7)),
    (date(2025, 10, 30), (4, 4, 3, 4, 4)),
]


# The life-domain matrix at the start (feedback.LGM_DOMAINS): Sasja rates home far higher than her parents.
SASJA_LGM = [
    (
        "start",
        date(2025, 10, 20),
        "young_person",
        "Sasja",
        EntryMode.TOGETHER,
        (5, 5, 6, 6, 8, 6, 7, 7),
        {
            "family_helps": "Thuis is het eigenlijk wel goed.",
        },
    ),
    (
        "start",
        date(2025, 10, 20),
        "parent",
        "",
        EntryMode.TOGETHER,
        (4, 5, 4, 6, 3, 4, 4, 3),
        {
            "family_hinders": "Als ze boos is, slaat ze thuis dingen kapot.",
            "safety_hinders": "We weten vaak niet waar ze is.",
        },
    ),
    (
        "start",
        date(2025, 10, 20),
        "professional",
        "",
        EntryMode.ENTERED,
        (4, 5, 4, 6, 4, 5, 4, 3),
        {
            "family_helps": "Ouders willen graag dat het lukt; MST helpt thuis.",
            "safety_hinders": "Brandstichting; de kans op een nieuw delict is er nog.",
        },
    ),
]


# The seven anchors (feedback.ANCHOR_KEYS), rated four times by Sasja and her worker Sanne Meijer: at first
# they see 'I am worth it' and 'support around me' quite differently; a year on the gap has closed.
# (day, Sasja's ratings, Sanne's ratings)
SASJA_ANCHORS = [
    (date(2025, 11, 10), (3, 4, 8, 5, 4, 5, 3), (7, 6, 7, 6, 8, 7, 5)),
    (date(2026, 2, 9), (5, 5, 8, 6, 6, 6, 5), (7, 7, 7, 6, 8, 7, 6)),
    (date(2026, 5, 11), (6, 7, 7, 7, 7, 6, 6), (8, 7, 7, 7, 8, 8, 7)),
    (date(2026, 9, 14), (7, 7, 7, 7, 8, 8, 7), (8, 8, 7, 7, 8, 8, 8)),
]


# Signs of Success (seed 000, slides "Boekensteunen framework" and "Acties en wie doet wat", practice model
# §4): her book-ends as the slides have them.
SASJA_GREATEST_WORRY = (
    "Sasja, haar ouders en de jeugdreclassering maken zich zorgen over het welzijn van Sasja. Net zoals op de "
    "dag dat zij is opgepakt voor brandstichting. En zoals op de dag dat zij thuis alles kort en klein had "
    "geslagen en de ouders onvoldoende zicht en grip op Sasja en haar welzijn hadden. Sasja, haar ouders en de "
    "jeugdreclassering maken zich zorgen, dat als dit doorgaat, zij nieuwe delicten zal plegen en Sasja niet "
    "meer thuis kan blijven wonen."
)
SASJA_SUCCESS_GOAL = (
    "Sasja accepteert het gezag van haar ouders, laat zich begeleiden, ook als zij het niet eens met ze is. "
    "Sasja en haar ouders ervaren harmonie en rust in de thuissituatie."
)
SASJA_ACTIONS = [
    {"who": "De rechter", "what": "geeft de jeugdzorgwerker de opdracht om het probleem thuis op te lossen"},
    {"who": "Jeugdzorgwerker", "what": "meldt Sasja aan bij MST voor behandeling"},
    {"who": "Jeugdzorgwerker", "what": "stelt de strafrechtelijke kaders"},
    {
        "who": "MST, jeugdzorgwerker, jongere en ouders",
        "what": "gaan met elkaar bespreken wat ze willen bereiken.",
    },
    {
        "who": "MST",
        "what": "heeft de regie over de behandeling. Jeugdzorgwerker motiveert de jongere en het gezin en "
        "monitort de afspraken en de voortgang",
    },
]


# Her Klaar mee?! stages (seed 000, "Perspectief 4", Bottoms & Shapland) go with the ups and downs of the
# case: a relapse at home (no new offence: she smashed her door after a row, as before), and in September 2026
# she sees herself as stopping while her worker still sees her recognising — the month the judge extended the
# probation because calm at home was not yet stable.
SASJA_DESISTANCE = [
    {
        "recorded_on": date(2025, 10, 20),
        "stage": "persisting",
        "view": "worker",
        "obstacles": "Thuis loopt elke ruzie hoog op; vriendinnen dagen haar uit.",
    },
    {
        "recorded_on": date(2025, 10, 27),
        "stage": "preparing",
        "view": "young_person",
        "triggers": "Ik wil thuis blijven wonen.",
        "obstacles": "Als mijn vader tegen me schreeuwt, word ik heel boos.",
    },
    {
        "recorded_on": date(2025, 12, 15),
        "stage": "recognising",
        "view": "young_person",
        "triggers": "Met MST praten we thuis anders met elkaar.",
        "obstacles": "Vriendinnen die nog stelen en mij meevragen.",
    },
    {
        "recorded_on": date(2026, 2, 9),
        "stage": "preparing",
        "view": "young_person",
        "triggers": "Ik wil niet dat het weer zo wordt als vroeger.",
        "obstacles": "Ruzie met mijn vader over mijn telefoon.",
        "relapse": True,
        "relapse_note": "Na een ruzie sloeg Sasja de deur van haar kamer kapot en liep weg; 's nachts kwam ze "
        "terug. Geen nieuw delict.",
    },
    {
        "recorded_on": date(2026, 3, 16),
        "stage": "recognising",
        "view": "worker",
        "triggers": "Sasja belt opa Henk als ze boos wordt, in plaats van te slaan.",
    },
    {
        "recorded_on": date(2026, 9, 14),
        "stage": "stopping",
        "view": "young_person",
        "triggers": "Ik wil mijn diploma halen. Opa Henk gelooft in mij.",
        "obstacles": "Als ik me verveel.",
    },
    {
        "recorded_on": date(2026, 9, 14),
        "stage": "recognising",
        "view": "worker",
        "obstacles": "De rust thuis is er nog niet elke week; de MST-behandeling loopt nog.",
    },
]


# Her IK-plan, written down by her worker on her behalf.
SASJA_IK_PLAN = {
    "goals": "Ik wil thuis blijven wonen. Ik wil niet meer alles kapot maken als ik boos ben.",
    "steps": "Als ik boos word, ga ik naar buiten of naar mijn kamer. Ik ga elke dag naar school.",
    "helpers": "Mijn moeder en vader, opa Henk, de MST-therapeut en mijn jeugdreclasseerder.",
    "written_by": "worker_on_behalf",
}

# Her worker Sanne's self-checks (day, answers per feedback.SELF_CHECK_KEYS, what she wants to do differently).
SELF_CHECKS = [
    (
        date(2026, 1, 12),
        (3, 2, 3, 3, 4, 3, 1, 4, 2, 1, 3, 2, 4),
        "Met Sasja een IK-plan in haar eigen woorden maken.",
    ),
    (
        date(2026, 6, 15),
        (4, 3, 3, 4, 4, 4, 3, 4, 3, 2, 4, 4, 4),
        "Met de Raad bespreken of de maatregel eerder en positief kan eindigen.",
    ),
]

# The signal index: Sasja (14, arson) is registered by the police and by youth probation — a match, both told
# whom to contact. (Her identity in the index: (username, own reference, category, identity).)
SASJA_IDENTITY = {
    "first_name": "Sasja",
    "prefix": "de",
    "last_name": "Wit",
    "date_of_birth": date(2011, 9, 14),
    "bsn": "",
    "postcode": "9712 CP",
    "house_number": "21",
}
REGISTRATIONS = [
    ("bas.vermeulen", "DEMO-POL-1", "crime", SASJA_IDENTITY),
    (
        "sanne.meijer",
        "DEMO-JR-1",
        "crime",
        {**SASJA_IDENTITY, "last_name": "Wit, de", "prefix": "", "first_name": "Sasja"},
    ),
]


def tell(story: Story) -> None:
    feedback.session_starts(story, "Sasja", SASJA_SESSIONS)
    feedback.life_domain_matrix(story, SASJA_LGM)
    feedback.anchors(story, "Sasja", SASJA_ANCHORS)
    feedback.self_checks(story, SELF_CHECKS)
    success.book_ends(
        story,
        {
            "greatest_worry": SASJA_GREATEST_WORRY,
            "success_goal": SASJA_SUCCESS_GOAL,
            "actions": SASJA_ACTIONS,
        },
    )
    success.ik_plan(story, SASJA_IK_PLAN)
    success.desistance(story, SASJA_DESISTANCE)
    for username, reference, category, identity in REGISTRATIONS:
        signal_index.register(username, reference, category, identity)
