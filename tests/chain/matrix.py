"""Permission-matrix cases for the chain table (collected by tests/access/test_permission_matrix.py).

The world's police organisation (persona other_org) sits at a chain table with a case and a context request
addressed to it; everybody else is outside the table: 404. Lists answer 200 to everybody logged in (empty
for those outside)."""

from datetime import date, timedelta

from django.utils import timezone

from kring.accounts.models import Organisation, OrganisationKind
from kring.chain.models import ChainCase, ChainTable, ContextRequest, LegalStatus, Stage

from ..conftest import World
from ..permissions import A, Case


def _case(w: World) -> ChainCase:
    police = w.other_org.memberships.get().organisation
    vt, _ = Organisation.objects.get_or_create(name="Veilig Thuis Matrix", kind=OrganisationKind.VEILIG_THUIS)
    table, created = ChainTable.objects.get_or_create(name="ZSM Matrix", defaults={"chair": police})
    if created:
        table.members.set([police, vt])
    case, _ = ChainCase.objects.get_or_create(
        reference="ZSM-M-1",
        defaults={
            "table": table,
            "brought_in_by": police,
            "incident": "Theft.",
            "incident_on": date(2026, 1, 1),
            "legal_status": LegalStatus.SUSPECT,
            "listed_on": date(2026, 1, 2),
            "stage": Stage.DEEPENING,
        },
    )
    return case


def _request(w: World) -> ContextRequest:
    case = _case(w)
    return ContextRequest.objects.get_or_create(
        case=case,
        defaults={
            "requested_by": case.table.members.exclude(pk=case.brought_in_by_id).get(),
            "addressee": case.brought_in_by,
            "question": "Known?",
            "need_to_know": "Risk.",
            "due_at": timezone.now() + timedelta(days=1),
        },
    )[0]


PAGE = {"other_org": 200, A: 302}
API = {"other_org": 200, A: 401}

CASES = {
    "chain_table": Case("get", expect={A: 302}),
    "chain_patterns": Case("get", expect={A: 302}),
    "chain_case": Case("get", kwargs=lambda w: {"case_id": _case(w).pk}, expect=PAGE, default=404),
    "chain_request_answer": Case(
        "post",
        kwargs=lambda w: {"request_id": _request(w).pk},
        data={"answer": "Yes."},
        expect={"other_org": 302, A: 302},
        default=404,
    ),
    "api:list_chain_cases": Case("get", expect={A: 401}),
    "api:get_chain_case": Case("get", kwargs=lambda w: {"case_id": _case(w).pk}, expect=API, default=404),
    "api:set_chain_case_triggers": Case(
        "post",
        kwargs=lambda w: {"case_id": _case(w).pk},
        data={"triggers": ["unclear_custody"]},
        json=True,
        expect=API,
        default=404,
    ),
    "api:list_context_requests": Case("get", expect={A: 401}),
    "api:answer_context_request": Case(
        "post",
        kwargs=lambda w: {"request_id": _request(w).pk},
        data={"answer": "Yes."},
        json=True,
        expect=API,
        default=404,
    ),
}
