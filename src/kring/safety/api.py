"""Signs of Safety in the API: mappings with their items and what changed, danger statements, safety goals,
bottom lines, scaling questions with the family/professional gaps, safety plans with their check results, and
the plan as a PDF.

Every operation opens the dossier through the door (dossier_open: 404 for anyone who may not see it or, for
a write, change it), which writes the read to the audit log; writes go through the same services as the pages
(which audit them), so a refusal carries the same translated message (422)."""

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from kring.access.policy import Action, Section
from kring.cases.models import CircleMember, Participant
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.api import WRITE_ERRORS, ErrorOut
from kring.ui.exports import export_or_nothing
from kring.ui.input_guard import IsoDate, ObjectId
from kring.ui.pdf import pdf_response

from . import documents, scales, selectors, services, statements
from . import mapping as mappings
from .models import (
    BottomLine,
    DangerStatement,
    Mapping,
    MappingElement,
    SafetyGoal,
    SafetyPlan,
    ScaleQuestion,
    ScaleRating,
    SetBy,
    StatementLanguage,
)

router = Router(tags=["Signs of Safety"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
BASE = "/dossiers/{dossier_id}/safety"
MAX_IDS = 100


def _professional(member: CircleMember) -> str:
    return member.user.get_full_name() or member.user.get_username()


# --- mappings -----------------------------------------------------------------------------------------------


class PersonRefOut(Schema):
    id: int
    name: str
    role: str


class MappingItemOut(Schema):
    id: int
    element: str
    column: str
    text: str
    thread: UUID
    revision: int


class MappingOut(Schema):
    id: int
    number: int
    held_on: IsoDate
    meeting: str
    safety_scale: int | None
    participants: list[PersonRefOut]
    professionals: list[PersonRefOut]
    items: list[MappingItemOut]

    @staticmethod
    def resolve_participants(obj: Mapping) -> list[dict]:
        return [{"id": p.pk, "name": str(p.person), "role": p.relation} for p in obj.participants.all()]

    @staticmethod
    def resolve_professionals(obj: Mapping) -> list[dict]:
        return [{"id": c.pk, "name": _professional(c), "role": c.case_role} for c in obj.circle_members.all()]

    @staticmethod
    def resolve_items(obj: Mapping) -> list[Any]:
        return list(obj.items.all())


class MappingIn(Schema):
    held_on: IsoDate
    meeting: str = Field("", max_length=200)
    participant_ids: list[ObjectId] = Field(default_factory=list, max_length=MAX_IDS)
    circle_member_ids: list[ObjectId] = Field(default_factory=list, max_length=MAX_IDS)
    safety_scale: int | None = Field(
        None, ge=0, le=10, description="0 = the child will surely be harmed again, 10 = safe enough to close"
    )


class MappingItemIn(Schema):
    element: MappingElement
    text: str = Field(max_length=mappings.ITEM_MAX_LENGTH)


class ItemChangeOut(Schema):
    kind: Literal["added", "removed", "changed"]
    before: MappingItemOut | None
    after: MappingItemOut | None


class MappingChangesOut(Schema):
    older: int
    newer: int
    changes: list[ItemChangeOut]
    unchanged: int
    safety_scale_before: int | None
    safety_scale_after: int | None
    joined: list[str]
    left: list[str]


def _mappings_with_items(dossier: Any) -> Any:
    return Mapping.objects.filter(dossier=dossier).prefetch_related("items", *selectors.MAPPING_PEOPLE)


@router.get(
    f"{BASE}/mappings", response={200: list[MappingOut], **READ_ERRORS}, summary="The mappings, newest first"
)
def list_mappings(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN]).dossier
    return list(_mappings_with_items(dossier).order_by("-number"))


@router.post(
    f"{BASE}/mappings", response={201: MappingOut, **WRITE_ERRORS}, summary="Start the mapping of a meeting"
)
def create_mapping(request: HttpRequest, dossier_id: str, payload: MappingIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    mapping = mappings.mapping_create(
        actor=request.auth,
        dossier=dossier,
        held_on=payload.held_on,
        meeting=payload.meeting,
        participants=list(Participant.objects.filter(pk__in=payload.participant_ids)),
        circle_members=list(CircleMember.objects.filter(pk__in=payload.circle_member_ids)),
        safety_scale=payload.safety_scale,
    )
    return Status(201, _mappings_with_items(dossier).get(pk=mapping.pk))


@router.post(
    f"{BASE}/mappings/{{number}}/items",
    response={201: MappingItemOut, **WRITE_ERRORS},
    summary="Add an item to the newest mapping",
)
def add_mapping_item(request: HttpRequest, dossier_id: str, number: int, payload: MappingItemIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    mapping = get_object_or_404(Mapping, dossier=dossier, number=number)
    mapping.dossier = dossier
    item = mappings.mapping_item_add(
        actor=request.auth, mapping=mapping, element=payload.element.value, text=payload.text
    )
    return Status(201, item)


@router.get(
    f"{BASE}/mappings/{{number}}/changes",
    response={200: MappingChangesOut, **READ_ERRORS},
    summary="What changed from an earlier mapping (by default the one before) to this one",
)
def mapping_changes(request: HttpRequest, dossier_id: str, number: int, since: int | None = None) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN]).dossier
    older = number - 1 if since is None else since
    comparison = mappings.mapping_compare(*selectors.mapping_pair(dossier=dossier, older=older, newer=number))
    return {
        "older": comparison.older.number,
        "newer": comparison.newer.number,
        "changes": [{"kind": c.kind, "before": c.before, "after": c.after} for c in comparison.changes],
        "unchanged": comparison.unchanged,
        "safety_scale_before": comparison.older.safety_scale,
        "safety_scale_after": comparison.newer.safety_scale,
        "joined": comparison.joined,
        "left": comparison.left,
    }


# --- danger statements and safety goals ---------------------------------------------------------------------


class ChildRefOut(Schema):
    id: int
    first_name: str


class StatementOut(Schema):
    id: int
    language: str
    who_is_worried: str
    children: list[ChildRefOut]
    text: str
    revision: int

    @staticmethod
    def resolve_children(obj: Any) -> list[Any]:
        return list(obj.children.all())


class DangerStatementOut(StatementOut):
    by_whom: str
    behaviour: str
    impact: str
    could_happen: str


class SafetyGoalOut(StatementOut):
    what_to_see: str
    over_time: str
    danger_statement_id: int | None


class StatementIn(Schema):
    language: StatementLanguage = StatementLanguage.NL
    who_is_worried: str = Field(max_length=300)
    child_ids: list[int] = Field(default_factory=list, max_length=MAX_IDS)
    text: str = Field("", max_length=4000, description="Leave empty to compose the sentence from the fields")


class DangerStatementIn(StatementIn):
    by_whom: str = Field(max_length=200)
    behaviour: str = Field(max_length=1000)
    impact: str = Field(max_length=1000)
    could_happen: str = Field(max_length=1000)


class SafetyGoalIn(StatementIn):
    what_to_see: str = Field(max_length=1000)
    over_time: str = Field("", max_length=300)
    danger_statement_id: int | None = None


def _statement_fields(dossier: Any, payload: StatementIn) -> dict[str, Any]:
    """The payload as the services take it: the children of this dossier named by id, the language code."""
    data = payload.dict()
    ids = data.pop("child_ids")
    data["children"] = list(dossier.children.filter(pk__in=ids)) if ids else []
    data["language"] = payload.language.value
    return data


@router.get(
    f"{BASE}/danger-statements",
    response={200: list[DangerStatementOut], **READ_ERRORS},
    summary="Danger statements",
)
def list_danger_statements(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN]).dossier
    return list(DangerStatement.objects.filter(dossier=dossier).prefetch_related("children"))


