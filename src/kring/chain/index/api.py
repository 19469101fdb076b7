"""API of the signal index under /api/v1/signals/: register a signal, my organisation's registrations, my
matches (the other side's organisation and contact only), and the steps on a match. Everything goes through
kring.access.signal_index; every read and write is audited. A registration or match that is not yours
answers 404, the same as one that does not exist."""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from kring.access import signal_index as access
from kring.access.policy import Action
from kring.accounts.models import Organisation
from kring.ui.api import BoundedPagination, ErrorOut
from kring.ui.input_guard import IsoDate

from . import selectors, services
from .models import Category

router = Router(tags=["Signal index"])
ID = Path(..., ge=1, le=2**31 - 1)
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class RegistrationIn(Schema):
    first_name: str = Field(..., max_length=100)
    prefix: str = Field("", max_length=30, description="Tussenvoegsel: van, de, van der …")
    last_name: str = Field(..., max_length=100)
    date_of_birth: IsoDate
    sex: Literal["", "M", "V"] = Field("", description="M (boy), V (girl) or empty when not known")
    bsn: str = Field("", max_length=11, description="Optional; must pass the eleven-test.")
    postcode: str = Field("", max_length=10)
    house_number: str = Field("", max_length=10)
    category: Category
    contact_name: str = Field(..., max_length=200)
    contact_details: str = Field(..., max_length=200, description="Phone or e-mail of the contact person.")
    own_reference: str = Field("", max_length=100)
    organisation_id: int | None = Field(
        None, ge=1, le=2**31 - 1, description="One of your organisations; default: your first."
    )


class RegistrationOut(Schema):
    id: int
    organisation: str
    category: str
    source: str = Field(..., description="signal, or a fact fed from a dossier or a chain case")
    fact: str = Field(..., description="For a fact: its kind (supervision_order, halt …); empty for a signal")
    own_reference: str
    contact_name: str
    contact_details: str
    registered_on: IsoDate
    expires_on: IsoDate

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.name


class RegisteredOut(RegistrationOut):
    matches_found: int = Field(
        ..., description="Matches made on arrival (each listed under /signals/matches)."
    )


class WithdrawIn(Schema):
    reason: Literal["concern_gone", "unjustified"]


class MatchOut(Schema):
    """A match as one side sees it: the other side's organisation and contact, never its category,
    reference or source."""

    id: int
    status: str
    status_label: str
    score: float
    found_at: datetime
    your_registration_id: int
    your_reference: str
    other_organisation: str
    other_contact: str
    other_contact_details: str
    coordinator: str | None
    you_followed_up: bool
    other_followed_up: bool
    next_step: str = Field(..., description="confirm, contact, lead, or empty when nothing is left to do.")
    days_waiting: int = Field(..., description="Days since the match was found, while it is open.")
    reminders: int = Field(..., description="Reminders sent to your side.")
    dismissed_by: str | None
    dismiss_reason: str = Field(..., description="Only for the organisation that dismissed the match.")


class AcquaintanceOut(Schema):
    """That an organisation knows the person, and whom to contact — never what it knows."""

    organisation: str
    kind: str = Field(..., description="e.g. supervision order, Veilig Thuis report, Halt, signal")
    contact: str
    contact_details: str
    own: bool = Field(..., description="Your own organisation's")


class PersonAcquaintancesOut(Schema):
    name: str
    role: str
    birth_date: IsoDate
    acquaintances: list[AcquaintanceOut]


class CoordinatorIn(Schema):
    organisation_id: int = Field(..., ge=1, le=2**31 - 1)


class DismissIn(Schema):
    reason: str = Field(..., max_length=300)


class MatchFilter(Schema):
    waiting: bool = Field(
        False,
        description="Only matches still waiting for a coordinator or a dismissal, longest waiting first.",
    )


class AuditedRegistrations(BoundedPagination):
    """A page of registrations, each written to the audit log as read."""

    fields = selectors.REGISTRATION_FIELDS

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        result = super().paginate_queryset(queryset, pagination, request=request, **params)
        result["items"] = list(result["items"])
        selectors.audit_listed(request.auth, result["items"], self.fields)
        result["items"] = self.shown(request.auth, result["items"])
        return result

    def shown(self, user: Any, items: list) -> list:
        return items


class AuditedMatches(AuditedRegistrations):
    """A page of matches as the user may see them."""

    fields = selectors.MATCH_FIELDS

    def shown(self, user: Any, items: list) -> list:
        return selectors.match_summaries(user, items)


@router.get(
    "/signals/registrations",
    response={200: list[RegistrationOut], 401: ErrorOut, 422: ErrorOut},
    summary="Active registrations of my organisation(s)",
)
@paginate(AuditedRegistrations)
def list_signal_registrations(request: HttpRequest) -> Any:
    return selectors.registrations_for(request.auth)


