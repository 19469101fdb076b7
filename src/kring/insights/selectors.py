"""Reads of the outcome facts of one dossier, for its Outcomes page and the API, in a fixed number of
queries. The caller has opened the dossier through the door (cases.selectors.dossier_open), which asked
the policy and logged the read."""

from typing import TypedDict

from django.db.models import Prefetch

from kring.cases.models import Dossier, Measure

from .models import EndJudgement, MethodLabel, ProbationEvent, RiskAssessment


class Outcomes(TypedDict):
    dossier_label: MethodLabel | None
    measures: list[Measure]
    assessments: list[RiskAssessment]


def dossier_outcomes(*, dossier: Dossier) -> Outcomes:
    measures = list(
        Measure.objects.filter(dossier=dossier)
        .select_related("child", "method_label", "end_judgement")
        .prefetch_related(
            Prefetch("probation_events", queryset=ProbationEvent.objects.order_by("occurred_on", "pk"))
        )
        .order_by("started_on", "pk")
    )
    # the page and the API read each measure's label and end judgement (None if not recorded) as attributes
    # set here on the instance; the model does not declare them
    for measure in measures:
        measure.label = getattr(measure, "method_label", None) if _has(measure, "method_label") else None  # type: ignore[attr-defined]
        measure.judgement = (  # type: ignore[attr-defined]
            getattr(measure, "end_judgement", None) if _has(measure, "end_judgement") else None
        )
    return {
        "dossier_label": MethodLabel.objects.filter(dossier=dossier, measure__isnull=True).first(),
        "measures": measures,
        "assessments": list(
            RiskAssessment.objects.filter(dossier=dossier)
            .select_related("child", "measure")
            .order_by("child_id", "assessed_on", "pk")
        ),
    }


def _has(measure: Measure, name: str) -> bool:
    try:
        getattr(measure, name)
    except (MethodLabel.DoesNotExist, EndJudgement.DoesNotExist):
        return False
    return True
