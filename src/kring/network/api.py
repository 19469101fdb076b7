"""The family's network through the API: the people around the children (participants) of a dossier."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from kring.access.policy import Action, Section
from kring.cases.models import Closeness, ParticipantRole
from kring.cases.selectors import dossier_open
from kring.ui.api import WRITE_ERRORS, ErrorOut
from kring.ui.input_guard import IsoDate

from .services import participant_add

router = Router(tags=["dossiers"])


class ParticipantOut(Schema):
    id: int
    person_id: int
    first_name: str
    last_name: str
    role: str
    relation: str
    closeness: str
    lives_with_child: bool
    started_on: IsoDate
    ended_on: IsoDate | None

    @staticmethod
    def resolve_first_name(obj: Any) -> str:
        return obj.person.first_name

    @staticmethod
    def resolve_last_name(obj: Any) -> str:
        return obj.person.last_name


class ParticipantIn(Schema):
    first_name: str = Field(..., min_length=1, max_length=100)
    last_name: str = Field(..., min_length=1, max_length=150)
    date_of_birth: IsoDate | None = None
    role: ParticipantRole
    relation: str = Field(..., min_length=1, max_length=100)
    closeness: Closeness = Closeness.WIDER
    lives_with_child: bool = False


@router.get(
    "/dossiers/{dossier_id}/participants", response={200: list[ParticipantOut], 401: ErrorOut, 404: ErrorOut}
)
def list_participants(request: HttpRequest, dossier_id: str) -> Any:
    return dossier_open(
        user=request.auth, dossier_id=dossier_id, reads=[Section.NETWORK]
    ).dossier.participants.select_related("person")


@router.post("/dossiers/{dossier_id}/participants", response={201: ParticipantOut, **WRITE_ERRORS})
def add_participant(request: HttpRequest, dossier_id: str, payload: ParticipantIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    ).dossier
    return Status(201, participant_add(actor=request.auth, dossier=dossier, **payload.dict()))
