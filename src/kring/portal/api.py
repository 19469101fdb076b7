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

ID = Path(..., ge=1, le=2**63 - 1)  # a row's id in a path: beyond 64 bits is a 422, not a driver error

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
def portal_sign(request: HttpRequest, dossier_id: UUID, version_id: int = ID) -> Any:
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


# --- who sees what ---


class SharedPartOut(Schema):
    section: str
    label: str
    why: str


class SharingOut(Schema):
    organisation: str
    is_owner: bool
    people: list[str]
    sees: list[SharedPartOut]
    does_not_see: list[SharedPartOut]


@router.get(
    "/portal/{dossier_id}/who-sees-what",
    response={200: list[SharingOut], **READ_ERRORS},
    operation_id="portal_who_sees_what",
)
def portal_who_sees_what(request: HttpRequest, dossier_id: UUID) -> list[Any]:
    """Which organisation sees which part of this file, and why: the policy's own answer, in plain words."""
    from django.utils import timezone

    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.WHO_SEES_WHAT])
    return [
        {
            "organisation": item.name,
            "is_owner": item.is_owner,
            "people": item.people,
            "sees": [
                {"section": value, "label": str(label), "why": group["reason"]}
                for group in item.groups
                for value, label in group["sections"]
            ],
            "does_not_see": [
                {"section": value, "label": str(label), "why": ""} for value, label in item.hidden
            ],
        }
        for item in selectors.who_sees_what(opened=opened, day=timezone.localdate())
    ]


# --- the young person's IK-plan ---


class IkPlanVersionOut(Schema):
    version: int
    goals: str
    steps: str
    helpers: str
    written_by: str
    recorded_at: datetime


class FamilyIkPlanOut(Schema):
    young_person: str
    is_me: bool
    plan: IkPlanVersionOut | None
    earlier: list[IkPlanVersionOut]


class FamilyIkPlanIn(Schema):
    goals: str = Field(max_length=4000)
    steps: str = Field("", max_length=4000)
    helpers: str = Field("", max_length=2000)
    based_on: int = Field(0, ge=0, le=2**31 - 1, description="the version the young person started from")


@router.get(
    "/portal/{dossier_id}/ik-plan",
    response={200: list[FamilyIkPlanOut], **READ_ERRORS},
    operation_id="portal_ik_plan",
)
def portal_ik_plan(request: HttpRequest, dossier_id: UUID) -> list[dict[str, Any]]:
    """The IK-plans this person may read: the young person their own, a parent those of children under 16."""
    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.IK_PLAN])
    return [
        {
            "young_person": group["child"].first_name,
            "is_me": group["is_me"],
            "plan": group["plan"],
            "earlier": group["earlier"],
        }
        for group in selectors.family_ik_plans(opened=opened)
    ]


@router.post(
    "/portal/{dossier_id}/ik-plan",
    response={201: IkPlanVersionOut, **WRITE_ERRORS},
    operation_id="portal_ik_plan_save",
)
def portal_ik_plan_save(request: HttpRequest, dossier_id: UUID, data: FamilyIkPlanIn) -> Any:
    """The young person saves a new version of their own IK-plan (a version saved meanwhile: 422)."""
    opened = selectors.portal_open(
        user=request.auth, dossier_id=dossier_id, action=FamilyAction.WRITE_IK_PLAN
    )
    plan = services.family_ik_plan_save(
        decision=opened.decision,
        goals=data.goals,
        steps=data.steps,
        helpers=data.helpers,
        based_on=data.based_on,
    )
    return Status(201, plan)


# --- put to them: scaling questions and questionnaires ---


class ScaleQuestionOut(Schema):
    id: int
    question: str
    asked_at: datetime
    answered_at: datetime | None
    score: int | None
    note: str


class ScaleAnswerIn(Schema):
    score: int = Field(ge=-(2**31), le=2**31 - 1, description="0 to 10")
    note: str = Field("", max_length=500)


