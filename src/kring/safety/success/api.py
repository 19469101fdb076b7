"""Signs of Success in the API: the book-ends and the IK-plan of a youth probation dossier (versions kept),
the desistance stages (Klaar mee?!) and positive early closure (checks, proposal, the team lead's decision;
the report itself is a page and a PDF, `report_url`)."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from kring.access.policy import Action, Section
from kring.cases.selectors import dossier_open
from kring.ui.api import WRITE_ERRORS, ErrorOut
from kring.ui.input_guard import IsoDate

from . import services
from .models import BookEnds, DesistanceRecord, DesistanceStage, DesistanceView, EarlyClosure, IkPlan
from .selectors import closure_get, closure_open

router = Router(tags=["Signs of Success"])


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


@router.get(
    "/dossiers/{dossier_id}/success/book-ends",
    response={200: list[BookEndsOut], 401: ErrorOut, 404: ErrorOut},
    summary="The book-ends of a dossier, newest version first",
)
def list_book_ends(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN]).dossier
    return list(BookEnds.objects.filter(dossier=dossier).order_by("-version"))


@router.post(
    "/dossiers/{dossier_id}/success/book-ends",
    response={201: BookEndsOut, **WRITE_ERRORS},
    summary="Save a new version of the book-ends",
)
def save_book_ends(request: HttpRequest, dossier_id: str, payload: BookEndsIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    book_ends = services.book_ends_save(
        actor=request.auth,
        dossier=dossier,
        greatest_worry=payload.greatest_worry,
        success_goal=payload.success_goal,
        actions=[action.dict() for action in payload.actions],
    )
    return Status(201, book_ends)


class IkPlanIn(Schema):
    # the young person whose plan it is; may be left out when the dossier has one child
    child_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    goals: str = Field(min_length=1, max_length=4000)
    steps: str = Field("", max_length=4000)
    helpers: str = Field("", max_length=2000)
    written_by: IkPlan.WrittenBy


class IkPlanOut(Schema):
    child_id: int | None
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
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN]).dossier
    return list(IkPlan.objects.filter(dossier=dossier).order_by("-recorded_at", "-pk"))


@router.post(
    "/dossiers/{dossier_id}/success/ik-plans",
    response={201: IkPlanOut, **WRITE_ERRORS},
    summary="Save a new version of the IK-plan",
)
def save_ik_plan(request: HttpRequest, dossier_id: str, payload: IkPlanIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    child = None
    if payload.child_id is not None:
        child = dossier.children.filter(pk=payload.child_id).first()
        if child is None:
            raise ValidationError({"child_id": services.IK_NOT_A_CHILD})
    plan = services.ik_plan_save(
        actor=request.auth,
        dossier=dossier,
        child=child,
        goals=payload.goals,
        steps=payload.steps,
        helpers=payload.helpers,
        written_by=payload.written_by.value,
    )
    return Status(201, plan)


class DesistanceIn(Schema):
    recorded_on: IsoDate
    stage: DesistanceStage
    view: DesistanceView
    triggers: str = Field("", max_length=2000)
    obstacles: str = Field("", max_length=2000)
    relapse: bool = False
    relapse_note: str = Field("", max_length=2000, description="Required when relapse is true, else empty")


class DesistanceOut(Schema):
    id: int
    recorded_on: IsoDate
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
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN]).dossier
    return list(DesistanceRecord.objects.filter(dossier=dossier))


@router.post(
    "/dossiers/{dossier_id}/success/desistance-stages",
    response={201: DesistanceOut, **WRITE_ERRORS},
    summary="Record the desistance stage on a date, with triggers, obstacles and a relapse",
)
def add_desistance_stage(request: HttpRequest, dossier_id: str, payload: DesistanceIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    data = payload.dict()
    data["stage"], data["view"] = payload.stage.value, payload.view.value
    return Status(201, services.desistance_record_add(actor=request.auth, dossier=dossier, **data))


class ClosureCheckOut(Schema):
    key: str
    ok: bool
    label: str
    detail: str = ""


class MeasureChecksOut(Schema):
    measure_id: int
    closes_on: IsoDate
    checks: list[ClosureCheckOut]


class ClosureIn(Schema):
    measure_id: int
    closes_on: IsoDate
    achievements: str = Field(max_length=4000)
    young_person_view: str = Field(max_length=2000)
    network_support: str = Field("", max_length=2000)
    after_care: str = Field("", max_length=2000)
    report_to: str = Field("", max_length=200, description="Default: Raad voor de Kinderbescherming")


class ClosureDecisionIn(Schema):
    note: str = Field("", max_length=2000, description="Required when declining")


class ClosureOut(Schema):
    id: int
    measure_id: int
    status: str
    closes_on: IsoDate
    achievements: str
    young_person_view: str
    network_support: str
    after_care: str
    report_to: str
    proposed_on: IsoDate
    decided_on: IsoDate | None
    decision_note: str
    checks: list[ClosureCheckOut]
    report_url: str

    @staticmethod
    def resolve_checks(obj: EarlyClosure) -> list[dict[str, Any]]:
        return [{"key": c["key"], "ok": c["ok"], "label": services.check_label(c["key"])} for c in obj.checks]

    @staticmethod
    def resolve_report_url(obj: EarlyClosure) -> str:
        return reverse(
            "success_closure_report_pdf", kwargs={"dossier_id": obj.dossier_id, "closure_id": obj.pk}
        )


@router.get(
    "/dossiers/{dossier_id}/success/early-closure-checks",
    response={200: list[MeasureChecksOut], 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="What must be true to close each youth probation measure early and positively on a date",
)
def list_closure_checks(request: HttpRequest, dossier_id: str, closes_on: IsoDate | None = None) -> Any:
    dossier = closure_open(user=request.auth, dossier_id=dossier_id).dossier
    day = closes_on or timezone.localdate()
    return [
        {
            "measure_id": measure.pk,
            "closes_on": day,
            "checks": services.closure_checks(dossier=dossier, measure=measure, closes_on=day),
        }
        for measure in services.closure_candidates(dossier=dossier)
    ]


@router.get(
    "/dossiers/{dossier_id}/success/early-closures",
    response={200: list[ClosureOut], 401: ErrorOut, 404: ErrorOut},
    summary="The positive early closures of a dossier (proposals and decisions), newest first",
)
def list_early_closures(request: HttpRequest, dossier_id: str) -> Any:
    dossier = closure_open(user=request.auth, dossier_id=dossier_id).dossier
    return list(EarlyClosure.objects.filter(dossier=dossier))


@router.post(
    "/dossiers/{dossier_id}/success/early-closures",
    response={201: ClosureOut, **WRITE_ERRORS},
    summary="Propose a positive early closure to the team lead (refused while a check fails)",
)
def propose_early_closure(request: HttpRequest, dossier_id: str, payload: ClosureIn) -> Any:
    dossier = closure_open(user=request.auth, dossier_id=dossier_id, action=Action.EDIT).dossier
    data = payload.dict()
    measure = get_object_or_404(dossier.measures, pk=data.pop("measure_id"))
    return Status(201, services.closure_propose(actor=request.auth, dossier=dossier, measure=measure, **data))


@router.post(
    "/dossiers/{dossier_id}/success/early-closures/{closure_id}/confirm",
    response={200: ClosureOut, **WRITE_ERRORS},
    summary="The team lead confirms: the measure ends with the end reason 'early positive closure'",
)
def confirm_early_closure(
    request: HttpRequest, dossier_id: str, closure_id: int, payload: ClosureDecisionIn
) -> Any:
    dossier = closure_open(user=request.auth, dossier_id=dossier_id, action=Action.EDIT).dossier
    closure = closure_get(dossier, closure_id)
    return services.closure_confirm(actor=request.auth, closure=closure, note=payload.note)


@router.post(
    "/dossiers/{dossier_id}/success/early-closures/{closure_id}/decline",
    response={200: ClosureOut, **WRITE_ERRORS},
    summary="The team lead does not confirm, and says why; the measure runs on",
)
def decline_early_closure(
    request: HttpRequest, dossier_id: str, closure_id: int, payload: ClosureDecisionIn
) -> Any:
    dossier = closure_open(user=request.auth, dossier_id=dossier_id, action=Action.EDIT).dossier
    closure = closure_get(dossier, closure_id)
    return services.closure_decline(actor=request.auth, closure=closure, note=payload.note)
