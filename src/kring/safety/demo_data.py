"""The demo caseload's Signs of Safety, told through the services (idempotent: each part is seeded once).

- Seed 004 case 2 (Lambrecht, KR-BE-2026-0002): the youth judge's two bottom lines, a safety plan signed by
  three adults of mother's network (grandmother, aunt, neighbour), and the mappings of two meetings.
- Seed 001, SAVE guidance (Kaya, KR-NL-2026-0006): the mappings of the round-table meeting and the next one.
- Both: a danger statement and safety goals composed from their fields (the rules of Lambrecht's plan serve
  the goal of the judge's bottom line), and rounds of scaling questions by the children, the parents, the
  network and the professionals: at the first meeting the family is far more positive than the professionals
  (a large gap); later the two come closer. Rounds dated after today are left out.
- Lambrecht: the interim evaluation of the plan, which finds both bottom lines met (with evidence).
- Both: a safety journal with what the network told the family worker during visits, written down on their
  behalf; the worker who wrote them down has read them, the case worker has not read the last ones yet.
"""

from datetime import date
from typing import Any

from django.utils import timezone

from kring.cases.models import CircleMember, Dossier, Participant

from . import evaluations, journal, mapping, scales, services, statements
from .models import JournalEntry, JournalRead, Mapping, SafetyGoal, ScaleRating, SetBy

LAMBRECHT = "KR-BE-2026-0002"
KAYA = "KR-NL-2026-0006"
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

# Two meetings per dossier: (date, meeting, network first names, circle usernames, scale, items) for the
# first; for the second also the items changed ({old text: (element, new text)}) and removed.
MAPPINGS = {
    LAMBRECHT: [
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
    ],
    KAYA: [
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
    ],
}


# Per dossier: the danger statement, and its safety goals (the first answers the statement).
STATEMENTS = {
    LAMBRECHT: {
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
    },
    KAYA: {
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
    },
}


# Rounds of scores: (question, date, {rater: score}); a rater is a child's first name, a network first name
# or a circle username.
SCALES = {
    LAMBRECHT: [
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
    ],
    KAYA: [
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
    ],
}


# The interim evaluation of Lambrecht's plan: the judge's two bottom lines met (in the order they were set),
# the safety scale of everyone present, and what was decided.
EVALUATIONS = {
    LAMBRECHT: {
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
    },
}


# The journal: (date, who said it — a network first name or None for the worker, kind, text), written down
# by the first username; the second username has read all but the last two.
JOURNALS = {
    LAMBRECHT: {
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
    },
    KAYA: {
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
    },
}


def _network(dossier: Dossier) -> dict[str, Participant]:
    return {
        p.person.first_name.lower(): p
        for p in Participant.objects.filter(dossier=dossier).select_related("person")
    }


def _circle(dossier: Dossier) -> dict[str, CircleMember]:
    return {c.user.username: c for c in CircleMember.objects.filter(dossier=dossier).select_related("user")}


def _seed_statements(dossier: Dossier, told: dict) -> bool:
    if dossier.danger_statements.exists():
        return False
    children = list(dossier.children.order_by("date_of_birth"))
    danger = statements.danger_statement_save(
        actor=None, dossier=dossier, language="nl", children=children, **told["danger"]
    )
    for index, goal in enumerate(told["goals"]):
        statements.safety_goal_save(
            actor=None,
            dossier=dossier,
            language="nl",
            children=children,
            danger_statement=danger if index == 0 else None,
            **goal,
        )
    return True


def _raters(dossier: Dossier) -> dict[str, scales.Rater]:
    """The raters by a child's or network member's first name, or a professional's username."""
    raters = {}
    for rater in scales.dossier_raters(dossier):
        if rater.child is not None:
            raters[rater.child.first_name.lower()] = rater
        elif rater.participant is not None:
            raters[rater.participant.person.first_name.lower()] = rater
        else:
            raters[rater.circle_member.user.username] = rater
    return raters


def _seed_scales(dossier: Dossier, rounds: list) -> bool:
    if ScaleRating.objects.filter(dossier=dossier).exists():
        return False
    raters = _raters(dossier)
    today = timezone.localdate()
    for question, day, scores in rounds:
        if day > today:
            continue
        scales.scale_ratings_record(
            actor=None,
            dossier=dossier,
            question=question,
            rated_on=day,
            scores=[(raters[name], score) for name, score in scores.items() if name in raters],
        )
    return True


