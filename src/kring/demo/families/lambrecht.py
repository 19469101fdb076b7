"""Gezin Lambrecht (KR-BE-2026-0002): the whole story of this family.

Seed 004, §5 "De tweede casus binnen het innovatief project" (baby of 10 months and a child of 10 left alone
at night; mother in forced prostitution because of debts; crisis care, Crisishulp aan Huis; the judge requires
that the children are always supervised by an adult and a safety plan signed by at least three adults of
mother's network; words and pictures). Practice model §3 and §5.

Source: seed 004, §5 'De tweede casus binnen het innovatief project'.
"""

from datetime import date

from kring.demo.seeding import Story, childvoice, pathways, safety
from kring.demo.spec import BE_PHONE, authority, consent, measure, person, scale, seat

REFERENCE = "KR-BE-2026-0002"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "glenn.wuyts": person("Glenn", "Wuyts", "1988-07-12", "male"),
    "jolien.lambrecht": person("Jolien", "Lambrecht", "1994-10-05", "female"),
    "nathalie.lambrecht": person("Nathalie", "Lambrecht", "1991-01-22", "female"),
    "nicole.verhaeghe": person("Nicole", "Verhaeghe", "1959-08-08", "female"),
    "rita.lambrecht": person("Rita", "Lambrecht", "1963-03-27", "female"),
}

DOSSIER = {
    "reference": "KR-BE-2026-0002",
    "jurisdiction": "BE",
    "title": "Gezin Lambrecht",
    "summary": (
        "Een buur belde 's nachts de politie voor een baby die bleef wenen: Louis (10 maanden) en Emma (10) "
        "waren alleen thuis, en niet voor het eerst. Mama vertelde dat zij zich uit nood prostitueert door "
        "schulden; met de twee vaders is geen contact. De jeugdrechter plaatste de kinderen in crisisopvang, "
        "zette Crisishulp aan Huis in en eiste dat de kinderen altijd onder toezicht staan van een volwassene, "
        "met een veiligheidsplan dat minstens drie volwassenen uit het netwerk van mama ondertekenen. Een "
        "woord- en beeldverhaal legt eerst Emma en later Louis uit wat er gebeurde en wat er nu komt."
    ),
    "source": "seed 004, §5 'De tweede casus binnen het innovatief project'",
    "opened_on": "2026-10-19",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "court_order",
        "on": "2026-10-19",
        "note": "Uitspraak van de jeugdrechter, Jeugdrechtbank Scheldeland, 19 oktober 2026 (hoogdringendheid: crisisopvang en Crisishulp aan Huis).",
    },
    "status": "open",
    "owning": {"org": "osd-scheldeland", "team": "Team Dendermonde"},
    "children": [
        {
            "first_name": "Emma",
            "last_name": "Wuyts",
            "date_of_birth": "2016-05-06",
            "gender": "female",
            "school": "4de leerjaar, Vrije Basisschool Sint-Jozef",
            "living_situation": "crisisopvang van De Kajuit, samen met Louis",
        },
        {
            "first_name": "Louis",
            "last_name": "Lambrecht",
            "date_of_birth": "2025-12-15",
            "gender": "male",
            "school": "",
            "living_situation": "crisisopvang van De Kajuit, samen met Emma",
        },
    ],
    "circle": [
        {
            "username": "elke.wouters",
            "case_role": "consulent SDJ",
            "assignment": "Bewaakt de bodemeisen van de jeugdrechter en legt het ondertekende veiligheidsplan "
            "aan de jeugdrechter voor.",
        },
        {
            "username": "tom.claes",
            "case_role": "gezinsmedewerker Crisishulp aan Huis",
            "assignment": "Werkt met mama en haar netwerk aan het veiligheidsplan en maakt mee het woord- en "
            "beeldverhaal voor Emma en Louis.",
        },
        {
            "username": "griet.vermeersch",
            "case_role": "jeugdrechter",
            "assignment": "Besliste over de crisisopvang, legde de bodemeisen op en beslist na de module over "
            "de terugkeer naar huis.",
        },
        {
            "username": "hannes.maes",
            "case_role": "gedragswetenschapper",
            "assignment": "Denkt in het reflecterend team mee over de gevaarboodschap en de "
            "veiligheidsdoelen.",
        },
    ],
    "legal_frame": "hoogdringendheid (60 dagen) — crisisopvang en Crisishulp aan Huis",
}

