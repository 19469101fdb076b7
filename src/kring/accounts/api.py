from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from kring.ui.api import ErrorOut

router = Router(tags=["account"])


class MembershipOut(Schema):
    organisation: str
    organisation_kind: str
    team: str | None
    role: str


class MeOut(Schema):
    username: str
    full_name: str
    memberships: list[MembershipOut]


@router.get("/me", response={200: MeOut, 401: ErrorOut}, summary="The current user and their memberships")
def me(request: HttpRequest) -> Any:
    user = request.auth
    memberships = user.memberships.active().select_related("organisation", "team")
    return {
        "username": user.username,
        "full_name": user.get_full_name(),
        "memberships": [
            {
                "organisation": m.organisation.name,
                "organisation_kind": m.organisation.kind,
                "team": m.team.name if m.team else None,
                "role": m.role,
            }
            for m in memberships
        ],
    }
