"""The demo caseload's Signs of Safety, told through the services (idempotent).

Seed 004 case 2 (Lambrecht, KR-BE-2026-0002): the youth judge's two bottom lines and a safety plan signed by
three adults of mother's network (grandmother, aunt, neighbour)."""

from datetime import date

from kring.cases.models import Dossier, Participant

from . import services
from .models import SetBy

LAMBRECHT = "KR-BE-2026-0002"
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


def seed(stdout) -> None:
    dossier = Dossier.objects.filter(reference=LAMBRECHT).first()
    if dossier is None or dossier.safety_plans.exists():
        return
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
    network = {
        p.person.first_name.lower(): p for p in Participant.objects.filter(dossier=dossier, role="informal")
    }
    plan = services.plan_create(actor=None, dossier=dossier, title="Veiligheidsplan Emma en Louis")
    for who, text, when in RULES:
        services.rule_add(
            actor=None, plan=plan, text=text, when=when, participants=[network[who]], bottom_lines=lines
        )
    version = services.current_version(plan)
    for who, _text, _when in RULES:
        services.plan_sign(actor=None, version=version, participant=network[who], on_paper=True)
    stdout.write(f"  safety: {LAMBRECHT} bottom lines and a signed safety plan\n")