# Urgency procedure (60 days, until 18 December 2026); three adults of mama's network sign the safety plan.
HISTORY = {
    "participants": [
        seat("nathalie.lambrecht", "parent", "mama", inner=True, phone=BE_PHONE.format(3)),
        seat("glenn.wuyts", "parent", "papa van Emma (geen contact)"),
        seat(
            "rita.lambrecht",
            "informal",
            "grootmoeder (mama van mama), tekent het veiligheidsplan",
            inner=True,
            phone=BE_PHONE.format(4),
        ),
        seat(
            "jolien.lambrecht",
            "informal",
            "tante (zus van mama), tekent het veiligheidsplan",
            inner=True,
            phone=BE_PHONE.format(5),
        ),
        seat("nicole.verhaeghe", "informal", "buurvrouw, tekent het veiligheidsplan", inner=True),
    ],
    "authority": [
        authority(["Emma", "Louis"], "nathalie.lambrecht"),
        authority(["Emma"], "glenn.wuyts"),
    ],
    "measures": [
        measure(
            ["Emma", "Louis"],
            "be_urgency",
            "2026-10-19",
            "2026-12-18",
            "jeugdrechter, Jeugdrechtbank Scheldeland, 19 oktober 2026 (hoogdringendheid: crisisopvang en "
            "Crisishulp aan Huis)",
        )
    ],
    "scaling": [
        scale(
            True,
            "2026-10-19",
            "Opgeschaald: de kinderen waren 's nachts alleen thuis; de jeugdrechter plaatst hen in crisisopvang "
            "en zet Crisishulp aan Huis in.",
        )
    ],
    "consents": [
        consent(
            "nathalie.lambrecht",
            "2026-10-22",
            "De Kajuit mag het netwerk en het veiligheidsplan inzien om het plan op te maken met grootmoeder, "
            "tante en buurvrouw.",
            shared_with="kajuit",
            sections=["network", "safety_plan"],
        ),
        consent(
            "nathalie.lambrecht",
            "2026-10-26",
            "School mag de consulent informeren over de aanwezigheid van Emma en hoe het met haar gaat.",
        ),
    ],
}


# The youth judge's two bottom lines (with how many network adults each needs), and the rules of the plan
# that three adults of mother's network carry (network first name, rule, when).
JUDGE = "jeugdrechter, Jeugdrechtbank Scheldeland"
BOTTOM_LINES = [
    ("De kinderen zijn altijd onder toezicht van een volwassene die voor hen kan zorgen.", None),
    ("Een veiligheidsplan met minstens drie volwassenen uit het netwerk van mama, dat zegt wie wat doet.", 3),
]
RULES = [
    (
        "rita",
        "Oma Rita slaapt op weekdagen bij Nathalie en de kinderen.",
        "maandag tot vrijdag, 's avonds en 's nachts",
    ),
    ("jolien", "Tante Jolien neemt het weekend over en belt elke avond om 20 uur.", "vrijdag tot zondag"),
    (
        "nicole",
        "Buurvrouw Nicole is het aanspreekpunt als mama weg moet; de sleutel ligt bij haar.",
        "altijd",
    ),
]


