"""Writes about the legal history of a dossier: measures, extensions, the lead, scaling, consent.

Each service checks the access policy (as cases.services does), validates before it saves anything, writes
the change to the audit log (field names only) and adds a line to the dossier's own history (DossierEvent).
Bad input raises ValidationError with a message for the person who typed it; nothing is saved then.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section
from kring.accounts.models import Organisation
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.dates import age_on

from ..event_summaries import MEASURE_ENDED, MEASURE_EXTENDED, MEASURE_STARTED, Summary
from ..models import (
    Authority,
    AuthorityKind,
    Consent,
    Contact,
    CooperationModel,
    Dossier,
    DossierEvent,
    EndReason,
    EventKind,
    FamilyTimelineEntry,
    Lead,
    Measure,
    MeasureExtension,
    Person,
    measure_jurisdiction,
)
from ..selectors import dossier_people
from .dossiers import authorise, dossier_event_add

END_BEFORE_START = _("The end date lies before the start date.")
NOT_A_CHILD_OF_THIS_DOSSIER = _("This child is not in this dossier.")
WRONG_JURISDICTION = _("This legal frame does not exist in the dossier's country.")
OVERLAPPING_MEASURE = _("This child already has this legal frame in that period (from %(start)s).")
ALREADY_ENDED = _("This measure has already ended.")
EXTENSION_NOT_LATER = _("The new planned end must lie after the current planned end (%(end)s).")
REASON_REQUIRED = _("Give the reason.")
END_REASON_REQUIRED = _("Choose why the measure ends.")
NO_AUTHORITY = _(
    "%(person)s cannot give this consent: only a parent or guardian with authority over a child in this "
    "dossier, or the young person from 12, can."
)
NO_AUTHORITY_ON_DAY = _(
    "%(person)s cannot give this consent: on %(day)s they did not hold authority over a child in this "
    "dossier (their recorded authority covers other dates)."
)
UNKNOWN_SECTIONS = _("Unknown dossier parts: %(sections)s.")
SHARED_SECTIONS_NEED_AN_ORGANISATION = _("Say with which organisation these dossier parts are shared.")
ALREADY_WITHDRAWN = _("This consent has already been withdrawn.")
WITHDRAWN_BEFORE_GIVEN = _("A consent cannot be withdrawn before it was given.")
CONTACT_IN_FUTURE = _("A contact cannot be registered for a date in the future.")
CONTACT_BEFORE_DOSSIER = _("The date lies before the dossier was opened (%(opened)s).")
NOT_IN_THIS_DOSSIER = _("%(name)s is not part of this family or its network.")
YOUNG_PERSON_CONSENTS_FROM = 12


def _require_child(dossier: Dossier, child: Person) -> None:
    if not dossier.children.filter(pk=child.pk).exists():
        raise ValidationError({"child": NOT_A_CHILD_OF_THIS_DOSSIER})


def measure_start(
    *,
    actor: User | None,
    dossier: Dossier,
    child: Person,
    kind: str,
    started_on: date,
    planned_end_on: date | None = None,
    decided_by: str = "",
) -> Measure:
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.MEASURES)
    _require_child(dossier, child)
    if measure_jurisdiction(kind) != dossier.jurisdiction:
        raise ValidationError({"kind": WRONG_JURISDICTION})
    if planned_end_on and planned_end_on < started_on:
        raise ValidationError({"planned_end_on": END_BEFORE_START})
    overlapping = (
        Measure.objects.filter(child=child, kind=kind)
        .exclude(ended_on__lt=started_on)
        .exclude(started_on__gt=planned_end_on or date.max)
        .first()
    )
    if overlapping is not None:
        raise ValidationError({"started_on": OVERLAPPING_MEASURE % {"start": overlapping.started_on}})
    with transaction.atomic():
        measure = Measure(
            dossier=dossier,
            child=child,
            kind=kind,
            started_on=started_on,
            planned_end_on=planned_end_on,
            decided_by=decided_by,
        )
        measure.full_clean()
        measure.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=measure,
            fields=["child", "kind", "started_on", "planned_end_on", "decided_by"],
        )
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.MEASURE_STARTED,
            day=started_on,
            summary=Summary(MEASURE_STARTED, kind=measure.kind),
            actor=actor,
        )
    return measure


def measure_extend(
    *, actor: User | None, measure: Measure, new_planned_end_on: date, reason: str, decided_on: date
) -> MeasureExtension:
    audit_actor = authorise(actor, Action.EDIT, measure.dossier, Section.MEASURES)
    if measure.ended_on is not None:
        raise ValidationError(ALREADY_ENDED)
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    current_end = measure.planned_end_on or measure.started_on
    if new_planned_end_on <= current_end:
        raise ValidationError({"new_planned_end_on": EXTENSION_NOT_LATER % {"end": current_end}})
    with transaction.atomic():
        extension = MeasureExtension.objects.create(
            measure=measure,
            decided_on=decided_on,
            previous_planned_end_on=current_end,
            new_planned_end_on=new_planned_end_on,
            reason=reason.strip(),
        )
        measure.planned_end_on = new_planned_end_on
        measure.save(update_fields=["planned_end_on"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=measure.dossier,
            obj=measure,
            fields=["planned_end_on", "extensions"],
        )
        dossier_event_add(
            dossier=measure.dossier,
            kind=EventKind.MEASURE_EXTENDED,
            day=decided_on,
            summary=Summary(MEASURE_EXTENDED, kind=measure.kind, until=new_planned_end_on.isoformat()),
            actor=actor,
        )
    return extension


def measure_end(*, actor: User | None, measure: Measure, ended_on: date, end_reason: str) -> Measure:
    audit_actor = authorise(actor, Action.EDIT, measure.dossier, Section.MEASURES)
    if measure.ended_on is not None:
        raise ValidationError(ALREADY_ENDED)
    if end_reason not in EndReason.values:
        raise ValidationError({"end_reason": END_REASON_REQUIRED})
    if ended_on < measure.started_on:
        raise ValidationError({"ended_on": END_BEFORE_START})
    with transaction.atomic():
        measure.ended_on = ended_on
        measure.end_reason = end_reason
        measure.save(update_fields=["ended_on", "end_reason"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=measure.dossier,
            obj=measure,
            fields=["ended_on", "end_reason"],
        )
        dossier_event_add(
            dossier=measure.dossier,
            kind=EventKind.MEASURE_ENDED,
            day=ended_on,
            summary=Summary(MEASURE_ENDED, kind=measure.kind, reason=end_reason),
            actor=actor,
        )
    return measure


def lead_set(
    *,
    actor: User | None,
    dossier: Dossier,
    organisation: Organisation,
    cooperation_model: str,
    since: date,
    note: str = "",
) -> Lead:
    """Record who holds the lead (regie) from `since`: a transfer of the lead is a new row."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.CIRCLE)
    if cooperation_model not in CooperationModel.values:
        raise ValidationError({"cooperation_model": REASON_REQUIRED})
    with transaction.atomic():
        lead = Lead.objects.create(
            dossier=dossier,
            organisation=organisation,
            cooperation_model=cooperation_model,
            since=since,
            note=note,
        )
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=lead,
            fields=["organisation", "cooperation_model", "since", "note"],
        )
        dossier_event_add(
            dossier=dossier, kind=EventKind.LEAD_CHANGED, day=since, summary=organisation.name, actor=actor
        )
    return lead


