"""API: closing a dossier with four eyes, and reopening it (/api/v1/dossiers/{id}/closure...)."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from kring.access.policy import Action
from kring.ui.api import WRITE_ERRORS, ErrorOut
from kring.ui.input_guard import IsoDate

from .models import ClosureStatus
from .selectors import dossier_get_for_user, dossier_open
from .services import closure as service

router = Router(tags=["closure"])


class OpenItemOut(Schema):
    kind: str
    text: str
    url: str


class DossierClosureOut(Schema):
    id: int
    status: str
    summary: str
    proposed_by: str
    proposed_on: IsoDate
    decided_by: str | None
    decided_on: IsoDate | None
    decision_note: str
    closed_on: IsoDate | None
    reopened_on: IsoDate | None
    reopen_reason: str

    @staticmethod
    def resolve_proposed_by(obj: Any) -> str:
        return obj.proposed_by.get_full_name()

    @staticmethod
    def resolve_decided_by(obj: Any) -> str | None:
        return obj.decided_by.get_full_name() if obj.decided_by else None


class ClosureStateOut(Schema):
    status: str = Field(..., description="The dossier's status: open or closed.")
    open_items: list[OpenItemOut] = Field(
        ..., description="What must be settled before the dossier can close."
    )
    closures: list[DossierClosureOut]


class ProposeIn(Schema):
    summary: str = Field(..., max_length=4000)


class DecideIn(Schema):
    note: str = Field("", max_length=2000)


class ReopenIn(Schema):
    reason: str = Field(..., max_length=2000)


@router.get(
    "/dossiers/{dossier_id}/closure",
    response={200: ClosureStateOut, 401: ErrorOut, 404: ErrorOut},
    summary="What is still open, and every closure and reopening",
)
def closure_state(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[service.CLOSURE_SECTION]).dossier
    overview = service.closure_overview(user=request.auth, dossier=dossier, day=timezone.localdate())
    return {"status": dossier.status, "open_items": overview["open_items"], "closures": overview["history"]}


@router.post(
    "/dossiers/{dossier_id}/closure",
    response={201: DossierClosureOut, **WRITE_ERRORS},
    summary="Propose to close the dossier (refused while something is open)",
)
def propose_closure(request: HttpRequest, dossier_id: str, payload: ProposeIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=service.CLOSURE_SECTION
    ).dossier
    return Status(201, service.closure_propose(actor=request.auth, dossier=dossier, summary=payload.summary))


def _pending(request: HttpRequest, dossier_id: str, closure_id: int) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=service.CLOSURE_SECTION
    ).dossier
    closure = get_object_or_404(
        dossier.closures.filter(status=ClosureStatus.PROPOSED).select_related("proposed_by"), pk=closure_id
    )
    closure.dossier = dossier
    return closure


@router.post(
    "/dossiers/{dossier_id}/closure/{closure_id}/confirm",
    response={200: DossierClosureOut, **WRITE_ERRORS},
    summary="Confirm a proposed closure (a team lead of the owning team, not the proposer)",
)
def confirm_closure(request: HttpRequest, dossier_id: str, closure_id: int, payload: DecideIn) -> Any:
    closure = _pending(request, dossier_id, closure_id)
    return service.closure_confirm(actor=request.auth, closure=closure, note=payload.note)


@router.post(
    "/dossiers/{dossier_id}/closure/{closure_id}/reject",
    response={200: DossierClosureOut, **WRITE_ERRORS},
    summary="Do not confirm a proposed closure, saying why",
)
def reject_closure(request: HttpRequest, dossier_id: str, closure_id: int, payload: DecideIn) -> Any:
    closure = _pending(request, dossier_id, closure_id)
    return service.closure_reject(actor=request.auth, closure=closure, note=payload.note)


@router.post(
    "/dossiers/{dossier_id}/reopen",
    response={200: DossierClosureOut, **WRITE_ERRORS},
    summary="Reopen a closed dossier, with a reason",
)
def reopen_dossier(request: HttpRequest, dossier_id: str, payload: ReopenIn) -> Any:
    dossier, _decision = dossier_get_for_user(user=request.auth, dossier_id=dossier_id)
    return service.dossier_reopen(actor=request.auth, dossier=dossier, reason=payload.reason)
