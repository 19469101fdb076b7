"""Gezin Verstraete (KR-BE-2025-0001): the whole story of this family.

Seed 004, §4 "De eerste casus binnen het innovatief project" (young person of 17, physical conflict with
mother, suspected suicidality, no contact with father; urgency procedure via the prosecutor; four bottom
lines; crisis bed 14 days; 38h56 direct contact, 6h29 a week; EXIT figures) and §8 (day table of the safety-
planning module). Practice model §5 and §6.

Source: seed 004, §4 'De eerste casus binnen het innovatief project'; §8 stappenplan.
"""

from datetime import date

from kring.demo.seeding import Story, cases, feedback, pathways, safety
from kring.demo.spec import BE_PHONE, authority, consent, measure, person, scale, seat

REFERENCE = "KR-BE-2025-0001"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "bart.dewilde": person("Bart", "De Wilde", "1981-09-09", "male"),
    "geert.verstraete": person("Geert", "Verstraete", "1975-02-14", "male"),
    "katrien.dewilde": person("Katrien", "De Wilde", "1978-06-06", "female"),
    "sofie.martens": person("Sofie", "Martens", "1979-11-30", "female"),
}

DOSSIER = {
    "reference": "KR-BE-2025-0001",
    "jurisdiction": "BE",
    "title": "Gezin Verstraete",
    "summary": (
        "Na een fysiek conflict met zijn mama wilde Jens (17) niet naar huis; er was een vermoeden van "
        "suïcidaliteit, en met zijn papa had hij al anderhalf jaar geen contact. Het parket meldde de zaak "
        "aan via hoogdringendheid; de jeugdrechter sprak vier bodemeisen uit: op het einde een veilige plek, "
        "geen geweld, een vertrouwensfiguur voor Jens en een duidelijk en positief toekomstbeeld. Vanuit een "
        "crisisbed (14 dagen) volgde de module veiligheidsplanning met twee netwerkoverleggen; de "
        "gezinsmedewerker had ruim 38 uur rechtstreeks contact (6u29 per week). Een uithuisplaatsing werd "
        "vermeden; in de EXIT-vragenlijst gaven de ouders een 10 en Jens een 5."
    ),
    "source": "seed 004, §4 'De eerste casus binnen het innovatief project'; §8 stappenplan",
    "opened_on": "2025-01-14",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "court_order",
        "on": "2025-01-14",
        "note": "Vordering van het parket bij hoogdringendheid, nadat de politie crisisopvang vroeg om de nacht te overbruggen.",
    },
    "status": "closed",
    "owning": {"org": "osd-scheldeland", "team": "Team Gent"},
    "children": [
        {
            "first_name": "Jens",
            "last_name": "Verstraete",
            "date_of_birth": "2007-09-03",
            "gender": "male",
            "school": "6de jaar tso elektromechanica",
            "living_situation": "na veertien dagen in een crisisbed weer thuis bij mama",
        }
    ],
    "circle": [
        {
            "username": "pieter.vandenbroeck",
            "case_role": "consulent SDJ",
            "assignment": "Voert de opdracht van de jeugdrechter uit, bereidt de netwerkoverleggen voor en "
            "geeft de jeugdrechter advies op dag 41/42.",
        },
        {
            "username": "tom.claes",
            "case_role": "crisisbegeleider",
            "assignment": "Werkt de module veiligheidsplanning uit met Jens, zijn ouders en het netwerk en "
            "registreert de contacturen.",
        },
        {
            "username": "griet.vermeersch",
            "case_role": "jeugdrechter",
            "assignment": "Zette bij de voorleiding het kader en de bodemeisen uit en besliste op dag 42 over "
            "het vervolg.",
        },
        {
            "username": "lien.declercq",
            "case_role": "teamverantwoordelijke",
            "assignment": "Selecteerde de casus voor de module, met fiat van de jeugdrechter, en besprak ze in "
            "het reflecterend team.",
        },
    ],
    "legal_frame": "hoogdringendheid (60 dagen) — module veiligheidsplanning (6 weken)",
}

