"""Writes about the network around the child: participants and their closeness, the JIM, Family Finding and
the kitchen table (practice model §2).

Each service checks the access policy first (Section.NETWORK), validates before it saves anything, and
writes the change to the audit log (field names only). Bad input raises ValidationError with a message for
the person who typed it; nothing is saved then.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import audit_append, audit_append_entries, audit_entry
from kring.cases.models import (
    Authority,
    AuthorityKind,
    CircleMember,
    Closeness,
    Dossier,
    EventKind,
    Participant,
    ParticipantRole,
    Person,
)
from kring.cases.services import authorise, dossier_event_add
from kring.dates import age_on

from .models import FamilyFindingEntry, FamilyFindingStatus, Jim, TableSeat

# Participants
NAME_REQUIRED = _("Fill in the first and last name.")
RELATION_REQUIRED = _("Say how this person is related to the family.")
UNKNOWN_ROLE = _("Choose a role.")
UNKNOWN_CLOSENESS = _("Choose inner circle or wider network.")
BORN_IN_THE_FUTURE = _("The date of birth lies in the future.")
ALREADY_PARTICIPANT = _("%(person)s is already in the network of this dossier.")
CHILD_IS_NOT_A_PARTICIPANT = _("%(person)s is a child in this dossier, not a member of the network.")
PARTICIPANT_ENDED = _("This person is no longer in the network of this dossier.")
NOT_IN_THIS_DOSSIER = _("This person is not in the network of this dossier.")

# JIM
NOT_A_CHILD_OF_THIS_DOSSIER = _("This young person is not a child in this dossier.")
JIM_IS_A_PARENT = _(
    "A parent cannot be the JIM: the young person chooses a trusted adult outside the parents."
)
PARENTAL_CONSENT_REQUIRED = _(
    "From 12 years old a JIM needs the consent of a parent or guardian with authority: record who gave it "
    "and when."
)
PARENTAL_CONSENT_REQUIRED_AGE_UNKNOWN = _(
    "The young person's date of birth is not recorded, so record the consent of a parent or guardian with "
    "authority: who gave it and when."
)
CONSENT_INCOMPLETE = _("Record both who gave the parental consent and when.")
NO_AUTHORITY = _(
    "%(person)s did not hold authority over %(child)s on that date, so cannot give this consent."
)
ALREADY_HAS_A_JIM = _("%(child)s already has a JIM (%(jim)s). End that first.")
JIM_ALREADY_ENDED = _("This JIM has already ended.")
END_BEFORE_START = _("The end date lies before the start date.")
JIM_FROM_AGE = 12

# Family Finding
FAMILY_NAME_REQUIRED = _("Fill in the name of the relative.")
UNKNOWN_STATUS = _("Choose a status.")

# Kitchen table
ONE_OCCUPANT = _("Choose one person: someone from the network or a professional.")
TASK_REQUIRED = _("Say what this person's task at the table is.")
ALREADY_SEATED = _("%(person)s already sits at the kitchen table.")
PROFESSIONAL_NOT_IN_CIRCLE = _("This professional is not in the circle of this dossier.")


# --- participants -------------------------------------------------------------------------------------------


def _person_for(*, first_name: str, last_name: str, date_of_birth: date | None) -> tuple[Person, bool]:
    """The existing person with exactly this name and date of birth, or a new (unsaved) one. Without a date
    of birth a name alone is too weak to say it is the same person, so a new record is made."""
    if date_of_birth is not None:
        existing = (
            Person.objects.filter(first_name=first_name, last_name=last_name, date_of_birth=date_of_birth)
            .order_by("pk")
            .first()
        )
        if existing is not None:
            return existing, False
    return Person(first_name=first_name, last_name=last_name, date_of_birth=date_of_birth), True


def participant_add(
    *,
    actor: User,
    dossier: Dossier,
    first_name: str,
    last_name: str,
    role: str,
    relation: str,
    date_of_birth: date | None = None,
    closeness: str = Closeness.WIDER,
    lives_with_child: bool = False,
    phone: str = "",
    started_on: date | None = None,
) -> Participant:
    """Add a parent, carer or member of the informal network. One person may take part in several dossiers:
    a person with the same first and last name and date of birth is reused, not duplicated."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.NETWORK)
    first_name, last_name, relation = first_name.strip(), last_name.strip(), relation.strip()
    if not first_name or not last_name:
        raise ValidationError({"first_name": NAME_REQUIRED})
    if not relation:
        raise ValidationError({"relation": RELATION_REQUIRED})
    if role not in ParticipantRole.values:
        raise ValidationError({"role": UNKNOWN_ROLE})
    if closeness not in Closeness.values:
        raise ValidationError({"closeness": UNKNOWN_CLOSENESS})
    started_on = started_on or timezone.localdate()
    if date_of_birth is not None and date_of_birth > timezone.localdate():
        raise ValidationError({"date_of_birth": BORN_IN_THE_FUTURE})
    person, is_new = _person_for(first_name=first_name, last_name=last_name, date_of_birth=date_of_birth)
    if not is_new:
        if dossier.children.filter(pk=person.pk).exists():
            raise ValidationError(CHILD_IS_NOT_A_PARTICIPANT % {"person": person})
        if Participant.objects.filter(dossier=dossier, person=person).exists():
            raise ValidationError(ALREADY_PARTICIPANT % {"person": person})
    with transaction.atomic():
        entries = []
        if is_new:
            person.full_clean()
            person.save()
            entries.append(
                audit_entry(
                    actor=audit_actor,
                    action=AuditAction.CREATE,
                    dossier=dossier,
                    obj=person,
                    fields=["first_name", "last_name", "date_of_birth"],
                )
            )
        participant = Participant(
            dossier=dossier,
            person=person,
            role=role,
            relation=relation,
            closeness=closeness,
            lives_with_child=lives_with_child,
            phone=phone.strip(),
            started_on=started_on,
        )
        participant.full_clean()
        participant.save()
        entries.append(
            audit_entry(
                actor=audit_actor,
                action=AuditAction.CREATE,
                dossier=dossier,
                obj=participant,
                fields=["person", "role", "relation", "closeness", "lives_with_child", "phone", "started_on"],
            )
        )
        audit_append_entries(entries)
    return participant


