"""The mapping of a meeting (Signs of Safety: three columns, eight elements), its versions and what changed.

Writes follow the services' shape: authorise outside the transaction, validate, save, audit. Only the newest
mapping of a dossier changes; a new meeting starts a new mapping with a copy of the items, so every earlier
mapping stays readable as it was, and `mapping_compare` can say what was added, removed or changed.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases.models import CircleMember, Dossier, Participant
from kring.cases.services import authorise

from .models import (
    COLUMN_ELEMENTS,
    SCALE_MAX,
    SCALE_MIN,
    Mapping,
    MappingColumn,
    MappingElement,
    MappingItem,
)
from .services import check_people, clean_text

EARLIER_MAPPING = _("This is an earlier mapping; it stays as it was. Add to the newest mapping.")
STALE_ITEM = _(
    "Someone else changed this item while you were editing it. Nothing was saved; the page shows the newest "
    "text, so you can make your change again."
)
EMPTY_ITEM = _("Write something in the field before you add it.")
UNKNOWN_ELEMENT = _("Choose one of the elements of this column.")
SCALE_RANGE = _("A scale runs from 0 to 10.")
MEETING_IN_FUTURE = _("A meeting cannot be recorded for a day that has not come yet.")
NEW_MAPPING_RACE = _("Someone else started a new mapping at the same moment. Open the newest mapping.")
ITEM_MAX_LENGTH = 2000


def check_scale(value: int | None, field_name: str = "safety_scale", *, required: bool = False) -> None:
    if value is None:
        if required:
            raise ValidationError({field_name: SCALE_RANGE})
        return
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise ValidationError({field_name: SCALE_RANGE})


def check_held_on(held_on: date) -> None:
    """A mapping records a meeting that took place: not one still to come (as with scores and evaluations)."""
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": MEETING_IN_FUTURE})


def _is_newest(mapping: Mapping) -> bool:
    return not Mapping.objects.filter(dossier_id=mapping.dossier_id, number__gt=mapping.number).exists()


def _newest_only(mapping: Mapping) -> None:
    if not _is_newest(mapping):
        raise ValidationError(EARLIER_MAPPING)


def _element(value: str, column: str | None = None) -> str:
    allowed = COLUMN_ELEMENTS.get(column, ()) if column else MappingElement.values
    if value not in allowed:
        raise ValidationError({"element": UNKNOWN_ELEMENT})
    return value


def mapping_newest(dossier: Dossier) -> Mapping | None:
    return Mapping.objects.filter(dossier=dossier).order_by("-number").first()


def mapping_create(
    *,
    actor: Any,
    dossier: Dossier,
    held_on: date,
    meeting: str = "",
    participants: Sequence[Participant] = (),
    circle_members: Sequence[CircleMember] = (),
    safety_scale: int | None = None,
) -> Mapping:
    """The mapping of a new meeting: the next version, starting with a copy of the newest mapping's items."""
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    check_held_on(held_on)
    check_people(dossier, participants, circle_members)
    check_scale(safety_scale)
    meeting = (meeting or "").strip()[:200]
    previous = mapping_newest(dossier)
    try:
        with transaction.atomic():
            number = (Mapping.objects.filter(dossier=dossier).aggregate(n=Max("number"))["n"] or 0) + 1
            mapping = Mapping.objects.create(
                dossier=dossier,
                number=number,
                held_on=held_on,
                meeting=meeting,
                safety_scale=safety_scale,
                created_by=actor,
            )
            mapping.participants.set(participants)
            mapping.circle_members.set(circle_members)
            if previous is not None:
                MappingItem.objects.bulk_create(
                    MappingItem(
                        mapping=mapping,
                        element=item.element,
                        text=item.text,
                        thread=item.thread,
                        created_by=item.created_by,
                    )
                    for item in previous.items.all()
                )
            audit_append(
                actor=who,
                action=AuditAction.CREATE,
                dossier=dossier,
                obj=mapping,
                fields=["held_on", "meeting", "participants", "circle_members", "safety_scale", "items"],
            )
    except IntegrityError:
        raise ValidationError(NEW_MAPPING_RACE) from None
    return mapping


def mapping_update(
    *,
    actor: Any,
    mapping: Mapping,
    held_on: date,
    meeting: str = "",
    participants: Sequence[Participant] = (),
    circle_members: Sequence[CircleMember] = (),
    safety_scale: int | None = None,
) -> Mapping:
    """Correct the newest mapping's meeting: its date, who took part, the safety scale."""
    dossier = mapping.dossier
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    _newest_only(mapping)
    check_held_on(held_on)
    check_people(dossier, participants, circle_members)
    check_scale(safety_scale)
    with transaction.atomic():
        mapping.held_on = held_on
        mapping.meeting = (meeting or "").strip()[:200]
        mapping.safety_scale = safety_scale
        mapping.save(update_fields=["held_on", "meeting", "safety_scale"])
        mapping.participants.set(participants)
        mapping.circle_members.set(circle_members)
        audit_append(
            actor=who,
            action=AuditAction.UPDATE,
            dossier=dossier,
            obj=mapping,
            fields=["held_on", "meeting", "participants", "circle_members", "safety_scale"],
        )
    return mapping