def dossier_scale(
    *, actor: User | None, dossier: Dossier, up: bool, occurred_on: date, note: str
) -> DossierEvent:
    """Record a scale-up or scale-down (op- en afschalen) in the dossier's history."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.TIMELINE)
    if not note.strip():
        raise ValidationError({"note": REASON_REQUIRED})
    with transaction.atomic():
        kind = EventKind.SCALED_UP if up else EventKind.SCALED_DOWN
        event = dossier_event_add(dossier=dossier, kind=kind, day=occurred_on, summary=note, actor=actor)
        audit_append(
            actor=audit_actor, action=AuditAction.CREATE, dossier=dossier, obj=event, fields=["kind"]
        )
    return event


def authority_record(
    *, actor: User | None, dossier: Dossier, child: Person, holder: Person, kind: str, started_on: date
) -> Authority:
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.NETWORK)
    _require_child(dossier, child)
    with transaction.atomic():
        authority = Authority(child=child, holder=holder, kind=kind, started_on=started_on)
        authority.full_clean()
        authority.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=authority,
            fields=["child", "holder", "kind", "started_on"],
        )
    return authority


def may_consent(dossier: Dossier, person: Person, day: date) -> bool:
    """A parent or guardian with authority over a child of the dossier, or a child of the dossier from 12."""
    children = list(dossier.children.all())
    if any(child.pk == person.pk for child in children):
        return (
            person.date_of_birth is not None
            and age_on(person.date_of_birth, day) >= YOUNG_PERSON_CONSENTS_FROM
        )
    return any(
        authority.holds_on(day)
        for authority in Authority.objects.filter(
            holder=person, child__in=children, kind__in=[AuthorityKind.PARENTAL, AuthorityKind.GUARDIAN]
        )
    )


def consent_give(
    *,
    actor: User | None,
    dossier: Dossier,
    given_by: Person,
    given_on: date,
    scope: str,
    step: int | None = None,
    shared_with: Organisation | None = None,
    sections: list[str] | None = None,
) -> Consent:
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.CONSENTS)
    sections = sorted(set(sections or []))
    unknown = [name for name in sections if name not in Section._value2member_map_]
    if unknown:
        raise ValidationError({"sections": UNKNOWN_SECTIONS % {"sections": ", ".join(unknown)}})
    if sections and shared_with is None:
        raise ValidationError({"shared_with": SHARED_SECTIONS_NEED_AN_ORGANISATION})
    if not may_consent(dossier, given_by, given_on):
        held_at_other_times = Authority.objects.filter(holder=given_by, child__in=dossier.children.all())
        message = (
            NO_AUTHORITY_ON_DAY % {"person": given_by, "day": given_on.strftime("%d-%m-%Y")}
            if held_at_other_times.exists()
            else NO_AUTHORITY % {"person": given_by}
        )
        raise ValidationError({"given_by": message})
    with transaction.atomic():
        consent = Consent(
            dossier=dossier,
            step=step,
            scope=scope.strip(),
            given_by=given_by,
            given_on=given_on,
            shared_with=shared_with,
            sections=sections,
        )
        consent.full_clean()
        consent.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=consent,
            fields=["step", "scope", "given_by", "given_on", "shared_with", "sections"],
        )
        dossier_event_add(
            dossier=dossier, kind=EventKind.CONSENT_GIVEN, day=given_on, summary=str(consent), actor=actor
        )
    return consent


def consent_withdraw(*, actor: User | None, consent: Consent, withdrawn_on: date, note: str = "") -> Consent:
    """Withdraw a consent; the sections it shared close at once (the policy reads standing consents)."""
    audit_actor = authorise(actor, Action.EDIT, consent.dossier, Section.CONSENTS)
    if consent.withdrawn_on is not None:
        raise ValidationError(ALREADY_WITHDRAWN)
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": WITHDRAWN_BEFORE_GIVEN})
    with transaction.atomic():
        consent.withdrawn_on = withdrawn_on
        consent.withdrawal_note = note.strip()
        consent.save(update_fields=["withdrawn_on", "withdrawal_note"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=consent.dossier,
            obj=consent,
            fields=["withdrawn_on", "withdrawal_note"],
        )
        dossier_event_add(
            dossier=consent.dossier,
            kind=EventKind.CONSENT_WITHDRAWN,
            day=withdrawn_on,
            summary=str(consent),
            actor=actor,
        )
    return consent


def family_timeline_entry_add(
    *,
    actor: User | None,
    dossier: Dossier,
    line: str,
    text: str,
    year: int | None = None,
    on: date | None = None,
) -> FamilyTimelineEntry:
    """Add a moment to the family's own timelines (good things, worries, important people, help, the legal
    line)."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.TIMELINE)
    entry = FamilyTimelineEntry(
        dossier=dossier,
        line=line,
        year=year,  # type: ignore[misc]  # None is filled in from the date by full_clean()
        date=on,
        text=text.strip(),
        recorded_by=actor or None,
    )
    entry.full_clean()
    with transaction.atomic():
        entry.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=entry,
            fields=["line", "year", "date", "text"],
        )
    return entry