@router.post(
    "/signals/registrations",
    response={201: RegisteredOut, **WRITE_ERRORS},
    summary="Register a signal (matched on arrival)",
)
def register_signal(request: HttpRequest, payload: RegistrationIn) -> Any:
    user = request.auth
    if payload.organisation_id is None:
        membership = access.membership_for(user)
        organisation = membership.organisation if membership else None
    else:
        organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if not access.decide_registering(user, organisation).allowed:
        raise ValidationError(services.NOT_YOUR_ORGANISATION)
    data = payload.dict()
    registration = services.registration_create(
        actor_user=user,
        organisation=organisation,
        contact_name=data["contact_name"],
        contact_details=data["contact_details"],
        category=str(data["category"].value if hasattr(data["category"], "value") else data["category"]),
        own_reference=data["own_reference"].strip(),
        identity={k: data[k] for k in services.IDENTITY_FIELDS},
    )
    registration.matches_found = len(registration.matches_on_arrival)
    return Status(201, registration)


@router.get(
    "/signals/registrations/{registration_id}",
    response={200: RegistrationOut, **READ_ERRORS},
    summary="One registration of my organisation",
)
def get_signal_registration(request: HttpRequest, registration_id: int = ID) -> Any:
    return selectors.registration_open(
        user=request.auth, registration_id=registration_id, reads=selectors.REGISTRATION_FIELDS
    ).registration


@router.post(
    "/signals/registrations/{registration_id}/withdraw",
    response={204: None, **WRITE_ERRORS},
    summary="Withdraw a registration (concern gone or unjustified); its matches end for both sides",
)
def withdraw_signal_registration(request: HttpRequest, payload: WithdrawIn, registration_id: int = ID) -> Any:
    opened = selectors.registration_open(
        user=request.auth, registration_id=registration_id, action=Action.EDIT
    )
    services.registration_end(
        actor_user=request.auth, registration=opened.registration, reason=payload.reason
    )
    return Status(204, None)


@router.get(
    "/signals/matches",
    response={200: list[MatchOut], 401: ErrorOut, 422: ErrorOut},
    summary="Matches of my organisation's registrations (whom to contact, never why)",
)
@paginate(AuditedMatches)
def list_signal_matches(request: HttpRequest, filters: Query[MatchFilter]) -> Any:
    return selectors.waiting_for(request.auth) if filters.waiting else selectors.matches_for(request.auth)


def _match_out(request: HttpRequest, match_id: int) -> dict:
    match = selectors.match_open(user=request.auth, match_id=match_id, reads=selectors.MATCH_FIELDS).match
    return selectors.match_summary(request.auth, match)


@router.get(
    "/signals/matches/{match_id}",
    response={200: MatchOut, **READ_ERRORS},
    summary="One match of my organisation",
)
def get_signal_match(request: HttpRequest, match_id: int = ID) -> Any:
    return _match_out(request, match_id)


def _decide(request: HttpRequest, match_id: int, decision: str, **kwargs: Any) -> dict:
    match = selectors.match_open(user=request.auth, match_id=match_id, action=Action.EDIT).match
    match = services.match_decide(actor_user=request.auth, match=match, decision=decision, **kwargs)
    return selectors.match_summary(request.auth, match)


@router.post(
    "/signals/matches/{match_id}/confirm",
    response={200: MatchOut, **WRITE_ERRORS},
    summary="Confirm a possible match: it is the same young person",
)
def confirm_signal_match(request: HttpRequest, match_id: int = ID) -> Any:
    return _decide(request, match_id, "confirm")


@router.post(
    "/signals/matches/{match_id}/followed-up",
    response={200: MatchOut, **WRITE_ERRORS},
    summary="Record that my organisation contacted the other side",
)
def follow_up_signal_match(request: HttpRequest, match_id: int = ID) -> Any:
    return _decide(request, match_id, "followed_up")


@router.post(
    "/signals/matches/{match_id}/coordinator",
    response={200: MatchOut, **WRITE_ERRORS},
    summary="Record the agreed coordinator (regie): one of the two organisations",
)
def agree_signal_coordinator(request: HttpRequest, payload: CoordinatorIn, match_id: int = ID) -> Any:
    coordinator = Organisation.objects.filter(pk=payload.organisation_id).first()
    return _decide(request, match_id, "lead", coordinator=coordinator)


@router.post(
    "/signals/matches/{match_id}/dismiss",
    response={200: MatchOut, **WRITE_ERRORS},
    summary="Dismiss a match, with a reason (e.g. not the same young person)",
)
def dismiss_signal_match(request: HttpRequest, payload: DismissIn, match_id: int = ID) -> Any:
    return _decide(request, match_id, "dismiss", reason=payload.reason)


@router.get(
    "/signals/chain-cases/{case_id}/acquaintances",
    response={200: list[PersonAcquaintancesOut], **READ_ERRORS},
    summary="Old acquaintances of the persons of a chain case at my table (existence and contact only)",
)
def chain_case_acquaintances(request: HttpRequest, case_id: int = ID) -> Any:
    _case, persons = selectors.chain_case_acquaintances(user=request.auth, case_id=case_id)
    return [
        {
            "name": row["person"].name,
            "role": row["person"].role,
            "birth_date": row["person"].birth_date,
            "acquaintances": row["acquaintances"],
        }
        for row in persons
    ]
