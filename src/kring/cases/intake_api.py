"""The API of the intake and of the dossier's make-up: open a dossier, add and move children, record and end
authority, edit the summary, transfer to another team. The same services, access policy and audit log as the
pages."""

from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Router, Schema, Status

from kring.access.policy import Action, Section, teams_to_open_dossier
from kring.accounts.models import Organisation, Team
from kring.ui.api import WRITE_ERRORS, ErrorOut
from kring.ui.input_guard import IsoDate

from .models import Authority, AuthoritySource, Gender, MeasureKind, OriginKind, Person
from .selectors import dossier_open
from .services import intake
from .services.intake import AuthorityIn, CarerIn, Intake, MeasureIn, PersonIn

router = Router(tags=["intake"])
MAX_ID = 2**31 - 1
MAX_ROWS = 20
UNKNOWN_TEAM = _("You cannot open a dossier for this team.")
UNKNOWN_ORGANISATION = _("This organisation does not exist.")
NOT_IN_DOSSIER = _("This person is not in this dossier.")

Id = Field(..., ge=1, le=MAX_ID)
GenderValue = Literal[tuple(Gender.values)]  # type: ignore[valid-type]
SourceValue = Literal[tuple(AuthoritySource.values)]  # type: ignore[valid-type]
OriginValue = Literal[tuple(OriginKind.values)]  # type: ignore[valid-type]
MeasureValue = Literal[tuple(MeasureKind.values)]  # type: ignore[valid-type]


class PersonSchemaIn(Schema):
    existing_person_id: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="A person already in one of your dossiers (see /people/candidates), not a new one.",
    )
    first_name: str = Field("", max_length=100)
    last_name: str = Field("", max_length=150)
    date_of_birth: IsoDate | None = None
    gender: GenderValue = Gender.UNKNOWN  # type: ignore[valid-type]
    school: str = Field("", max_length=200)
    living_situation: str = Field("", max_length=200)
    language: str = Field("", max_length=100)
    lvb: bool = False


class CarerSchemaIn(PersonSchemaIn):
    role: Literal["parent", "carer"] = "parent"
    relation: str = Field("", max_length=100)
    phone: str = Field("", max_length=40)
    lives_with_child: bool = False


class IntakeAuthorityIn(Schema):
    child: int = Field(..., ge=0, lt=MAX_ROWS, description="Position of the child in `children`, from 0.")
    holder: int | None = Field(
        None, ge=0, lt=MAX_ROWS, description="Position of the holder in `carers`, from 0."
    )
    holder_organisation_id: int | None = Field(None, ge=1, le=MAX_ID, description="Guardian institution.")
    source: SourceValue  # type: ignore[valid-type]
    started_on: IsoDate
    ended_on: IsoDate | None = None


class IntakeMeasureIn(Schema):
    kind: MeasureValue  # type: ignore[valid-type]
    started_on: IsoDate
    child: int | None = Field(
        None, ge=0, lt=MAX_ROWS, description="Position in `children`; empty: every child."
    )
    planned_end_on: IsoDate | None = None
    decided_by: str = Field("", max_length=200)


class IntakeIn(Schema):
    team_id: int = Id
    title: str = Field(..., max_length=200)
    summary: str = Field("", max_length=10000)
    origin_kind: OriginValue  # type: ignore[valid-type]
    origin_on: IsoDate
    origin_note: str = Field("", max_length=300)
    case_role: str = Field(..., max_length=100)
    assignment: str = Field("", max_length=2000)
    children: list[PersonSchemaIn] = Field(..., max_length=MAX_ROWS)
    carers: list[CarerSchemaIn] = Field([], max_length=MAX_ROWS)
    authorities: list[IntakeAuthorityIn] = Field([], max_length=MAX_ROWS * 2)
    measure: IntakeMeasureIn | None = None


class DossierRefOut(Schema):
    id: UUID
    reference: str
    title: str
    jurisdiction: str
    owning_team: str

    @staticmethod
    def resolve_owning_team(obj: Any) -> str:
        return obj.owning_team.name


class KnownPersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    date_of_birth: IsoDate | None


class AuthorityOut(Schema):
    id: int
    child_id: int
    holder_id: int | None
    holder_organisation_id: int | None
    holder_name: str
    kind: str
    source: str
    started_on: IsoDate
    ended_on: IsoDate | None

    @staticmethod
    def resolve_holder_name(obj: Any) -> str:
        return str(obj.holder or obj.holder_organisation)


class AuthorityAddIn(Schema):
    child_id: int = Id
    holder_id: int | None = Field(None, ge=1, le=MAX_ID)
    holder_organisation_id: int | None = Field(None, ge=1, le=MAX_ID)
    source: SourceValue  # type: ignore[valid-type]
    started_on: IsoDate
    ended_on: IsoDate | None = None


class AuthorityChangeIn(Schema):
    source: SourceValue  # type: ignore[valid-type]
    started_on: IsoDate
    ended_on: IsoDate | None = None


