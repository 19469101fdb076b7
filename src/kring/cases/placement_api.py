"""API: where the children of a dossier live over time (/api/v1/dossiers/{id}/placements)."""

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from kring.access.policy import Action
from kring.ui.api import WRITE_ERRORS, ErrorOut
from kring.ui.input_guard import IsoDate

from .selectors import dossier_open
from .services import placement as service

router = Router(tags=["placements"])
NOT_A_CHILD = _("This child is not in this dossier.")


class PlacementOut(Schema):
    id: int
    child_id: int
    kind: str
    place: str
    started_on: IsoDate
    planned_end_on: IsoDate | None
    ended_on: IsoDate | None
    decided_by: str
    decided_by_name: str
    reason: str


class PlacementIn(Schema):
    child_id: int
    kind: str = Field(..., max_length=30)
    started_on: IsoDate
    planned_end_on: IsoDate | None = None
    ended_on: IsoDate | None = Field(
        None, description="For a past stay: the first day the child lived elsewhere."
    )
    decided_by: str = Field(..., max_length=20, description="judge, case_worker or parents")
    decided_by_name: str = Field("", max_length=200)
    reason: str = Field(..., max_length=2000)
    place: str = Field("", max_length=200)


class PlacementEndIn(Schema):
    ended_on: IsoDate


class CrisisDecisionIn(Schema):
    decision: Literal["return_home", "extend"]
    decided_on: IsoDate
    decided_by: str = Field(..., max_length=20)
    decided_by_name: str = Field("", max_length=200)
    reason: str = Field(..., max_length=2000)
    extend_until: IsoDate | None = None
    home_place: str = Field("", max_length=200)


@router.get(
    "/dossiers/{dossier_id}/placements",
    response={200: list[PlacementOut], 401: ErrorOut, 404: ErrorOut},
    summary="Where the children lived and live",
)
def list_placements(request: HttpRequest, dossier_id: str) -> Any:
    opened = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[service.PLACEMENT_SECTION])
    return service.placements_of(dossier=opened.dossier)


@router.post(
    "/dossiers/{dossier_id}/placements",
    response={201: PlacementOut, **WRITE_ERRORS},
    summary="Record where a child lives",
)
def record_placement(request: HttpRequest, dossier_id: str, payload: PlacementIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=service.PLACEMENT_SECTION
    ).dossier
    data = payload.dict()
    child = dossier.children.filter(pk=data.pop("child_id")).first()
    if child is None:
        raise ValidationError({"child": NOT_A_CHILD})
    return Status(201, service.placement_record(actor=request.auth, dossier=dossier, child=child, **data))


def _placement(request: HttpRequest, dossier_id: str, placement_id: int) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=service.PLACEMENT_SECTION
    ).dossier
    return get_object_or_404(dossier.placements.select_related("child", "dossier"), pk=placement_id)


@router.post(
    "/dossiers/{dossier_id}/placements/{placement_id}/end",
    response={200: PlacementOut, **WRITE_ERRORS},
    summary="End a stay: the child moved on",
)
def end_placement(request: HttpRequest, dossier_id: str, placement_id: int, payload: PlacementEndIn) -> Any:
    placement = _placement(request, dossier_id, placement_id)
    return service.placement_end(actor=request.auth, placement=placement, ended_on=payload.ended_on)


@router.post(
    "/dossiers/{dossier_id}/placements/{placement_id}/crisis-decision",
    response={200: PlacementOut, **WRITE_ERRORS},
    summary="The day-6 decision on a crisis placement: return home, or extend",
    description="Returns the stay that runs after the decision: the new stay at home, or the extended crisis "
    "placement.",
)
def decide_crisis_placement(
    request: HttpRequest, dossier_id: str, placement_id: int, payload: CrisisDecisionIn
) -> Any:
    placement = _placement(request, dossier_id, placement_id)
    return service.crisis_decide(actor=request.auth, placement=placement, **payload.dict())
