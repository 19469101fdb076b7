"""The insights API: the outcome facts of a dossier (same policy and audit as the Outcomes page) and the
aggregated indicators of a dashboard scope (suppressed as on the page)."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from kring.access.insights import insights_view
from kring.access.policy import Action, Section
from kring.cases.selectors import dossier_open
from kring.ui.api import ErrorOut
from kring.ui.input_guard import IsoDate

from . import services
from .computed import DASHBOARD, insight_ensure
from .indicators import Cohort
from .models import (
    JUDGEMENT_MAX,
    JUDGEMENT_MIN,
    RISK_SCORE_MAX,
    Method,
    ProbationEventKind,
    ProbationEventOutcome,
    ProbationEventReason,
    RiskInstrument,
    RiskLevel,
)
from .selectors import dossier_outcomes
from .suppression import SMALL

router = Router(tags=["insights"])
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
UNKNOWN_CHILD = _("This young person is not in this dossier.")
UNKNOWN_MEASURE = _("This measure is not in this dossier.")


class RiskAssessmentIn(Schema):
    child_id: int
    measure_id: int | None = None
    instrument: RiskInstrument
    instrument_name: str = Field("", max_length=100)
    assessed_on: IsoDate
    overall_level: RiskLevel
    dynamic_scores: dict[str, float] = Field(default_factory=dict, max_length=50)


class RiskAssessmentOut(Schema):
    id: int
    child_id: int
    measure_id: int | None
    instrument: str
    instrument_name: str
    assessed_on: IsoDate
    overall_level: str
    dynamic_scores: dict[str, float]
    dynamic_total: Decimal


class ProbationEventIn(Schema):
    measure_id: int
    kind: ProbationEventKind
    occurred_on: IsoDate
    reason: ProbationEventReason
    outcome: ProbationEventOutcome = ProbationEventOutcome.PENDING


class ProbationEventOut(Schema):
    id: int
    measure_id: int
    kind: str
    occurred_on: IsoDate
    reason: str
    outcome: str
    version: int


class EndJudgementIn(Schema):
    goal_realisation: int = Field(..., ge=JUDGEMENT_MIN, le=JUDGEMENT_MAX)
    help_accepted: int = Field(..., ge=JUDGEMENT_MIN, le=JUDGEMENT_MAX)
    evidence: str = Field(..., min_length=1, max_length=2000)
    judged_on: IsoDate
    version: int | None = None


class EndJudgementOut(Schema):
    measure_id: int
    goal_realisation: int
    help_accepted: int
    evidence: str
    judged_on: IsoDate
    version: int


class MethodLabelIn(Schema):
    method: Method
    since: IsoDate
    measure_id: int | None = None


class MethodLabelOut(Schema):
    measure_id: int | None
    method: str
    since: IsoDate


class MeasureOutcomeOut(Schema):
    measure_id: int
    kind: str
    started_on: IsoDate
    ended_on: IsoDate | None
    end_reason: str
    method: str | None
    judgement: EndJudgementOut | None
    events: list[ProbationEventOut]


class OutcomesOut(Schema):
    dossier_method: MethodLabelOut | None
    measures: list[MeasureOutcomeOut]
    risk_assessments: list[RiskAssessmentOut]


def _measure(dossier: Any, measure_id: int | None) -> Any:
    if measure_id is None:
        return None
    measure = dossier.measures.select_related("dossier").filter(pk=measure_id).first()
    if measure is None:
        raise ValidationError({"measure": UNKNOWN_MEASURE})
    return measure


@router.get("/dossiers/{dossier_id}/outcomes", response={200: OutcomesOut, 401: ErrorOut, 404: ErrorOut})
def get_outcomes(request: HttpRequest, dossier_id: str) -> Any:
    dossier = dossier_open(user=request.auth, dossier_id=dossier_id, reads=[Section.MEASURES]).dossier
    outcomes = dossier_outcomes(dossier=dossier)
    return {
        "dossier_method": outcomes["dossier_label"],
        "measures": [
            {
                "measure_id": m.pk,
                "kind": m.kind,
                "started_on": m.started_on,
                "ended_on": m.ended_on,
                "end_reason": m.end_reason,
                "method": m.label.method if m.label else None,
                "judgement": m.judgement,
                "events": list(m.probation_events.all()),
            }
            for m in outcomes["measures"]
        ],
        "risk_assessments": outcomes["assessments"],
    }


@router.put("/dossiers/{dossier_id}/method", response={200: MethodLabelOut, **WRITE_ERRORS})
def set_method(request: HttpRequest, dossier_id: str, payload: MethodLabelIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    return services.method_label_set(
        actor=request.auth,
        dossier=dossier,
        method=payload.method,
        since=payload.since,
        measure=_measure(dossier, payload.measure_id),
    )


@router.post("/dossiers/{dossier_id}/risk-assessments", response={201: RiskAssessmentOut, **WRITE_ERRORS})
def add_risk_assessment(request: HttpRequest, dossier_id: str, payload: RiskAssessmentIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    child = dossier.children.filter(pk=payload.child_id).first()
    if child is None:
        raise ValidationError({"child": UNKNOWN_CHILD})
    scores = {name.strip()[:60]: value for name, value in payload.dynamic_scores.items() if name.strip()}
    if any(not 0 <= v <= RISK_SCORE_MAX for v in scores.values()):
        raise ValidationError({"dynamic_scores": services.BAD_FACTOR_SCORES % {"max": RISK_SCORE_MAX}})
    assessment = services.risk_assessment_add(
        actor=request.auth,
        dossier=dossier,
        child=child,
        measure=_measure(dossier, payload.measure_id),
        instrument=payload.instrument,
        instrument_name=payload.instrument_name,
        assessed_on=payload.assessed_on,
        overall_level=payload.overall_level,
        dynamic_scores=scores,
        today=timezone.localdate(),
    )
    return Status(201, assessment)


@router.post("/dossiers/{dossier_id}/probation-events", response={201: ProbationEventOut, **WRITE_ERRORS})
def add_probation_event(request: HttpRequest, dossier_id: str, payload: ProbationEventIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    event = services.probation_event_add(
        actor=request.auth,
        dossier=dossier,
        measure=_measure(dossier, payload.measure_id),
        kind=payload.kind,
        occurred_on=payload.occurred_on,
        reason=payload.reason,
        outcome=payload.outcome,
        today=timezone.localdate(),
    )
    return Status(201, event)


class ProbationOutcomeIn(Schema):
    outcome: ProbationEventOutcome
    version: int


@router.put(
    "/dossiers/{dossier_id}/probation-events/{event_id}/outcome",
    response={200: ProbationEventOut, **WRITE_ERRORS},
)
def set_probation_outcome(
    request: HttpRequest, dossier_id: str, event_id: int, payload: ProbationOutcomeIn
) -> Any:
    """What came of a warning talk or report back, recorded later; `version` is the one the caller saw."""
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    event = get_object_or_404(dossier.probation_events.select_related("dossier"), pk=event_id)
    return services.probation_event_set_outcome(
        actor=request.auth, event=event, outcome=payload.outcome, version=payload.version
    )


@router.put(
    "/dossiers/{dossier_id}/measures/{measure_id}/judgement", response={200: EndJudgementOut, **WRITE_ERRORS}
)
def record_judgement(request: HttpRequest, dossier_id: str, measure_id: int, payload: EndJudgementIn) -> Any:
    dossier = dossier_open(
        user=request.auth, dossier_id=dossier_id, action=Action.EDIT, section=Section.MEASURES
    ).dossier
    measure = get_object_or_404(dossier.measures.select_related("dossier"), pk=measure_id)
    return services.end_judgement_record(
        actor=request.auth, measure=measure, today=timezone.localdate(), **payload.dict()
    )


class IndicatorOut(Schema):
    label: str
    value: str | None = Field(description="null when it rests on 1 to 4 measures: too few to show")
    n: int | None = Field(description="null when 1 to 4: too few to show")


class DashboardOut(Schema):
    scope: str
    status: str = Field(description="queued, running, done or failed: the stored computation of this scope")
    step: int
    steps: int
    computed_at: datetime | None = Field(description="when the indicators were computed; null: not yet")
    indicators: list[IndicatorOut] = Field(description="the last computed indicators; empty until the first")


def _shown_card(card: dict[str, Any]) -> dict[str, Any]:
    """As on the page: an indicator resting on 1 to 4 measures shows neither its value nor its n."""
    too_few = bool(card["n"]) and card["n"] < SMALL
    return {
        "label": card["label"],
        "value": None if too_few else card["value"],
        "n": None if too_few else card["n"],
    }


@router.get(
    "/insights/{scope}/indicators",
    response={200: DashboardOut, 202: DashboardOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def get_indicators(
    request: HttpRequest,
    response: HttpResponse,
    scope: str,
    ended_from: IsoDate | None = None,
    ended_until: IsoDate | None = None,
) -> Any:
    """The indicators of a dashboard scope over measures ended in the period: the stored result the page
    shows too (computed in the background, as on the page). 202 while the first computation runs: ask again
    after the seconds in Retry-After; 200 with the last figures and `computed_at` once there are any."""
    view = insights_view(request.auth, scope)
    if view is None:
        raise Http404
    cohort = Cohort(ended_from=ended_from, ended_until=ended_until or timezone.localdate())
    row = insight_ensure(view, DASHBOARD, [cohort])
    answer = {
        "scope": view.scope.value,
        "status": row.status,
        "step": row.step,
        "steps": row.steps,
        "computed_at": row.computed_at,
        "indicators": [_shown_card(c) for c in (row.figures or {}).get("cards", [])],
    }
    if row.figures is None:
        response["Retry-After"] = "2"
        return Status(202, answer)
    return Status(200, answer)