class AuthorityEndIn(Schema):
    ended_on: IsoDate


class ChildMoveIn(Schema):
    target_dossier_id: UUID
    moved_on: IsoDate
    reason: str = Field(..., max_length=200)


class SummaryIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    summary: str = Field("", max_length=10000)
    version: str = Field(
        "",
        max_length=64,
        description="The `version` read before editing: a change by someone else meanwhile is refused (422).",
    )


class SummaryOut(Schema):
    title: str
    summary: str
    version: str


class TransferIn(Schema):
    team_id: int = Id
    transferred_on: IsoDate
    reason: str = Field(..., max_length=200)


class CandidateSearchIn(Schema):
    # required: with only optional fields, ninja's schema would read any JSON (even a list) as "no filter"
    q: str = Field(..., max_length=100, description="Words of the name; may be empty with a date of birth.")
    date_of_birth: IsoDate | None = None


def _organisation(organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return None
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise ValidationError({"holder_organisation": UNKNOWN_ORGANISATION})
    return organisation


def _person(user: Any, data: PersonSchemaIn) -> PersonIn:
    existing = None
    if data.existing_person_id is not None:
        existing = intake.person_for_reuse(user=user, person_id=data.existing_person_id)
        if existing is None:
            raise ValidationError({"existing_person_id": intake.UNKNOWN_PERSON})
    return PersonIn(
        first_name=data.first_name,
        last_name=data.last_name,
        date_of_birth=data.date_of_birth,
        gender=data.gender,
        school=data.school,
        living_situation=data.living_situation,
        language=data.language,
        lvb=data.lvb,
        existing=existing,
    )


@router.post("/intake", response={201: DossierRefOut, **WRITE_ERRORS}, summary="Open a new dossier")
def open_dossier(request: HttpRequest, payload: IntakeIn) -> Any:
    """Open a dossier for one of your teams (case workers and team leads): the reference is generated, you
    take a seat in its circle; children, parents and carers, authority per child, how the case came in and
    the first legal frame are recorded together, or nothing is."""
    user = request.auth
    team = teams_to_open_dossier(user).filter(pk=payload.team_id).first()
    if team is None:
        raise Http404
    data = Intake(
        team=team,
        title=payload.title,
        summary=payload.summary,
        origin_kind=payload.origin_kind,
        origin_on=payload.origin_on,
        origin_note=payload.origin_note,
        case_role=payload.case_role,
        assignment=payload.assignment,
        children=[_person(user, child) for child in payload.children],
        carers=[
            CarerIn(
                person=_person(user, carer),
                role=carer.role,
                relation=carer.relation,
                phone=carer.phone,
                lives_with_child=carer.lives_with_child,
            )
            for carer in payload.carers
        ],
        authorities=[
            AuthorityIn(
                child=row.child,
                holder=row.holder,
                holder_organisation=_organisation(row.holder_organisation_id),
                source=row.source,
                started_on=row.started_on,
                ended_on=row.ended_on,
            )
            for row in payload.authorities
        ],
        measure=MeasureIn(
            kind=payload.measure.kind,
            started_on=payload.measure.started_on,
            child=payload.measure.child,
            planned_end_on=payload.measure.planned_end_on,
            decided_by=payload.measure.decided_by,
        )
        if payload.measure
        else None,
    )
    return Status(201, intake.dossier_intake(actor=user, intake=data))


@router.post(
    "/people/candidates",
    response={200: list[KnownPersonOut], **WRITE_ERRORS},  # 400: a body that is not JSON
    summary="People already in my dossiers, offered for reuse",
    description="A search, not a change: the name and date of birth travel in the body, never in the URL.",
)
def people_candidates(request: HttpRequest, payload: CandidateSearchIn) -> Any:
    if not teams_to_open_dossier(request.auth).exists():
        raise Http404
    return intake.person_candidates(user=request.auth, query=payload.q, date_of_birth=payload.date_of_birth)


def _child_of(dossier: Any, person_id: int) -> Person:
    child = dossier.children.filter(pk=person_id).first()
    if child is None:
        raise ValidationError({"child": intake.NOT_A_CHILD_HERE})
    return child


@router.post(
    "/dossiers/{dossier_id}/children", response={201: KnownPersonOut, **WRITE_ERRORS}, summary="Add a child"
)
def add_child(request: HttpRequest, dossier_id: str, payload: PersonSchemaIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.CHILDREN
    ).dossier
    person = _person(request.auth, payload)
    child = intake.child_add(actor=request.auth, dossier=dossier, person=person, day=timezone.localdate())
    return Status(201, child)


@router.post(
    "/dossiers/{dossier_id}/children/{person_id}/move",
    response={200: DossierRefOut, **WRITE_ERRORS},
    summary="Move a child to another dossier",
)
def move_child(
    request: HttpRequest,
    dossier_id: str,
    person_id: int = Path(..., ge=1, le=MAX_ID),
    *,
    payload: ChildMoveIn,
) -> Any:
    source = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.CHILDREN
    ).dossier
    target = dossier_open(
        user=request.auth,
        dossier_id=str(payload.target_dossier_id),
        action=Action.EDIT,
        section=Section.CHILDREN,
    ).dossier
    intake.child_move(
        actor=request.auth,
        child=_child_of(source, person_id),
        source=source,
        target=target,
        day=payload.moved_on,
        reason=payload.reason,
    )
    return target


