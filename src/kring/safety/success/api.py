"""Signs of Success in the API: the book-ends and the IK-plan of a youth probation dossier (versions kept),
and the desistance stages (Klaar mee?!)."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from kring.access.policy import Action, Section
from kring.cases.selectors import dossier_audit_read, dossier_get_for_user
from kring.ui.api import ErrorOut

from . import services
from .models import BookEnds, DesistanceRecord, DesistanceStage, DesistanceView, IkPlan

router = Router(tags=["Signs of Success"])

WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class BookEndsActionIn(Schema):
    who: str = Field(max_length=200)
    what: str = Field(max_length=2000)


class BookEndsIn(Schema):
    greatest_worry: str = Field(max_length=2000)
    success_goal: str = Field(max_length=2000)
    actions: list[BookEndsActionIn] = Field(default_factory=list, max_length=50)


class BookEndsActionOut(Schema):
    who: str
    what: str


class BookEndsOut(Schema):
    version: int
    greatest_worry: str
    success_goal: str
    actions: list[BookEndsActionOut]
    recorded_at: datetime


def _load(request: HttpRequest, dossier_id: str, section: Section, action: Action = Action.VIEW) -> Any:
    dossier, decision = dossier_get_for_user(
        user=request.auth, dossier_id=dossier_id, action=action, section=section
    )
    if action == Action.VIEW:
        dossier_audit_read(user=request.auth, dossier=dossier, decision=decision, sections=[section])
    return dossier


@router.get(
    "/dossiers/{dossier_id}/success/book-ends",
    response={200: list[BookEndsOut], 401: ErrorOut, 404: ErrorOut},
    summary="The book-ends of a dossier, newest version first",
)
def list_book_ends(request: HttpRequest, dossier_id: str) -> Any:
    dossier = _load(request, dossier_id, Section.SAFETY_PLAN)
    return list(BookEnds.objects.filter(dossier=dossier).order_by("-version"))


@router.post(
    "/dossiers/{dossier_id}/success/book-ends",
    response={201: BookEndsOut, **WRITE_ERRORS},
    summary="Save a new version of the book-ends",
)
def save_book_ends(request: HttpRequest, dossier_id: str, payload: BookEndsIn) -> Any:
    dossier = _load(request, dossier_id, Section.SAFETY_PLAN, Action.EDIT)
    book_ends = services.book_ends_save(
        actor=request.auth,
        dossier=dossier,
        greatest_worry=payload.greatest_worry,
        success_goal=payload.success_goal,
        actions=[action.dict() for action in payload.actions],
    )
    return Status(201, book_ends)


class IkPlanIn(Schema):
    goals: str = Field(max_length=4000)
    steps: str = Field("", max_length=4000)
    helpers: str = Field("", max_length=2000)
    written_by: IkPlan.WrittenBy


class IkPlanOut(Schema):
    version: int
    goals: str
    steps: str
    helpers: str
    written_by: str
    recorded_at: datetime


@router.get(
    "/dossiers/{dossier_id}/success/ik-plans",
    response={200: list[IkPlanOut], 401: ErrorOut, 404: ErrorOut},
    summary="The young person's IK-plan, newest version first",
)
def list_ik_plans(request: HttpRequest, dossier_id: str) -> Any:
    dossier = _load(request, dossier_id, Section.SAFETY_PLAN)
    return list(IkPlan.objects.filter(dossier=dossier).order_by("-version"))


@router.post(
    "/dossiers/{dossier_id}/success/ik-plans",
    response={201: IkPlanOut, **WRITE_ERRORS},
    summary="Save a new version of the IK-plan",
)
def save_ik_plan(request: HttpRequest, dossier_id: str, payload: IkPlanIn) -> Any:
    dossier = _load(request, dossier_id, Section.SAFETY_PLAN, Action.EDIT)
    plan = services.ik_plan_save(
        actor=request.auth,
        dossier=dossier,
        goals=payload.goals,
        steps=payload.steps,
        helpers=payload.helpers,
        written_by=payload.written_by.value,
    )
    return Status(201, plan)


class DesistanceIn(Schema):
    recorded_on: date
    stage: DesistanceStage
    view: DesistanceView
    triggers: str = Field("", max_length=2000)
    obstacles: str = Field("", max_length=2000)
    relapse: bool = False
    relapse_note: str = Field("", max_length=2000, description="Required when relapse is true, else empty")


class DesistanceOut(Schema):
    id: int
    recorded_on: date
    stage: str
    view: str
    triggers: str
    obstacles: str
    relapse: bool
    relapse_note: str
    recorded_at: datetime


@router.get(
    "/dossiers/{dossier_id}/success/desistance-stages",
    response={200: list[DesistanceOut], 401: ErrorOut, 404: ErrorOut},
    summary="The desistance stages (Klaar mee?!) recorded over time, oldest first",
)
def list_desistance_stages(request: HttpRequest, dossier_id: str) -> Any:
    dossier = _load(request, dossier_id, Section.SAFETY_PLAN)
    return list(DesistanceRecord.objects.filter(dossier=dossier))


@router.post(
    "/dossiers/{dossier_id}/success/desistance-stages",
    response={201: DesistanceOut, **WRITE_ERRORS},
    summary="Record the desistance stage on a date, with triggers, obstacles and a relapse",
)
def add_desistance_stage(request: HttpRequest, dossier_id: str, payload: DesistanceIn) -> Any:
    dossier = _load(request, dossier_id, Section.SAFETY_PLAN, Action.EDIT)
    data = payload.dict()
    data["stage"], data["view"] = payload.stage.value, payload.view.value
    return Status(201, services.desistance_record_add(actor=request.auth, dossier=dossier, **data))
