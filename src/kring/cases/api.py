from datetime import date
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from kring.access.policy import Section
from kring.ui.api import ErrorOut

from .selectors import (
    DETAIL_SECTIONS,
    dossier_audit_read,
    dossier_detail,
    dossier_get_for_user,
    dossier_list_for_user,
    dossier_sections_for,
    dossiers_audit_listed,
)

router = Router(tags=["dossiers"])
MAX_PAGE_SIZE = 100
MAX_OFFSET = 10**9


class ChildOut(Schema):
    first_name: str
    last_name: str
    date_of_birth: date | None


class DossierSummaryOut(Schema):
    id: UUID
    reference: str
    title: str
    jurisdiction: str
    status: str
    opened_on: date
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
    started_on: date
    ended_on: date | None

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


class AuditedPagination(LimitOffsetPagination):
    """Limit/offset pages whose dossiers are written to the audit log as listed."""

    class Input(Schema):
        limit: int = Field(25, ge=1, le=MAX_PAGE_SIZE, description="At most 100 dossiers a page.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

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
    dossier, decision = dossier_get_for_user(user=request.auth, dossier_id=dossier_id)
    sections = dossier_sections_for(dossier=dossier, decision=decision, shown=DETAIL_SECTIONS)
    dossier_audit_read(user=request.auth, dossier=dossier, decision=decision, sections=sections)
    detail = dossier_detail(dossier=dossier)
    if Section.SUMMARY not in sections:
        detail.summary = None
    detail.access_basis = decision.basis.value
    return detail
