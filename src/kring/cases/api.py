from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kring.access.policy import Action, Section, organisation_shares
from kring.accounts.models import Membership, Organisation
from kring.ui.api import WRITE_ERRORS, BoundedPagination, ErrorOut
from kring.ui.input_guard import IsoDate

from .models import Person, TimelineLine
from .selectors import (
    DETAIL_SECTIONS,
    dossier_detail,
    dossier_list_for_user,
    dossier_open,
    dossier_people,
    dossiers_audit_listed,
    sharing_organisations,
)
from .services import circle_member_add, circle_member_end, history

router = Router(tags=["dossiers"])
NOT_IN_DOSSIER = _("This person is not in this dossier.")
UNKNOWN_ORGANISATION = _("This organisation does not exist.")
UNKNOWN_MEMBERSHIP = _("This professional does not exist or no longer works in that role.")


class ChildOut(Schema):
    first_name: str
    last_name: str
    date_of_birth: IsoDate | None


class DossierSummaryOut(Schema):
    id: UUID
    reference: str
    title: str
    jurisdiction: str
    status: str
    opened_on: IsoDate
    owning_team: str
    children: list[ChildOut]

    @staticmethod
    def resolve_owning_team(obj: Any) -> str:
        return str(obj.owning_team)

    @staticmethod
    def resolve_children(obj: Any) -> list[Any]:
        return list(obj.children.all())


class CircleMemberOut(Schema):
    name: str
    organisation: str
    case_role: str
    assignment: str
    started_on: IsoDate
    ended_on: IsoDate | None

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.user.get_full_name()

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.membership.organisation.name


class DossierOut(DossierSummaryOut):
    summary: str | None = Field(None, description="Empty when the dossier does not share its story with you.")
    access_basis: str
    circle: list[CircleMemberOut]

    @staticmethod
    def resolve_circle(obj: Any) -> list[Any]:
        return obj.current_circle


class AuditedPagination(BoundedPagination):
    """Pages of dossiers, each written to the audit log as listed."""

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        result = super().paginate_queryset(queryset, pagination, request=request, **params)
        result["items"] = list(result["items"])
        dossiers_audit_listed(user=request.auth, dossiers=result["items"])
        return result


@router.get(
    "/",
    response={200: list[DossierSummaryOut], 401: ErrorOut, 422: ErrorOut},
    summary="The dossiers I may open",
)
@paginate(AuditedPagination)
def list_dossiers(request: HttpRequest) -> Any:
    return dossier_list_for_user(user=request.auth)


@router.get("/{dossier_id}", response={200: DossierOut, 401: ErrorOut, 404: ErrorOut}, summary="One dossier")
def get_dossier(request: HttpRequest, dossier_id: str) -> Any:
    opened = dossier_open(
        user=request.auth, dossier_id=dossier_id, reads=DETAIL_SECTIONS, as_far_as_shared=True
    )
    detail = dossier_detail(dossier=opened.dossier)
    if Section.SUMMARY not in opened.readable:
        detail.summary = None
    detail.access_basis = opened.decision.basis.value
    return detail


# --- history: measures, consent, events, people, sharing ----------------------------------------------------


class MeasureExtensionOut(Schema):
    decided_on: IsoDate
    previous_planned_end_on: IsoDate
    new_planned_end_on: IsoDate
    reason: str


class MeasureOut(Schema):
    id: int
    child_id: int
    kind: str
    started_on: IsoDate
    planned_end_on: IsoDate | None
    ended_on: IsoDate | None
    end_reason: str
    decided_by: str
    extensions: list[MeasureExtensionOut]

    @staticmethod
    def resolve_extensions(obj: Any) -> list[Any]:
        return list(obj.extensions.all())


class MeasureIn(Schema):
    child_id: int
    kind: str
    started_on: IsoDate
    planned_end_on: IsoDate | None = None
    decided_by: str = Field("", max_length=200)


class MeasureExtendIn(Schema):
    new_planned_end_on: IsoDate
    decided_on: IsoDate
    reason: str = Field(..., max_length=2000)


class MeasureEndIn(Schema):
    ended_on: IsoDate
    end_reason: str


class ConsentOut(Schema):
    id: int
    step: int | None
    scope: str
    given_by_id: int
    given_on: IsoDate
    shared_with_id: int | None
    sections: list[str]
    withdrawn_on: IsoDate | None


