"""Gezin Hermans (KR-NL-2025-0002): the whole story of this family.

Seed 001, "Signs of Success", tool "Positief afsluiten" and the lesson on reporting back positively ("positief
terugmelden"); seed 000, "Perspectief 1: afgebakende periode benutten". Practice model §4.

Source: seed 001, 'Signs of Success' (tool 'Positief afsluiten', les over positief terugmelden); seed 000, dia 'Perspectief 1: afgebakende periode benutten'.
"""

from datetime import date

from kring.demo.seeding import Story, success
from kring.demo.spec import NL_PHONE, WIJKTEAM, authority, consent, lead, measure, person, scale, seat

REFERENCE = "KR-NL-2025-0002"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "ilse.hermans": person("Ilse", "Hermans", "1980-06-14", "female"),
    "jan.kuipers": person("Jan", "Kuipers", "1951-08-19", "male"),
    "jeroen.hermans": person("Jeroen", "Hermans", "1978-11-29", "male"),
    "wim.deboer": person("Wim", "de Boer", "1962-04-03", "male"),
}

DOSSIER = {
    "reference": "KR-NL-2025-0002",
    "jurisdiction": "NL",
    "title": "Gezin Hermans",
    "summary": (
        "Thijs (16) kreeg na een inbraak in een schuur een jaar jeugdreclassering. Hij ging weer elke dag "
        "naar school, vond werk bij een fietsenmaker en pleegde geen nieuwe delicten. Na acht maanden sloot "
        "de jeugdreclasseerder de maatregel met de tool 'Positief afsluiten' eerder af en meldde het succes "
        "aan de Raad voor de Kinderbescherming. Het wijkteam blijft bereikbaar als Thijs of zijn moeder "
        "vragen heeft."
    ),
    "source": "seed 001, 'Signs of Success' (tool 'Positief afsluiten', les over positief terugmelden); "
    "seed 000, dia 'Perspectief 1: afgebakende periode benutten'",
    "opened_on": "2025-03-17",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "court_order",
        "on": "2025-03-17",
        "note": "Uitspraak van de kinderrechter, Rechtbank Wijland, 10 maart 2025.",
    },
    "status": "closed",
    "owning": {"org": "wij-jb", "team": "Team Jeugdreclassering"},
    "children": [
        {
            "first_name": "Thijs",
            "last_name": "Hermans",
            "date_of_birth": "2008-11-03",
            "gender": "male",
            "school": "mbo 2 fietstechnicus, Wijland College; werkt bij een fietsenmaker",
            "living_situation": "bij zijn moeder; om het weekend bij vader",
        }
    ],
    "circle": [
        {
            "username": "sanne.meijer",
            "case_role": "jeugdreclasseerder",
            "assignment": "Begeleidde Thijs met Signs of Success en sloot de maatregel eerder en positief af, "
            "met een terugmelding aan de Raad.",
        },
        {
            "username": "lotte.vanleeuwen",
            "case_role": "wijkteammedewerker",
            "assignment": "Blijft na het einde van de maatregel het vaste aanspreekpunt voor Thijs en zijn "
            "moeder in de wijk.",
        },
        {
            "username": "ruben.dijkstra",
            "case_role": "gedragswetenschapper",
            "assignment": "Toetste of de doelen bereikt waren en adviseerde over het eerder afsluiten.",
        },
    ],
    "legal_frame": "jeugdreclassering — vervroegd positief afgesloten",
}

# Thijs: youth probation closed early and positively after eight months; the local team stays on.
HISTORY = {
    "participants": [
        seat("ilse.hermans", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(5)),
        seat("jeroen.hermans", "parent", "vader (om het weekend)"),
        seat("wim.deboer", "informal", "fietsenmaker, werkgever van Thijs", inner=True),
        seat("jan.kuipers", "informal", "opa (vader van moeder)", inner=True),
    ],
    "authority": [
        authority(["Thijs"], "ilse.hermans", until="2026-11-02"),
        authority(["Thijs"], "jeroen.hermans", until="2026-11-02"),
    ],
    "measures": [
        measure(
            ["Thijs"],
            "nl_youth_probation",
            "2025-03-17",
            "2026-03-17",
            "kinderrechter, Rechtbank Wijland, 10 maart 2025",
            end=("2025-11-17", "early_positive_closure"),
        )
    ],
    "leads": [
        lead(
            WIJKTEAM,
            "partner",
            "2025-11-17",
            "Na het positief afsluiten blijft het wijkteam het aanspreekpunt voor Thijs en zijn moeder.",
        )
    ],
    "scaling": [
        scale(
            False,
            "2025-11-17",
            "Jeugdreclassering na acht maanden vervroegd en positief afgesloten; het succes is teruggemeld aan "
            "de Raad. Het wijkteam blijft bereikbaar.",
        )
    ],
    "consents": [
        consent(
            "ilse.hermans",
            "2025-11-10",
            "De jeugdreclasseerder mag het afsluitverslag en de samenvatting delen met het wijkteam.",
            shared_with=WIJKTEAM,
            sections=["summary"],
        )
    ],
}