# Urgency procedure, then court-ordered care until the closure on day 59 (goals reached).
HISTORY = {
    "participants": [
        seat("katrien.dewilde", "parent", "mama", inner=True, lives=True, phone=BE_PHONE.format(1)),
        seat("geert.verstraete", "parent", "papa (al anderhalf jaar geen contact)"),
        seat(
            "bart.dewilde",
            "informal",
            "nonkel (broer van mama), vertrouwensfiguur van Jens",
            inner=True,
            phone=BE_PHONE.format(2),
        ),
        seat("sofie.martens", "informal", "meter van Jens", inner=True),
    ],
    "authority": [
        authority(["Jens"], "katrien.dewilde", until="2025-09-02"),
        authority(["Jens"], "geert.verstraete", until="2025-09-02"),
    ],
    "measures": [
        measure(
            ["Jens"],
            "be_urgency",
            "2025-01-14",
            "2025-03-15",
            "jeugdrechter, Jeugdrechtbank Scheldeland, 16 januari 2025 (hoogdringendheid, vordering parket)",
            end=("2025-02-24", "court_ended"),
        ),
        measure(
            ["Jens"],
            "be_court_ordered",
            "2025-02-24",
            "2025-03-14",
            "jeugdrechter, Jeugdrechtbank Scheldeland, 24 februari 2025 (dag 42: korte opvolging en overdracht)",
            end=("2025-03-14", "goals_reached"),
        ),
    ],
    "scaling": [
        scale(
            True,
            "2025-01-14",
            "Opgeschaald: een gesprek in de vrijwilligheid lukte niet; het parket meldt de zaak aan via "
            "hoogdringendheid.",
        ),
        scale(
            False,
            "2025-02-24",
            "Afgeschaald op dag 42: Jens is terug thuis, er is geen geweld en nonkel Bart is zijn "
            "vertrouwensfiguur; korte opvolging tot de afsluiting.",
        ),
    ],
    "consents": [
        consent(
            "katrien.dewilde",
            "2025-01-17",
            "De Kajuit mag de samenvatting en het veiligheidsplan lezen voor de module veiligheidsplanning.",
            shared_with="kajuit",
            sections=["safety_plan", "summary"],
        ),
        consent(
            "Jens",
            "2025-01-20",
            "Jens vindt het goed dat nonkel Bart het veiligheidsplan krijgt en meekomt naar het netwerkoverleg.",
        ),
    ],
}

# The dossier's closure with four eyes at the end of the short follow-up: the consulent proposes, the team lead
# confirms.
CLOSURE = {
    "closed_on": "2025-03-14",
    "end_reason": "goals_reached",
    "proposed_by": "pieter.vandenbroeck",
    "confirmed_by": "lien.declercq",
    "summary": "De vier bodemeisen zijn gehaald: Jens woont weer veilig thuis, er is geen geweld meer gebruikt, "
    "nonkel Bart is zijn vertrouwensfiguur en Jens weet wat hij na het zesde jaar wil doen. Een uithuisplaatsing "
    "werd vermeden. Het veiligheidsplan blijft bij het gezin; nonkel Bart en meter Sofie blijven betrokken.",
    "note": "Akkoord. Goed werk van Jens, zijn mama en hun netwerk.",
}


# The EXIT questionnaire at closure (taken on the closing day) — parents report grade 10, result 3.8, process 4.0; the young person 5,
# 3.2 and 2.8.
EXIT_PARENTS = {"grade": 10, "r1": 4, "r2": 4, "r3": 4, "r4": 4, "r5": 3}
EXIT_PARENTS.update({"p1": 4, "p2": 4, "p3": 4, "p4": 4, "p5": 4})
EXIT_YOUNG = {"grade": 5, "r1": 4, "r2": 3, "r3": 3, "r4": 3, "r5": 3}
EXIT_YOUNG.update({"p1": 3, "p2": 3, "p3": 3, "p4": 3, "p5": 2})


CLOSING_NOTE = (
    "De jeugdrechter zet de hulp voort als gerechtelijke jeugdhulp tot half maart. Jens woont weer thuis; "
    "zijn nonkel Bart is zijn vertrouwensfiguur."
)
REFLECTIONS = [
    (
        6,
        "information",
        "Wie kan voor Jens een vertrouwensfiguur zijn, nu er al anderhalf jaar geen contact met papa is?",
        "Nonkel Bart en meter Sofie komen naar het eerste netwerkoverleg; Jens kiest zelf voor Bart.",
    ),
    (
        27,
        "interim-evaluation",
        "Wat maakt dat Jens en mama weer samen aan tafel kunnen zonder dat het escaleert?",
        "Korte gesprekken met de crisisbegeleider erbij, en een time-out bij nonkel Bart als het te hoog oploopt.",
    ),
]

