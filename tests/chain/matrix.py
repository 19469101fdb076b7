"""Permission-matrix cases for the chain table (collected by tests/access/test_permission_matrix.py).

The world's police organisation (persona other_org) sits at a chain table with Veilig Thuis, with cases and a
context request addressed to it; everybody else is outside the table: 404. Lists answer 200 to everybody
logged in (empty for those outside). Nobody of the world may open a dossier from a chain case (the police
has no team); the police may try to link one, but sees no dossier to link (400)."""

from datetime import date, timedelta

from django.utils import timezone

from kring.accounts.models import Organisation, OrganisationKind
from kring.chain.models import ChainCase, ChainPerson, ChainTable, ContextRequest, LegalStatus, Stage

from ..conftest import World
from ..permissions import A, Case


def _police(w: World) -> Organisation:
    return w.other_org.memberships.get().organisation


def _vt() -> Organisation:
    return Organisation.objects.get_or_create(name="Veilig Thuis Matrix", kind=OrganisationKind.VEILIG_THUIS)[
        0
    ]


def _case(w: World, reference: str = "ZSM-M-1", stage: str = Stage.DEEPENING) -> ChainCase:
    police = _police(w)
    table, created = ChainTable.objects.get_or_create(name="ZSM Matrix", defaults={"chair": police})
    if created:
        table.members.set([police, _vt()])
    case, made = ChainCase.objects.get_or_create(
        reference=reference,
        defaults={
            "table": table,
            "brought_in_by": police,
            "incident": "Theft.",
            "incident_on": date(2026, 1, 1),
            "legal_status": LegalStatus.SUSPECT,
            "listed_on": date(2026, 1, 2),
            "stage": stage,
            "triggers": ["contradictory_facts"],
            "triggers_by_hand": ["contradictory_facts"],
            "decided_on": date(2026, 1, 3) if stage == Stage.DECIDED else None,
            "look_back_on": date(2026, 4, 3) if stage == Stage.DECIDED else None,
            "decision_measures": ["halt"] if stage == Stage.DECIDED else [],
        },
    )
    if made:
        ChainPerson.objects.create(case=case, role="suspect", name="Tim Visser", birth_date=date(2010, 5, 5))
    return case


def _request(w: World) -> ContextRequest:
    case = _case(w)
    return ContextRequest.objects.get_or_create(
        case=case,
        defaults={
            "requested_by": _vt(),
            "addressee": case.brought_in_by,
            "question": "Known?",
            "need_to_know": "Risk.",
            "due_at": timezone.now() + timedelta(days=1),
        },
    )[0]


def _intake(w: World) -> dict:
    police = _police(w)
    return {
        "table": _case(w).table_id,
        "brought_in_by": police.pk,
        "reference": "ZSM-M-NEW",
        "incident": "Fight.",
        "incident_on": "2026-01-05",
        "listed_on": "2026-01-06",
        "legal_status": "suspect",
        "persons-TOTAL_FORMS": "1",
        "persons-INITIAL_FORMS": "0",
        "persons-0-role": "suspect",
        "persons-0-name": "Tom Visser",
        "persons-0-birth_date": "2009-01-01",
        "persons-0-problems": "0",
    }


PAGE = {"other_org": 200, A: 302}
WRITE = {"other_org": 302, A: 302}
API = {"other_org": 200, A: 401}


def _post(kwargs, data, expect=WRITE) -> Case:
    return Case("post", kwargs=kwargs, data=data, expect=expect, default=404)


def CASE_KW(w: World) -> dict:
    return {"case_id": _case(w).pk}


