"""Opening a dossier (intake) and its make-up over its life: children, authority (gezag), summary and the
owning team.

Like the other cases.services modules: every write is authorised by the access policy, validated before
anything is saved (bad input raises ValidationError with a message for the person who typed it, and nothing
is saved), written to the audit log (field names only) and to the dossier's own history (DossierEvent).
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import (
    Action,
    Section,
    dossiers_to_reuse_people_from,
    may_transfer_dossier,
    membership_to_open_dossier,
    view_grounds,
)
from kring.accounts.models import Membership, Organisation, Team
from kring.accounts.types import MaybeUser, User
from kring.audit.models import AuditAction, AuditOutcome
from kring.audit.services import Actor, audit_append, audit_append_entries, audit_entry

from ..event_summaries import AUTHORITY, OPENED, SUMMARY_EDITED, Summary
from ..models import (
    Authority,
    AuthorityKind,
    AuthoritySource,
    CaseOrigin,
    Dossier,
    EventKind,
    Gender,
    Measure,
    MeasureKind,
    OriginKind,
    Participant,
    ParticipantRole,
    Person,
    measure_jurisdiction,
)
from . import history
from .dossiers import (
    NOT_IN_TEAM,
    SYSTEM,
    authorise,
    circle_member_add,
    dossier_add_child,
    dossier_create,
    dossier_event_add,
)

NO_CHILD = _("A dossier needs at least one child.")
TITLE_REQUIRED = _("Give the dossier a title, for example the family name.")
CASE_ROLE_REQUIRED = _("Say what your role in this dossier is, for example family guardian.")
NAME_REQUIRED = _("Fill in the first and last name of every child, parent and carer.")
BORN_IN_THE_FUTURE = _("The date of birth of %(name)s lies in the future.")
UNKNOWN_GENDER = _("Choose a gender for %(name)s.")
UNKNOWN_ROLE = _("Choose parent or carer for %(name)s.")
RELATION_REQUIRED = _("Say how %(name)s is related to the children, for example mother.")
UNKNOWN_PERSON = _("This person is not known in the dossiers you work on.")
SAME_PERSON_TWICE = _("%(name)s is entered twice.")
ORIGIN_REQUIRED = _("Say how the case came in.")
ORIGIN_IN_FUTURE = _("The date the case came in lies in the future.")
AUTHORITY_UNKNOWN_CHILD = _("Authority: child %(number)s is not filled in.")
AUTHORITY_UNKNOWN_HOLDER = _("Authority: parent or carer %(number)s is not filled in.")
AUTHORITY_NO_SOURCE = _("Authority over %(child)s: choose where it comes from.")
AUTHORITY_NEEDS_PERSON = _("Authority over %(child)s: choose the parent, carer or guardian who holds it.")
AUTHORITY_NEEDS_INSTITUTION = _("Authority over %(child)s: choose the institution that is guardian.")
AUTHORITY_REVERSED = _("Authority over %(child)s: the end date lies before the start date.")
AUTHORITY_OVERLAPS = _("%(holder)s already holds authority over %(child)s in that period (from %(start)s).")
AUTHORITY_HOLDER_IS_CHILD = _("A child cannot hold authority over themselves.")
AUTHORITY_HOLDER_NOT_IN_DOSSIER = _("%(holder)s is not a parent or carer in this dossier.")
AUTHORITY_ALREADY_ENDED = _("This authority has already ended.")
MEASURE_UNKNOWN_CHILD = _("The legal frame: child %(number)s is not filled in.")
ALREADY_A_CHILD = _("%(name)s is already a child in this dossier.")
CHILD_IS_IN_NETWORK = _("%(name)s is in the network of this dossier; a person cannot be both.")
NOT_A_CHILD_HERE = _("This child is not in this dossier.")
SAME_DOSSIER = _("Choose another dossier to move the child to.")
LAST_CHILD = _("%(name)s is the only child in this dossier; a dossier keeps at least one child.")
MOVE_JURISDICTION = _(
    "%(measure)s of %(name)s does not exist in the other dossier's country; end it before moving the child."
)
REASON_REQUIRED = _("Give the reason.")
CHANGED_MEANWHILE = _(
    "Someone else changed this dossier while you were editing. Your changes were not saved; look at the "
    "current text and try again."
)
SAME_TEAM = _("The dossier already belongs to this team.")
TEAM_OF_ANOTHER_ORGANISATION = _("A dossier can only move to another team of the same organisation.")
REFERENCE_ATTEMPTS = 8
CANDIDATE_LIMIT = 20
GUARDIANSHIP = frozenset({AuthoritySource.GUARDIANSHIP_INSTITUTION, AuthoritySource.GUARDIANSHIP_PERSON})


# --- input shapes (the form and the API both fill these) --------------------------------------------------


@dataclass
class PersonIn:
    first_name: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    gender: str = Gender.UNKNOWN
    school: str = ""
    living_situation: str = ""
    language: str = ""
    lvb: bool = False
    existing: Person | None = None  # a person offered for reuse (person_for_reuse), instead of a new one

    @property
    def name(self) -> str:
        if self.existing is not None:
            return str(self.existing)
        return f"{self.first_name.strip()} {self.last_name.strip()}".strip()


@dataclass
class CarerIn:
    person: PersonIn
    role: str = ParticipantRole.PARENT
    relation: str = ""
    phone: str = ""
    lives_with_child: bool = False


@dataclass
class AuthorityIn:
    child: int  # position in the intake's children
    source: str
    started_on: date
    holder: int | None = None  # position in the intake's parents and carers
    holder_organisation: Organisation | None = None
    ended_on: date | None = None


@dataclass
class MeasureIn:
    kind: str
    started_on: date
    child: int | None = None  # position in the intake's children; None: every child
    planned_end_on: date | None = None
    decided_by: str = ""


@dataclass
class Intake:
    team: Team
    title: str
    origin_kind: str
    origin_on: date
    case_role: str
    children: list[PersonIn]
    carers: list[CarerIn] = field(default_factory=list)
    authorities: list[AuthorityIn] = field(default_factory=list)
    measure: MeasureIn | None = None
    summary: str = ""
    origin_note: str = ""
    assignment: str = ""


# --- people offered for reuse -------------------------------------------------------------------------------


def _reusable_people(user: MaybeUser) -> QuerySet[Person]:
    dossiers = dossiers_to_reuse_people_from(user)
    return Person.objects.filter(
        Q(pk__in=Dossier.children.through.objects.filter(dossier__in=dossiers).values("person_id"))
        | Q(pk__in=Participant.objects.filter(dossier__in=dossiers).values("person_id"))
    )


def person_for_reuse(*, user: MaybeUser, person_id: Any) -> Person | None:
    """The person `person_id` if `user` may offer them for reuse (a child or network member of a dossier they
    see in full and may write), else None — for a person that does not exist and one outside their dossiers
    alike."""
    try:
        pk = int(person_id)
    except (TypeError, ValueError):
        return None
    return _reusable_people(user).filter(pk=pk).first()


def person_candidates(*, user: MaybeUser, query: str, date_of_birth: date | None = None) -> list[Person]:
    """People already in the user's dossiers who match a name (every word in the first or last name) and,
    when given, a date of birth: offered for reuse, so that a grandmother in two families stays one person.
    Only the user's own dossiers are searched; finding someone there is a read of those dossiers, audited."""
    words = query.split()[:4]
    if not words and date_of_birth is None:
        return []
    people = _reusable_people(user)
    for word in words:
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if date_of_birth is not None:
        people = people.filter(date_of_birth=date_of_birth)
    found = list(people.order_by("last_name", "first_name", "pk")[:CANDIDATE_LIMIT])
    _audit_people_search(user, found)
    return found


