"""Evaluation moments of the safety plan (interim and end): who took part, the scores, how every bottom line
stands with its evidence, and what was decided — and the one place where a bottom line's status changes.

`evaluation_record` stores an evaluation, all or nothing, and then calls
`bottom_lines_update_from_evaluation`, which sets each assessed bottom line to the status found (met, not yet
met, breached), with the evidence, the date and the evaluation it comes from. A status that a later
evaluation found is never overwritten by an earlier one: recording an older evaluation afterwards does not
undo what a newer one found.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section
from kring.audit.models import AuditAction
from kring.audit.services import audit_append, audit_append_entries, audit_entry
from kring.cases.models import CircleMember, Dossier, Participant
from kring.cases.services import authorise

from . import scales
from .models import (
    BottomLine,
    BottomLineAssessment,
    BottomLineStatus,
    Evaluation,
    EvaluationKind,
    EvaluationOutcome,
    SafetyPlan,
    ScaleQuestion,
)
from .services import check_people, clean_text, current_version

DECISIONS_NEEDED = _("Write down what was decided.")
EVIDENCE_NEEDED = _("Write down the evidence for a bottom line that is met or breached.")
UNKNOWN_KIND = _("Choose an interim or an end evaluation.")
UNKNOWN_OUTCOME = _("Choose the outcome of the evaluation.")
UNKNOWN_STATUS = _("Choose met, not yet met or breached.")
OTHER_DOSSIER_LINE = _("This bottom line belongs to another dossier.")
OTHER_DOSSIER_PLAN = _("This plan belongs to another dossier.")
LINE_TWICE = _("Each bottom line is assessed once per evaluation.")
FUTURE_EVALUATION = _("An evaluation cannot be recorded for a day that has not come yet.")


def evaluation_record(
    *,
    actor: Any,
    dossier: Dossier,
    kind: str,
    held_on: date,
    decisions: str,
    outcome: str,
    plan: SafetyPlan | None = None,
    participants: Sequence[Participant] = (),
    circle_members: Sequence[CircleMember] = (),
    assessments: Sequence[tuple[BottomLine, str, str]] = (),
    scores: Sequence[tuple[scales.Rater, int]] = (),
    question: str = ScaleQuestion.SAFETY,
    custom_question: str = "",
) -> Evaluation:
    """Record an evaluation with its bottom-line assessments (line, status, evidence) and scores, then update
    the bottom lines. Nothing is saved when any part is wrong."""
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    if kind not in EvaluationKind.values:
        raise ValidationError({"kind": UNKNOWN_KIND})
    if outcome not in EvaluationOutcome.values:
        raise ValidationError({"outcome": UNKNOWN_OUTCOME})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": FUTURE_EVALUATION})
    decisions = clean_text(decisions, "decisions", DECISIONS_NEEDED, 4000)
    if plan is not None and plan.dossier_id != dossier.pk:
        raise ValidationError({"plan": OTHER_DOSSIER_PLAN})
    check_people(dossier, participants, circle_members)
    seen: set[int] = set()
    cleaned = []
    for line, status, evidence in assessments:
        if line.dossier_id != dossier.pk:
            raise ValidationError({"assessments": OTHER_DOSSIER_LINE})
        if line.pk in seen:
            raise ValidationError({"assessments": LINE_TWICE})
        seen.add(line.pk)
        if status not in BottomLineStatus.values:
            raise ValidationError({f"status_{line.pk}": UNKNOWN_STATUS})
        evidence = (evidence or "").strip()
        if status != BottomLineStatus.NOT_YET or evidence:
            evidence = clean_text(evidence, f"evidence_{line.pk}", EVIDENCE_NEEDED, 2000)
        cleaned.append((line, status, evidence))
    with transaction.atomic():
        evaluation = Evaluation.objects.create(
            dossier=dossier,
            kind=kind,
            held_on=held_on,
            plan=plan,
            plan_version=current_version(plan) if plan is not None else None,
            decisions=decisions,
            outcome=outcome,
            recorded_by=actor,
        )
        evaluation.participants.set(participants)
        evaluation.circle_members.set(circle_members)
        BottomLineAssessment.objects.bulk_create(
            BottomLineAssessment(evaluation=evaluation, bottom_line=line, status=status, evidence=evidence)
            for line, status, evidence in cleaned
        )
        audit_append(
            actor=who,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=evaluation,
            fields=[
                "kind",
                "held_on",
                "plan",
                "participants",
                "circle_members",
                "decisions",
                "outcome",
                "assessments",
            ],
        )
        if scores:
            scales.scale_ratings_record(
                actor=actor,
                dossier=dossier,
                question=question,
                custom_question=custom_question,
                rated_on=held_on,
                scores=scores,
                evaluation=evaluation,
            )
        bottom_lines_update_from_evaluation(actor=actor, evaluation=evaluation)
    return evaluation


def bottom_lines_update_from_evaluation(*, actor: Any, evaluation: Evaluation) -> list[BottomLine]:
    """Set every bottom line the evaluation assessed to the status it found, with the evidence, the date and
    the evaluation — unless the line already has a status of a later date. Returns the lines changed."""
    dossier = evaluation.dossier
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    changed = []
    with transaction.atomic():
        assessments = evaluation.assessments.select_related("bottom_line").select_for_update(
            of=("bottom_line",)
        )
        for assessment in assessments:
            line = assessment.bottom_line
            if line.dossier_id != dossier.pk:
                continue
            if line.status_evaluation_id and line.status_on > evaluation.held_on:
                continue  # a later evaluation already found this line's status
            line.status = assessment.status
            line.evidence = assessment.evidence
            line.status_on = evaluation.held_on
            line.status_evaluation = evaluation
            line.save(update_fields=["status", "evidence", "status_on", "status_evaluation"])
            changed.append(line)
        audit_append_entries(
            [
                audit_entry(
                    actor=who,
                    action=AuditAction.UPDATE,
                    dossier=dossier,
                    obj=line,
                    fields=["status", "evidence", "status_on", "status_evaluation"],
                )
                for line in changed
            ]
        )
    return changed