def contact_register(
    *,
    actor: User | None,
    dossier: Dossier,
    occurred_on: date,
    minutes: int,
    kind: str,
    people: Iterable[Person] = (),
    worker: Any = None,
    note: str = "",
) -> Contact:
    """Register a contact with the client system. `worker` is the professional who had it (the actor by
    default); `people` must belong to the dossier (a child or a participant of its network)."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.CONTACTS)
    people = list(people)
    contact = Contact(
        dossier=dossier,
        occurred_on=occurred_on,
        minutes=minutes,
        kind=kind,
        worker=worker or actor,
        note=note.strip(),
        recorded_by=actor or None,
    )
    contact.full_clean(exclude=["worker"] if contact.worker_id is None else None)
    errors: dict[str, list] = {}
    if occurred_on > timezone.localdate():
        errors.setdefault("occurred_on", []).append(CONTACT_IN_FUTURE)
    elif occurred_on < dossier.opened_on:
        errors.setdefault("occurred_on", []).append(
            ValidationError(CONTACT_BEFORE_DOSSIER, params={"opened": dossier.opened_on})
        )
    allowed = set(dossier_people(dossier=dossier).values_list("pk", flat=True))
    for person in people:
        if person.pk not in allowed:
            errors.setdefault("people", []).append(
                ValidationError(NOT_IN_THIS_DOSSIER, params={"name": str(person)})
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        contact.save()
        contact.people.set(people)
        Dossier.objects.filter(pk=dossier.pk).refresh_activity()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=contact,
            fields=["occurred_on", "minutes", "kind", "people", "worker", "note"],
        )
    return contact