# The safety-planning module under the urgency procedure from the day the dossier opened, with the contacts
# of seed 004 case 1: 38 h 56 min over the six weeks (6 h 29 min a week). It is over: its steps up to the
# judge's decision are done, two questions of the reflective team are recorded, and it closes on day 42.
WEEKLY_MINUTES = (389, 389, 390, 389, 390, 389)  # 2336 min = 38 h 56 min
PATHWAY_CLOSED_ON_DAY = 42

# Where Jens lived: a crisis bed at De Kajuit from the night the police asked for crisis care. On day 6 (seed
# 004 §8: the first decision on returning home or extending crisis care) the consulent, with the crisis worker,
# extends it to fourteen days; on day 15, after the first network meeting, Jens goes home to his mama.
CRISIS_BED = {
    "kind": "crisis",
    "started_on": date(2025, 1, 14),
    "planned_end_on": date(2025, 1, 19),
    "decided_by": "judge",
    "decided_by_name": "jeugdrechter, Jeugdrechtbank Scheldeland (voorleiding 16 januari 2025)",
    "place": "crisisbed, De Kajuit vzw",
    "reason": "Jens wil na het fysieke conflict met zijn mama niet naar huis; er is een vermoeden van "
    "suïcidaliteit. De politie vroeg crisisopvang om de nacht te overbruggen.",
}
CRISIS_DECISIONS = [
    {
        "decision": "extend",
        "decided_on": date(2025, 1, 19),
        "decided_by": "case_worker",
        "decided_by_name": "consulent Pieter Vandenbroeck, in overleg met crisisbegeleider Tom",
        "extend_until": date(2025, 1, 27),
        "reason": "Jens en mama kunnen nog niet rustig samen praten. Eerst het netwerkoverleg met nonkel Bart en "
        "meter Sofie; daarna beslissen over de terugkeer naar huis.",
    },
    {
        "decision": "return_home",
        "decided_on": date(2025, 1, 28),
        "decided_by": "case_worker",
        "decided_by_name": "consulent Pieter Vandenbroeck",
        "home_place": "thuis bij mama",
        "reason": "Op het eerste netwerkoverleg zijn afspraken gemaakt: als het thuis te hoog oploopt, gaat Jens "
        "naar nonkel Bart. Jens wil het thuis opnieuw proberen.",
    },
]

# The judge's four bottom lines at the hearing (seed 004 §4.1), with how many network adults each needs.
JUDGE = "jeugdrechter, Jeugdrechtbank Scheldeland"
BOTTOM_LINES = [
    ("Jens is op het einde van de begeleiding op een veilige plek.", None),
    ("Er wordt geen geweld gebruikt.", None),
    ("Jens heeft een vertrouwensfiguur die hem steunt.", 1),
    ("Er is een duidelijk en positief toekomstbeeld voor Jens.", None),
]
# The plan's rules: (network first name who carries it, rule, when).
RULES = [
    (
        "bart",
        "Als het thuis te hoog oploopt, belt Jens of mama nonkel Bart. Jens neemt dan een time-out bij Bart "
        "tot iedereen rustig is.",
        "altijd, ook 's avonds en in het weekend",
    ),
    (
        "katrien",
        "Mama en Jens praten over moeilijke dingen eerst kort, met crisisbegeleider Tom erbij. Wie boos wordt, "
        "stopt het gesprek en gaat naar een andere kamer.",
        "tot het tweede netwerkoverleg, daarna zonder Tom",
    ),
    (
        "sofie",
        "Meter Sofie belt Jens elke zondagavond en spreekt elke week met hem af over school en zijn plannen.",
        "elke week",
    ),
]