# Two meetings: (date, meeting, network first names, circle usernames, scale, items) for the first; for the
# second also the items changed ({old text: (element, new text)}) and removed.
MAPPINGS = [
    {
        "held_on": date(2026, 10, 21),
        "meeting": "Netwerkberaad na de voorleiding",
        "network": ["nathalie", "rita", "jolien"],
        "circle": ["elke.wouters", "tom.claes"],
        "scale": 2,
        "add": [
            (
                "past_harm",
                "Een buur belde 's nachts de politie: Louis (10 maanden) bleef wenen en hij en Emma (10) "
                "waren alleen thuis.",
            ),
            ("past_harm", "Het was niet de eerste keer dat de kinderen 's nachts alleen waren."),
            (
                "danger",
                "Als mama 's nachts weg moet en er is niemand, kan Louis iets overkomen zonder dat "
                "iemand het merkt.",
            ),
            ("danger", "Emma draagt de zorg voor haar broertje, terwijl ze zelf nog een kind is."),
            ("complicating", "Mama prostitueert zich uit nood, door schulden."),
            ("complicating", "Er is geen contact met de vaders van Emma en Louis."),
            ("strength", "Mama nam de volgende ochtend zelf contact op met de politie."),
            ("strength", "Oma Rita en tante Jolien willen helpen."),
            ("existing_safety", "Emma en Louis zijn samen in de crisisopvang van De Kajuit."),
            (
                "safety_goal",
                "Emma en Louis zijn altijd bij een volwassene die voor hen kan zorgen, ook als mama weg "
                "moet.",
            ),
            (
                "next_step",
                "Minstens drie volwassenen uit het netwerk van mama vragen voor het veiligheidsplan.",
            ),
            ("next_step", "Een woord- en beeldverhaal maken voor Emma."),
        ],
    },
    {
        "held_on": date(2026, 11, 4),
        "meeting": "Netwerkberaad: het veiligheidsplan",
        "network": ["nathalie", "rita", "jolien", "nicole"],
        "circle": ["elke.wouters", "tom.claes"],
        "scale": 5,
        "change": {
            "Oma Rita en tante Jolien willen helpen.": (
                "strength",
                "Oma Rita, tante Jolien en buurvrouw Nicole nemen elk een taak in het plan op.",
            ),
            "Minstens drie volwassenen uit het netwerk van mama vragen voor het veiligheidsplan.": (
                "next_step",
                "Het veiligheidsplan van oma Rita, tante Jolien en buurvrouw Nicole aan de jeugdrechter "
                "voorleggen.",
            ),
        },
        "remove": ["Een woord- en beeldverhaal maken voor Emma."],
        "add": [
            ("existing_safety", "Oma Rita slaapt op weekdagen bij Nathalie en de kinderen."),
            ("existing_safety", "Buurvrouw Nicole heeft een sleutel en is er als mama weg moet."),
            ("strength", "Emma kreeg haar woord- en beeldverhaal en kan vertellen wat er gebeurde."),
            ("next_step", "Mama maakt een afspraak bij de schuldbemiddeling van het OCMW."),
        ],
    },
]


# The danger statement, and its safety goals (the first answers the statement).
STATEMENTS = {
    "danger": {
        "who_is_worried": "de jeugdrechter, consulent Elke en gezinsmedewerker Tom",
        "by_whom": "mama",
        "behaviour": "Emma en Louis 's nachts alleen thuis laat als zij weg moet",
        "impact": "Louis bleef 's nachts wenen zonder dat er iemand kwam, en Emma moest als kind van tien "
        "voor haar broertje zorgen",
        "could_happen": "Louis iets ernstigs overkomt zonder dat iemand het merkt, en dat Emma blijft dragen "
        "wat een volwassene hoort te dragen",
    },
    "goals": [
        {
            "who_is_worried": "de jeugdrechter en consulent Elke",
            "what_to_see": "er altijd een volwassene bij Emma en Louis is die voor hen kan zorgen, ook als "
            "mama 's nachts weg moet",
            "over_time": "elke dag en elke nacht, tot de jeugdrechter opnieuw beslist",
        },
        {
            "who_is_worried": "mama en consulent Elke",
            "what_to_see": "mama een uitweg uit de schulden vindt waarvoor zij de kinderen niet alleen hoeft "
            "te laten",
            "over_time": "de komende zes weken",
        },
    ],
}


