"""API of the chain table: chain cases, context requests, joint interpretation, the decision, the look-back.

The same rules as the pages (kring.access.chain through the services and selectors): anyone outside a table
gets 404; reads are audited. Every write to something partners edit together (the case, a partner's view)
must name the `version` it read; it is checked against the current version and answers 409 when somebody
else saved in between. Bad input answers 422 with the services' messages."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from kring.access import chain as rules
from kring.access.chain import RequestAction
from kring.access.policy import Action, organisation_ids
from kring.accounts.models import Organisation
from kring.ui.api import WRITE_ERRORS, BoundedPagination, ErrorOut
from kring.ui.input_guard import IsoDate

from . import selectors, services
from .models import ChainCase, ChainPerson, ContextRequest, PartnerView

router = Router(tags=["Chain table"])
MAX_ID = 2**31 - 1
ID = Path(..., ge=1, le=MAX_ID)
TEXT = 10000


# --- schemas -----------------------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    role: str
    name: str
    birth_date: IsoDate


class ChainCaseOut(Schema):
    id: int
    version: int
    reference: str
    table: str
    brought_in_by: str
    incident: str
    incident_on: IsoDate
    legal_status: str
    listed_on: IsoDate
    stage: str
    triggers: list[str]
    triggers_by_hand: list[str]
    hypotheses: list[str]
    decision_measures: list[str]
    decision_tasks: list[str]
    decided_on: IsoDate | None
    look_back_on: IsoDate | None
    what_happened: str
    lessons: str
    dossier_linked: bool
    persons: list[PersonOut]

    @staticmethod
    def resolve_table(obj: Any) -> str:
        return obj.table.name

    @staticmethod
    def resolve_brought_in_by(obj: Any) -> str:
        return obj.brought_in_by.name

    @staticmethod
    def resolve_hypotheses(obj: Any) -> list[str]:
        return obj.hypothesis_list

    @staticmethod
    def resolve_decision_tasks(obj: Any) -> list[str]:
        return obj.task_list

    @staticmethod
    def resolve_dossier_linked(obj: Any) -> bool:
        return obj.dossier_id is not None

    @staticmethod
    def resolve_persons(obj: Any) -> list[Any]:
        return list(obj.persons.all())


class ContextRequestOut(Schema):
    id: int
    case_id: int
    case_reference: str
    requested_by: str
    addressee: str
    due_at: datetime
    answered: bool
    about: list[PersonOut] | None
    question: str | None
    need_to_know: str | None
    answer: str | None


class PartnerViewOut(Schema):
    organisation_id: int
    organisation: str
    view: str
    version: int
    updated_at: datetime

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.name


class InterpretationOut(Schema):
    case_id: int
    version: int
    stage: str
    views: list[PartnerViewOut]
    hypotheses: list[str]


class Version(Schema):
    # Required: a write without it would silently overwrite what somebody else saved in between.
    version: int = Field(
        ..., ge=0, le=MAX_ID, description="The case's version you read (required); 409 if it changed since."
    )


class PersonIn(Schema):
    role: str = Field(..., max_length=20, description="suspect, victim, other or child_present")
    name: str = Field(..., max_length=200)
    birth_date: IsoDate
    problems: int = Field(0, ge=0, le=20)
    intellectual_disability: bool = False
    custody_unclear: bool = False


class ChainCaseIn(Schema):
    table_id: int = Field(..., ge=1, le=MAX_ID)
    brought_in_by_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Your organisation at the table (default: your only one)."
    )
    reference: str = Field(..., max_length=40)
    incident: str = Field(..., max_length=TEXT)
    incident_on: IsoDate
    listed_on: IsoDate | None = None
    legal_status: str = Field(..., max_length=20)
    persons: list[PersonIn] = Field(..., max_length=20)
    triggers_by_hand: list[str] = Field([], max_length=10)


class TriggersIn(Version):
    triggers: list[str] = Field(..., max_length=10)


class ContextRequestIn(Schema):
    requested_by_id: int | None = Field(None, ge=1, le=MAX_ID, description="Default: your organisation.")
    addressee_id: int = Field(..., ge=1, le=MAX_ID)
    about: list[int] = Field([], max_length=50, description="Ids of persons of the case it is about.")
    question: str = Field(..., max_length=TEXT)
    need_to_know: str = Field(..., max_length=TEXT)
    due_at: datetime


class AnswerIn(Schema):
    answer: str = Field(..., max_length=TEXT)


class PartnerViewIn(Schema):
    organisation_id: int | None = Field(None, ge=1, le=MAX_ID, description="Default: your organisation.")
    view: str = Field(..., max_length=TEXT)
    version: int = Field(
        ..., ge=0, le=MAX_ID, description="The view's version you read (required); 0: there was none yet."
    )


class HypothesesIn(Version):
    hypotheses: str = Field(..., max_length=TEXT, description="One testable hypothesis per line.")


class ChainDecisionIn(Version):
    measures: list[str] = Field(..., max_length=20)
    tasks: str = Field(..., max_length=TEXT, description="Who does what, one task per line.")
    decided_on: IsoDate
    look_back_on: IsoDate


class LookBackIn(Version):
    what_happened: str = Field(..., max_length=TEXT)
    lessons: str = Field("", max_length=TEXT)


# --- helpers -----------------------------------------------------------------------------------------------


def _request_out(user: Any, req: ContextRequest, content: bool | None = None) -> dict:
    if content is None:
        content = rules.decide_request(user, RequestAction.READ, req).allowed
    services.audit_read(
        user, req, ["question", "need_to_know", "answer", "about"] if content else ["addressee", "due_at"]
    )
    return {
        "id": req.pk,
        "case_id": req.case_id,
        "case_reference": req.case.reference,
        "requested_by": req.requested_by.name,
        "addressee": req.addressee.name,
        "due_at": req.due_at,
        "answered": req.answered_at is not None,
        "about": list(req.about.all()) if content else None,
        "question": req.question if content else None,
        "need_to_know": req.need_to_know if content else None,
        "answer": req.answer if content else None,
    }


def _case_to_write(user: Any, case_id: int) -> ChainCase:
    return selectors.chain_case_open(user=user, case_id=case_id, action=Action.EDIT).case


def _my_partner(user: Any, table: Any, given: int | None) -> Organisation:
    """The organisation the user acts for at this table: the one named, or their only (first) one."""
    mine = table.members.filter(pk__in=organisation_ids(user)).order_by("name")
    organisation = mine.filter(pk=given).first() if given else mine.first()
    if organisation is None:
        raise Http404
    return organisation


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _write(call: Any) -> Any:
    """Run a service: a lost race is 409; refused (not allowed: 404) and bad input (422) go on to the API's
    exception handlers."""
    try:
        return call()
    except services.Conflict as conflict:
        return Status(409, {"detail": " ".join(conflict.messages)})


INTERPRETATION_FIELDS = ["views", "hypotheses"]


def _interpretation(user: Any, case_id: int) -> dict:
    case = selectors.chain_case_open(user=user, case_id=case_id, reads=INTERPRETATION_FIELDS).case
    views = list(
        PartnerView.objects.filter(case=case).select_related("organisation").order_by("organisation")
    )
    return {
        "case_id": case.pk,
        "version": case.version,
        "stage": case.stage,
        "views": views,
        "hypotheses": case.hypothesis_list,
    }


# --- chain cases -------------------------------------------------------------------------------------------


@router.get(
    "/chain/cases",
    response={200: list[ChainCaseOut], 401: ErrorOut, 422: ErrorOut},
    summary="Chain cases of my tables",
)
@paginate(BoundedPagination)
def list_chain_cases(request: HttpRequest) -> Any:
    return rules.cases_for(request.auth).select_related("table", "brought_in_by").prefetch_related("persons")


@router.post("/chain/cases", response={201: ChainCaseOut, **WRITE_ERRORS}, summary="Bring in a chain case")
def bring_in_chain_case(request: HttpRequest, payload: ChainCaseIn) -> Any:
    table = rules.tables_for(request.auth).filter(pk=payload.table_id).first()
    if table is None:
        raise Http404
    partner = _my_partner(request.auth, table, payload.brought_in_by_id)
    case = _write(
        lambda: services.chain_case_bring_in(
            actor=request.auth,
            table=table,
            brought_in_by=partner,
            reference=payload.reference,
            incident=payload.incident,
            incident_on=payload.incident_on,
            listed_on=payload.listed_on,
            legal_status=payload.legal_status,
            persons=[p.dict() for p in payload.persons],
            triggers_by_hand=payload.triggers_by_hand,
        )
    )
    return Status(201, case)


@router.get(
    "/chain/cases/{case_id}",
    response={200: ChainCaseOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="One chain case",
)
def get_chain_case(request: HttpRequest, case_id: int = ID) -> Any:
    return selectors.chain_case_open(
        user=request.auth, case_id=case_id, reads=["incident", "persons", "triggers", "decision_measures"]
    ).case


@router.post(
    "/chain/cases/{case_id}/triggers",
    response={200: ChainCaseOut, **WRITE_ERRORS},
    summary="Choose the triggers for deepening by hand",
)
def set_chain_case_triggers(request: HttpRequest, payload: TriggersIn, case_id: int = ID) -> Any:
    case = _case_to_write(request.auth, case_id)
    return _write(
        lambda: services.chain_case_triggers_set(
            actor=request.auth, case=case, by_hand=payload.triggers, expected_version=payload.version
        )
    )


@router.post(
    "/chain/cases/{case_id}/deepen",
    response={200: ChainCaseOut, **WRITE_ERRORS},
    summary="Start deepening a case that has a trigger",
)
def start_deepening(request: HttpRequest, payload: Version, case_id: int = ID) -> Any:
    case = _case_to_write(request.auth, case_id)
    return _write(
        lambda: services.deepening_start(actor=request.auth, case=case, expected_version=payload.version)
    )


# --- (a) context requests ----------------------------------------------------------------------------------


@router.post(
    "/chain/cases/{case_id}/requests",
    response={201: ContextRequestOut, **WRITE_ERRORS},
    summary="Ask a named partner for context information",
)
def send_context_request(request: HttpRequest, payload: ContextRequestIn, case_id: int = ID) -> Any:
    case = _case_to_write(request.auth, case_id)
    partner = _my_partner(request.auth, case.table, payload.requested_by_id)
    about = list(ChainPerson.objects.filter(pk__in=payload.about))  # the service refuses another case's
    if len(about) != len(set(payload.about)):
        raise ValidationError(services.NOT_THIS_CASE)
    req = _write(
        lambda: services.context_request_send(
            actor=request.auth,
            case=case,
            requested_by=partner,
            addressee=Organisation.objects.filter(pk=payload.addressee_id).first(),
            question=payload.question,
            need_to_know=payload.need_to_know,
            due_at=_aware(payload.due_at),
            about=about,
        )
    )
    return req if isinstance(req, Status) else Status(201, _request_out(request.auth, req, content=True))


@router.get(
    "/chain/requests",
    response={200: list[ContextRequestOut], 401: ErrorOut, 422: ErrorOut},
    summary="Context requests of my tables and addressed to my organisation",
)
def list_context_requests(request: HttpRequest) -> Any:
    reqs = (
        rules.requests_for(request.auth)
        .select_related("case__table", "requested_by", "addressee")
        .prefetch_related("about")[:500]
    )
    return [_request_out(request.auth, r) for r in reqs]


@router.get(
    "/chain/requests/addressed-to-me",
    response={200: list[ContextRequestOut], 401: ErrorOut, 422: ErrorOut},
    summary="Context requests addressed to my organisation (also from tables I do not sit at)",
)
def list_context_requests_to_me(request: HttpRequest) -> Any:
    reqs = (
        ContextRequest.objects.filter(addressee__in=organisation_ids(request.auth))
        .select_related("case", "requested_by", "addressee")
        .prefetch_related("about")
        .order_by("answered_at", "due_at", "pk")[:500]
    )
    return [_request_out(request.auth, r, content=True) for r in reqs]


@router.post(
    "/chain/requests/{request_id}/answer",
    response={200: ContextRequestOut, **WRITE_ERRORS},
    summary="Answer a context request addressed to my organisation (once)",
)
def answer_context_request(request: HttpRequest, payload: AnswerIn, request_id: int = ID) -> Any:
    req = selectors.context_request_open(user=request.auth, request_id=request_id)
    result = _write(
        lambda: services.context_request_answer(actor=request.auth, request=req, answer=payload.answer)
    )
    return result if isinstance(result, Status) else _request_out(request.auth, req, content=True)


# --- (b) joint interpretation ------------------------------------------------------------------------------


@router.get(
    "/chain/cases/{case_id}/interpretation",
    response={200: InterpretationOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Each partner's view side by side, and the testable hypotheses",
)
def get_interpretation(request: HttpRequest, case_id: int = ID) -> Any:
    return _interpretation(request.auth, case_id)


@router.post(
    "/chain/cases/{case_id}/views",
    response={200: PartnerViewOut, **WRITE_ERRORS},
    summary="Give or change my organisation's view",
)
def record_partner_view(request: HttpRequest, payload: PartnerViewIn, case_id: int = ID) -> Any:
    case = _case_to_write(request.auth, case_id)
    partner = _my_partner(request.auth, case.table, payload.organisation_id)
    return _write(
        lambda: services.partner_view_record(
            actor=request.auth,
            case=case,
            organisation=partner,
            view=payload.view,
            expected_version=payload.version,
        )
    )


@router.post(
    "/chain/cases/{case_id}/hypotheses",
    response={200: InterpretationOut, **WRITE_ERRORS},
    summary="Write the testable hypotheses (one per line)",
)
def record_hypotheses(request: HttpRequest, payload: HypothesesIn, case_id: int = ID) -> Any:
    case = _case_to_write(request.auth, case_id)
    result = _write(
        lambda: services.hypotheses_record(
            actor=request.auth, case=case, hypotheses=payload.hypotheses, expected_version=payload.version
        )
    )
    return result if isinstance(result, Status) else _interpretation(request.auth, case.pk)


# --- (c) the decision and the look-back --------------------------------------------------------------------


@router.post(
    "/chain/cases/{case_id}/decision",
    response={200: ChainCaseOut, **WRITE_ERRORS},
    summary="Record the decision (afdoening): care and punishment, who does what, a plan date",
)
def record_decision(request: HttpRequest, payload: ChainDecisionIn, case_id: int = ID) -> Any:
    case = _case_to_write(request.auth, case_id)
    return _write(
        lambda: services.decision_record(
            actor=request.auth,
            case=case,
            measures=payload.measures,
            tasks=payload.tasks,
            decided_on=payload.decided_on,
            look_back_on=payload.look_back_on,
            expected_version=payload.version,
        )
    )


@router.post(
    "/chain/cases/{case_id}/look-back",
    response={200: ChainCaseOut, **WRITE_ERRORS},
    summary="Look back at the plan date: what happened, what we learn (closes the case)",
)
def record_look_back(request: HttpRequest, payload: LookBackIn, case_id: int = ID) -> Any:
    case = _case_to_write(request.auth, case_id)
    return _write(
        lambda: services.look_back_record(
            actor=request.auth,
            case=case,
            what_happened=payload.what_happened,
            lessons=payload.lessons,
            expected_version=payload.version,
        )
    )
