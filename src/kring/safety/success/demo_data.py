"""The demo caseload's Signs of Success, told through the services (idempotent).

Sasja (14, arson; KR-NL-2025-0007) — seed 000, slides "Boekensteunen framework" and "Acties en wie doet wat",
practice model §4: her book-ends are entered as the slides have them."""

from kring.cases.models import Dossier

from . import services
from .models import BookEnds, IkPlan

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