def _audit_people_search(user: MaybeUser, people: list[Person]) -> None:
    if not people:
        return
    ids = [person.pk for person in people]
    reusable = dossiers_to_reuse_people_from(user)
    dossiers = list(
        Dossier.objects.filter(pk__in=reusable.values("pk"))
        .filter(Q(children__in=ids) | Q(participants__person__in=ids))
        .select_related("owning_team__organisation")
        .distinct()
    )
    grounds = view_grounds(user, dossiers)
    audit_append_entries(
        [
            audit_entry(
                actor=Actor.for_user(user, grounds[dossier.pk].membership),
                action=AuditAction.READ,
                dossier=dossier,
                obj=dossier,
                fields=["people_search"],
            )
            for dossier in dossiers
            if dossier.pk in grounds
        ]
    )


# --- validation ---------------------------------------------------------------------------------------------


def _person_errors(person: PersonIn, today: date) -> list[Any]:
    if person.existing is not None:
        return []
    errors: list[Any] = []
    if not person.first_name.strip() or not person.last_name.strip():
        errors.append(NAME_REQUIRED)
    if person.date_of_birth is not None and person.date_of_birth > today:
        errors.append(BORN_IN_THE_FUTURE % {"name": person.name})
    if person.gender not in Gender.values:
        errors.append(UNKNOWN_GENDER % {"name": person.name})
    return errors