def mapping_item_add(
    *, actor: Any, mapping: Mapping, element: str, text: str, column: str | None = None
) -> MappingItem:
    """Add an item to the newest mapping. `column`, when given, is the column whose form was used: the
    element must belong to it."""
    dossier = mapping.dossier
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    _newest_only(mapping)
    element = _element(element, column)
    text = clean_text(text, "text", EMPTY_ITEM, ITEM_MAX_LENGTH)
    with transaction.atomic():
        item = MappingItem.objects.create(mapping=mapping, element=element, text=text, created_by=actor)
        audit_append(
            actor=who, action=AuditAction.CREATE, dossier=dossier, obj=item, fields=["element", "text"]
        )
    return item


def mapping_item_update(
    *, actor: Any, item: MappingItem, element: str, text: str, revision: int
) -> MappingItem:
    """Change an item of the newest mapping, unless someone else changed it since `revision` was read."""
    mapping = item.mapping
    dossier = mapping.dossier
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    _newest_only(mapping)
    element = _element(element)
    text = clean_text(text, "text", EMPTY_ITEM, ITEM_MAX_LENGTH)
    with transaction.atomic():
        changed = MappingItem.objects.filter(pk=item.pk, revision=revision).update(
            element=element, text=text, revision=F("revision") + 1
        )
        if not changed:
            raise ValidationError(STALE_ITEM, code="stale")
        audit_append(
            actor=who, action=AuditAction.UPDATE, dossier=dossier, obj=item, fields=["element", "text"]
        )
    item.refresh_from_db(fields=["element", "text", "revision"])
    return item


def mapping_item_remove(*, actor: Any, item: MappingItem) -> None:
    mapping = item.mapping
    dossier = mapping.dossier
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    _newest_only(mapping)
    ref = (item._meta.label_lower, str(item.pk))
    with transaction.atomic():
        item.delete()
        audit_append(actor=who, action=AuditAction.DELETE, dossier=dossier, object_ref=ref, fields=["text"])


# --- what changed between two mappings ----------------------------------------------------------------------


@dataclass(frozen=True)
class ItemChange:
    kind: str  # "added", "removed" or "changed"
    before: MappingItem | None
    after: MappingItem | None

    @property
    def column(self) -> str:
        return (self.after or self.before).column

    @property
    def element_moved(self) -> bool:
        return bool(self.before and self.after and self.before.element != self.after.element)


@dataclass
class MappingComparison:
    older: Mapping
    newer: Mapping
    changes: list[ItemChange]
    unchanged: int
    joined: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[ItemChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def added(self) -> list[ItemChange]:
        return self.of_kind("added")

    @property
    def removed(self) -> list[ItemChange]:
        return self.of_kind("removed")

    @property
    def changed(self) -> list[ItemChange]:
        return self.of_kind("changed")

    @property
    def scale_changed(self) -> bool:
        return self.older.safety_scale != self.newer.safety_scale

    def columns(self) -> list[dict[str, Any]]:
        """The changes per column, in the mapping's order, for the page."""
        return [
            {"key": key, "label": label, "changes": [c for c in self.changes if c.column == key]}
            for key, label in MappingColumn.choices
        ]


def _people(mapping: Mapping) -> dict[str, str]:
    people = {f"p{p.pk}": str(p.person) for p in mapping.participants.all()}
    for c in mapping.circle_members.all():
        people[f"c{c.pk}"] = c.user.get_full_name() or c.user.get_username()
    return people


def mapping_compare(older: Mapping, newer: Mapping) -> MappingComparison:
    """What changed from `older` to `newer`: items are matched by their thread, so an item whose text or
    element changed is one change, not a removal and an addition. Reads the items and people from the
    mappings' prefetch caches when the caller loaded them."""
    before = {item.thread: item for item in older.items.all()}
    after = {item.thread: item for item in newer.items.all()}
    changes: list[ItemChange] = []
    unchanged = 0
    for thread, item in after.items():
        old = before.get(thread)
        if old is None:
            changes.append(ItemChange("added", None, item))
        elif (old.text, old.element) != (item.text, item.element):
            changes.append(ItemChange("changed", old, item))
        else:
            unchanged += 1
    changes.extend(
        ItemChange("removed", item, None) for thread, item in before.items() if thread not in after
    )
    order = {element: i for i, element in enumerate(MappingElement.values)}
    kinds = {"added": 0, "changed": 1, "removed": 2}
    changes.sort(
        key=lambda c: (order[(c.after or c.before).element], kinds[c.kind], (c.after or c.before).pk)
    )
    people_before, people_after = _people(older), _people(newer)
    return MappingComparison(
        older=older,
        newer=newer,
        changes=changes,
        unchanged=unchanged,
        joined=sorted(name for key, name in people_after.items() if key not in people_before),
        left=sorted(name for key, name in people_before.items() if key not in people_after),
    )


def items_by_column(items: Iterable[MappingItem]) -> list[dict[str, Any]]:
    """The items of a mapping in its three columns, each column with its elements in order."""
    by_element: dict[str, list[MappingItem]] = {element: [] for element in MappingElement.values}
    for item in items:
        by_element[item.element].append(item)
    labels = dict(MappingElement.choices)
    return [
        {
            "key": column,
            "label": label,
            "elements": [
                {"key": element, "label": labels[element], "items": by_element[element]}
                for element in COLUMN_ELEMENTS[column]
            ],
        }
        for column, label in MappingColumn.choices
    ]
