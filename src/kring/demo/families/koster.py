"""Gezin Koster (KR-NL-2026-0001): the whole story of this family.

Seed 001, project "Signs of Success" (50 young people, 30 with LVB; tools woord- en beeldverhaal and IK-plan;
good practice "Boksen en werken in plaats van stelen") and seed 003, workshop on the Leefgebiedenmatrix (LGM,
filled in three times by several informants).

Source: seed 001, 'Signs of Success' (LVB, tools, 'Boksen en werken in plaats van stelen'); seed 003, workshop 'Leefgebiedenmatrix (LGM)'.
"""

from datetime import date

from kring.demo.seeding import Story, childvoice, feedback
from kring.demo.spec import NL_PHONE, authority, consent, measure, person, seat
from kring.feedback.models import EntryMode

REFERENCE = "KR-NL-2026-0001"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "rob.koster": person("Rob", "Koster", "1981-07-21", "male"),
    "sandra.koster": person("Sandra", "Koster", "1984-03-08", "female"),
    "yvonne.peters": person("Yvonne", "Peters", "1975-01-26", "female"),
}

DOSSIER = {
    "reference": "KR-NL-2026-0001",
    "jurisdiction": "NL",
    "title": "Gezin Koster",
    "summary": (
        "Dylan (16) heeft een licht verstandelijke beperking (LVB) en stal een paar keer samen met oudere "
        "jongens uit de buurt; de kinderrechter legde jeugdreclassering op. Met een woord- en beeldverhaal "
        "vertelt Dylan zijn eigen verhaal, en in zijn IK-plan staan boksen en een bijbaan in plaats van "
        "stelen. Dylan, zijn ouders, school en de jeugdreclasseerder vullen de Leefgebiedenmatrix in bij de "
        "start, halverwege en aan het eind, en bespreken de verschillen."
    ),
    "source": "seed 001, 'Signs of Success' (LVB, tools, 'Boksen en werken in plaats van stelen'); "
    "seed 003, workshop 'Leefgebiedenmatrix (LGM)'",
    "opened_on": "2026-02-09",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "court_order",
        "on": "2026-02-09",
        "note": "Uitspraak van de kinderrechter, Rechtbank Wijland, 2 februari 2026.",
    },
    "status": "open",
    "owning": {"org": "wij-jb", "team": "Team Jeugdreclassering"},
    "children": [
        {
            "first_name": "Dylan",
            "last_name": "Koster",
            "date_of_birth": "2009-07-22",
            "gender": "male",
            "school": "entreeopleiding (mbo 1), Wijland College; bijbaan in een supermarkt",
            "living_situation": "thuis bij vader en moeder",
            "lvb": True,
        }
    ],
    "circle": [
        {
            "username": "sanne.meijer",
            "case_role": "jeugdreclasseerder",
            "assignment": "Begeleidt Dylan in eenvoudige taal en met beeld, maakt samen met hem zijn IK-plan "
            "en ziet toe op de voorwaarden.",
        },
        {
            "username": "ruben.dijkstra",
            "case_role": "gedragswetenschapper",
            "assignment": "Adviseert over de aanpak bij LVB en bespreekt de verschillen tussen de invullers "
            "van de Leefgebiedenmatrix.",
        },
        {
            "username": "bas.vermeulen",
            "case_role": "wijkagent",
            "assignment": "Is aanspreekpunt in de buurt en meldt nieuwe politiecontacten van Dylan aan de "
            "jeugdreclasseerder.",
        },
    ],
    "legal_frame": "jeugdreclassering (LVB) — Signs of Success",
}

# Dylan (LVB): youth probation with Signs of Success; boxing and a side job in his IK-plan.
HISTORY = {
    "participants": [
        seat("sandra.koster", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(3)),
        seat("rob.koster", "parent", "vader", inner=True, lives=True),
        seat("mo.bouzid", "informal", "bokstrainer", inner=True, phone=NL_PHONE.format(4)),
        seat("yvonne.peters", "informal", "mentor op school (vult de Leefgebiedenmatrix in)"),
    ],
    "authority": [authority(["Dylan"], "sandra.koster"), authority(["Dylan"], "rob.koster")],
    "measures": [
        measure(
            ["Dylan"],
            "nl_youth_probation",
            "2026-02-09",
            "2027-02-09",
            "kinderrechter, Rechtbank Wijland, 2 februari 2026",
        )
    ],
    "consents": [
        consent(
            "sandra.koster",
            "2026-02-16",
            "School mag de jeugdreclasseerder informeren over de aanwezigheid van Dylan en vult de "
            "Leefgebiedenmatrix mee in.",
        ),
        consent(
            "Dylan",
            "2026-02-23",
            "Dylan vindt het goed dat zijn bokstrainer met de jeugdreclasseerder praat over hoe het gaat.",
        ),
    ],
}


