"""The demo caseload's Signs of Success, told through the services (idempotent).

Sasja (14, arson; KR-NL-2025-0007) — seed 000, slides "Boekensteunen framework" and "Acties en wie doet wat",
practice model §4: her book-ends are entered as the slides have them. Her Klaar mee?! stages (seed 000,
"Perspectief 4", Bottoms & Shapland) go with the ups and downs of the case: a relapse at home (no new offence:
she smashed her door after a row, as before), and in September 2026 she sees herself as stopping while her
worker still sees her recognising — the month the judge extended the probation because calm at home was not yet
stable.

Thijs (16; KR-NL-2025-0002) — seed 001, tool "Positief afsluiten" and the lesson on reporting back positively:
his youth probation was closed early and positively after eight months (the cases demo ends the measure on
17 November 2025 with that end reason). Here he gets the Signs of Success behind it — book-ends, IK-plan, Klaar
mee?! stages — and the closure with its report to the child protection board: proposed by his worker Sanne
Meijer, confirmed by team lead Ingrid Verhoeven. Those two steps are written through the services as those two
users, so that the report carries their names (the access log shows them at the time seed_demo ran)."""

from datetime import date

from kring.accounts.models import User
from kring.cases.models import Dossier

from . import services
from .models import BookEnds, DesistanceRecord, EarlyClosure, IkPlan

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
    _seed_thijs(stdout)
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


THIJS = "KR-NL-2025-0002"
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


def _seed_thijs(stdout) -> None:
    dossier = Dossier.objects.filter(reference=THIJS).first()
    if dossier is None or EarlyClosure.objects.filter(dossier=dossier).exists():
        return
    if not BookEnds.objects.filter(dossier=dossier).exists():
        services.book_ends_save(actor=None, dossier=dossier, **THIJS_BOOK_ENDS)
    if not IkPlan.objects.filter(dossier=dossier).exists():
        services.ik_plan_save(
            actor=None,
            dossier=dossier,
            goals="Ik wil mijn diploma fietstechniek halen. Ik wil werken bij de fietsenmaker.",
            steps="Elke dag naar school. Op zaterdag werken. Niet meer meegaan als de jongens iets stoms willen.",
            helpers="Mijn moeder, opa Jan, Wim van de fietsenmaker en Sanne.",
            written_by=IkPlan.WrittenBy.YOUNG_PERSON,
        )
    if not DesistanceRecord.objects.filter(dossier=dossier).exists():
        for record in THIJS_DESISTANCE:
            services.desistance_record_add(actor=None, dossier=dossier, **record)
    worker = User.objects.filter(username="sanne.meijer").first()
    team_lead = User.objects.filter(username="ingrid.verhoeven").first()
    measure = next(iter(services.closure_candidates(dossier=dossier)), None)
    if measure is None:
        return
    closure = services.closure_propose(actor=worker, dossier=dossier, measure=measure, **THIJS_CLOSURE)
    services.closure_confirm(
        actor=team_lead,
        closure=closure,
        note="Akkoord. Een mooi resultaat van Thijs en zijn netwerk; terugmelden aan de Raad.",
        on=date(2025, 11, 14),
    )
    stdout.write(f"Signs of Success: positive early closure and report for {THIJS}\n")
