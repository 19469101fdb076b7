"""A modest cohort of ended youth-probation measures with their outcomes, so that a team lead of Team
Jeugdreclassering (Ingrid Verhoeven) finds something true on the insights dashboards and in the cohort
comparison: did Signs of Success work better than regular probation here, and how sure are we?

Forty-four invented young people of Jeugdbescherming Wijland, half with Signs of Success and half with
regular probation (22 each: above the comparison's "too small" line of 20). Each gets a dossier through the
intake, a youth-probation measure that ended between early 2025 and November 2026, the method, a risk
assessment at the start and near the end, warning talks and reports back, the end and the judgement at the
end; a few get a new measure later (a repeat appeal). Everything goes through the services as the system
(actor None), like the rest of the demo. The methods differ on purpose in the direction the seed study
found — risk goes down more, goals are realised more, fewer warning talks and reports back, fewer repeat
appeals — but the draws are random (seeded, so every run gives the same people and figures), so the
intervals are honest about how little 22 against 22 can say.

The youth-probation worker of the team (Sanne Meijer) has the seat in each circle; when the measure has
ended and no new one followed, she proposes the closure and the team lead confirms it (four eyes), on the day
the measure ended. Idempotent: a dossier whose reference exists is left alone (the whole demo runs in one
transaction).
"""

import random
from datetime import date, timedelta
from typing import Any

from kring.accounts.models import Membership, Role, Team, User
from kring.cases.models import Dossier, EndReason, MeasureKind, OriginKind
from kring.cases.services import circle_member_add, history, intake
from kring.cases.services import closure as closure_services
from kring.insights import services
from kring.insights.models import (
    Method,
    ProbationEventKind,
    ProbationEventOutcome,
    ProbationEventReason,
    RiskInstrument,
    RiskLevel,
)

ORGANISATION, TEAM = "Jeugdbescherming Wijland", "Team Jeugdreclassering"
WORKER, TEAM_LEAD = "sanne.meijer", "ingrid.verhoeven"  # the team's youth-probation worker and its team lead
LIVING = ("bij moeder", "bij beide ouders", "bij vader", "bij moeder en stiefvader", "bij oma")
PEOPLE = 44
REFERENCE = "KR-NL-2025-{:04d}"  # 0101 and up: clear of the stories' references
FIRST_NUMBER = 101
SEED = "kring-demo-outcomes-2026"
FIRST_OPENED, LAST_OPENED = date(2024, 6, 1), date(2025, 11, 1)
LAST_END = date(2026, 11, 15)  # every date lies in the past for the demo

FIRST_NAMES = {
    "male": ("Bram", "Daan", "Mees", "Jesse", "Ruben", "Sem", "Ayoub", "Kevin", "Luuk", "Milan", "Owen",
             "Rayan", "Stan", "Tim", "Yusuf", "Jayden", "Niels", "Thomas"),
    "female": ("Amber", "Fleur", "Iris", "Jasmijn", "Lieke", "Naomi", "Noa", "Romy", "Sara", "Yasmina",
               "Esmee", "Kiki"),
}  # fmt: skip
LAST_NAMES = (
    "Aydın", "Bakker", "Bos", "de Bruijn", "Dijkman", "El Idrissi", "de Graaf", "Hoekstra", "Jacobs",
    "Kramer", "van Leeuwen", "Martens", "Meijer", "Nijhuis", "Postma", "Ramdin", "Schouten", "Smits",
    "van der Veen", "Verbruggen", "Vos", "de Wit", "Wolters", "Zwart",
)  # fmt: skip
FACTORS = ("gezin", "school_werk", "vrienden", "vrije_tijd", "middelengebruik")
KINDS = (
    (MeasureKind.NL_YOUTH_PROBATION, 5),
    (MeasureKind.NL_YOUTH_PROBATION_CONDITIONAL, 3),
    (MeasureKind.NL_YOUTH_PROBATION_PRETRIAL, 2),
)