# Rounds of scores: (question, date, {rater: score}); a rater is a child's or network member's first name or
# a circle username. At the first meeting the family is far more positive than the professionals.
SCALES = [
    (
        "safety",
        date(2026, 10, 21),
        {"emma": 6, "nathalie": 8, "rita": 6, "elke.wouters": 2, "tom.claes": 3},
    ),
    ("willingness", date(2026, 10, 21), {"nathalie": 9, "rita": 8, "elke.wouters": 7}),
    (
        "safety",
        date(2026, 11, 4),
        {
            "emma": 7,
            "nathalie": 8,
            "rita": 7,
            "jolien": 7,
            "nicole": 6,
            "elke.wouters": 4,
            "tom.claes": 5,
        },
    ),
    ("willingness", date(2026, 11, 18), {"nathalie": 9, "rita": 9, "elke.wouters": 8}),
]


# The interim evaluation of the plan: the judge's two bottom lines met (in the order they were set), the
# safety scale of everyone present, and what was decided.
EVALUATION = {
    "held_on": date(2026, 11, 18),
    "kind": "interim",
    "network": ["nathalie", "rita", "jolien", "nicole"],
    "circle": ["elke.wouters", "tom.claes"],
    "assessments": [
        (
            "met",
            "Oma Rita sliep op weekdagen bij de kinderen, tante Jolien nam de weekends over en buurvrouw "
            "Nicole had de sleutel: er was geen nacht zonder volwassene.",
        ),
        (
            "met",
            "Het veiligheidsplan is ondertekend door oma Rita, tante Jolien en buurvrouw Nicole en aan de "
            "jeugdrechter bezorgd.",
        ),
    ],
    "scores": {"nathalie": 9, "rita": 8, "jolien": 8, "nicole": 7, "elke.wouters": 6, "tom.claes": 7},
    "decisions": "Het veiligheidsplan loopt door tot de eindevaluatie. Mama werkt met de schuldbemiddeling van "
    "het OCMW aan een uitweg uit de schulden. Emma en Louis gaan stap voor stap naar huis, eerst in de "
    "weekends.",
    "outcome": "continue",
}


# The journal: (date, who said it — a network first name or None for the worker, kind, text), written down
# by the writer; the reader has read all but the last two.
JOURNAL = {
    "writer": "tom.claes",
    "reader": "elke.wouters",
    "entries": [
        (
            date(2026, 11, 5),
            "rita",
            "went_well",
            "Ik sliep bij Nathalie. Louis werd om drie uur wakker; "
            "ik heb hem de fles gegeven en hij sliep weer.",
        ),
        (
            date(2026, 11, 8),
            "jolien",
            "went_well",
            "Weekend bij ons: Emma heeft gekookt met mij en belde zelf naar mama om 20 uur.",
        ),
        (
            date(2026, 11, 12),
            "nicole",
            "worry",
            "Nathalie moest 's avonds weg en Rita kon pas om 21 uur. "
            "Ik heb een uur bij de kinderen gezeten; de sleutel lag bij mij, zoals afgesproken.",
        ),
        (
            date(2026, 11, 16),
            None,
            "note",
            "Huisbezoek: het plan hangt op de koelkast. Emma weet wie ze kan bellen als mama weg is.",
        ),
        (
            date(2026, 11, 19),
            "nathalie",
            "went_well",
            "Ik had een afspraak bij de schuldbemiddeling. Rita bleef bij de kinderen tot ik terug was.",
        ),
        (
            date(2026, 11, 21),
            "rita",
            "worry",
            "Ik ben donderdag ziek. Jolien komt in mijn plaats slapen.",
        ),
    ],
}


