"""Writes of the outcome facts: each authorised by the access policy (section "measures"), validated before
anything is saved, and written to the audit log (field names only). Bad input raises ValidationError with a
message for the person who typed it; nothing is saved then."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.models import YOUTH_PROBATION_MEASURES, Dossier, Measure, Person
from kring.cases.services import authorise

from .models import (
    RISK_SCORE_MAX,
    EndJudgement,
    MethodLabel,
    ProbationEvent,
    RiskAssessment,
    RiskInstrument,
)

NOT_A_CHILD_OF_THIS_DOSSIER = _("This young person is not in this dossier.")
MEASURE_OF_ANOTHER_DOSSIER = _("This measure belongs to another dossier.")
MEASURE_OF_ANOTHER_CHILD = _("This measure is for another young person.")
INSTRUMENT_NAME_REQUIRED = _("Give the name of the instrument.")
BAD_FACTOR_SCORES = _(
    "Give each dynamic factor as 'name: score', one per line, with a score between 0 and %(max)s."
)
NOT_YOUTH_PROBATION = _("Warning talks and reports back belong to a youth-probation measure.")
OUTSIDE_MEASURE = _("The date lies outside the measure (%(start)s - %(end)s).")
IN_THE_FUTURE = _("The date lies in the future.")
NOT_ENDED = _("Judge a measure at its end: record the end of the measure first.")
EDITED_BY_SOMEONE_ELSE = _("Someone else changed this in the meantime. Reload the page and try again.")
JUDGED_BEFORE_START = _("The judgement cannot lie before the start of the measure.")


def _check_measure(dossier: Dossier, measure: Measure | None, child: Person | None = None) -> None:
    if measure is None:
        return
    if measure.dossier_id != dossier.pk:
        raise ValidationError({"measure": MEASURE_OF_ANOTHER_DOSSIER})
    if child is not None and measure.child_id != child.pk:
        raise ValidationError({"measure": MEASURE_OF_ANOTHER_CHILD})


def _not_future(day: date, field: str, today: date) -> None:
    if day > today:
        raise ValidationError({field: IN_THE_FUTURE})


def parse_factor_scores(text: str) -> dict[str, float]:
    """'Family: 3\\nSchool: 1.5' → {'Family': 3.0, 'School': 1.5}; raises ValidationError on anything else."""
    scores: dict[str, float] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, sep, value = line.rpartition(":")
        try:
            number = Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            number = None
        if not sep or not name.strip() or number is None or not 0 <= number <= RISK_SCORE_MAX:
            raise ValidationError(BAD_FACTOR_SCORES % {"max": RISK_SCORE_MAX})
        scores[name.strip()[:60]] = float(number)
    return scores


def method_label_set(
    *, actor: User, dossier: Dossier, method: str, since: date, measure: Measure | None = None
) -> MethodLabel:
    """Label the dossier (measure None) or one measure with the method it works with; replaces the label."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.MEASURES)
    _check_measure(dossier, measure)
    with transaction.atomic():
        label = MethodLabel.objects.select_for_update().filter(
            dossier=dossier, measure=measure
        ).first() or MethodLabel(dossier=dossier, measure=measure)
        created = label.pk is None
        label.method, label.since, label.recorded_by = method, since, actor
        label.full_clean(validate_constraints=False)
        label.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            dossier=dossier,
            obj=label,
            fields=["method", "since", "measure"],
        )
    return label