@router.post(
    f"{BASE}/danger-statements",
    response={201: DangerStatementOut, **WRITE_ERRORS},
    summary="Write a danger statement (the sentence is composed from the fields when empty)",
)
def create_danger_statement(request: HttpRequest, dossier_id: str, payload: DangerStatementIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    data = _statement_fields(dossier, payload)
    return Status(201, statements.danger_statement_save(actor=request.auth, dossier=dossier, **data))


@router.get(
    f"{BASE}/safety-goals", response={200: list[SafetyGoalOut], **READ_ERRORS}, summary="Safety goals"
)
def list_safety_goals(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN]).dossier
    return list(SafetyGoal.objects.filter(dossier=dossier).prefetch_related("children"))


@router.post(
    f"{BASE}/safety-goals",
    response={201: SafetyGoalOut, **WRITE_ERRORS},
    summary="Write a safety goal (the sentence is composed from the fields when empty)",
)
def create_safety_goal(request: HttpRequest, dossier_id: str, payload: SafetyGoalIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    data = _statement_fields(dossier, payload)
    statement_id = data.pop("danger_statement_id")
    danger = get_object_or_404(DangerStatement, pk=statement_id, dossier=dossier) if statement_id else None
    goal = statements.safety_goal_save(actor=request.auth, dossier=dossier, danger_statement=danger, **data)
    return Status(201, goal)


# --- bottom lines ------------------------------------------------------------------------------------------


class BottomLineOut(Schema):
    id: int
    text: str
    set_by_kind: str
    set_by_name: str
    set_on: IsoDate
    status: str
    evidence: str
    status_on: IsoDate
    status_evaluation_id: int | None
    min_network_adults: int | None


class BottomLineIn(Schema):
    text: str = Field(max_length=2000)
    set_by_kind: SetBy
    set_by_name: str = Field(max_length=200)
    set_on: IsoDate
    min_network_adults: int | None = Field(None, ge=0, le=50)


@router.get(
    f"{BASE}/bottom-lines", response={200: list[BottomLineOut], **READ_ERRORS}, summary="Bottom lines"
)
def list_bottom_lines(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN]).dossier
    return list(BottomLine.objects.filter(dossier=dossier))