def _authority_source_errors(
    child: Any,
    source: str,
    holder: Any,
    organisation: Any,
    started_on: date,
    ended_on: date | None,
) -> list[Any]:
    errors: list[Any] = []
    if source not in AuthoritySource.values:
        errors.append(AUTHORITY_NO_SOURCE % {"child": child})
    elif source == AuthoritySource.GUARDIANSHIP_INSTITUTION and organisation is None:
        errors.append(AUTHORITY_NEEDS_INSTITUTION % {"child": child})
    elif source != AuthoritySource.GUARDIANSHIP_INSTITUTION and holder is None:
        errors.append(AUTHORITY_NEEDS_PERSON % {"child": child})
    if ended_on is not None and ended_on < started_on:
        errors.append(AUTHORITY_REVERSED % {"child": child})
    return errors


def intake_errors(intake: Intake) -> list[Any]:
    """Everything wrong with an intake, in the order of the form; empty when it may be saved."""
    today = timezone.localdate()
    errors: list[Any] = []
    if not intake.title.strip():
        errors.append(TITLE_REQUIRED)
    if not intake.case_role.strip():
        errors.append(CASE_ROLE_REQUIRED)
    if intake.origin_kind not in OriginKind.values:
        errors.append(ORIGIN_REQUIRED)
    elif intake.origin_on > today:
        errors.append(ORIGIN_IN_FUTURE)
    if not intake.children:
        errors.append(NO_CHILD)
    seen: set[int] = set()
    for person in [*intake.children, *(carer.person for carer in intake.carers)]:
        for error in _person_errors(person, today):
            if error not in errors:
                errors.append(error)
        if person.existing is not None:
            if person.existing.pk in seen:
                errors.append(SAME_PERSON_TWICE % {"name": person.name})
            seen.add(person.existing.pk)
    for carer in intake.carers:
        if carer.role not in (ParticipantRole.PARENT, ParticipantRole.CARER):
            errors.append(UNKNOWN_ROLE % {"name": carer.person.name})
        if not carer.relation.strip():
            errors.append(RELATION_REQUIRED % {"name": carer.person.name})
    for authority in intake.authorities:
        if not 0 <= authority.child < len(intake.children):
            errors.append(AUTHORITY_UNKNOWN_CHILD % {"number": authority.child + 1})
            continue
        holder = None
        if authority.holder is not None:
            if not 0 <= authority.holder < len(intake.carers):
                errors.append(AUTHORITY_UNKNOWN_HOLDER % {"number": authority.holder + 1})
                continue
            holder = intake.carers[authority.holder].person.name
        errors.extend(
            _authority_source_errors(
                intake.children[authority.child].name,
                authority.source,
                holder,
                authority.holder_organisation,
                authority.started_on,
                authority.ended_on,
            )
        )
    measure = intake.measure
    if measure is not None:
        if measure.child is not None and not 0 <= measure.child < len(intake.children):
            errors.append(MEASURE_UNKNOWN_CHILD % {"number": measure.child + 1})
        if (
            measure.kind not in MeasureKind.values
            or measure_jurisdiction(measure.kind) != intake.team.organisation.country
        ):
            errors.append(history.WRONG_JURISDICTION)
        if measure.planned_end_on and measure.planned_end_on < measure.started_on:
            errors.append(history.END_BEFORE_START)
    return errors


# --- intake -------------------------------------------------------------------------------------------------


