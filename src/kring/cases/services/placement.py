"""Where a child lives over time (placement and residence): record, end, change, and the urgency procedure's
day-6 decision (the child returns home, or the crisis placement is extended).

A stay runs from `started_on` up to the day the child moved on (`ended_on`, the first day elsewhere), so the
next stay may start on that very day. One child's stays never overlap, in whichever dossier they were
recorded. Writes go through the access policy (Section.MEASURES: decisions about the child's frame), are
audited and leave a line in the dossier's history; bad input raises ValidationError and saves nothing.
"""

from datetime import date
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import audit_append

from ..event_summaries import CRISIS_DECISION, PLACEMENT, Summary
from ..models import Dossier, EventKind, Person, Placement, PlacementDecider, PlacementKind
from .dossiers import authorise, dossier_event_add

PLACEMENT_SECTION = Section.MEASURES
OVERLAPPING_PLACEMENT = _(
    "%(child)s already lives somewhere else in that period (%(kind)s from %(start)s). End that stay first, "
    "or record a change of residence."
)
NOT_A_CHILD_OF_THIS_DOSSIER = _("This child is not in this dossier.")
UNTIL_BEFORE_FROM = _("The end date lies before the start date.")
PLANNED_BEFORE_FROM = _("The planned end lies before the start date.")
REASON_REQUIRED = _("Give the reason.")
UNKNOWN_KIND = _("Choose where the child lives.")
UNKNOWN_DECIDER = _("Choose who decided.")
ALREADY_ENDED = _("This stay has already ended.")
NOT_A_CRISIS_PLACEMENT = _("Only a running crisis placement can be decided on this way.")
EXTEND_UNTIL_REQUIRED = _("Give the date until which the crisis placement is extended.")
EXTEND_NOT_LATER = _("The extension must run past the current planned end (%(end)s).")
DECISION_BEFORE_START = _("The decision lies before the crisis placement started (%(start)s).")


class CrisisDecision(StrEnum):
    """The day-6 decision of the urgency procedure (seed 004): the child goes home, or stays in crisis."""

    RETURN_HOME = "return_home"
    EXTEND = "extend"


CRISIS_DECISION_LABELS = {
    CrisisDecision.RETURN_HOME: _("return home"),
    CrisisDecision.EXTEND: _("extend the crisis placement"),
}


def placements_of(*, dossier: Dossier) -> QuerySet[Placement]:
    """The stays of the dossier's children, oldest first, with the child (one query)."""
    return dossier.placements.select_related("child").order_by(
        "child__first_name", "child_id", "started_on", "pk"
    )


def current_placements(*, dossier: Dossier, day: date) -> list[Placement]:
    """Where each child of the dossier lives on `day` (one query)."""
    return list(
        placements_of(dossier=dossier)
        .filter(started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )


def _overlapping(child: Person, started_on: date, ended_on: date | None, exclude: Any = None) -> Any:
    stays = Placement.objects.filter(child=child).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=started_on)
    )
    if ended_on is not None:
        stays = stays.filter(started_on__lt=ended_on)
    if exclude is not None:
        stays = stays.exclude(pk=exclude.pk)
    return stays.order_by("started_on").first()


def _overlap_error(child: Person, other: Placement) -> ValidationError:
    params = {
        "child": child.first_name,
        "kind": other.get_kind_display(),
        "start": other.started_on.strftime("%d-%m-%Y"),
    }
    return ValidationError(OVERLAPPING_PLACEMENT, params=params)


def _check(
    *,
    dossier: Dossier,
    child: Person,
    kind: str,
    started_on: date,
    ended_on: date | None,
    planned_end_on: date | None,
    decided_by: str,
    reason: str,
    exclude: Any = None,
) -> None:
    """Every reason to refuse a stay, gathered per field (so a form shows them all at once)."""
    errors: dict[str, list[Any]] = {}
    if not dossier.children.filter(pk=child.pk).exists():
        errors.setdefault("child", []).append(NOT_A_CHILD_OF_THIS_DOSSIER)
    if kind not in PlacementKind.values:
        errors.setdefault("kind", []).append(UNKNOWN_KIND)
    if decided_by not in PlacementDecider.values:
        errors.setdefault("decided_by", []).append(UNKNOWN_DECIDER)
    if not reason.strip():
        errors.setdefault("reason", []).append(REASON_REQUIRED)
    if ended_on is not None and ended_on < started_on:
        errors.setdefault("ended_on", []).append(UNTIL_BEFORE_FROM)
    if planned_end_on is not None and planned_end_on < started_on:
        errors.setdefault("planned_end_on", []).append(PLANNED_BEFORE_FROM)
    if "child" not in errors and "ended_on" not in errors:
        other = _overlapping(child, started_on, ended_on, exclude)
        if other is not None:
            errors.setdefault("started_on", []).append(_overlap_error(child, other))
    if errors:
        raise ValidationError(errors)


PLACEMENT_FIELDS = [
    "child",
    "kind",
    "started_on",
    "planned_end_on",
    "ended_on",
    "decided_by",
    "decided_by_name",
    "reason",
    "place",
]


def _save_new(audit_actor: Any, placement: Placement) -> None:
    placement.full_clean()
    placement.save()
    audit_append(
        actor=audit_actor,
        action=AuditAction.CREATE,
        dossier=placement.dossier,
        obj=placement,
        fields=PLACEMENT_FIELDS,
    )


def _summary(placement: Placement, ended: bool = False) -> Summary:
    return Summary(PLACEMENT, child=placement.child.first_name, kind=placement.kind, ended=ended)