@router.post(
    f"{BASE}/bottom-lines", response={201: BottomLineOut, **WRITE_ERRORS}, summary="Record a bottom line"
)
def create_bottom_line(request: HttpRequest, dossier_id: str, payload: BottomLineIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    data = payload.dict()
    data["set_by_kind"] = payload.set_by_kind.value
    return Status(201, services.bottom_line_add(actor=request.auth, dossier=dossier, **data))


# --- scaling questions -------------------------------------------------------------------------------------


class RatingOut(Schema):
    id: int
    question: str
    custom_question: str
    rater: str = Field(description="k<id> a child, p<id> a participant, c<id> a professional of the circle")
    rater_name: str
    group: str
    score: int
    rated_on: IsoDate
    evaluation_id: int | None

    @staticmethod
    def resolve_rater(obj: ScaleRating) -> str:
        return obj.rater_key


class GapOut(Schema):
    on: IsoDate
    family: float | None
    professional: float | None
    gap: float | None
    large: bool


class ScalesOut(Schema):
    question: str
    threshold: int
    ratings: list[RatingOut]
    gaps: list[GapOut]


class ScalesQuery(Schema):
    question: str = Field(
        "safety", max_length=320, description="safety, progress, … or custom:<own question>"
    )
    gap: int | None = Field(None, ge=1, le=10, description="From how many points a gap is large")


class ScoreIn(Schema):
    rater: str = Field(max_length=20, description="k<id>, p<id> or c<id>, as in the ratings")
    score: int = Field(description="0 to 10")


class ScaleRoundIn(Schema):
    question: ScaleQuestion
    custom_question: str = Field("", max_length=300)
    rated_on: IsoDate
    note: str = Field("", max_length=500)
    scores: list[ScoreIn] = Field(max_length=MAX_IDS)


@router.get(
    f"{BASE}/scales",
    response={200: ScalesOut, **READ_ERRORS},
    summary="The scores of one question with the gap between family and professionals per date",
)
def list_scales(request: HttpRequest, dossier_id: str, filters: Query[ScalesQuery]) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN]).dossier
    threshold = filters.gap or scales.gap_threshold()
    ratings = [
        r
        for r in ScaleRating.objects.filter(dossier=dossier).select_related(
            "child", "participant__person", "circle_member__user"
        )
        if scales.question_key(r.question, r.custom_question) == filters.question
    ]
    moments = scales.gap_moments(scales.points_of(ratings), threshold)
    return {
        "question": filters.question,
        "threshold": threshold,
        "ratings": ratings,
        "gaps": [
            {"on": m.on, "family": m.family, "professional": m.professional, "gap": m.gap, "large": m.large}
            for m in moments
        ],
    }