def participant_closeness_change(*, actor: User, participant: Participant, closeness: str) -> Participant:
    """Move a participant between the inner circle and the wider network."""
    audit_actor = authorise(actor, Action.EDIT, participant.dossier, Section.NETWORK)
    if closeness not in Closeness.values:
        raise ValidationError({"closeness": UNKNOWN_CLOSENESS})
    if participant.ended_on is not None:
        raise ValidationError(PARTICIPANT_ENDED)
    if participant.closeness == closeness:
        return participant
    with transaction.atomic():
        participant.closeness = closeness
        participant.save(update_fields=["closeness"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=participant.dossier,
            obj=participant,
            fields=["closeness"],
        )
    return participant


# --- JIM ----------------------------------------------------------------------------------------------------


def _holds_authority(holder: Person, child: Person, day: date) -> bool:
    return any(
        authority.holds_on(day)
        for authority in Authority.objects.filter(
            holder=holder, child=child, kind__in=[AuthorityKind.PARENTAL, AuthorityKind.GUARDIAN]
        )
    )


def jim_consent_required(young_person: Person, day: date) -> bool:
    """§2: a young person from 12 chooses a JIM with parental consent. When the age is unknown, the consent
    is asked for too: better one question too many than a JIM without the parents knowing."""
    if young_person.date_of_birth is None:
        return True
    return age_on(young_person.date_of_birth, day) >= JIM_FROM_AGE


def jim_choose(
    *,
    actor: User,
    dossier: Dossier,
    young_person: Person,
    jim: Participant,
    chosen_on: date,
    parental_consent_by: Person | None = None,
    parental_consent_on: date | None = None,
) -> Jim:
    """Record the trusted adult a young person chose. The JIM is not a parent; from 12 a parent or guardian
    with authority consents. A JIM who lives in the same house is allowed, but the page says so (§2: the
    JIM preferably does not live in the same house)."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.NETWORK)
    if not dossier.children.filter(pk=young_person.pk).exists():
        raise ValidationError({"young_person": NOT_A_CHILD_OF_THIS_DOSSIER})
    if jim.dossier_id != dossier.pk:
        raise ValidationError({"jim": NOT_IN_THIS_DOSSIER})
    if jim.ended_on is not None:
        raise ValidationError({"jim": PARTICIPANT_ENDED})
    if jim.role == ParticipantRole.PARENT:
        raise ValidationError({"jim": JIM_IS_A_PARENT})
    if (parental_consent_by is None) != (parental_consent_on is None):
        field = "parental_consent_on" if parental_consent_on is None else "parental_consent_by"
        raise ValidationError({field: CONSENT_INCOMPLETE})
    if parental_consent_by is None and jim_consent_required(young_person, chosen_on):
        message = (
            PARENTAL_CONSENT_REQUIRED_AGE_UNKNOWN
            if young_person.date_of_birth is None
            else PARENTAL_CONSENT_REQUIRED
        )
        raise ValidationError({"parental_consent_by": message})
    if (
        parental_consent_by is not None
        and parental_consent_on is not None  # given with the person (checked above)
        and not _holds_authority(parental_consent_by, young_person, parental_consent_on)
    ):
        raise ValidationError(
            {"parental_consent_by": NO_AUTHORITY % {"person": parental_consent_by, "child": young_person}}
        )
    current = (
        Jim.objects.filter(dossier=dossier, young_person=young_person, ended_on__isnull=True)
        .select_related("jim__person")
        .first()
    )
    if current is not None:
        raise ValidationError(ALREADY_HAS_A_JIM % {"child": young_person, "jim": current.jim.person})
    with transaction.atomic():
        record = Jim(
            dossier=dossier,
            young_person=young_person,
            jim=jim,
            chosen_on=chosen_on,
            parental_consent_by=parental_consent_by,
            parental_consent_on=parental_consent_on,
            lives_with_young_person=jim.lives_with_child,
        )
        record.full_clean()
        record.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=record,
            fields=[
                "young_person",
                "jim",
                "chosen_on",
                "parental_consent_by",
                "parental_consent_on",
                "lives_with_young_person",
            ],
        )
        dossier_event_add(
            dossier=dossier, kind=EventKind.JIM_CHOSEN, day=chosen_on, summary=str(jim.person), actor=actor
        )
    return record


def jim_end(*, actor: User, jim: Jim, ended_on: date) -> Jim:
    audit_actor = authorise(actor, Action.EDIT, jim.dossier, Section.NETWORK)
    if jim.ended_on is not None:
        raise ValidationError(JIM_ALREADY_ENDED)
    if ended_on < jim.chosen_on:
        raise ValidationError({"ended_on": END_BEFORE_START})
    with transaction.atomic():
        jim.ended_on = ended_on
        jim.save(update_fields=["ended_on"])
        audit_append(
            actor=audit_actor, action=AuditAction.UPDATE, dossier=jim.dossier, obj=jim, fields=["ended_on"]
        )
        dossier_event_add(
            dossier=jim.dossier,
            kind=EventKind.JIM_ENDED,
            day=ended_on,
            summary=str(jim.jim.person),
            actor=actor,
        )
    return jim


# --- Family Finding -----------------------------------------------------------------------------------------


def family_finding_add(
    *,
    actor: User,
    dossier: Dossier,
    name: str,
    relation: str,
    noted_on: date,
    status: str = FamilyFindingStatus.SEARCHED,
    outcome: str = "",
) -> FamilyFindingEntry:
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.NETWORK)
    name, relation = name.strip(), relation.strip()
    if not name:
        raise ValidationError({"name": FAMILY_NAME_REQUIRED})
    if not relation:
        raise ValidationError({"relation": RELATION_REQUIRED})
    if status not in FamilyFindingStatus.values:
        raise ValidationError({"status": UNKNOWN_STATUS})
    with transaction.atomic():
        entry = FamilyFindingEntry(
            dossier=dossier,
            name=name,
            relation=relation,
            status=status,
            noted_on=noted_on,
            outcome=outcome.strip(),
        )
        entry.full_clean()
        entry.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=entry,
            fields=["name", "relation", "status", "noted_on", "outcome"],
        )
    return entry


def family_finding_update(
    *,
    actor: User,
    entry: FamilyFindingEntry,
    status: str,
    noted_on: date,
    outcome: str,
    participant: Participant | None = None,
) -> FamilyFindingEntry:
    """Move an entry on (found, contacted, willing …); once the relative joins, link their participant."""
    audit_actor = authorise(actor, Action.EDIT, entry.dossier, Section.NETWORK)
    if status not in FamilyFindingStatus.values:
        raise ValidationError({"status": UNKNOWN_STATUS})
    if participant is not None and participant.dossier_id != entry.dossier_id:
        raise ValidationError({"participant": NOT_IN_THIS_DOSSIER})
    changes = {
        "status": status,
        "noted_on": noted_on,
        "outcome": outcome.strip(),
        "participant_id": participant.pk if participant else None,
    }
    changed = [name for name, value in changes.items() if getattr(entry, name) != value]
    if not changed:
        return entry
    with transaction.atomic():
        for name, value in changes.items():
            setattr(entry, name, value)
        entry.save(update_fields=changed)
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=entry.dossier,
            obj=entry,
            fields=[name.removesuffix("_id") for name in changed],
        )
    return entry


# --- kitchen table ------------------------------------------------------------------------------------------


def table_seat_add(
    *,
    actor: User,
    dossier: Dossier,
    task: str,
    participant: Participant | None = None,
    circle_member: CircleMember | None = None,
) -> TableSeat:
    """Give someone a seat at the kitchen table with the family, with their task there."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.NETWORK)
    if (participant is None) == (circle_member is None):
        raise ValidationError({"occupant": ONE_OCCUPANT})
    task = task.strip()
    if not task:
        raise ValidationError({"task": TASK_REQUIRED})
    if participant is not None:
        if participant.dossier_id != dossier.pk:
            raise ValidationError({"occupant": NOT_IN_THIS_DOSSIER})
        if participant.ended_on is not None:
            raise ValidationError({"occupant": PARTICIPANT_ENDED})
        seated = TableSeat.objects.filter(participant=participant).exists()
        who: Any = participant.person
    else:
        assert circle_member is not None  # one occupant or the other (checked above)
        in_circle = CircleMember.objects.current().filter(pk=circle_member.pk, dossier=dossier)
        if not in_circle.exists():
            raise ValidationError({"occupant": PROFESSIONAL_NOT_IN_CIRCLE})
        seated = TableSeat.objects.filter(circle_member=circle_member).exists()
        who = circle_member.user.get_full_name() or circle_member.user.get_username()
    if seated:
        raise ValidationError({"occupant": ALREADY_SEATED % {"person": who}})
    with transaction.atomic():
        seat = TableSeat(dossier=dossier, participant=participant, circle_member=circle_member, task=task)
        seat.full_clean()
        seat.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=seat,
            fields=["participant" if participant else "circle_member", "task"],
        )
    return seat


def table_seat_remove(*, actor: User, seat: TableSeat) -> None:
    audit_actor = authorise(actor, Action.EDIT, seat.dossier, Section.NETWORK)
    with transaction.atomic():
        reference = (seat._meta.label_lower, str(seat.pk))
        seat.delete()
        audit_append(
            actor=audit_actor,
            action=AuditAction.DELETE,
            dossier=seat.dossier,
            object_ref=reference,
            fields=["participant" if seat.participant_id else "circle_member", "task"],
        )