class ScaleAnswerOut(Schema):
    id: int
    score: int
    rated_on: IsoDate


def _scale_question_out(asked: Any) -> dict[str, Any]:
    return {
        "id": asked.pk,
        "question": asked.family_text,
        "asked_at": asked.asked_at,
        "answered_at": asked.answered_at,
        "score": asked.rating.score if asked.rating else None,
        "note": asked.rating.note if asked.rating else "",
    }


@router.get(
    "/portal/{dossier_id}/scale-questions",
    response={200: list[ScaleQuestionOut], **READ_ERRORS},
    operation_id="portal_scale_questions",
)
def portal_scale_questions(request: HttpRequest, dossier_id: UUID) -> list[dict[str, Any]]:
    """The scaling questions put to this person, waiting ones first."""
    opened = selectors.portal_open(
        user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.SCALE_QUESTIONS]
    )
    return [_scale_question_out(asked) for asked in selectors.family_scale_questions(opened=opened)]


@router.post(
    "/portal/{dossier_id}/scale-questions/{asked_id}/answer",
    response={201: ScaleAnswerOut, **WRITE_ERRORS},
    operation_id="portal_scale_answer",
)
def portal_scale_answer(
    request: HttpRequest, dossier_id: UUID, data: ScaleAnswerIn, asked_id: int = ID
) -> Any:
    """Score a question put to oneself, 0 to 10 (already answered: 409; outside 0-10: 422)."""
    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, action=FamilyAction.ANSWER_SCALE)
    asked = selectors.family_scale_question(opened=opened, asked_id=asked_id)
    if asked.answered_at is not None:
        return Status(409, {"detail": str(services.ALREADY_ANSWERED)})
    rating = services.family_scale_answer(
        decision=opened.decision, asked=asked, score=data.score, note=data.note
    )
    return Status(201, {"id": rating.pk, "score": rating.score, "rated_on": rating.rated_on})


class QuestionOut(Schema):
    key: str
    text: str
    answer_type: str
    min_value: int | None
    max_value: int | None
    required: bool


class QuestionnaireOut(Schema):
    id: int
    name: str
    waiting: bool
    filled_in_at: datetime | None
    questions: list[QuestionOut]


class QuestionnaireIn(Schema):
    answers: dict[str, int | str] = Field(description="the answer per question key")


class QuestionnaireFilledOut(Schema):
    id: int
    filled_in_at: datetime


@router.get(
    "/portal/{dossier_id}/questionnaires",
    response={200: list[QuestionnaireOut], **READ_ERRORS},
    operation_id="portal_questionnaires",
)
def portal_questionnaires(request: HttpRequest, dossier_id: UUID) -> list[dict[str, Any]]:
    """The questionnaires put in this person's portal, with their questions (waiting ones first)."""
    opened = selectors.portal_open(
        user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.QUESTIONNAIRES_FOR_YOU]
    )
    result = []
    for asked in selectors.family_questionnaires(opened=opened):
        administration = asked.administration
        waiting = not administration.is_submitted
        result.append(
            {
                "id": asked.pk,
                "name": administration.instrument.display_name,
                "waiting": waiting,
                "filled_in_at": administration.submitted_at,
                "questions": [
                    {
                        "key": item.key,
                        "text": item.display_text,
                        "answer_type": item.answer_type,
                        "min_value": item.min_value,
                        "max_value": item.max_value,
                        "required": item.required,
                    }
                    for item in administration.instrument.items.all()
                ]
                if waiting
                else [],
            }
        )
    return result