def next_reference(country: str, year: int) -> str:
    """The next free reference KR-<country>-<year>-NNNN (four digits, more when a year needs them)."""
    prefix = f"KR-{country}-{year}-"
    references = (
        Dossier.objects.filter(reference__startswith=prefix)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
    )
    last = next((ref for ref in references[:50] if ref.removeprefix(prefix).isdigit()), None)
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _create_with_reference(
    *, actor: User | None, team: Team, title: str, summary: str, opened_on: date
) -> Dossier:
    """Create the dossier under the next free reference. Two intakes at once may pick the same number: the
    unique constraint refuses the second, which then takes the next one."""
    for _attempt in range(REFERENCE_ATTEMPTS):
        reference = next_reference(team.organisation.country, opened_on.year)
        try:
            with transaction.atomic():
                return dossier_create(
                    actor=actor,
                    reference=reference,
                    title=title,
                    jurisdiction=team.organisation.country,
                    owning_team=team,
                    opened_on=opened_on,
                    summary=summary,
                )
        except IntegrityError:
            continue
        except ValidationError as error:
            if "reference" not in getattr(error, "error_dict", {}):
                raise
    raise IntegrityError(f"No free dossier reference after {REFERENCE_ATTEMPTS} attempts")


def opener_seat(
    *, membership: Membership, dossier: Dossier, case_role: str, assignment: str, day: date
) -> None:
    """Seat the professional who opened `dossier` in its circle. They were allowed to open it for this team
    (membership_to_open_dossier); the seat comes with opening, so the system seats them (audited as such)."""
    circle_member_add(
        actor=None,
        dossier=dossier,
        membership=membership,
        case_role=case_role.strip() or membership.get_role_display(),
        assignment=assignment.strip(),
        started_on=day,
    )


def _save_person(audit_actor: Actor, dossier: Dossier, person: PersonIn) -> Person:
    if person.existing is not None:
        return person.existing
    record = Person(
        first_name=person.first_name.strip(),
        last_name=person.last_name.strip(),
        date_of_birth=person.date_of_birth,
        gender=person.gender,
        school=person.school.strip(),
        living_situation=person.living_situation.strip(),
        language=person.language.strip(),
        lvb=person.lvb,
    )
    record.full_clean()
    record.save()
    audit_append(
        actor=audit_actor,
        action=AuditAction.CREATE,
        dossier=dossier,
        obj=record,
        fields=[
            "first_name",
            "last_name",
            "date_of_birth",
            "gender",
            "school",
            "living_situation",
            "language",
            "lvb",
        ],
    )
    return record