class ConsentIn(Schema):
    given_by_id: int
    given_on: IsoDate
    scope: str = Field(..., min_length=1, max_length=2000)
    step: int | None = Field(None, ge=1, le=5)
    shared_with_id: int | None = None
    sections: list[str] = []


class ConsentWithdrawIn(Schema):
    withdrawn_on: IsoDate
    note: str = Field("", max_length=2000)


class EventOut(Schema):
    kind: str
    occurred_on: IsoDate
    summary: str

    @staticmethod
    def resolve_summary(event: Any) -> str:
        return event.display_summary  # in the reader's language


class ShareOut(Schema):
    organisation: str
    section: str
    basis: str
    consent_id: int | None


def _person_in(dossier: Any, person_id: int) -> Person:
    """A child or participant of this dossier, or 422 — never a person of another dossier."""
    person = dossier_people(dossier=dossier).filter(pk=person_id).first()
    if person is None:
        raise ValidationError({"person": NOT_IN_DOSSIER})
    return person


@router.get("/{dossier_id}/measures", response={200: list[MeasureOut], 401: ErrorOut, 404: ErrorOut})
def list_measures(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.MEASURES]).dossier
    return dossier.measures.prefetch_related("extensions").order_by("started_on", "id")


@router.post("/{dossier_id}/measures", response={201: MeasureOut, **WRITE_ERRORS})
def start_measure(request: HttpRequest, dossier_id: str, payload: MeasureIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    child = _person_in(dossier, payload.child_id)
    measure = history.measure_start(
        actor=request.auth,
        dossier=dossier,
        child=child,
        kind=payload.kind,
        started_on=payload.started_on,
        planned_end_on=payload.planned_end_on,
        decided_by=payload.decided_by,
    )
    return Status(201, measure)


def _measure(request: HttpRequest, dossier_id: str, measure_id: int) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    return get_object_or_404(dossier.measures, pk=measure_id)


@router.post(
    "/{dossier_id}/measures/{measure_id}/extend",
    response={200: MeasureOut, **WRITE_ERRORS},
)
def extend_measure(request: HttpRequest, dossier_id: str, measure_id: int, payload: MeasureExtendIn) -> Any:
    measure = _measure(request, dossier_id, measure_id)
    history.measure_extend(actor=request.auth, measure=measure, **payload.dict())
    return measure


@router.post(
    "/{dossier_id}/measures/{measure_id}/end",
    response={200: MeasureOut, **WRITE_ERRORS},
)
def end_measure(request: HttpRequest, dossier_id: str, measure_id: int, payload: MeasureEndIn) -> Any:
    measure = _measure(request, dossier_id, measure_id)
    return history.measure_end(actor=request.auth, measure=measure, **payload.dict())


@router.get("/{dossier_id}/consents", response={200: list[ConsentOut], 401: ErrorOut, 404: ErrorOut})
def list_consents(request: HttpRequest, dossier_id: str) -> Any:
    return dossier_open(
        user=request.auth, dossier_id=dossier_id, reads=[Section.CONSENTS]
    ).dossier.consents.all()


@router.post("/{dossier_id}/consents", response={201: ConsentOut, **WRITE_ERRORS})
def give_consent(request: HttpRequest, dossier_id: str, payload: ConsentIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.CONSENTS
    ).dossier
    shared_with = None
    if payload.shared_with_id is not None:
        shared_with = Organisation.objects.filter(pk=payload.shared_with_id).first()
        if shared_with is None:
            raise ValidationError({"shared_with": UNKNOWN_ORGANISATION})
    consent = history.consent_give(
        actor=request.auth,
        dossier=dossier,
        given_by=_person_in(dossier, payload.given_by_id),
        given_on=payload.given_on,
        scope=payload.scope,
        step=payload.step,
        shared_with=shared_with,
        sections=payload.sections,
    )
    return Status(201, consent)


@router.post(
    "/{dossier_id}/consents/{consent_id}/withdraw",
    response={200: ConsentOut, **WRITE_ERRORS},
)
def withdraw_consent(
    request: HttpRequest, dossier_id: str, consent_id: int, payload: ConsentWithdrawIn
) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.CONSENTS
    ).dossier
    consent = get_object_or_404(dossier.consents, pk=consent_id)
    return history.consent_withdraw(actor=request.auth, consent=consent, **payload.dict())