@router.post(
    "/portal/{dossier_id}/questionnaires/{asked_id}/answers",
    response={201: QuestionnaireFilledOut, **WRITE_ERRORS},
    operation_id="portal_questionnaire_fill",
)
def portal_questionnaire_fill(
    request: HttpRequest,
    dossier_id: UUID,
    data: QuestionnaireIn,
    asked_id: int = ID,
) -> Any:
    """Fill in a questionnaire waiting in the portal, once (already filled in: 409; a wrong answer: 422)."""
    opened = selectors.portal_open(
        user=request.auth, dossier_id=dossier_id, action=FamilyAction.FILL_QUESTIONNAIRE
    )
    asked = selectors.family_questionnaire(opened=opened, asked_id=asked_id)
    if asked.administration.is_submitted:
        return Status(409, {"detail": str(services.QUESTIONNAIRE_FILLED)})
    administration = services.family_questionnaire_fill(
        decision=opened.decision, asked=asked, answers={k: str(v) for k, v in data.answers.items()}
    )
    return Status(201, {"id": asked.pk, "filled_in_at": administration.submitted_at})


# --- e-mails from kring ---


class NoticeChoiceIO(Schema):
    frequency: str = Field(description="immediately | daily | weekly | never")


@router.get("/portal/notices", response={200: NoticeChoiceIO, **READ_ERRORS}, operation_id="portal_notices")
def portal_notices(request: HttpRequest) -> Any:
    """How often this login gets "there is something new in kring for you" by e-mail."""
    from django.http import Http404

    from .notices import frequency_of

    if not selectors.family_accounts_of(user=request.auth):
        raise Http404
    return {"frequency": frequency_of(request.auth)}


@router.put(
    "/portal/notices", response={200: NoticeChoiceIO, **WRITE_ERRORS}, operation_id="portal_notices_set"
)
def portal_notices_set(request: HttpRequest, data: NoticeChoiceIO) -> Any:
    """Choose how often (the e-mail never holds content, names or dossier references)."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    try:
        choice = services.family_notice_choice_set(user=request.auth, frequency=data.frequency)
    except PermissionDenied:
        raise Http404 from None
    return {"frequency": choice.frequency}


# --- my view beside a plan version ---

PDF_OK = {
    "responses": {
        200: {
            "description": "The PDF",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


class ViewIn(Schema):
    text: str = Field(max_length=services.VIEW_MAX)


class ViewOut(Schema):
    id: int
    version_id: int
    text: str
    written_at: datetime


def _view_out(view: Any) -> dict[str, Any]:
    return {"id": view.pk, "version_id": view.version_id, "text": view.text, "written_at": view.written_at}


@router.get(
    "/portal/{dossier_id}/plan/versions/{version_id}/views",
    response={200: list[ViewOut], **READ_ERRORS},
    operation_id="portal_views",
)
def portal_views(request: HttpRequest, dossier_id: UUID, version_id: int = ID) -> list[dict[str, Any]]:
    """The person's own views beside a plan version."""
    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.SAFETY_PLAN])
    version = selectors.current_plan_version(opened=opened, version_id=version_id)
    return [_view_out(view) for view in selectors.family_views_of(opened=opened, version=version)]


@router.post(
    "/portal/{dossier_id}/plan/versions/{version_id}/views",
    response={201: ViewOut, **WRITE_ERRORS},
    operation_id="portal_view_add",
)
def portal_view_add(request: HttpRequest, dossier_id: UUID, data: ViewIn, version_id: int = ID) -> Any:
    """Add one's own view beside a plan version (kept beside it; a closed dossier: 409)."""
    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, action=FamilyAction.WRITE_VIEW)
    version = selectors.current_plan_version(opened=opened, version_id=version_id)
    view = services.family_view_add(decision=opened.decision, version=version, text=data.text)
    return Status(201, _view_out(view))