def dossier_intake(
    *, actor: User | None, intake: Intake, reference: str | None = None, opened_on: date | None = None
) -> Dossier:
    """Open a dossier for `intake.team`: the reference follows the team's country and the year, the opener
    takes a seat in the circle with their assignment, and the children, parents and carers, the authority
    per child, how the case came in and the first legal frame are recorded — all of it, or nothing.

    Only the system (`actor=None`) may keep a dossier's own `reference` and opening day (`opened_on`): a
    dossier brought over as it was (an import, the demo's stories); a person always gets the next reference,
    opened today."""
    if actor is not None and (reference is not None or opened_on is not None):
        raise ValueError("Only the system opens a dossier under its own reference or on another day.")
    team = intake.team
    membership = membership_to_open_dossier(actor, team) if actor is not None else None
    if actor is not None and membership is None:
        raise PermissionDenied(NOT_IN_TEAM)
    errors = intake_errors(intake)
    if errors:
        raise ValidationError(errors)
    today = opened_on or timezone.localdate()
    audit_actor = SYSTEM if actor is None else Actor.for_user(actor, membership)
    with transaction.atomic():
        if reference is not None:
            dossier = dossier_create(
                actor=None,
                reference=reference,
                title=intake.title.strip(),
                jurisdiction=team.organisation.country,
                owning_team=team,
                opened_on=today,
                summary=intake.summary.strip(),
            )
        else:
            dossier = _create_with_reference(
                actor=actor,
                team=team,
                title=intake.title.strip(),
                summary=intake.summary.strip(),
                opened_on=today,
            )
        if membership is not None:
            opener_seat(
                membership=membership,
                dossier=dossier,
                case_role=intake.case_role,
                assignment=intake.assignment,
                day=today,
            )
        origin = CaseOrigin(
            dossier=dossier,
            kind=intake.origin_kind,
            came_in_on=intake.origin_on,
            note=intake.origin_note.strip(),
        )
        origin.full_clean()
        origin.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=origin,
            fields=["kind", "came_in_on", "note"],
        )
        children = [_save_person(audit_actor, dossier, child) for child in intake.children]
        dossier.children.add(*children)
        audit_append(
            actor=audit_actor, action=AuditAction.UPDATE, dossier=dossier, obj=dossier, fields=["children"]
        )
        carers = []
        for carer in intake.carers:
            person = _save_person(audit_actor, dossier, carer.person)
            if person in children:
                raise ValidationError(CHILD_IS_IN_NETWORK % {"name": person})
            participant = Participant(
                dossier=dossier,
                person=person,
                role=carer.role,
                relation=carer.relation.strip(),
                lives_with_child=carer.lives_with_child,
                phone=carer.phone.strip(),
                started_on=today,
            )
            participant.full_clean()
            participant.save()
            audit_append(
                actor=audit_actor,
                action=AuditAction.CREATE,
                dossier=dossier,
                obj=participant,
                fields=["person", "role", "relation", "lives_with_child", "phone", "started_on"],
            )
            carers.append(person)
        for authority in intake.authorities:
            authority_add(
                actor=actor,
                dossier=dossier,
                child=children[authority.child],
                source=authority.source,
                started_on=authority.started_on,
                ended_on=authority.ended_on,
                holder=carers[authority.holder] if authority.holder is not None else None,
                holder_organisation=authority.holder_organisation,
            )
        if intake.measure is not None:
            measure = intake.measure
            targets = children if measure.child is None else [children[measure.child]]
            for child in targets:
                history.measure_start(
                    actor=actor,
                    dossier=dossier,
                    child=child,
                    kind=measure.kind,
                    started_on=measure.started_on,
                    planned_end_on=measure.planned_end_on,
                    decided_by=measure.decided_by.strip(),
                )
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.OPENED,
            day=today,
            summary=Summary(OPENED, origin=origin.kind, on=intake.origin_on.isoformat()),
            actor=actor,
        )
    return dossier


# --- children over the dossier's life -----------------------------------------------------------------------


