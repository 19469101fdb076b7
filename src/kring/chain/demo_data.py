"""The demo caseload's Chain table, told through the services (idempotent).

A ZSM chain table in Wijland with the demo police (bas.vermeulen), Veilig Thuis (noor.hendriks) and youth
probation of Jeugdbescherming Wijland (sanne.meijer), plus prosecution (joost.vermaat, the chair), the child
protection board (femke.postma), Halt, adult probation, victim support and the Veiligheidshuis (organisations
and users of kinds the demo caseload lacks, made here). The three cases of seed 002, with invented names: the
man of 61 with the cola cans (decided; the plan date to look back has come), the 15-year-old with a family
guardian (decided; he was at the table before, for a Halt case: a repeat report on the patterns page), the
9-year-old with unclear custody (being deepened; a request to Veilig Thuis still open)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from kring.accounts.models import Membership, Organisation, OrganisationKind, Role

from . import services
from .models import ChainCase, ChainTable, LegalStatus

EXTRA = [
    ("OM Wijland", OrganisationKind.PROSECUTION),
    ("Raad voor de Kinderbescherming Wijland", OrganisationKind.CHILD_PROTECTION_BOARD),
    ("Halt Wijland", OrganisationKind.HALT),
    ("Reclassering Wijland", OrganisationKind.PROBATION),
    ("Slachtofferhulp Wijland", OrganisationKind.VICTIM_SUPPORT),
    ("Veiligheidshuis Wijland", OrganisationKind.VEILIGHEIDSHUIS),
]
# Demo users of the chair and the child protection board (the shared demo password of seed_demo).
USERS = [
    ("joost.vermaat", "Joost", "Vermaat", "OM Wijland"),
    ("femke.postma", "Femke", "Postma", "Raad voor de Kinderbescherming Wijland"),
]


def _org(name: str, kind: str) -> Organisation:
    # made with two-factor login off for the demo, like seed_demo's organisations
    return Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "require_mfa": False})[0]


def _users() -> None:
    from kring.cases.management.commands.seed_demo import DEMO_PASSWORD

    model = get_user_model()
    password = None
    for username, first, last, organisation in USERS:
        user = model.objects.filter(username=username).first()
        if user is None:
            password = password or make_password(DEMO_PASSWORD)
            user = model.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
                password=password,
            )
        Membership.objects.get_or_create(
            user=user,
            organisation=Organisation.objects.get(name=organisation),
            team=None,
            role=Role.CHAIN_PARTNER,
        )


def seed(stdout) -> None:
    police = Organisation.objects.filter(name="Politie Wijland").first()
    vt = Organisation.objects.filter(name="Veilig Thuis Wijland").first()
    jb = Organisation.objects.filter(name="Jeugdbescherming Wijland").first()
    if not (police and vt and jb):
        stdout.write("chain: demo organisations missing, skipped")
        return
    om, board, halt, probation, victim_support, safety_house = (_org(n, k) for n, k in EXTRA)
    _users()
    table, _ = ChainTable.objects.get_or_create(name="ZSM Wijland", defaults={"chair": om})
    for partner in (police, vt, jb, om, board, halt, probation, victim_support, safety_house):
        services.chain_table_member_add(table=table, organisation=partner)
    today = timezone.localdate()
    partners = {
        "police": police,
        "vt": vt,
        "jb": jb,
        "om": om,
        "board": board,
        "halt": halt,
        "probation": probation,
        "victim_support": victim_support,
        "safety_house": safety_house,
    }
    made = 0
    for story in _stories(today, **partners):
        if ChainCase.objects.filter(reference=story["reference"]).exists():
            continue
        _tell(table, story)
        made += 1
    stdout.write(f"chain: table {table.name}, {made} new chain cases")


def _tell(table: ChainTable, story: dict) -> None:
    case = services.chain_case_bring_in(
        actor=None, table=table, **story["intake"], reference=story["reference"]
    )
    if case.triggers:
        services.deepening_start(actor=None, case=case)
    persons = list(case.persons.all())
    for requested_by, addressee, question, why, answer in story.get("requests", []):
        req = services.context_request_send(
            actor=None,
            case=case,
            requested_by=requested_by,
            addressee=addressee,
            question=question,
            need_to_know=why,
            due_at=timezone.now() + timedelta(days=1),
            about=persons,
        )
        if answer:
            services.context_request_answer(actor=None, request=req, answer=answer)
    for org, view in story.get("views", []):
        services.partner_view_record(actor=None, case=case, organisation=org, view=view)
    if story.get("hypotheses"):
        services.hypotheses_record(actor=None, case=case, hypotheses=story["hypotheses"])
    if story.get("decision"):
        services.decision_record(actor=None, case=case, **story["decision"])
    if story.get("look_back"):
        services.look_back_record(actor=None, case=case, **story["look_back"])


def _stories(today, police, vt, jb, om, board, halt, probation, victim_support, safety_house) -> list[dict]:
    d = lambda n: today - timedelta(days=n)  # noqa: E731
    kevin_born = d(6) - timedelta(days=15 * 365 + 100)
    return [
        {
            # Kevin at the table the year before: a shoplifting case settled with Halt (a repeat report now)
            "reference": "ZSM-WL-2025-0412",
            "intake": {
                "brought_in_by": police,
                "incident": "Boy of 14 caught shoplifting with two friends (energy drinks and sweets).",
                "incident_on": d(230),
                "listed_on": d(229),
                "legal_status": LegalStatus.SUSPECT,
                "persons": [
                    {"role": "suspect", "name": "Kevin de Wit", "birth_date": kevin_born, "problems": 1}
                ],
            },
            "views": [],
            "decision": {
                "measures": ["halt"],
                "tasks": "Halt: twelve hours and a talk with his parents.",
                "decided_on": d(228),
                "look_back_on": d(140),
            },
            "look_back": {
                "what_happened": "Halt completed. School attendance got worse after the summer.",
                "lessons": "Ask the school at the look-back, not only Halt.",
            },
        },
        {
            "reference": "ZSM-WL-2026-0001",
            "intake": {
                "brought_in_by": police,
                "incident": "Arrested for stealing three cans of cola. The shop fined him 181 euro and banned "
                "him. He seems confused.",
                "incident_on": d(100),
                "listed_on": d(99),
                "legal_status": LegalStatus.ARRESTED,
                "persons": [
                    {
                        "role": "suspect",
                        "name": "Hendrik Zwart",
                        "birth_date": d(100) - timedelta(days=61 * 365 + 40),
                        "intellectual_disability": True,
                    }
                ],
            },
            "requests": [
                (
                    police,
                    probation,
                    "Who supports him at home?",
                    "A fine or care: that depends on his network.",
                    "His mother died recently; the brother-in-law who did his money had a stroke; the neighbour "
                    "who cooked for him broke her leg. He lives alone now.",
                )
            ],
            "views": [
                (police, "Not a thief: a man whose support network is falling away."),
                (om, "A fine will not be paid and solves nothing."),
            ],
            "hypotheses": "With a buddy and the local team visiting, he will not steal again.",
            "decision": {
                "measures": ["dismissal_with_help", "local_team", "voluntary_help"],
                "tasks": "Community officer and the elderly worker visit him; a WMO buddy; the shop lets him in "
                "with his buddy; the local team visits twice a week.",
                "decided_on": d(97),
                "look_back_on": d(5),
            },
        },
        {
            "reference": "ZSM-WL-2026-0002",
            "intake": {
                "brought_in_by": police,
                "incident": "Boy of 15 arrested for theft. Not going to school, big problems at home, he has a "
                "family guardian.",
                "incident_on": d(6),
                "listed_on": d(5),
                "legal_status": LegalStatus.SUSPECT,
                "persons": [
                    {
                        "role": "suspect",
                        "name": "Kevin de Wit",
                        "birth_date": kevin_born,
                        "problems": 4,
                    }
                ],
            },
            "requests": [
                (
                    om,
                    jb,
                    "What does the family guardian know and advise?",
                    "Choosing between punishment and a daily activity.",
                    "He will be placed out of home soon; he urgently needs a daytime activity.",
                )
            ],
            "views": [
                (jb, "He needs rhythm in his day to stay out of police hands."),
                (halt, "We can start the maximum number of hours at once."),
            ],
            "hypotheses": "Maximum Halt hours give rhythm and prevent new offences before placement.",
            "decision": {
                "measures": ["halt", "corrective_talk"],
                "tasks": "Halt starts the maximum hours at once; the prosecutor holds a corrective talk "
                "tomorrow; the family guardian follows up.",
                "decided_on": d(5),
                "look_back_on": today + timedelta(days=30),
            },
        },
        {
            "reference": "ZSM-WL-2026-0003",
            "intake": {
                "brought_in_by": police,
                "incident": "Woman of 58 arrested for abusing the 9-year-old daughter of her ex-partner. "
                "Neighbours called the police and say it happens more often. Restraining order; the girl "
                "stays with her father in a shelter room for now.",
                "incident_on": d(2),
                "listed_on": d(1),
                "legal_status": LegalStatus.ARRESTED,
                "persons": [
                    {
                        "role": "suspect",
                        "name": "Ida Camara-Vos",
                        "birth_date": d(2) - timedelta(days=58 * 365),
                    },
                    {
                        "role": "victim",
                        "name": "Binta Camara",
                        "birth_date": d(2) - timedelta(days=9 * 365 + 30),
                        "intellectual_disability": True,
                        "custody_unclear": True,
                    },
                    {"role": "other", "name": "Ousman Camara", "birth_date": d(2) - timedelta(days=50 * 365)},
                ],
            },
            "requests": [
                (
                    board,
                    vt,
                    "Earlier reports about this household?",
                    "Where the girl can live safely and who holds custody.",
                    "",
                )
            ],
            "views": [
                (board, "Custody formally lies with the mother abroad; the girl needs a guardian now."),
                (probation, "She tells a complicated story; she may need help herself."),
                (victim_support, "The father asks for support; the girl needs a safe adult to talk to."),
                (safety_house, "We can hold a case consultation with all partners within a week."),
            ],
            "hypotheses": "With provisional guardianship the girl can stay safely with her father.",
        },
    ]