# The danger statement and safety goals, as the consulent told them right after the hearing (the first goal
# answers the statement).
STATEMENTS = {
    "danger": {
        "who_is_worried": "de jeugdrechter, consulent Pieter en crisisbegeleider Tom",
        "by_whom": "Jens en zijn mama",
        "behaviour": "bij ruzies elkaar fysiek pijn doen, zoals bij het laatste conflict thuis",
        "impact": "Jens wil niet meer naar huis, hij heeft niemand om over zijn zorgen mee te praten en er is "
        "een vermoeden dat hij aan zelfdoding denkt",
        "could_happen": "het thuis opnieuw escaleert, dat iemand ernstig gewond raakt en dat Jens zichzelf "
        "iets aandoet",
    },
    "goals": [
        {
            "who_is_worried": "de jeugdrechter en consulent Pieter",
            "what_to_see": "Jens en mama ruzies oplossen zonder geweld, dat Jens een veilige plek heeft als het "
            "thuis te hoog oploopt en dat hij een vertrouwensfiguur heeft met wie hij over zijn zorgen praat",
            "over_time": "elke dag, tot de jeugdrechter opnieuw beslist",
        },
        {
            "who_is_worried": "Jens, mama en crisisbegeleider Tom",
            "what_to_see": "Jens weet wat hij na het zesde jaar wil doen en waar hij dan woont",
            "over_time": "op het einde van de zes weken",
        },
    ],
}

# The two network meetings (seed 004 §8: the first on day 14/15, the second in the working phase).
MAPPINGS = [
    {
        "held_on": date(2025, 1, 28),
        "meeting": "Eerste netwerkoverleg",
        "network": ["katrien", "bart", "sofie"],
        "circle": ["pieter.vandenbroeck", "tom.claes"],
        "scale": 3,
        "add": [
            ("past_harm", "Een ruzie tussen Jens en mama liep uit op een fysiek conflict."),
            ("past_harm", "Jens wilde daarna niet naar huis en niet met zijn ouders praten."),
            (
                "danger",
                "Als de ruzies doorgaan, kan iemand ernstig gewond raken, en Jens kan zichzelf iets aandoen.",
            ),
            ("complicating", "Er is een vermoeden van suïcidaliteit bij Jens."),
            ("complicating", "Jens heeft al anderhalf jaar geen contact met zijn papa."),
            ("strength", "Mama wil dat Jens thuis komt wonen en wil hulp aanvaarden."),
            ("strength", "Nonkel Bart en meter Sofie willen helpen; Jens vertrouwt Bart."),
            ("existing_safety", "Jens verblijft in een crisisbed bij De Kajuit."),
            (
                "safety_goal",
                "Jens en mama lossen ruzies op zonder geweld, en Jens kan altijd bij nonkel Bart terecht.",
            ),
            ("next_step", "Jens gaat naar huis, met de afspraken van het veiligheidsplan."),
            ("next_step", "Met Jens praten over wat hij na het zesde jaar wil doen."),
        ],
    },
    {
        "held_on": date(2025, 2, 18),
        "meeting": "Tweede netwerkoverleg",
        "network": ["katrien", "bart", "sofie"],
        "circle": ["pieter.vandenbroeck", "tom.claes"],
        "scale": 7,
        "change": {
            "Jens verblijft in een crisisbed bij De Kajuit.": (
                "existing_safety",
                "Jens woont weer thuis; twee keer nam hij een time-out bij nonkel Bart, zoals afgesproken.",
            ),
            "Met Jens praten over wat hij na het zesde jaar wil doen.": (
                "next_step",
                "Jens schrijft zich in voor een Se-n-Se elektriciteit; meter Sofie gaat mee naar de infodag.",
            ),
        },
        "remove": ["Jens gaat naar huis, met de afspraken van het veiligheidsplan."],
        "add": [
            ("strength", "Er is sinds de terugkeer naar huis geen geweld meer gebruikt."),
            ("strength", "Jens praat met nonkel Bart over wat hem dwarszit."),
            ("next_step", "De consulent geeft de jeugdrechter advies op dag 41."),
        ],
    },
]

# Scaling: (question, date, {rater: score}) — at the first meeting mama is far more positive than the
# professionals; at the second the two come closer.
SCALES = [
    (
        "safety",
        date(2025, 1, 28),
        {"jens": 4, "katrien": 8, "bart": 5, "sofie": 6, "pieter.vandenbroeck": 2, "tom.claes": 3},
    ),
    ("willingness", date(2025, 1, 28), {"jens": 5, "katrien": 9, "bart": 9}),
    (
        "safety",
        date(2025, 2, 18),
        {"jens": 7, "katrien": 8, "bart": 7, "sofie": 7, "pieter.vandenbroeck": 6, "tom.claes": 7},
    ),
]