def child_add(*, actor: User | None, dossier: Dossier, person: PersonIn, day: date) -> Person:
    """Add a child to an open dossier: a new person, or one already in the user's dossiers."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.CHILDREN)
    errors = _person_errors(person, timezone.localdate())
    if errors:
        raise ValidationError(errors)
    if person.existing is not None:
        if dossier.children.filter(pk=person.existing.pk).exists():
            raise ValidationError(ALREADY_A_CHILD % {"name": person.name})
        if Participant.objects.filter(dossier=dossier, person=person.existing).exists():
            raise ValidationError(CHILD_IS_IN_NETWORK % {"name": person.name})
    with transaction.atomic():
        child = _save_person(audit_actor, dossier, person)
        dossier_add_child(actor=actor, dossier=dossier, person=child)
        dossier_event_add(
            dossier=dossier, kind=EventKind.CHILD_ADDED, day=day, summary=str(child), actor=actor
        )
    return child


def child_move(
    *, actor: User | None, child: Person, source: Dossier, target: Dossier, day: date, reason: str
) -> None:
    """Move a child to another dossier (siblings separated). Both dossiers must be writable for the user; the
    child's running measures go along, ended ones stay in the history of the dossier they ran in."""
    source_actor = authorise(actor, Action.EDIT, source, Section.CHILDREN)
    target_actor = authorise(actor, Action.EDIT, target, Section.CHILDREN)
    if source.pk == target.pk:
        raise ValidationError({"target": SAME_DOSSIER})
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    with transaction.atomic():
        # Two moves at once must not both pass the checks below (and leave a dossier without children, or one
        # child in two dossiers): lock both dossiers (in key order, so that opposite moves cannot deadlock)
        # and the child, then check what is committed now.
        list(Dossier.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk"))
        list(Person.objects.select_for_update().filter(pk=child.pk))
        children = list(source.children.all())
        if child not in children:
            raise ValidationError({"child": NOT_A_CHILD_HERE})
        if len(children) == 1:
            raise ValidationError({"child": LAST_CHILD % {"name": child}})
        if target.children.filter(pk=child.pk).exists():
            raise ValidationError({"child": ALREADY_A_CHILD % {"name": child}})
        if Participant.objects.filter(dossier=target, person=child).exists():
            raise ValidationError({"child": CHILD_IS_IN_NETWORK % {"name": child}})
        running = list(Measure.objects.filter(dossier=source, child=child, ended_on__isnull=True))
        for measure in running:
            if measure_jurisdiction(measure.kind) != target.jurisdiction:
                raise ValidationError(
                    {"target": MOVE_JURISDICTION % {"measure": measure.get_kind_display(), "name": child}}
                )
        source.children.remove(child)
        target.children.add(child)
        for measure in running:
            measure.dossier = target
            measure.save(update_fields=["dossier"])
        entries = [
            audit_entry(
                actor=source_actor, action=AuditAction.UPDATE, dossier=source, obj=source, fields=["children"]
            ),
            audit_entry(
                actor=target_actor, action=AuditAction.UPDATE, dossier=target, obj=target, fields=["children"]
            ),
            *(
                audit_entry(
                    actor=target_actor,
                    action=AuditAction.UPDATE,
                    dossier=target,
                    obj=measure,
                    fields=["dossier"],
                )
                for measure in running
            ),
        ]
        audit_append_entries(entries)
        reason = reason.strip()
        dossier_event_add(
            dossier=source,
            kind=EventKind.CHILD_MOVED_OUT,
            day=day,
            summary=f"{child} → {target.reference}: {reason}",
            actor=actor,
        )
        dossier_event_add(
            dossier=target,
            kind=EventKind.CHILD_MOVED_IN,
            day=day,
            summary=f"{child} ← {source.reference}: {reason}",
            actor=actor,
        )


# --- authority ----------------------------------------------------------------------------------------------


def _authority_kind(source: str) -> str:
    return AuthorityKind.GUARDIAN if source in GUARDIANSHIP else AuthorityKind.PARENTAL


def _overlapping(
    child: Person,
    holder: Person | None,
    organisation: Organisation | None,
    started_on: date,
    ended_on: date | None,
    exclude: int | None = None,
) -> Authority | None:
    same_holder = Q(holder=holder) if holder is not None else Q(holder_organisation=organisation)
    others = Authority.objects.filter(same_holder, child=child)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    return others.exclude(ended_on__lt=started_on).exclude(started_on__gt=ended_on or date.max).first()


def _refuse_overlap(
    child: Person,
    holder: Person | None,
    organisation: Organisation | None,
    started_on: date,
    ended_on: date | None,
    exclude: int | None = None,
) -> None:
    """Refuse a period that overlaps another of the same holder over the same child. Call inside the write's
    transaction: the child's row is locked first, so two requests at once cannot both find no overlap."""
    list(Person.objects.select_for_update().filter(pk=child.pk))
    overlap = _overlapping(child, holder, organisation, started_on, ended_on, exclude=exclude)
    if overlap is not None:
        named = {"holder": holder or organisation, "child": child, "start": overlap.started_on}
        raise ValidationError(AUTHORITY_OVERLAPS % named)


def authority_add(
    *,
    actor: User | None,
    dossier: Dossier,
    child: Person,
    source: str,
    started_on: date,
    ended_on: date | None = None,
    holder: Person | None = None,
    holder_organisation: Organisation | None = None,
) -> Authority:
    """Record who holds authority over a child of the dossier, on what ground, from when (and until when). A
    person who holds it is a parent or carer in this dossier; guardianship by an institution names the
    institution."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.NETWORK)
    if not dossier.children.filter(pk=child.pk).exists():
        raise ValidationError({"child": NOT_A_CHILD_HERE})
    if source == AuthoritySource.GUARDIANSHIP_INSTITUTION:
        holder = None
    else:
        holder_organisation = None
    errors = _authority_source_errors(child, source, holder, holder_organisation, started_on, ended_on)
    if not errors and holder is not None:
        if holder.pk == child.pk:
            errors.append(AUTHORITY_HOLDER_IS_CHILD)
        elif not Participant.objects.filter(dossier=dossier, person=holder).exists():
            errors.append(AUTHORITY_HOLDER_NOT_IN_DOSSIER % {"holder": holder})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _refuse_overlap(child, holder, holder_organisation, started_on, ended_on)
        authority = Authority(
            child=child,
            holder=holder,
            holder_organisation=holder_organisation,
            kind=_authority_kind(source),
            source=source,
            started_on=started_on,
            ended_on=ended_on,
        )
        authority.full_clean()
        authority.save()
        audit_append(
            actor=audit_actor,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=authority,
            fields=["child", "holder", "holder_organisation", "kind", "source", "started_on", "ended_on"],
        )
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.AUTHORITY_RECORDED,
            day=started_on,
            summary=Summary(
                AUTHORITY,
                holder=str(holder or holder_organisation),
                child=str(child),
                source=authority.source,
            ),
            actor=actor,
        )
    return authority


def authorities_of_dossier(dossier: Dossier) -> QuerySet[Authority]:
    """The authority over the dossier's children, with holders, oldest first (one query)."""
    return (
        Authority.objects.filter(child__in=dossier.children.all())
        .select_related("child", "holder", "holder_organisation")
        .order_by("child__date_of_birth", "child_id", "started_on", "pk")
    )


def authority_change(
    *,
    actor: User | None,
    dossier: Dossier,
    authority: Authority,
    source: str,
    started_on: date,
    ended_on: date | None,
) -> Authority:
    """Correct the ground or the period of a recorded authority."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.NETWORK)
    if not dossier.children.filter(pk=authority.child_id).exists():
        raise PermissionDenied
    organisation_held = authority.holder_id is None
    if (source == AuthoritySource.GUARDIANSHIP_INSTITUTION) != organisation_held:
        message = AUTHORITY_NEEDS_INSTITUTION if not organisation_held else AUTHORITY_NEEDS_PERSON
        raise ValidationError({"source": message % {"child": authority.child}})
    errors = _authority_source_errors(
        authority.child, source, authority.holder, authority.holder_organisation, started_on, ended_on
    )
    if errors:
        raise ValidationError(errors)
    changes = {
        "source": source,
        "kind": _authority_kind(source),
        "started_on": started_on,
        "ended_on": ended_on,
    }
    changed = [name for name, value in changes.items() if getattr(authority, name) != value]
    if not changed:
        return authority
    with transaction.atomic():
        _refuse_overlap(
            authority.child,
            authority.holder,
            authority.holder_organisation,
            started_on,
            ended_on,
            exclude=authority.pk,
        )
        for name, value in changes.items():
            setattr(authority, name, value)
        authority.full_clean()
        authority.save(update_fields=changed)
        audit_append(
            actor=audit_actor, action=AuditAction.UPDATE, dossier=dossier, obj=authority, fields=changed
        )
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.AUTHORITY_CHANGED,
            day=timezone.localdate(),
            summary=Summary(
                AUTHORITY,
                holder=str(authority.holder or authority.holder_organisation),
                child=str(authority.child),
                source=authority.source,
            ),
            actor=actor,
        )
    return authority


def authority_end(*, actor: User | None, dossier: Dossier, authority: Authority, ended_on: date) -> Authority:
    """End a recorded authority (for example: guardianship after a court decision, or the child turned 18)."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.NETWORK)
    if not dossier.children.filter(pk=authority.child_id).exists():
        raise PermissionDenied
    if authority.ended_on is not None and authority.ended_on < timezone.localdate():
        raise ValidationError(AUTHORITY_ALREADY_ENDED)
    if ended_on < authority.started_on:
        raise ValidationError({"ended_on": AUTHORITY_REVERSED % {"child": authority.child}})
    with transaction.atomic():
        # Ending later than recorded can run into a later period of the same holder.
        _refuse_overlap(
            authority.child,
            authority.holder,
            authority.holder_organisation,
            authority.started_on,
            ended_on,
            exclude=authority.pk,
        )
        authority.ended_on = ended_on
        authority.save(update_fields=["ended_on"])
        audit_append(
            actor=audit_actor, action=AuditAction.UPDATE, dossier=dossier, obj=authority, fields=["ended_on"]
        )
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.AUTHORITY_ENDED,
            day=ended_on,
            summary=f"{authority.holder or authority.holder_organisation} → {authority.child}",
            actor=actor,
        )
    return authority