# per method (True: Signs of Success): (reason, weight), goal weights 1-5, change in the dynamic total,
# warning talks and reports back (rates), share with a new measure later, median duration in days
END_REASONS = {
    True: ((EndReason.GOALS_REACHED, 55), (EndReason.EARLY_POSITIVE_CLOSURE, 20), (EndReason.ESCALATED, 8),
           (EndReason.TRANSFERRED, 7), (EndReason.OTHER, 10)),
    False: ((EndReason.GOALS_REACHED, 45), (EndReason.EARLY_POSITIVE_CLOSURE, 10), (EndReason.ESCALATED, 18),
            (EndReason.TRANSFERRED, 10), (EndReason.OTHER, 17)),
}  # fmt: skip
GOAL_WEIGHTS = {True: (3, 8, 25, 39, 25), False: (10, 22, 33, 25, 10)}
RISK_CHANGE = {True: (-6.0, 4.0), False: (-2.0, 4.0)}
WARNING_RATE = {True: 0.8, False: 1.6}
REPORT_RATE = {True: 0.3, False: 0.8}
REPEAT_SHARE = {True: 0.10, False: 0.25}
DURATION_MEDIAN = {True: 270, False: 330}

EVIDENCE = {
    1: "De doelen uit het plan zijn niet gehaald; de jongere heeft de begeleiding nauwelijks benut.",
    2: "Een enkel doel is gedeeltelijk gehaald; school en dagbesteding bleven een probleem.",
    3: "Ongeveer de helft van de doelen is gehaald, volgens de eindevaluatie met jongere en ouders.",
    4: "De meeste doelen zijn gehaald: weer naar school, geen nieuwe politiecontacten sinds de start.",
    5: "Alle doelen zijn gehaald; de jongere en het netwerk houden zelf de afspraken vast.",
}


def _poisson(rng: random.Random, rate: float) -> int:
    limit, k, p = pow(2.718281828459045, -rate), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _scores(rng: random.Random, total: float) -> dict[str, float]:
    weights = [rng.random() + 0.2 for _ in FACTORS]
    return {f: round(w * total / sum(weights), 1) for f, w in zip(FACTORS, weights, strict=True)}


def _level(total: float) -> str:
    return RiskLevel.HIGH if total >= 25 else RiskLevel.MEDIUM if total >= 12 else RiskLevel.LOW


def seed(stdout: Any, *, today: date) -> int:
    """Write the cohort; returns how many dossiers were new."""
    team = Team.objects.get(name=TEAM, organisation__name=ORGANISATION)
    worker, lead = User.objects.get(username=WORKER), User.objects.get(username=TEAM_LEAD)
    seat = Membership.objects.active().get(user=worker, team=team, role=Role.CASE_WORKER)
    rng = random.Random(SEED)  # invented data, not security; one stream in a fixed order: the same each run
    people = [_draw(rng, number) for number in range(FIRST_NUMBER, FIRST_NUMBER + PEOPLE)]
    existing = set(
        Dossier.objects.filter(reference__in=[p["reference"] for p in people]).values_list(
            "reference", flat=True
        )
    )
    new = 0
    for person in people:
        if person["reference"] not in existing:
            _write(team, person, today, seat=seat, lead=lead)
            new += 1
    if new:
        stdout.write(f"  insights: {new} young people with ended youth-probation measures and outcomes\n")
    return new


def _draw(rng: random.Random, number: int) -> dict[str, Any]:
    """Everything about one young person, drawn before anything is written (so a rerun draws the same)."""
    success = number % 2 == 0
    gender = rng.choice(("male", "male", "female"))
    opened_on = FIRST_OPENED + timedelta(days=rng.randint(0, (LAST_OPENED - FIRST_OPENED).days))
    started_on = opened_on + timedelta(days=rng.randint(3, 20))
    days = max(90, int(rng.lognormvariate(0, 0.35) * DURATION_MEDIAN[success]))
    ended_on = min(started_on + timedelta(days=days), LAST_END)
    reasons, weights = zip(*END_REASONS[success], strict=True)
    reason = rng.choices(reasons, weights=weights)[0]
    first = max(8.0, rng.gauss(22, 5))
    mean, spread = RISK_CHANGE[success]
    last = min(50.0, max(0.0, first + rng.gauss(mean, spread)))
    span = (ended_on - started_on).days
    events = [
        (kind, started_on + timedelta(days=rng.randint(7, span - 7)), rng.choice(ProbationEventReason.values),
         rng.choice(ProbationEventOutcome.values))
        for kind, rate in ((ProbationEventKind.WARNING_TALK, WARNING_RATE), (ProbationEventKind.REPORT_BACK,
                                                                            REPORT_RATE))
        for _ in range(_poisson(rng, rate[success]))
    ]  # fmt: skip
    goal = rng.choices((1, 2, 3, 4, 5), weights=GOAL_WEIGHTS[success])[0]
    repeat_on = None
    if reason not in (EndReason.ESCALATED, EndReason.TRANSFERRED) and rng.random() < REPEAT_SHARE[success]:
        repeat_on = ended_on + timedelta(days=rng.randint(45, 330))
        if repeat_on > LAST_END:
            repeat_on = None
    return {
        "reference": REFERENCE.format(number),
        "method": Method.SIGNS_OF_SUCCESS if success else Method.REGULAR,
        "first_name": rng.choice(FIRST_NAMES[gender]),
        "last_name": rng.choice(LAST_NAMES),
        "gender": gender,
        "living": rng.choice(LIVING),
        "born": started_on - timedelta(days=rng.randint(14 * 365, 17 * 365 + 300)),
        "opened_on": opened_on,
        "kind": rng.choices([k for k, _w in KINDS], weights=[w for _k, w in KINDS])[0],
        "started_on": started_on,
        "ended_on": ended_on,
        "reason": reason,
        "risks": (
            (started_on + timedelta(days=14), _scores(rng, first)),
            (ended_on - timedelta(days=7), _scores(rng, last)),
        ),
        "events": events,
        "goal": goal,
        "help": max(1, min(5, goal + rng.choice((-1, 0, 0, 1)))),
        "repeat_on": repeat_on,
    }