def placement_record(
    *,
    actor: User | None,
    dossier: Dossier,
    child: Person,
    kind: str,
    started_on: date,
    decided_by: str,
    reason: str,
    decided_by_name: str = "",
    place: str = "",
    planned_end_on: date | None = None,
    ended_on: date | None = None,
) -> Placement:
    """Record where `child` lives from `started_on` (and, for a past stay, until `ended_on`)."""
    audit_actor = authorise(actor, Action.EDIT, dossier, PLACEMENT_SECTION)
    with transaction.atomic():
        # The child's row serialises two writers recording a stay for the same child at the same time.
        Person.objects.select_for_update().filter(pk=child.pk).first()
        _check(
            dossier=dossier,
            child=child,
            kind=kind,
            started_on=started_on,
            ended_on=ended_on,
            planned_end_on=planned_end_on,
            decided_by=decided_by,
            reason=reason,
        )
        placement = Placement(
            dossier=dossier,
            child=child,
            kind=kind,
            started_on=started_on,
            planned_end_on=planned_end_on,
            ended_on=ended_on,
            decided_by=decided_by,
            decided_by_name=decided_by_name.strip(),
            reason=reason.strip(),
            place=place.strip(),
            recorded_by=actor or None,
        )
        _save_new(audit_actor, placement)
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.PLACEMENT,
            day=started_on,
            summary=_summary(placement),
            actor=actor,
        )
    return placement


def placement_end(*, actor: User | None, placement: Placement, ended_on: date) -> Placement:
    """The child moved on: the stay ends on `ended_on` (the first day elsewhere)."""
    audit_actor = authorise(actor, Action.EDIT, placement.dossier, PLACEMENT_SECTION)
    if placement.ended_on is not None:
        raise ValidationError(ALREADY_ENDED)
    if ended_on < placement.started_on:
        raise ValidationError({"ended_on": UNTIL_BEFORE_FROM})
    with transaction.atomic():
        placement.ended_on = ended_on
        placement.save(update_fields=["ended_on"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=placement.dossier,
            obj=placement,
            fields=["ended_on"],
        )
        dossier_event_add(
            dossier=placement.dossier,
            kind=EventKind.PLACEMENT,
            day=ended_on,
            summary=_summary(placement, ended=True),
            actor=actor,
        )
    return placement


def crisis_decide(
    *,
    actor: User | None,
    placement: Placement,
    decision: str,
    decided_on: date,
    decided_by: str,
    reason: str,
    decided_by_name: str = "",
    extend_until: date | None = None,
    home_place: str = "",
) -> Placement:
    """The day-6 decision on a running crisis placement: the child returns home from `decided_on` (the crisis
    stay ends that day and a stay at home begins), or the crisis placement is extended until `extend_until`.
    Returns the stay that runs after the decision."""
    audit_actor = authorise(actor, Action.EDIT, placement.dossier, PLACEMENT_SECTION)
    if placement.kind != PlacementKind.CRISIS or placement.ended_on is not None:
        raise ValidationError(NOT_A_CRISIS_PLACEMENT)
    errors: dict[str, list[Any]] = {}
    if decision not in CrisisDecision.__members__.values():
        errors.setdefault("decision", []).append(_("Choose the decision."))
    if decided_by not in PlacementDecider.values:
        errors.setdefault("decided_by", []).append(UNKNOWN_DECIDER)
    if not reason.strip():
        errors.setdefault("reason", []).append(REASON_REQUIRED)
    if decided_on < placement.started_on:
        errors.setdefault("decided_on", []).append(
            ValidationError(
                DECISION_BEFORE_START, params={"start": placement.started_on.strftime("%d-%m-%Y")}
            )
        )
    if decision == CrisisDecision.EXTEND:
        current_end = placement.planned_end_on or decided_on
        if extend_until is None:
            errors.setdefault("extend_until", []).append(EXTEND_UNTIL_REQUIRED)
        elif extend_until <= current_end:
            errors.setdefault("extend_until", []).append(
                ValidationError(EXTEND_NOT_LATER, params={"end": current_end.strftime("%d-%m-%Y")})
            )
    if decision == CrisisDecision.RETURN_HOME and "decided_on" not in errors:
        later = _overlapping(placement.child, decided_on, None, exclude=placement)
        if later is not None:
            errors.setdefault("decided_on", []).append(_overlap_error(placement.child, later))
    if errors:
        raise ValidationError(errors)
    chosen = CrisisDecision(decision)
    with transaction.atomic():
        if decision == CrisisDecision.EXTEND:
            placement.planned_end_on = extend_until
            placement.save(update_fields=["planned_end_on"])
            audit_append(
                actor=audit_actor,
                action=AuditAction.UPDATE,
                dossier=placement.dossier,
                obj=placement,
                fields=["planned_end_on", "decision", "reason"],
            )
            after = placement
        else:
            placement.ended_on = decided_on
            placement.save(update_fields=["ended_on"])
            audit_append(
                actor=audit_actor,
                action=AuditAction.UPDATE,
                dossier=placement.dossier,
                obj=placement,
                fields=["ended_on", "decision", "reason"],
            )
            after = Placement(
                dossier=placement.dossier,
                child=placement.child,
                kind=PlacementKind.AT_HOME,
                started_on=decided_on,
                decided_by=decided_by,
                decided_by_name=decided_by_name.strip(),
                reason=reason.strip(),
                place=home_place.strip(),
                recorded_by=actor or None,
            )
            _save_new(audit_actor, after)
        dossier_event_add(
            dossier=placement.dossier,
            kind=EventKind.PLACEMENT,
            day=decided_on,
            summary=Summary(CRISIS_DECISION, child=placement.child.first_name, decision=chosen.value),
            actor=actor,
        )
    return after