# --- summary and owning team --------------------------------------------------------------------------------


def dossier_summary_edit(
    *, actor: User | None, dossier: Dossier, title: str, summary: str, expected_version: str | None = None
) -> Dossier:
    """Edit the dossier's title and summary. `expected_version` (dossier_version) is the version the editor
    started from: a change by someone else meanwhile is refused rather than overwritten."""
    audit_actor = authorise(actor, Action.EDIT, dossier, Section.SUMMARY)
    title, summary = title.strip(), summary.strip()
    if not title:
        raise ValidationError({"title": TITLE_REQUIRED})
    with transaction.atomic():
        current = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if expected_version and dossier_version(current) != expected_version:
            raise ValidationError(CHANGED_MEANWHILE)
        changed = [
            name
            for name, value in (("title", title), ("summary", summary))
            if getattr(current, name) != value
        ]
        if not changed:
            return current
        current.title, current.summary = title, summary
        current.save(update_fields=[*changed, "updated_at"])
        audit_append(
            actor=audit_actor, action=AuditAction.UPDATE, dossier=current, obj=current, fields=changed
        )
        dossier_event_add(
            dossier=current,
            kind=EventKind.SUMMARY_EDITED,
            day=timezone.localdate(),
            summary=Summary(SUMMARY_EDITED, fields=list(changed)),
            actor=actor,
        )
    return current


