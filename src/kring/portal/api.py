"""The family portal's API under /api/v1/portal/: the same door (selectors.portal_open), policy
(kring.access.family) and services as the pages, so a native app can follow."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from kring.access.family import FamilyAction, FamilyPart
from kring.safety.services import Conflict
from kring.ui.api import ErrorOut
from kring.ui.input_guard import IsoDate

from . import selectors, services
from .models import LoginMethod

router = Router(tags=["portal"])
READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
PLAN_PARTS = (
    FamilyPart.DANGER_STATEMENTS,
    FamilyPart.SAFETY_GOALS,
    FamilyPart.BOTTOM_LINES,
    FamilyPart.KITCHEN_TABLE,
    FamilyPart.SAFETY_PLAN,
    FamilyPart.SCALES,
    FamilyPart.AGREEMENTS,
)


class FamilyAccountOut(Schema):
    dossier_id: UUID
    family: str
    kind: str
    parts: list[str]


class FamilyStatementOut(Schema):
    text: str


class FamilySeatOut(Schema):
    name: str
    who: str
    task: str
    phone: str


class CarrierOut(Schema):
    name: str
    relation: str
    phone: str
    is_me: bool


class FamilyRuleOut(Schema):
    id: int
    text: str
    carriers: list[CarrierOut]


class FamilyPlanOut(Schema):
    plan_id: int
    title: str
    version_id: int
    version: int
    signed: bool
    rules: list[FamilyRuleOut]
    signed_by: list[str]
    i_signed: bool
    may_sign: bool


class ScoreOut(Schema):
    rated_on: IsoDate
    question: str
    score: int
    rater: str


class FamilyAgreementOut(Schema):
    text: str
    given_by: str
    given_on: IsoDate
    withdrawn_on: IsoDate | None


class FamilyPlanOut(Schema):
    danger_statements: list[FamilyStatementOut]
    safety_goals: list[FamilyStatementOut]
    bottom_lines: list[FamilyStatementOut]
    kitchen_table: list[FamilySeatOut]
    plans: list[FamilyPlanOut]
    changes_since_last_look: list[str]
    scores: list[ScoreOut]
    agreements: list[FamilyAgreementOut]


class FamilySignatureOut(Schema):
    id: int
    version: int
    signed_at: datetime
    login_method: str


class JournalIn(Schema):
    happened_on: IsoDate
    text: str = Field(max_length=2000)
    kind: str = "note"
    rule_id: int | None = Field(default=None, ge=1, le=2**63 - 1)


class JournalOut(Schema):
    id: int
    happened_on: IsoDate
    kind: str
    text: str
    speaker: str


class AlertOut(Schema):
    id: int
    raised_at: datetime


class OpeningOut(Schema):
    when: datetime
    organisation: str
    role: str
    name: str
    parts: list[str]
    emergency_reason: str


@router.get("/portal/accounts", response=list[FamilyAccountOut], operation_id="portal_accounts")
def portal_accounts(request: HttpRequest) -> list[dict[str, Any]]:
    """The family files this login may open, with the parts each shows."""
    from kring.access.family import family_decide

    result, listed = [], []
    for account in selectors.family_accounts_of(user=request.auth):
        decision = family_decide(request.auth, account)
        if decision.allowed:
            listed.append(account)
            result.append(
                {
                    "dossier_id": account.dossier_id,
                    "family": account.dossier.title,
                    "kind": account.kind,
                    "parts": sorted(part.value for part in decision.parts),
                }
            )
    selectors.family_accounts_listed(accounts=listed)
    return result


@router.get(
    "/portal/{dossier_id}/plan", response={200: FamilyPlanOut, **READ_ERRORS}, operation_id="portal_plan"
)
def portal_plan(request: HttpRequest, dossier_id: UUID) -> dict[str, Any]:
    """The family version of the plan, as far as this person may see it."""
    opened = selectors.portal_open(
        user=request.auth, dossier_id=dossier_id, reads=PLAN_PARTS, as_far_as_allowed=True
    )
    if not opened.decision.parts & set(PLAN_PARTS):
        from django.http import Http404

        raise Http404
    plan = selectors.family_plan(opened=opened)
    services.family_plan_seen(account=opened.account)
    return {
        "danger_statements": [{"text": s.text} for s in plan.danger_statements],
        "safety_goals": [{"text": g.text} for g in plan.safety_goals],
        "bottom_lines": [{"text": line.text} for line in plan.bottom_lines],
        "kitchen_table": plan.kitchen_table,
        "plans": [
            {
                "plan_id": item["plan"].pk,
                "title": item["plan"].title,
                "version_id": item["version"].pk,
                "version": item["version"].number,
                "signed": item["version"].frozen,
                "rules": [
                    {"id": row["rule"].pk, "text": row["rule"].text, "carriers": row["carriers"]}
                    for row in item["rules"]
                ],
                "signed_by": item["signatures"],
                "i_signed": item["i_signed"],
                "may_sign": item["may_sign"],
            }
            for item in plan.plans
        ],
        "changes_since_last_look": plan.changes,
        "scores": [
            {
                "rated_on": r.rated_on,
                "question": str(r.question_text),
                "score": r.score,
                "rater": str(r.rater_name),
            }
            for r in selectors.family_scales(opened=opened)
        ],
        "agreements": [
            {
                "text": str(c),
                "given_by": c.given_by.first_name,
                "given_on": c.given_on,
                "withdrawn_on": c.withdrawn_on,
            }
            for c in selectors.family_agreements(opened=opened)
        ],
    }


@router.post(
    "/portal/{dossier_id}/plan/versions/{version_id}/sign",
    response={201: FamilySignatureOut, **WRITE_ERRORS},
    operation_id="portal_sign",
)
def portal_sign(
    request: HttpRequest, dossier_id: UUID, version_id: int = Path(..., ge=1, le=2**63 - 1)
) -> Any:
    """Sign the newest version of a safety plan oneself (a superseded version is refused: 409)."""
    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, action=FamilyAction.SIGN)
    version = selectors.current_plan_version(opened=opened, version_id=version_id)
    try:
        signature = services.family_sign(
            decision=opened.decision, version=version, login_method=LoginMethod.PASSWORD_TOTP
        )
    except Conflict as conflict:
        return Status(409, {"detail": " ".join(conflict.messages)})
    record = signature.family_signature
    return Status(
        201,
        {
            "id": signature.pk,
            "version": record.version_number,
            "signed_at": record.signed_at,
            "login_method": record.login_method,
        },
    )


def _journal_out(entry: Any) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "happened_on": entry.happened_on,
        "kind": entry.kind,
        "text": entry.text,
        "speaker": entry.speaker,
    }


@router.get(
    "/portal/{dossier_id}/journal",
    response={200: list[JournalOut], **READ_ERRORS},
    operation_id="portal_journal",
)
def portal_journal(request: HttpRequest, dossier_id: UUID) -> list[dict[str, Any]]:
    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.JOURNAL])
    return [_journal_out(entry) for entry in selectors.family_journal(opened=opened)]


@router.post(
    "/portal/{dossier_id}/journal",
    response={201: JournalOut, **WRITE_ERRORS},
    operation_id="portal_journal_add",
)
def portal_journal_add(request: HttpRequest, dossier_id: UUID, data: JournalIn) -> Any:
    """Write a safety journal entry oneself (a closed dossier: 409, nothing saved)."""
    opened = selectors.portal_open(
        user=request.auth, dossier_id=dossier_id, action=FamilyAction.WRITE_JOURNAL
    )
    rule = None
    if data.rule_id is not None:
        rules = {r.pk: r for r in selectors.family_rules_for_journal(opened=opened)}
        rule = rules.get(data.rule_id)
        if rule is None:
            from django.core.exceptions import ValidationError

            raise ValidationError({"rule_id": services.NOT_YOUR_RULE})
    entry = services.family_journal_add(
        decision=opened.decision, happened_on=data.happened_on, text=data.text, kind=data.kind, rule=rule
    )
    return Status(201, _journal_out(entry))


@router.post(
    "/portal/{dossier_id}/unsafe", response={201: AlertOut, **WRITE_ERRORS}, operation_id="portal_unsafe"
)
def portal_unsafe(request: HttpRequest, dossier_id: UUID) -> Any:
    """ "I don't feel safe": the case workers and the team lead are alerted at once (no content)."""
    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, action=FamilyAction.RAISE_ALERT)
    alert = services.unsafe_alert_raise(decision=opened.decision)
    return Status(201, {"id": alert.pk, "raised_at": alert.raised_at})


@router.get(
    "/portal/{dossier_id}/file-openings",
    response={200: list[OpeningOut], **READ_ERRORS},
    operation_id="portal_file_openings",
)
def portal_file_openings(request: HttpRequest, dossier_id: UUID) -> list[Any]:
    """Who opened this file, in plain words, from the access log."""
    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.ACCESS_LOG])
    return selectors.file_openings(opened=opened)
