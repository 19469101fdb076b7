"""The demo caseload's Signs of Success, told through the services (idempotent).

Sasja (14, arson; KR-NL-2025-0007) — seed 000, slides "Boekensteunen framework" and "Acties en wie doet wat",
practice model §4: her book-ends are entered as the slides have them. Her Klaar mee?! stages (seed 000,
"Perspectief 4", Bottoms & Shapland) go with the ups and downs of the case: a relapse at home (no new offence:
she smashed her door after a row, as before), and in September 2026 she sees herself as stopping while her
worker still sees her recognising — the month the judge extended the probation because calm at home was not yet
stable."""

from datetime import date

from kring.cases.models import Dossier

from . import services
from .models import BookEnds, DesistanceRecord, IkPlan

SASJA = "KR-NL-2025-0007"

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


def seed(stdout) -> None:
    dossier = Dossier.objects.filter(reference=SASJA).first()
    if dossier is None:
        return
    if not BookEnds.objects.filter(dossier=dossier).exists():
        services.book_ends_save(
            actor=None,
            dossier=dossier,
            greatest_worry=SASJA_GREATEST_WORRY,
            success_goal=SASJA_SUCCESS_GOAL,
            actions=SASJA_ACTIONS,
        )
        stdout.write(f"Signs of Success: book-ends for {SASJA}\n")
    if not IkPlan.objects.filter(dossier=dossier).exists():
        services.ik_plan_save(
            actor=None,
            dossier=dossier,
            goals="Ik wil thuis blijven wonen. Ik wil niet meer alles kapot maken als ik boos ben.",
            steps="Als ik boos word, ga ik naar buiten of naar mijn kamer. Ik ga elke dag naar school.",
            helpers="Mijn moeder en vader, opa Henk, de MST-therapeut en mijn jeugdreclasseerder.",
            written_by=IkPlan.WrittenBy.WORKER_ON_BEHALF,
        )
        stdout.write(f"Signs of Success: IK-plan for {SASJA}\n")
    if not DesistanceRecord.objects.filter(dossier=dossier).exists():
        for record in SASJA_DESISTANCE:
            services.desistance_record_add(actor=None, dossier=dossier, **record)
        stdout.write(f"Signs of Success: Klaar mee?! stages for {SASJA}\n")
