"""The safety journal: a running log in which the family and the network note how the plan works day to day,
read by the workers.

Family and network members have no account yet, so a worker writes down what they said, on their behalf
(`journal_entry_add` with `said_by`): the entry keeps who said it and who wrote it down. Each worker marks
what they have read (`journal_mark_read`); the page shows every worker what is new for them. Whoever writes
an entry down has read it.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section
from kring.audit.models import AuditAction
from kring.audit.services import audit_append, audit_append_entries, audit_entry
from kring.cases.models import Dossier, Participant, Person
from kring.cases.services import authorise

from .models import JournalEntry, JournalKind, JournalRead, PlanRule, PlanVersion
from .services import clean_text

ENTRIES_PER_PAGE = 25
TEXT_NEEDED = _("Write down what happened.")
FUTURE_ENTRY = _("A journal entry cannot be about a day that has not come yet.")
NOT_A_SPEAKER = _("Only the children and the family's network of this dossier can be chosen.")
OTHER_RULE = _("This rule belongs to another dossier.")
UNKNOWN_KIND = _("Choose went well, worry or note.")


def journal_entry_add(
    *,
    actor: Any,
    dossier: Dossier,
    happened_on: date,
    text: str,
    kind: str = JournalKind.NOTE,
    said_by_participant: Participant | None = None,
    said_by_child: Person | None = None,
    rule: PlanRule | None = None,
) -> JournalEntry:
    """Write an entry down: in the worker's own name, or what a child or a network member said (on their
    behalf). The worker who writes it has read it."""
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    text = clean_text(text, "text", TEXT_NEEDED, 2000)
    if kind not in JournalKind.values:
        raise ValidationError({"kind": UNKNOWN_KIND})
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": FUTURE_ENTRY})
    if said_by_participant is not None and said_by_child is not None:
        raise ValidationError({"said_by": NOT_A_SPEAKER})
    if said_by_participant is not None and said_by_participant.dossier_id != dossier.pk:
        raise ValidationError({"said_by": NOT_A_SPEAKER})
    if said_by_child is not None and not dossier.children.filter(pk=said_by_child.pk).exists():
        raise ValidationError({"said_by": NOT_A_SPEAKER})
    if rule is not None and rule.version.plan.dossier_id != dossier.pk:
        raise ValidationError({"rule": OTHER_RULE})
    with transaction.atomic():
        entry = JournalEntry.objects.create(
            dossier=dossier,
            happened_on=happened_on,
            kind=kind,
            text=text,
            rule=rule,
            said_by_participant=said_by_participant,
            said_by_child=said_by_child,
            recorded_by=actor,
        )
        if actor is not None:
            JournalRead.objects.create(entry=entry, user=actor)
        audit_append(
            actor=who,
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=entry,
            fields=["happened_on", "kind", "text", "rule", "said_by"],
        )
    return entry


def current_rules(dossier: Dossier) -> list[PlanRule]:
    """The rules of the newest version of each of the dossier's plans (two queries)."""
    newest: dict[int, int] = {}
    for version in PlanVersion.objects.filter(plan__dossier=dossier).order_by("plan", "-number"):
        newest.setdefault(version.plan_id, version.pk)
    return list(PlanRule.objects.filter(version_id__in=newest.values()).order_by("version", "id"))


def _unread(dossier: Dossier, user: Any) -> QuerySet[JournalEntry]:
    return JournalEntry.objects.filter(dossier=dossier).exclude(reads__user=user)


def journal_mark_read(*, actor: Any, dossier: Dossier) -> int:
    """Mark every entry of the dossier's journal as read by `actor`; how many were new to them."""
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    entries = list(_unread(dossier, actor))
    with transaction.atomic():
        JournalRead.objects.bulk_create(
            [JournalRead(entry=entry, user=actor) for entry in entries], ignore_conflicts=True
        )
        audit_append_entries(
            [
                audit_entry(actor=who, action=AuditAction.READ, dossier=dossier, obj=entry, fields=["read"])
                for entry in entries
            ]
        )
    return len(entries)


def journal_page(
    *, dossier: Dossier, user: Any, page: Any = None, kind: str | None = None
) -> tuple[Page, int]:
    """One page of the journal, newest first, with who said and wrote each entry, who read it, and whether
    `user` has; and how many entries are new to `user`. A fixed number of queries per page."""
    entries = (
        JournalEntry.objects.filter(dossier=dossier)
        .select_related("said_by_participant__person", "said_by_child", "recorded_by", "rule")
        .prefetch_related("reads__user")
        .annotate(read_by_me=Exists(JournalRead.objects.filter(entry=OuterRef("pk"), user=user)))
    )
    if kind in JournalKind.values:
        entries = entries.filter(kind=kind)
    return Paginator(entries, ENTRIES_PER_PAGE).get_page(page), _unread(dossier, user).count()