# The end evaluation on day 41: the four bottom lines met, in the order they were set.
EVALUATION = {
    "held_on": date(2025, 2, 23),
    "kind": "end",
    "network": ["katrien", "bart", "sofie"],
    "circle": ["pieter.vandenbroeck", "tom.claes"],
    "assessments": [
        ("met", "Jens woont sinds 28 januari weer thuis bij mama; het veiligheidsplan hangt in de keuken."),
        (
            "met",
            "Sinds de terugkeer naar huis is er geen geweld gebruikt. Twee keer nam Jens een time-out bij Bart.",
        ),
        ("met", "Jens koos zelf nonkel Bart als vertrouwensfiguur; ze zien elkaar elke week."),
        ("met", "Jens maakt zijn zesde jaar af en schreef zich in voor een Se-n-Se elektriciteit."),
    ],
    "scores": {"jens": 7, "katrien": 9, "bart": 8, "sofie": 8, "pieter.vandenbroeck": 7, "tom.claes": 8},
    "decisions": "De module veiligheidsplanning stopt op dag 42. Advies aan de jeugdrechter: korte opvolging als "
    "gerechtelijke jeugdhulp tot half maart, dan afsluiten. Het veiligheidsplan blijft bij het gezin.",
    "outcome": "close",
}

# The advice to the judge on day 41 (seed 004 §8): written by the consulent, approved by the team lead.
ADVICE = {
    "title": "Advies aan de jeugdrechter, dag 41",
    "day": date(2025, 2, 23),
    "addressed_to": "jeugdrechter, Jeugdrechtbank Scheldeland",
    "author": "pieter.vandenbroeck",
    "approver": "lien.declercq",
    "proposal": "extend",
    "extension_condition": "family_goals_reached",
    "extend_until": date(2025, 3, 14),
    "family_view": "Mama: 'Ik heb mijn zoon terug.' Jens: 'Het is beter thuis, maar ik had liever niet zoveel "
    "gesprekken gehad.' Nonkel Bart: 'Hij belt me nu zelf als het niet gaat.'",
    "motivation": "De vier bodemeisen zijn gehaald en het veiligheidsplan werkt. Een korte opvolging tot half "
    "maart helpt Jens zijn toekomstplan af te ronden (inschrijving Se-n-Se) en laat het gezin het plan zonder "
    "crisisbegeleider uitproberen. Daarna kan het dossier worden afgesloten.",
}


def tell(story: Story) -> None:
    """Seed 004 case 1, worked from the urgent claim to the closure: the module with its contacts; the crisis
    bed and the day-6 decision; the danger statement and goals; the judge's four bottom lines and a plan carried
    by nonkel Bart, mama and meter Sofie; the two network meetings; scaling; the end evaluation; the advice to
    the judge on day 41; the module closed on day 42; and the EXIT questionnaires at closure."""
    pathways.pathway(story, pathways.URGENCY, weekly_minutes=WEEKLY_MINUTES)
    cases.placements(story, "Jens", CRISIS_BED, CRISIS_DECISIONS)
    safety.danger_statement(story, STATEMENTS)
    safety.plan(
        story,
        {
            "title": "Veiligheidsplan Jens",
            "set_by": JUDGE,
            "set_on": date(2025, 1, 16),
            "bottom_lines": BOTTOM_LINES,
            "rules": RULES,
        },
    )
    safety.mappings(story, MAPPINGS)
    safety.scaling(story, SCALES)
    safety.evaluation(story, EVALUATION)
    safety.advice(story, ADVICE)
    pathways.pathway_finish(
        story,
        on_day=PATHWAY_CLOSED_ON_DAY,
        end_reason="court_ended",
        note=CLOSING_NOTE,
        reflections=REFLECTIONS,
    )
    feedback.exit_questionnaires(
        story, date.fromisoformat(CLOSURE["closed_on"]), {"parent": EXIT_PARENTS, "young_person": EXIT_YOUNG}
    )