def risk_assessment_add(
    *,
    actor: User,
    dossier: Dossier,
    child: Person,
    instrument: str,
    assessed_on: date,
    overall_level: str,
    dynamic_scores: dict[str, float],
    today: date,
    measure: Measure | None = None,
    instrument_name: str = "",
) -> RiskAssessment:
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.MEASURES)
    if not dossier.children.filter(pk=child.pk).exists():
        raise ValidationError({"child": NOT_A_CHILD_OF_THIS_DOSSIER})
    _check_measure(dossier, measure, child)
    _not_future(assessed_on, "assessed_on", today)
    if instrument == RiskInstrument.OTHER and not instrument_name.strip():
        raise ValidationError({"instrument_name": INSTRUMENT_NAME_REQUIRED})
    if any(not 0 <= float(v) <= RISK_SCORE_MAX for v in dynamic_scores.values()):
        raise ValidationError({"dynamic_scores": BAD_FACTOR_SCORES % {"max": RISK_SCORE_MAX}})
    with transaction.atomic():
        assessment = RiskAssessment(
            dossier=dossier,
            child=child,
            measure=measure,
            instrument=instrument,
            instrument_name=instrument_name.strip() if instrument == RiskInstrument.OTHER else "",
            assessed_on=assessed_on,
            overall_level=overall_level,
            dynamic_scores=dynamic_scores,
            dynamic_total=sum((Decimal(str(v)) for v in dynamic_scores.values()), Decimal(0)),
            recorded_by=actor,
        )
        assessment.full_clean()
        assessment.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=assessment,
            fields=["child", "measure", "instrument", "assessed_on", "overall_level", "dynamic_scores"],
        )
    return assessment


def probation_event_add(
    *,
    actor: User,
    dossier: Dossier,
    measure: Measure,
    kind: str,
    occurred_on: date,
    reason: str,
    outcome: str,
    today: date,
) -> ProbationEvent:
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.MEASURES)
    _check_measure(dossier, measure)
    if measure.kind not in YOUTH_PROBATION_MEASURES:
        raise ValidationError({"measure": NOT_YOUTH_PROBATION})
    _not_future(occurred_on, "occurred_on", today)
    if occurred_on < measure.started_on or (measure.ended_on and occurred_on > measure.ended_on):
        raise ValidationError(
            {"occurred_on": OUTSIDE_MEASURE % {"start": measure.started_on, "end": measure.ended_on or "…"}}
        )
    with transaction.atomic():
        event = ProbationEvent(
            dossier=dossier,
            measure=measure,
            kind=kind,
            occurred_on=occurred_on,
            reason=reason,
            outcome=outcome,
            recorded_by=actor,
        )
        event.full_clean()
        event.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=event,
            fields=["measure", "kind", "occurred_on", "reason", "outcome"],
        )
    return event


def probation_event_set_outcome(
    *, actor: User, event: ProbationEvent, outcome: str, version: int
) -> ProbationEvent:
    """Record what came of a report back; `version` is the one the writer saw (concurrent edits)."""
    audit_actor = authorise(actor, Action.EDIT, event.dossier, Section.MEASURES)
    with transaction.atomic():
        updated = ProbationEvent.objects.filter(pk=event.pk, version=version).update(
            outcome=outcome, version=version + 1
        )
        if not updated:
            raise ValidationError(EDITED_BY_SOMEONE_ELSE)
        event.refresh_from_db()
        event.full_clean()
        audit_append(
            actor=audit_actor, action=AuditAction.UPDATE, dossier=event.dossier, obj=event, fields=["outcome"]
        )
    return event


def end_judgement_record(
    *,
    actor: User,
    measure: Measure,
    goal_realisation: int,
    help_accepted: int,
    evidence: str,
    judged_on: date,
    today: date,
    version: int | None = None,
) -> EndJudgement:
    """Record (or correct, passing the `version` seen) the judgement at the end of a measure."""
    dossier = measure.dossier
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.MEASURES)
    if measure.ended_on is None:
        raise ValidationError(NOT_ENDED)
    _not_future(judged_on, "judged_on", today)
    if judged_on < measure.started_on:
        raise ValidationError({"judged_on": JUDGED_BEFORE_START})
    with transaction.atomic():
        judgement = EndJudgement.objects.select_for_update().filter(measure=measure).first()
        created = judgement is None
        if judgement is None:
            judgement = EndJudgement(measure=measure, dossier=dossier)
        elif version != judgement.version:
            raise ValidationError(EDITED_BY_SOMEONE_ELSE)
        else:
            judgement.version += 1
        judgement.goal_realisation = goal_realisation
        judgement.help_accepted = help_accepted
        judgement.evidence = evidence.strip()
        judgement.judged_on = judged_on
        judgement.judged_by = actor
        judgement.full_clean()
        judgement.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            dossier=dossier,
            obj=judgement,
            fields=["goal_realisation", "help_accepted", "evidence", "judged_on"],
        )
    return judgement