def dossier_version(dossier: Dossier) -> str:
    """The version of a dossier an editor starts from, for detecting concurrent edits: its last change and
    the text itself (two saves within the same clock tick still differ in their text)."""
    body = f"{dossier.updated_at.isoformat()}|{dossier.title}|{dossier.summary}"
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def transfer_teams(dossier: Dossier) -> QuerySet[Team]:
    """The teams a dossier can move to: the other teams of its organisation."""
    return Team.objects.filter(organisation_id=dossier.owning_team.organisation_id).exclude(
        pk=dossier.owning_team_id
    )


def authorise_transfer(actor: User | None, dossier: Dossier) -> Actor:
    """The audit actor for a transfer of `dossier` by `actor` (None: the system); a refusal is audited and
    raises PermissionDenied (which the pages and the API answer as 404)."""
    if actor is None:
        return SYSTEM
    decision = may_transfer_dossier(actor, dossier)
    if not decision.allowed:
        audit_append(
            actor=Actor.for_user(actor),
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.DENIED,
            dossier=dossier,
            obj=dossier,
        )
        raise PermissionDenied
    return Actor.for_user(actor, decision.membership)


def dossier_transfer(*, actor: User | None, dossier: Dossier, team: Team, day: date, reason: str) -> Dossier:
    """Change the owning team (a transfer within the organisation), in the dossier's history. Only the lead
    of the team that owns it now may hand it over."""
    audit_actor = authorise_transfer(actor, dossier)
    if team.pk == dossier.owning_team_id:
        raise ValidationError({"team": SAME_TEAM})
    if team.organisation_id != dossier.owning_team.organisation_id:
        raise ValidationError({"team": TEAM_OF_ANOTHER_ORGANISATION})
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    previous = dossier.owning_team
    with transaction.atomic():
        dossier.owning_team = team
        dossier.save(update_fields=["owning_team", "updated_at"])
        audit_append(
            actor=audit_actor, action=AuditAction.UPDATE, dossier=dossier, obj=dossier, fields=["owning_team"]
        )
        dossier_event_add(
            dossier=dossier,
            kind=EventKind.TRANSFERRED,
            day=day,
            summary=f"{previous.name} → {team.name}: {reason.strip()}",
            actor=actor,
        )
    return dossier


def authority_by_child(dossier: Dossier) -> dict[int, list[Authority]]:
    """The dossier's authority records grouped per child (for the pages; one query)."""
    grouped: dict[int, list[Authority]] = defaultdict(list)
    for authority in authorities_of_dossier(dossier):
        grouped[authority.child_id].append(authority)
    return grouped