# The dossier's closure with four eyes: his worker proposes, the team lead confirms, on the day the measure ended.
CLOSURE = {
    "closed_on": "2025-11-17",
    "end_reason": "early_positive_closure",
    "proposed_by": "sanne.meijer",
    "confirmed_by": "ingrid.verhoeven",
    "summary": "De jeugdreclassering is na acht maanden positief en eerder afgesloten: Thijs gaat elke dag naar "
    "school, werkt bij de fietsenmaker en pleegde geen nieuwe delicten. Het succes is teruggemeld aan de Raad. Het "
    "wijkteam blijft het aanspreekpunt voor Thijs en zijn moeder.",
    "note": "Akkoord, het dossier kan dicht.",
}


THIJS_BOOK_ENDS = {
    "greatest_worry": "Thijs, zijn moeder en de jeugdreclassering maken zich zorgen dat Thijs, net als bij de "
    "inbraak in de schuur, weer met vrienden meegaat en nieuwe delicten pleegt, en dat hij zijn school en zijn "
    "kansen op werk kwijtraakt.",
    "success_goal": "Thijs gaat elke dag naar school, heeft werk dat bij hem past en kiest zelf voor vrienden "
    "met wie hij geen delicten pleegt. Zijn moeder vertrouwt hem weer.",
    "actions": [
        {"who": "De kinderrechter", "what": "legt een jaar jeugdreclassering op"},
        {"who": "Jeugdreclasseerder", "what": "maakt met Thijs zijn IK-plan en ziet toe op de afspraken"},
        {"who": "Wijkteam", "what": "helpt moeder en blijft bereikbaar na het einde van de maatregel"},
        {"who": "Wim de Boer, fietsenmaker", "what": "geeft Thijs op zaterdag werk"},
    ],
}
THIJS_DESISTANCE = [
    {
        "recorded_on": date(2025, 3, 31),
        "stage": "preparing",
        "view": "young_person",
        "triggers": "Ik wil niet dat mijn moeder nog verdriet heeft.",
        "obstacles": "De jongens van de inbraak wonen bij mij in de straat.",
    },
    {"recorded_on": date(2025, 4, 7), "stage": "preparing", "view": "worker"},
    {
        "recorded_on": date(2025, 6, 16),
        "stage": "recognising",
        "view": "young_person",
        "triggers": "Bij de fietsenmaker zeggen ze dat ik goed ben in mijn werk.",
    },
    {"recorded_on": date(2025, 6, 16), "stage": "recognising", "view": "worker"},
    {
        "recorded_on": date(2025, 9, 22),
        "stage": "stopping",
        "view": "young_person",
        "triggers": "Ik ben monteur, geen inbreker.",
    },
    {
        "recorded_on": date(2025, 10, 6),
        "stage": "stopping",
        "view": "worker",
        "triggers": "Thijs zegt zelf nee als de oude vrienden vragen of hij meegaat.",
    },
]
THIJS_CLOSURE = {
    "closes_on": date(2025, 11, 17),
    "achievements": "Thijs ging vanaf april weer elke dag naar school en haalde het eerste jaar van zijn "
    "opleiding fietstechniek. Hij werkt op zaterdag bij een fietsenmaker, die hem een leerbaan aanbiedt. Hij "
    "pleegde geen nieuwe delicten en koos zelf voor andere vrienden. Thuis is het rustig; zijn moeder vertrouwt "
    "hem weer.",
    "young_person_view": "Ik ben monteur, geen inbreker. Ik wil laten zien dat ik het zelf kan.",
    "network_support": "Zijn moeder Ilse, opa Jan en Wim de Boer (fietsenmaker en werkgever).",
    "after_care": "Het wijkteam (Lotte van Leeuwen) blijft het vaste aanspreekpunt voor Thijs en zijn moeder.",
    "on": date(2025, 11, 10),
}


# Signs of Success (seed 001, tool "Positief afsluiten"): his IK-plan in his own words.
THIJS_IK_PLAN = {
    "goals": "Ik wil mijn diploma fietstechniek halen. Ik wil werken bij de fietsenmaker.",
    "steps": "Elke dag naar school. Op zaterdag werken. Niet meer meegaan als de jongens iets stoms willen.",
    "helpers": "Mijn moeder, opa Jan, Wim van de fietsenmaker en Sanne.",
    "written_by": "young_person",
}


def tell(story: Story) -> None:
    """His Signs of Success, then the positive early closure with its report to the child protection board:
    proposed by his worker Sanne Meijer, confirmed by team lead Ingrid Verhoeven, as those two users so that
    the report carries their names (the access log shows them at the time the demo was seeded)."""
    success.book_ends(story, THIJS_BOOK_ENDS)
    success.ik_plan(story, THIJS_IK_PLAN)
    success.desistance(story, THIJS_DESISTANCE)
    success.early_closure(
        story,
        THIJS_CLOSURE,
        worker="sanne.meijer",
        team_lead="ingrid.verhoeven",
        note="Akkoord. Een mooi resultaat van Thijs en zijn netwerk; terugmelden aan de Raad.",
        on=date(2025, 11, 14),
    )