def _write(team: Team, p: dict[str, Any], today: date, *, seat: Membership, lead: User) -> None:
    dossier = intake.dossier_intake(
        actor=None,
        intake=intake.Intake(
            team=team,
            title=f"Jeugdreclassering {p['first_name']} {p['last_name']}",
            origin_kind=OriginKind.BOARD_REQUEST,
            origin_on=p["opened_on"],
            origin_note="Advies van de Raad voor de Kinderbescherming na de zitting.",
            case_role="jeugdreclasseerder",
            children=[
                intake.PersonIn(
                    first_name=p["first_name"],
                    last_name=p["last_name"],
                    date_of_birth=p["born"],
                    gender=p["gender"],
                    living_situation=p["living"],
                )
            ],
        ),
        reference=p["reference"],
        opened_on=p["opened_on"],
    )
    circle_member_add(
        actor=None,
        dossier=dossier,
        membership=seat,
        case_role="jeugdreclasseerder",
        assignment="Uitvoering van de jeugdreclassering.",
        started_on=p["opened_on"],
    )
    child = dossier.children.get()
    measure = history.measure_start(
        actor=None,
        dossier=dossier,
        child=child,
        kind=p["kind"],
        started_on=p["started_on"],
        planned_end_on=p["started_on"] + timedelta(days=365),
        decided_by="Kinderrechter, rechtbank Wijland",
    )
    services.method_label_set(actor=None, dossier=dossier, method=p["method"], since=p["started_on"])
    for assessed_on, scores in p["risks"]:
        services.risk_assessment_add(
            actor=None,
            dossier=dossier,
            child=child,
            measure=measure,
            instrument=RiskInstrument.LIJ,
            assessed_on=assessed_on,
            overall_level=_level(sum(scores.values())),
            dynamic_scores=scores,
            today=today,
        )
    for kind, occurred_on, reason, outcome in p["events"]:
        services.probation_event_add(
            actor=None,
            dossier=dossier,
            measure=measure,
            kind=kind,
            occurred_on=occurred_on,
            reason=reason,
            outcome=outcome,
            today=today,
        )
    history.measure_end(actor=None, measure=measure, ended_on=p["ended_on"], end_reason=p["reason"])
    services.end_judgement_record(
        actor=None,
        measure=measure,
        goal_realisation=p["goal"],
        help_accepted=p["help"],
        evidence=EVIDENCE[p["goal"]],
        judged_on=p["ended_on"],
        today=today,
    )
    if not p["repeat_on"]:
        proposal = closure_services.closure_propose(
            actor=seat.user,
            dossier=dossier,
            summary="De jeugdreclassering is beëindigd; er is geen verdere hulp vanuit de jeugdreclassering nodig.",
            day=p["ended_on"],
        )
        closure_services.closure_confirm(actor=lead, closure=proposal, note="Akkoord.", day=p["ended_on"])
    else:
        history.measure_start(
            actor=None,
            dossier=dossier,
            child=child,
            kind=MeasureKind.NL_YOUTH_PROBATION,
            started_on=p["repeat_on"],
            planned_end_on=p["repeat_on"] + timedelta(days=365),
            decided_by="Kinderrechter, rechtbank Wijland",
        )