# The life-domain matrix at the start, during and at the end, by Dylan, his parents, school and his youth
# probation worker (moment, day, respondent, label, how, ratings per feedback.LGM_DOMAINS, what they wrote);
# at the start they differ on friends.
DYLAN_LGM = [
    (
        "start",
        date(2026, 2, 23),
        "young_person",
        "Dylan",
        EntryMode.TOGETHER,
        (6, 5, 6, 7, 7, 5, 8, 6),
        {
            "friends_helps": "Ik heb veel vrienden in de buurt.",
            "education_hinders": "Ik snap de lessen niet altijd.",
        },
    ),
    (
        "start",
        date(2026, 2, 23),
        "parent",
        "",
        EntryMode.TOGETHER,
        (4, 3, 5, 7, 6, 4, 3, 5),
        {
            "friends_hinders": "De oudere jongens uit de buurt halen hem over om mee te gaan.",
            "family_helps": "We eten elke avond samen.",
        },
    ),
    (
        "start",
        date(2026, 2, 23),
        "school",
        "",
        EntryMode.ENTERED,
        (3, 4, 5, 6, 6, 5, 4, 6),
        {
            "education_helps": "Werkt goed in de praktijklessen.",
            "education_hinders": "Veel verzuim op maandag.",
        },
    ),
    (
        "start",
        date(2026, 2, 23),
        "professional",
        "",
        EntryMode.ENTERED,
        (4, 4, 4, 6, 7, 4, 3, 5),
        {
            "friends_hinders": "Contact met oudere jongens die stelen.",
            "leisure_hinders": "Geen vaste bezigheden na school.",
        },
    ),
    (
        "during",
        date(2026, 6, 15),
        "young_person",
        "Dylan",
        EntryMode.TOGETHER,
        (6, 7, 7, 7, 7, 8, 7, 7),
        {
            "leisure_helps": "Boksen bij Mo, drie keer per week.",
            "work_helps": "Mijn bijbaan in de supermarkt.",
        },
    ),
    ("during", date(2026, 6, 15), "parent", "", EntryMode.TOGETHER, (5, 6, 6, 7, 7, 7, 5, 6), {}),
    (
        "during",
        date(2026, 6, 15),
        "school",
        "",
        EntryMode.ENTERED,
        (5, 6, 6, 6, 6, 6, 5, 6),
        {
            "education_helps": "Vaste mentor; minder verzuim.",
        },
    ),
    ("during", date(2026, 6, 15), "professional", "", EntryMode.ENTERED, (5, 6, 6, 6, 7, 7, 5, 6), {}),
    (
        "end",
        date(2026, 11, 16),
        "young_person",
        "Dylan",
        EntryMode.TOGETHER,
        (7, 8, 7, 8, 8, 8, 7, 8),
        {
            "identity_helps": "Ik weet nu beter wat ik wil: in de supermarkt blijven werken.",
        },
    ),
    ("end", date(2026, 11, 16), "parent", "", EntryMode.TOGETHER, (6, 7, 7, 7, 8, 8, 6, 7), {}),
    ("end", date(2026, 11, 16), "school", "", EntryMode.ENTERED, (6, 7, 6, 7, 7, 7, 6, 7), {}),
    (
        "end",
        date(2026, 11, 16),
        "professional",
        "",
        EntryMode.ENTERED,
        (6, 7, 7, 7, 8, 8, 6, 7),
        {
            "friends_helps": "Nieuwe vrienden bij de boksschool.",
        },
    ),
]


# Dylan tells his own story with words and pictures: (text, drawing, description of the drawing).
DYLAN_STORY = [
    ("Ik ben Dylan. Ik ben 16 jaar. Ik woon bij mijn vader en moeder.", "home", "Een huis met een zon"),
    (
        "Ik ging mee met oudere jongens uit de buurt. We hebben een paar keer gestolen. Dat was fout.",
        "night",
        "Een straat in de nacht",
    ),
    (
        "Nu heb ik jeugdreclassering. Sanne helpt mij. Ik ga twee keer per week boksen bij Mo.",
        "people",
        "Mensen die Dylan helpen",
    ),
    (
        "Ik werk in de supermarkt. Met mijn eigen geld koop ik zelf dingen. Ik wil niet meer stelen.",
        "",
        "",
    ),
]


# His youth probation worker's self-check (day, answers per feedback.SELF_CHECK_KEYS, what to do differently).
SELF_CHECKS = [
    (
        date(2026, 6, 15),
        (4, 4, 4, 3, 4, 3, 4, 3, 3, 2, 2, 1, 4),
        "Dylan na elk gesprek om feedback vragen, met plaatjes.",
    ),
]


def tell(story: Story) -> None:
    feedback.life_domain_matrix(story, DYLAN_LGM)
    feedback.self_checks(story, SELF_CHECKS)
    childvoice.words_and_pictures(story, "Dylan", DYLAN_STORY)