@router.get(
    "/portal/{dossier_id}/plan/print",
    response=READ_ERRORS,
    operation_id="portal_plan_print",
    openapi_extra=PDF_OK,
)
def portal_plan_print(request: HttpRequest, dossier_id: UUID) -> Any:
    """The family print of the plan (application/pdf), with shielded whereabouts left out."""
    from django.http import Http404
    from django.utils import timezone

    from kring.ui.pdf import pdf_response, render_pdf

    opened = selectors.portal_open(
        user=request.auth,
        dossier_id=dossier_id,
        reads=(*PLAN_PARTS, FamilyPart.ADVICE),  # the advice and one's views beside it, for whoever holds it
        as_far_as_allowed=True,
        export_format="pdf",
    )
    if not opened.decision.parts & set(PLAN_PARTS):
        raise Http404
    context = {
        "dossier": opened.dossier,
        "account": opened.account,
        "parts": {part.value for part in opened.decision.parts},
        "printed_on": timezone.localdate(),
        **selectors.family_print(opened=opened),
    }
    return pdf_response(
        render_pdf("portal/plan_pdf.html", context, request), f"{opened.dossier.reference}-family-plan"
    )


# --- the advice to the judge, and my view beside it ---


class FamilyAdviceVersionOut(Schema):
    id: int
    title: str
    version: int
    signed_on: IsoDate
    my_views: int  # how many views of one's own stand beside it


@router.get(
    "/portal/{dossier_id}/advice",
    response={200: list[FamilyAdviceVersionOut], **READ_ERRORS},
    operation_id="portal_advice",
)
def portal_advice(request: HttpRequest, dossier_id: UUID) -> list[dict[str, Any]]:
    """The signed versions of the advice to the judge, newest first, for whoever holds the file."""
    from django.utils import timezone

    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.ADVICE])
    return [
        {
            "id": version.pk,
            "title": version.advice.title,
            "version": version.number,
            "signed_on": timezone.localdate(version.approved_at),
            "my_views": len(version.own_views),
        }
        for version in selectors.family_advice_versions(opened=opened)
    ]


@router.get(
    "/portal/{dossier_id}/advice/{version_id}/pdf",
    response=READ_ERRORS,
    operation_id="portal_advice_pdf",
    openapi_extra=PDF_OK,
)
def portal_advice_pdf(request: HttpRequest, dossier_id: UUID, version_id: int = ID) -> Any:
    """The signed PDF of an advice version (application/pdf), as the judge got it. Logged as an export."""
    from kring.ui.pdf import pdf_response

    opened = selectors.portal_open(
        user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.ADVICE], export_format="pdf"
    )
    version = selectors.family_advice_version(opened=opened, version_id=version_id, with_pdf=True)
    return pdf_response(bytes(version.pdf), f"{opened.dossier.reference}-advice-v{version.number}")


@router.get(
    "/portal/{dossier_id}/advice/{version_id}/views",
    response={200: list[ViewOut], **READ_ERRORS},
    operation_id="portal_advice_views",
)
def portal_advice_views(request: HttpRequest, dossier_id: UUID, version_id: int = ID) -> list[dict[str, Any]]:
    """The person's own views beside an advice version."""
    opened = selectors.portal_open(user=request.auth, dossier_id=dossier_id, reads=[FamilyPart.ADVICE])
    version = selectors.family_advice_version(opened=opened, version_id=version_id)
    return [_view_out(view) for view in selectors.family_advice_views_of(opened=opened, version=version)]


@router.post(
    "/portal/{dossier_id}/advice/{version_id}/views",
    response={201: ViewOut, **WRITE_ERRORS},
    operation_id="portal_advice_view_add",
)
def portal_advice_view_add(request: HttpRequest, dossier_id: UUID, data: ViewIn, version_id: int = ID) -> Any:
    """Add one's own view beside an advice version (the signed version does not change; closed: 409)."""
    opened = selectors.portal_open(
        user=request.auth, dossier_id=dossier_id, action=FamilyAction.WRITE_ADVICE_VIEW
    )
    version = selectors.family_advice_version(opened=opened, version_id=version_id)
    view = services.family_advice_view_add(decision=opened.decision, version=version, text=data.text)
    return Status(201, _view_out(view))