@router.post(
    f"{BASE}/scales",
    response={201: list[RatingOut], **WRITE_ERRORS},
    summary="Record a round of scores (all or nothing)",
)
def record_scales(request: HttpRequest, dossier_id: str, payload: ScaleRoundIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    raters = {rater.key: rater for rater in scales.dossier_raters(dossier)}
    unknown = scales.Rater("", "", "")
    ratings = scales.scale_ratings_record(
        actor=request.auth,
        dossier=dossier,
        question=payload.question.value,
        custom_question=payload.custom_question,
        rated_on=payload.rated_on,
        note=payload.note,
        scores=[(raters.get(score.rater, unknown), score.score) for score in payload.scores],
    )
    return Status(201, ratings)


# --- safety plans -----------------------------------------------------------------------------------------


class RuleOut(Schema):
    id: int
    text: str
    what: str
    when: str
    monitoring: str
    responsible: list[str]
    participant_ids: list[ObjectId]
    circle_member_ids: list[int]
    bottom_line_ids: list[int]
    safety_goal_ids: list[int]

    @staticmethod
    def resolve_responsible(obj: Any) -> list[str]:
        people = [f"{p.person} ({p.relation})" for p in obj.participants.all()]
        return people + [f"{_professional(c)} ({c.case_role})" for c in obj.circle_members.all()]

    @staticmethod
    def resolve_participant_ids(obj: Any) -> list[int]:
        return [p.pk for p in obj.participants.all()]

    @staticmethod
    def resolve_circle_member_ids(obj: Any) -> list[int]:
        return [c.pk for c in obj.circle_members.all()]

    @staticmethod
    def resolve_bottom_line_ids(obj: Any) -> list[int]:
        return [b.pk for b in obj.bottom_lines.all()]

    @staticmethod
    def resolve_safety_goal_ids(obj: Any) -> list[int]:
        return [g.pk for g in obj.safety_goals.all()]


class SignatureOut(Schema):
    signer: str
    signed_at: datetime
    on_paper: bool


class CheckOut(Schema):
    label: str
    ok: bool
    detail: str


class PlanVersionOut(Schema):
    number: int
    frozen: bool
    signed_at: datetime | None
    rules: list[RuleOut]
    signatures: list[SignatureOut]


class PlanOut(Schema):
    id: int
    title: str
    check_bottom_lines: bool
    check_network_adults: bool
    check_responsible: bool
    check_safety_goals: bool
    current: PlanVersionOut
    checks: list[CheckOut]
    ready_to_sign: bool
    earlier_versions: list[int]


def _version(version: Any) -> dict[str, Any]:
    return {
        "number": version.number,
        "frozen": version.frozen,
        "signed_at": version.signed_at,
        "rules": list(version.rules.all()),
        "signatures": [
            {"signer": s.signer_name, "signed_at": s.signed_at, "on_paper": s.on_paper}
            for s in version.signatures.all()
        ],
    }


@router.get(
    f"{BASE}/plans",
    response={200: list[PlanOut], **READ_ERRORS},
    summary="Safety plans: the newest version with its rules and signatures, and the checks before signing",
)
def list_plans(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN]).dossier
    bottom_lines = list(dossier.bottom_lines.all())
    safety_goals = list(dossier.safety_goals.all())
    out = []
    for entry in selectors.plans_with_versions(dossier=dossier):
        plan, current = entry["plan"], entry["current"]
        checks = services.plan_checks(current, bottom_lines, safety_goals)
        out.append(
            {
                "id": plan.pk,
                "title": plan.title,
                "check_bottom_lines": plan.check_bottom_lines,
                "check_network_adults": plan.check_network_adults,
                "check_responsible": plan.check_responsible,
                "check_safety_goals": plan.check_safety_goals,
                "current": _version(current),
                "checks": [{"label": str(c.label), "ok": c.ok, "detail": str(c.detail)} for c in checks],
                "ready_to_sign": all(c.ok for c in checks),
                "earlier_versions": [v.number for v in entry["older"]],
            }
        )
    return out


@router.get(
    f"{BASE}/plans/{{plan_id}}/pdf",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="The plan's newest version as a PDF, for the judge or (audience=family) in plain language",
    openapi_extra={
        "responses": {
            200: {
                "description": "The PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def plan_pdf(
    request: HttpRequest, dossier_id: str, plan_id: int, audience: Literal["judge", "family"] = "judge"
) -> HttpResponse:

    def make(opened: OpenDossier) -> HttpResponse:
        plan = get_object_or_404(SafetyPlan, pk=plan_id, dossier=opened.dossier)
        pdf, name = documents.plan_pdf(
            dossier=opened.dossier, plan=plan, family=audience == "family", request=request
        )
        return pdf_response(pdf, name)

    # The export is logged only if there is a PDF: a plan that does not exist (404) leaves no export entry.
    return export_or_nothing(
        lambda: dossier_open(
            user=request.auth, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN], export_format="pdf"
        ),
        make,
    )
