"""API of the chain table: chain cases and context requests, under kring.access.chain; reads audited."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate

from kring.access import chain as rules
from kring.cases.api import BoundedPagination
from kring.ui.api import ErrorOut

from . import services
from .models import ContextRequest

router = Router(tags=["Chain table"])
ID = Path(..., ge=1, le=2**31 - 1)


class PersonOut(Schema):
    role: str
    name: str
    birth_date: date


class ChainCaseOut(Schema):
    id: int
    reference: str
    table: str
    brought_in_by: str
    incident: str
    incident_on: date
    legal_status: str
    listed_on: date
    stage: str
    triggers: list[str]
    decision_measures: list[str]
    look_back_on: date | None
    persons: list[PersonOut]

    @staticmethod
    def resolve_table(obj: Any) -> str:
        return obj.table.name

    @staticmethod
    def resolve_brought_in_by(obj: Any) -> str:
        return obj.brought_in_by.name

    @staticmethod
    def resolve_persons(obj: Any) -> list[Any]:
        return list(obj.persons.all())


class ContextRequestOut(Schema):
    id: int
    case_id: int
    requested_by: str
    addressee: str
    due_at: datetime
    answered: bool
    question: str | None
    need_to_know: str | None
    answer: str | None


class AnswerIn(Schema):
    answer: str = Field(..., max_length=10000)


def _request_out(user: Any, req: ContextRequest) -> dict:
    content = rules.may_read_request_content(user, req)
    services.audit_read(
        user, req, ["question", "need_to_know", "answer"] if content else ["addressee", "due_at"]
    )
    return {
        "id": req.pk,
        "case_id": req.case_id,
        "requested_by": req.requested_by.name,
        "addressee": req.addressee.name,
        "due_at": req.due_at,
        "answered": req.answered_at is not None,
        "question": req.question if content else None,
        "need_to_know": req.need_to_know if content else None,
        "answer": req.answer if content else None,
    }


@router.get(
    "/chain/cases",
    response={200: list[ChainCaseOut], 401: ErrorOut, 422: ErrorOut},
    summary="Chain cases of my tables",
)
@paginate(BoundedPagination)
def list_chain_cases(request: HttpRequest) -> Any:
    return rules.cases_for(request.auth).select_related("table", "brought_in_by").prefetch_related("persons")


def _case(user: Any, case_id: int) -> Any:
    case = rules.cases_for(user).select_related("table", "brought_in_by").filter(pk=case_id).first()
    if case is None:
        raise Http404
    return case


@router.get(
    "/chain/cases/{case_id}",
    response={200: ChainCaseOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="One chain case",
)
def get_chain_case(request: HttpRequest, case_id: int = ID) -> Any:
    case = _case(request.auth, case_id)
    services.audit_read(request.auth, case, ["incident", "persons", "triggers", "decision_measures"])
    return case


@router.get(
    "/chain/requests",
    response={200: list[ContextRequestOut], 401: ErrorOut, 422: ErrorOut},
    summary="Context requests of my tables and addressed to my organisation",
)
def list_context_requests(request: HttpRequest) -> Any:
    reqs = rules.requests_for(request.auth).select_related("case__table", "requested_by", "addressee")[:500]
    return [_request_out(request.auth, r) for r in reqs]


@router.post(
    "/chain/requests/{request_id}/answer",
    response={200: ContextRequestOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Answer a context request addressed to my organisation",
)
def answer_context_request(request: HttpRequest, payload: AnswerIn, request_id: int = ID) -> Any:
    req = (
        ContextRequest.objects.select_related("case__table", "requested_by", "addressee")
        .filter(pk=request_id)
        .first()
    )
    if req is None or not rules.may_answer_request(request.auth, req):
        raise Http404
    try:
        services.context_request_answer(actor=request.auth, request=req, answer=payload.answer)
    except PermissionDenied as exc:
        raise Http404 from exc
    return _request_out(request.auth, req)


class TriggersIn(Schema):
    triggers: list[str] = Field(..., max_length=10)


@router.post(
    "/chain/cases/{case_id}/triggers",
    response={200: ChainCaseOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Choose the triggers for deepening by hand",
)
def set_chain_case_triggers(request: HttpRequest, payload: TriggersIn, case_id: int = ID) -> Any:
    case = _case(request.auth, case_id)
    try:
        return services.chain_case_triggers_set(actor=request.auth, case=case, by_hand=payload.triggers)
    except PermissionDenied as exc:
        raise Http404 from exc