CASES = {
    "chain_table": Case("get", expect={A: 302}),
    "chain_patterns": Case("get", expect={A: 302}),
    "chain_case_new": Case("get", kwargs=lambda w: _case(w) and {}, expect=PAGE, default=404),
    "chain_intake_preview": _post(lambda w: {}, _intake, expect=PAGE),
    "chain_case": Case("get", kwargs=CASE_KW, expect=PAGE, default=404),
    "chain_case_triggers": _post(CASE_KW, {"triggers": ["unclear_custody"], "version": 1}),
    "chain_case_deepen": _post(lambda w: {"case_id": _case(w, "ZSM-M-2", Stage.INTAKE).pk}, {"version": 1}),
    "chain_request_new": _post(
        CASE_KW,
        lambda w: {
            "requested_by": _police(w).pk,
            "addressee": _vt().pk,
            "question": "Known?",
            "need_to_know": "Risk.",
            "due_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    ),
    "chain_view_record": _post(
        CASE_KW, lambda w: {"organisation": _police(w).pk, "view": "Seen.", "version": 0}
    ),
    "chain_hypotheses": _post(CASE_KW, {"hypotheses": "With help, no new theft.", "version": 1}),
    "chain_decision": _post(
        CASE_KW,
        {
            "measures": ["halt"],
            "tasks": "Halt: hours.",
            "decided_on": "2026-01-05",
            "look_back_on": "2026-04-05",
            "version": 1,
        },
    ),
    "chain_look_back": _post(
        lambda w: {"case_id": _case(w, "ZSM-M-3", Stage.DECIDED).pk},
        {"what_happened": "No new theft.", "version": 1},
    ),
    "chain_dossier_open": _post(
        CASE_KW,
        {"team": 1, "reference": "KR-NL-2026-0999", "title": "Gezin Visser", "case_role": "x", "version": 1},
        expect={A: 302},
    ),
    "chain_dossier_link": _post(
        CASE_KW, {"reference": "KR-NL-2026-0042", "version": 1}, expect={"other_org": 400, A: 302}
    ),
    "chain_request_answer": _post(
        lambda w: {"request_id": _request(w).pk}, {"answer": "Yes."}, expect={"other_org": 302, A: 302}
    ),
    "api:list_chain_cases": Case("get", expect={A: 401}),
    "api:get_chain_case": Case("get", kwargs=CASE_KW, expect=API, default=404),
    "api:set_chain_case_triggers": Case(
        "post",
        kwargs=CASE_KW,
        data=lambda w: {"triggers": ["unclear_custody"], "version": _case(w).version},
        json=True,
        expect=API,
        default=404,
    ),
    "api:bring_in_chain_case": Case(
        "post",
        kwargs=lambda w: _case(w) and {},
        data=lambda w: {
            "table_id": _case(w).table_id,
            "reference": "ZSM-M-API",
            "incident": "Fight.",
            "incident_on": "2026-01-05",
            "legal_status": "suspect",
            "persons": [{"role": "suspect", "name": "Tom Visser", "birth_date": "2009-01-01"}],
        },
        json=True,
        expect={"other_org": 201, A: 401},
        default=404,
    ),
    "api:start_deepening": Case(
        "post",
        kwargs=lambda w: {"case_id": _case(w, "ZSM-M-2", Stage.INTAKE).pk},
        data={"version": 1},
        json=True,
        expect=API,
        default=404,
    ),
    "api:send_context_request": Case(
        "post",
        kwargs=CASE_KW,
        data=lambda w: {
            "addressee_id": _vt().pk,
            "question": "Known?",
            "need_to_know": "Risk.",
            "due_at": (timezone.now() + timedelta(days=1)).isoformat(),
        },
        json=True,
        expect={"other_org": 201, A: 401},
        default=404,
    ),
    "api:list_context_requests_to_me": Case("get", expect={A: 401}),
    "api:get_interpretation": Case("get", kwargs=CASE_KW, expect=API, default=404),
    "api:record_partner_view": Case(
        "post", kwargs=CASE_KW, data={"view": "Seen.", "version": 0}, json=True, expect=API, default=404
    ),
    "api:record_hypotheses": Case(
        "post",
        kwargs=CASE_KW,
        data=lambda w: {"hypotheses": "With help, no new theft.", "version": _case(w).version},
        json=True,
        expect=API,
        default=404,
    ),
    "api:record_decision": Case(
        "post",
        kwargs=CASE_KW,
        data=lambda w: {
            "measures": ["halt"],
            "tasks": "Halt: hours.",
            "decided_on": "2026-01-05",
            "look_back_on": "2026-04-05",
            "version": _case(w).version,
        },
        json=True,
        expect=API,
        default=404,
    ),
    "api:record_look_back": Case(
        "post",
        kwargs=lambda w: {"case_id": _case(w, "ZSM-M-3", Stage.DECIDED).pk},
        data=lambda w: {
            "what_happened": "No new theft.",
            "version": _case(w, "ZSM-M-3", Stage.DECIDED).version,
        },
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