@router.get(
    "/{dossier_id}/events", response={200: list[EventOut], 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
)
@paginate(BoundedPagination)
def list_events(request: HttpRequest, dossier_id: str) -> Any:
    return dossier_open(
        user=request.auth, dossier_id=dossier_id, reads=[Section.TIMELINE]
    ).dossier.events.all()


@router.get("/{dossier_id}/sharing", response={200: list[ShareOut], 401: ErrorOut, 404: ErrorOut})
def sharing(request: HttpRequest, dossier_id: str) -> Any:
    """Which organisation sees which part of the dossier, and why: the policy's own answer."""
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.CONSENTS]).dossier
    return [
        {
            "organisation": organisation.name,
            "section": share.section.value,
            "basis": share.basis.value,
            "consent_id": share.consent.pk if share.consent else None,
        }
        for organisation in sharing_organisations(dossier=dossier)
        for share in organisation_shares(dossier, organisation).values()
    ]


# --- people, circle and the family's timelines -------------------------------------------------------------


class SeatOut(CircleMemberOut):
    id: int
    membership_id: int


class SeatIn(Schema):
    membership_id: int
    case_role: str = Field(..., min_length=1, max_length=100)
    assignment: str = Field("", max_length=2000)
    started_on: IsoDate


class SeatEndIn(Schema):
    ended_on: IsoDate


class TimelineEntryOut(Schema):
    id: int
    line: str
    year: int | None
    on: IsoDate | None
    text: str

    @staticmethod
    def resolve_on(obj: Any) -> date | None:
        return obj.date


class TimelineEntryIn(Schema):
    line: TimelineLine
    text: str = Field(..., min_length=1, max_length=300)
    year: int | None = Field(None, ge=1900, le=2100)
    on: IsoDate | None = None


@router.get("/{dossier_id}/circle", response={200: list[SeatOut], 401: ErrorOut, 404: ErrorOut})
def list_circle(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.CIRCLE]).dossier
    return dossier.circle.select_related("user", "membership__organisation").order_by("started_on", "id")


@router.post("/{dossier_id}/circle", response={201: SeatOut, **WRITE_ERRORS})
def add_to_circle(request: HttpRequest, dossier_id: str, payload: SeatIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.MANAGE_CIRCLE, section=Section.CIRCLE
    ).dossier
    membership = Membership.objects.active().filter(pk=payload.membership_id).select_related("user").first()
    if membership is None:
        raise ValidationError({"membership": UNKNOWN_MEMBERSHIP})
    seat = circle_member_add(
        actor=request.auth,
        dossier=dossier,
        membership=membership,
        case_role=payload.case_role,
        assignment=payload.assignment,
        started_on=payload.started_on,
    )
    return Status(201, seat)


@router.post("/{dossier_id}/circle/{seat_id}/end", response={200: SeatOut, **WRITE_ERRORS})
def end_seat(request: HttpRequest, dossier_id: str, seat_id: int, payload: SeatEndIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.MANAGE_CIRCLE, section=Section.CIRCLE
    ).dossier
    seat = get_object_or_404(dossier.circle.select_related("user", "membership__organisation"), pk=seat_id)
    return circle_member_end(actor=request.auth, member=seat, ended_on=payload.ended_on)


@router.get(
    "/{dossier_id}/timeline-entries", response={200: list[TimelineEntryOut], 401: ErrorOut, 404: ErrorOut}
)
def list_timeline_entries(request: HttpRequest, dossier_id: str) -> Any:
    return dossier_open(
        user=request.auth, dossier_id=dossier_id, reads=[Section.TIMELINE]
    ).dossier.family_timeline.all()


@router.post("/{dossier_id}/timeline-entries", response={201: TimelineEntryOut, **WRITE_ERRORS})
def add_timeline_entry(request: HttpRequest, dossier_id: str, payload: TimelineEntryIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.TIMELINE
    ).dossier
    entry = history.family_timeline_entry_add(
        actor=request.auth,
        dossier=dossier,
        line=payload.line.value,
        text=payload.text,
        year=payload.year,
        on=payload.on,
    )
    return Status(201, entry)