@router.get(
    "/dossiers/{dossier_id}/authorities",
    response={200: list[AuthorityOut], 401: ErrorOut, 404: ErrorOut},
    summary="Authority over the children",
)
def list_authorities(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.NETWORK]).dossier
    return list(intake.authorities_of_dossier(dossier))


@router.post(
    "/dossiers/{dossier_id}/authorities",
    response={201: AuthorityOut, **WRITE_ERRORS},
    summary="Record authority over a child",
)
def add_authority(request: HttpRequest, dossier_id: str, payload: AuthorityAddIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    ).dossier
    holder = None
    if payload.holder_id is not None:
        holder = Person.objects.filter(pk=payload.holder_id, participations__dossier=dossier).first()
        if holder is None:
            raise ValidationError({"holder": NOT_IN_DOSSIER})
    authority = intake.authority_add(
        actor=request.auth,
        dossier=dossier,
        child=_child_of(dossier, payload.child_id),
        source=payload.source,
        started_on=payload.started_on,
        ended_on=payload.ended_on,
        holder=holder,
        holder_organisation=_organisation(payload.holder_organisation_id),
    )
    return Status(201, authority)


def _authority(dossier: Any, authority_id: int) -> Authority:
    return get_object_or_404(
        Authority.objects.select_related("child", "holder", "holder_organisation"),
        pk=authority_id,
        child__in=dossier.children.all(),
    )


@router.post(
    "/dossiers/{dossier_id}/authorities/{authority_id}",
    response={200: AuthorityOut, **WRITE_ERRORS},
    summary="Correct the source or period of an authority",
)
def change_authority(
    request: HttpRequest,
    dossier_id: str,
    authority_id: int = Path(..., ge=1, le=MAX_ID),
    *,
    payload: AuthorityChangeIn,
) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    ).dossier
    return intake.authority_change(
        actor=request.auth,
        dossier=dossier,
        authority=_authority(dossier, authority_id),
        source=payload.source,
        started_on=payload.started_on,
        ended_on=payload.ended_on,
    )


@router.post(
    "/dossiers/{dossier_id}/authorities/{authority_id}/end",
    response={200: AuthorityOut, **WRITE_ERRORS},
    summary="End an authority",
)
def end_authority(
    request: HttpRequest,
    dossier_id: str,
    authority_id: int = Path(..., ge=1, le=MAX_ID),
    *,
    payload: AuthorityEndIn,
) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    ).dossier
    return intake.authority_end(
        actor=request.auth,
        dossier=dossier,
        authority=_authority(dossier, authority_id),
        ended_on=payload.ended_on,
    )


@router.get(
    "/dossiers/{dossier_id}/summary",
    response={200: SummaryOut, 401: ErrorOut, 404: ErrorOut},
    summary="The family name and summary, with the version to edit from",
)
def get_summary(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.SUMMARY]).dossier
    return {"title": dossier.title, "summary": dossier.summary, "version": intake.dossier_version(dossier)}


@router.post(
    "/dossiers/{dossier_id}/summary",
    response={200: SummaryOut, **WRITE_ERRORS},
    summary="Edit the family name and summary",
)
def edit_summary(request: HttpRequest, dossier_id: str, payload: SummaryIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.SUMMARY
    ).dossier
    saved = intake.dossier_summary_edit(
        actor=request.auth,
        dossier=dossier,
        title=payload.title,
        summary=payload.summary,
        expected_version=payload.version or None,
    )
    return {"title": saved.title, "summary": saved.summary, "version": intake.dossier_version(saved)}


@router.post(
    "/dossiers/{dossier_id}/transfer",
    response={200: DossierRefOut, **WRITE_ERRORS},
    summary="Transfer the dossier to another team (team lead of the owning team)",
)
def transfer_dossier(request: HttpRequest, dossier_id: str, payload: TransferIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.MANAGE_CIRCLE, section=Section.CIRCLE
    ).dossier
    # The policy before the team: someone who may not transfer must get 404 whatever team they name, not a
    # validation error that tells them the dossier exists and what it would take.
    intake.authorise_transfer(request.auth, dossier)
    team = Team.objects.select_related("organisation").filter(pk=payload.team_id).first()
    if team is None:
        raise ValidationError({"team": intake.TEAM_OF_ANOTHER_ORGANISATION})
    return intake.dossier_transfer(
        actor=request.auth, dossier=dossier, team=team, day=payload.transferred_on, reason=payload.reason
    )