def _seed_evaluation(dossier: Dossier, told: dict) -> bool:
    if dossier.evaluations.exists() or told["held_on"] > timezone.localdate():
        return False
    network, circle, raters = _network(dossier), _circle(dossier), _raters(dossier)
    lines = list(dossier.bottom_lines.order_by("set_on", "pk"))
    evaluations.evaluation_record(
        actor=None,
        dossier=dossier,
        kind=told["kind"],
        held_on=told["held_on"],
        plan=dossier.safety_plans.first(),
        participants=[network[name] for name in told["network"]],
        circle_members=[circle[name] for name in told["circle"] if name in circle],
        assessments=[
            (line, status, evidence)
            for line, (status, evidence) in zip(lines, told["assessments"], strict=True)
        ],
        scores=[(raters[name], score) for name, score in told["scores"].items() if name in raters],
        decisions=told["decisions"],
        outcome=told["outcome"],
    )
    return True


def _seed_journal(dossier: Dossier, told: dict) -> bool:
    if dossier.safety_journal.exists():
        return False
    network, circle = _network(dossier), _circle(dossier)
    writer, reader = circle.get(told["writer"]), circle.get(told["reader"])
    today = timezone.localdate()
    entries = [
        journal.journal_entry_add(
            actor=None,
            dossier=dossier,
            happened_on=day,
            said_by_participant=network[who] if who else None,
            kind=kind,
            text=text,
        )
        for day, who, kind, text in told["entries"]
        if day <= today
    ]
    # The seed writes as the system; in the story the family worker wrote these down during visits.
    if writer is not None:
        JournalEntry.objects.filter(pk__in=[e.pk for e in entries]).update(recorded_by=writer.user)
        JournalRead.objects.bulk_create(JournalRead(entry=e, user=writer.user) for e in entries)
    if reader is not None:
        JournalRead.objects.bulk_create(JournalRead(entry=e, user=reader.user) for e in entries[:-2])
    return bool(entries)


def _seed_plan(dossier: Dossier) -> bool:
    if dossier.safety_plans.exists():
        return False
    lines = [
        services.bottom_line_add(
            actor=None,
            dossier=dossier,
            text=text,
            set_by_kind=SetBy.JUDGE,
            set_by_name=JUDGE,
            set_on=date(2026, 10, 19),
            min_network_adults=needed,
        )
        for text, needed in BOTTOM_LINES
    ]
    network = _network(dossier)
    goals = list(SafetyGoal.objects.filter(dossier=dossier).order_by("pk")[:1])
    plan = services.plan_create(actor=None, dossier=dossier, title="Veiligheidsplan Emma en Louis")
    for who, text, when in RULES:
        services.rule_add(
            actor=None,
            plan=plan,
            text=text,
            when=when,
            participants=[network[who]],
            bottom_lines=lines,
            safety_goals=goals,
        )
    version = services.current_version(plan)
    for who, _text, _when in RULES:
        services.plan_sign(actor=None, version=version, participant=network[who], on_paper=True)
    return True


def _seed_mappings(dossier: Dossier, meetings: list[dict]) -> bool:
    if Mapping.objects.filter(dossier=dossier).exists():
        return False
    network, circle = _network(dossier), _circle(dossier)
    for meeting in meetings:
        new = mapping.mapping_create(
            actor=None,
            dossier=dossier,
            held_on=meeting["held_on"],
            meeting=meeting["meeting"],
            participants=[network[name] for name in meeting["network"]],
            circle_members=[circle[name] for name in meeting["circle"] if name in circle],
            safety_scale=meeting["scale"],
        )
        items = {item.text: item for item in new.items.all()}
        for old, (element, text) in meeting.get("change", {}).items():
            item = items[old]
            mapping.mapping_item_update(
                actor=None, item=item, element=element, text=text, revision=item.revision
            )
        for old in meeting.get("remove", []):
            mapping.mapping_item_remove(actor=None, item=items[old])
        for element, text in meeting["add"]:
            mapping.mapping_item_add(actor=None, mapping=new, element=element, text=text)
    return True


def seed(stdout) -> None:
    for reference, told in STATEMENTS.items():
        _seed_part(reference, _seed_statements, told, "danger statement and safety goals", stdout)
    _seed_part(
        LAMBRECHT, lambda dossier, _told: _seed_plan(dossier), None, "bottom lines and a signed plan", stdout
    )
    parts = (
        (MAPPINGS, _seed_mappings, "mappings of two meetings"),
        (SCALES, _seed_scales, "scaling questions"),
        (JOURNALS, _seed_journal, "safety journal"),
        (EVALUATIONS, _seed_evaluation, "interim evaluation"),
    )
    for stories, seed_one, what in parts:
        for reference, told in stories.items():
            _seed_part(reference, seed_one, told, what, stdout)


def _seed_part(reference: str, seed_one: Any, told: Any, what: str, stdout: Any) -> None:
    """Seed one part of one dossier's story, once: each `seed_one` returns False when it is already there."""
    dossier = Dossier.objects.filter(reference=reference).first()
    if dossier is not None and seed_one(dossier, told):
        stdout.write(f"  safety: {reference} {what}\n")
