"""The ZSM chain table and its cases, through the services of kring.chain.

The table itself has no service (a functional admin makes it in Django's admin), so it is made here with
get-or-create; its partners are seated with chain_table_member_add. The partners of kinds the caseload lacks
and the users of the chair and the child protection board (shared.CHAIN_ORGANISATIONS, CHAIN_USERS) are made
here too, so the table can be seeded on its own.
"""

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from kring.accounts.models import Membership, Organisation, Role
from kring.chain import services
from kring.chain.models import ChainCase, ChainTable
from kring.demo import shared
from kring.demo.seeding.cases import demo_password

TABLE = "ZSM Wijland"
CHAIR = "OM Wijland"
# The partners by the key the chain case modules use, and their organisation's name.
PARTNERS = {
    "police": "Politie Wijland",
    "vt": "Veilig Thuis Wijland",
    "jb": "Jeugdbescherming Wijland",
    "om": "OM Wijland",
    "board": "Raad voor de Kinderbescherming Wijland",
    "halt": "Halt Wijland",
    "probation": "Reclassering Wijland",
    "victim_support": "Slachtofferhulp Wijland",
    "safety_house": "Veiligheidshuis Wijland",
}


def chain_partners() -> None:
    """The partner organisations of kinds the caseload lacks, and their demo users (chain partners)."""
    for name, kind in shared.CHAIN_ORGANISATIONS:
        # made with two-factor login off for the demo, like the other demo organisations
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "require_mfa": False})
    model = get_user_model()
    for username, first_name, last_name, organisation in shared.CHAIN_USERS:
        user = model.objects.filter(username=username).first()
        if user is None:
            user = model.objects.create(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@example.org",
                password=demo_password(),
            )
        Membership.objects.get_or_create(
            user=user,
            organisation=Organisation.objects.get(name=organisation),
            team=None,
            role=Role.CHAIN_PARTNER,
        )


def table() -> tuple[ChainTable, dict[str, Organisation]] | None:
    """The table with every partner seated, and the partners by key; None while the caseload's own
    organisations (police, Veilig Thuis, youth protection) are missing."""
    found = {key: Organisation.objects.filter(name=name).first() for key, name in PARTNERS.items()}
    if not (found["police"] and found["vt"] and found["jb"]):
        return None
    chain_partners()
    found = {key: Organisation.objects.get(name=name) for key, name in PARTNERS.items()}
    zsm, _ = ChainTable.objects.get_or_create(name=TABLE, defaults={"chair": found["om"]})
    for partner in found.values():
        services.chain_table_member_add(table=zsm, organisation=partner)
    return zsm, found


def bring_in(zsm: ChainTable, story: dict[str, Any]) -> bool:
    """Bring one case to the table and work it as far as its story goes: deepening, context requests (and
    answers), the partners' views, hypotheses, the decision and the look back. Once, by its reference."""
    if ChainCase.objects.filter(reference=story["reference"]).exists():
        return False
    case = services.chain_case_bring_in(
        actor=None, table=zsm, **story["intake"], reference=story["reference"]
    )
    if case.triggers:
        services.deepening_start(actor=None, case=case)
    persons = list(case.persons.all())
    for requested_by, addressee, question, why, answer in story.get("requests", []):
        request = services.context_request_send(
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
            services.context_request_answer(actor=None, request=request, answer=answer)
    for organisation, view in story.get("views", []):
        services.partner_view_record(actor=None, case=case, organisation=organisation, view=view)
    if story.get("hypotheses"):
        services.hypotheses_record(actor=None, case=case, hypotheses=story["hypotheses"])
    if story.get("decision"):
        services.decision_record(actor=None, case=case, **story["decision"])
    if story.get("look_back"):
        services.look_back_record(actor=None, case=case, **story["look_back"])
    return True
