"""API: the advice to the judge (/api/v1/dossiers/{id}/advice...): compose, edit with a version check,
approve (four eyes), and the signed PDF of each approved version."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from kring.access.policy import Action
from kring.cases.selectors import dossier_open
from kring.ui.api import WRITE_ERRORS, ErrorOut
from kring.ui.input_guard import IsoDate
from kring.ui.pdf import pdf_response

from . import advice as service
from .models import JudgeAdvice

router = Router(tags=["advice to the judge"])
BASE = "/dossiers/{dossier_id}/advice"


class AdviceVersionOut(Schema):
    number: int
    sha256: str
    approved_by: str
    approver_role: str
    approved_at: datetime

    @staticmethod
    def resolve_approved_by(obj: Any) -> str:
        return obj.approved_by.get_full_name()


class AdviceOut(Schema):
    id: int
    revision: int = Field(
        ..., description="Send it back with an edit or approval: a newer one means someone else saved."
    )
    status: str
    author: str
    title: str
    addressed_to: str
    frame: str
    bottom_lines: str
    safety_plan: str
    scaling: str
    family_view: str
    proposal: str
    extension_condition: str
    extend_until: IsoDate | None
    motivation: str
    versions: list[AdviceVersionOut]

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return obj.author.get_full_name()

    @staticmethod
    def resolve_versions(obj: Any) -> list[Any]:
        return list(obj.versions.all())


class AdviceIn(Schema):
    title: str = Field(..., max_length=200)
    addressed_to: str = Field("", max_length=200)


class AdviceEditIn(Schema):
    revision: int = Field(..., ge=1, le=2**31 - 1)
    title: str | None = Field(None, max_length=200)
    addressed_to: str | None = Field(None, max_length=200)
    frame: str | None = Field(None, max_length=6000)
    bottom_lines: str | None = Field(None, max_length=6000)
    safety_plan: str | None = Field(None, max_length=6000)
    scaling: str | None = Field(None, max_length=6000)
    family_view: str | None = Field(None, max_length=6000)
    proposal: str | None = Field(None, max_length=10, description="continue, stop, refer or extend")
    extension_condition: str | None = Field(None, max_length=40)
    extend_until: IsoDate | None = None
    motivation: str | None = Field(None, max_length=6000)


class AdviceApproveIn(Schema):
    revision: int = Field(..., ge=1, le=2**31 - 1)


def _advice(dossier: Any, advice_id: int) -> JudgeAdvice:
    advice = get_object_or_404(JudgeAdvice.objects.select_related("author"), dossier=dossier, pk=advice_id)
    advice.dossier = dossier
    return advice


def _stale_is_conflict(error: ValidationError) -> None:
    if getattr(error, "code", None) == "stale":
        raise HttpError(409, str(service.STALE)) from None
    raise error


@router.get(
    BASE, response={200: list[AdviceOut], 401: ErrorOut, 404: ErrorOut}, summary="The advices to the judge"
)
def list_advices(request: HttpRequest, dossier_id: str) -> Any:
    return service.advices_of(
        dossier=dossier_open(user=request.auth, dossier_id=dossier_id, reads=[service.ADVICE_SECTION]).dossier
    )


@router.post(BASE, response={201: AdviceOut, **WRITE_ERRORS}, summary="Compose a new draft from the dossier")
def compose_advice(request: HttpRequest, dossier_id: str, payload: AdviceIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=service.ADVICE_SECTION
    ).dossier
    return Status(201, service.advice_create(actor=request.auth, dossier=dossier, **payload.dict()))


@router.get(
    f"{BASE}/{{advice_id}}",
    response={200: AdviceOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="One advice",
)
def get_advice(request: HttpRequest, dossier_id: str, advice_id: int) -> Any:
    return _advice(
        dossier_open(user=request.auth, dossier_id=dossier_id, reads=[service.ADVICE_SECTION]).dossier,
        advice_id,
    )


@router.post(
    f"{BASE}/{{advice_id}}",
    response={200: AdviceOut, **WRITE_ERRORS},
    summary="Edit the advice (fields left out stay as they are); 409 when someone saved in between",
)
def edit_advice(request: HttpRequest, dossier_id: str, advice_id: int, payload: AdviceEditIn) -> Any:
    advice = _advice(
        dossier_open(
            user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=service.ADVICE_SECTION
        ).dossier,
        advice_id,
    )
    data = payload.dict(exclude_none=True)
    revision = data.pop("revision")
    for name in ("proposal", "extension_condition"):
        if name in payload.model_fields_set and getattr(payload, name) is None:
            data[name] = ""
    if "extend_until" in payload.model_fields_set:
        data["extend_until"] = payload.extend_until
    try:
        return service.advice_update(actor=request.auth, advice=advice, revision=revision, **data)
    except ValidationError as error:
        _stale_is_conflict(error)


@router.post(
    f"{BASE}/{{advice_id}}/approve",
    response={201: AdviceVersionOut, **WRITE_ERRORS},
    summary="Approve and sign the advice as a PDF (a team lead or behavioural scientist, not its author)",
)
def approve_advice(request: HttpRequest, dossier_id: str, advice_id: int, payload: AdviceApproveIn) -> Any:
    advice = _advice(
        dossier_open(
            user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=service.ADVICE_SECTION
        ).dossier,
        advice_id,
    )
    try:
        return Status(
            201, service.advice_approve(actor=request.auth, advice=advice, revision=payload.revision)
        )
    except ValidationError as error:
        _stale_is_conflict(error)


@router.get(
    f"{BASE}/{{advice_id}}/versions/{{number}}/pdf",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="The signed PDF of an approved version",
    openapi_extra={
        "responses": {
            200: {
                "description": "The PDF as it was signed",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def advice_pdf(request: HttpRequest, dossier_id: str, advice_id: int, number: int) -> HttpResponse:
    advice = _advice(
        dossier_open(user=request.auth, dossier_id=dossier_id, reads=[service.ADVICE_SECTION]).dossier,
        advice_id,
    )
    version = get_object_or_404(advice.versions, number=number)
    return pdf_response(
        bytes(version.pdf), f"{advice.dossier.reference}-advice-{advice.pk}-v{version.number}"
    )