# Emma's words-and-pictures story: (text, drawing, description of the drawing).
EMMA_STORY = [
    (
        "Jij woont met mama en je kleine broer Louis in jullie huis. Mama zorgt voor jullie en ze houdt veel "
        "van jullie.",
        "home",
        "Een huis met een rood dak en een zon",
    ),
    (
        "Mama had zorgen over geld. Daarom ging ze soms 's nachts weg om geld te verdienen. Dan waren jij en "
        "Louis alleen thuis. Dat is niet veilig voor kinderen: er moet altijd een volwassene bij jullie zijn.",
        "night",
        "Een huis in de nacht met de maan erboven",
    ),
    (
        "Op een nacht bleef Louis huilen. Een buur hoorde dat en belde de politie. De politie kwam kijken en "
        "nam jullie mee, zodat er goed voor jullie gezorgd werd.",
        "phone",
        "Een telefoon die belt",
    ),
    (
        "De jeugdrechter beslist wat er moet gebeuren als kinderen niet veilig zijn. Zij zei: Emma en Louis "
        "slapen een tijdje in De Kajuit. Daar zijn altijd volwassenen die voor jullie zorgen, ook 's nachts.",
        "shelter",
        "Een groot huis met veel ramen",
    ),
    (
        "Mama wil dat jullie weer thuis kunnen wonen. Daarom maakt zij een plan met oma Rita, tante Jolien en "
        "buurvrouw Nicole. In het plan staat wie er voor jullie zorgt als mama er niet is.",
        "people",
        "Vier volwassenen naast elkaar",
    ),
    (
        "Als het plan klaar is en iedereen het heeft ondertekend, kijkt de jeugdrechter of jullie weer naar "
        "huis mogen. Je mag altijd vragen stellen aan Tom en aan Elke.",
        "home",
        "Een huis met een rood dak en een zon",
    ),
]


# Emma's three houses in two conversations with the crisis worker: what she said, in her words.
EMMA_HOUSES = [
    {
        "talked_on": date(2026, 10, 21),
        "worries": "Dat ik niet meer naar huis mag.",
        "good_things": "Louis is bij mij.",
        "dreams": "Naar huis.",
    },
    {
        "talked_on": date(2026, 11, 12),
        "worries": "Dat mama 's nachts weer weggaat en dat Louis dan alleen is. Dat we niet meer naar huis mogen.",
        "good_things": "Oma Rita komt elke woensdag. In De Kajuit mag ik tekenen. Louis lacht als ik liedjes zing. "
        "Mijn juf is lief.",
        "dreams": "Weer thuis wonen met mama en Louis. Dat mama geen geldzorgen meer heeft. Later wil ik juf worden.",
    },
]


# The safety-planning module under the urgency procedure from the urgent claim of 19 October 2026, with 33 h of
# contact over the six weeks (minutes per week: a home visit and a shorter second contact).
PATHWAY_START = date(2026, 10, 19)
WEEKLY_MINUTES = (330, 330, 330, 330, 330, 330)


def tell(story: Story) -> None:
    """Seed 004 case 2: the module from the urgent claim; the danger statement and goals; the youth judge's two
    bottom lines and a safety plan signed by three adults of mother's network (grandmother, aunt, neighbour),
    whose rules serve the goal of the judge's bottom line; the mappings of two meetings; scaling (a large gap
    at first, closer later); the journal; the interim evaluation, which finds both bottom lines met; and Emma's
    words-and-pictures story and three houses (the judge asked for the story "so that the eldest child, and
    later the youngest, are told what happened"; Louis, 10 months, gets his later, as in the seed)."""
    pathways.pathway(story, pathways.URGENCY, start=PATHWAY_START, weekly_minutes=WEEKLY_MINUTES)
    safety.danger_statement(story, STATEMENTS)
    safety.plan(
        story,
        {
            "title": "Veiligheidsplan Emma en Louis",
            "set_by": JUDGE,
            "set_on": date(2026, 10, 19),
            "bottom_lines": BOTTOM_LINES,
            "rules": RULES,
        },
    )
    safety.mappings(story, MAPPINGS)
    safety.scaling(story, SCALES)
    safety.safety_journal(story, JOURNAL)
    safety.evaluation(story, EVALUATION)
    childvoice.words_and_pictures(story, "Emma", EMMA_STORY)
    childvoice.three_houses(story, "Emma", EMMA_HOUSES)
