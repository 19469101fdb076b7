"""Reads of the child's voice, each in a fixed number of queries, and the audit entries that go with them.

Load the dossier first with access.dossier_get_for_child_voice (the policy and the child-voice rule); then
read here, and log what was read with child_voice_audit."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import Http404

from kring.access.policy import Decision
from kring.accounts.types import MaybeUser
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append
from kring.cases.models import Dossier, Person

from .access import CHILD_VOICE_SECTION
from .models import Panel, Story, StoryChange, ThreeHouses

CHANGES_SHOWN = 30


def child_get(*, dossier: Dossier, child_id: Any) -> Person:
    """A child of this dossier, or Http404."""
    try:
        pk = int(child_id)
    except (TypeError, ValueError):
        raise Http404 from None
    child = dossier.children.filter(pk=pk).first()
    if child is None:
        raise Http404
    return child


def panel_get(*, dossier: Dossier, panel_id: Any) -> Panel:
    """A panel of a story of this dossier, or Http404."""
    panel = Panel.objects.select_related("story").filter(pk=panel_id, story__dossier=dossier).first()
    if panel is None:
        raise Http404
    panel.story.dossier = dossier
    return panel


def panels_queryset() -> QuerySet[Panel]:
    return Panel.objects.select_related("updated_by").order_by("position")


def story_of(*, dossier: Dossier, child: Person) -> Story | None:
    """The child's story with its panels (`story.panel_list`) and latest changes (`story.change_list`)."""
    story = (
        Story.objects.filter(dossier=dossier, child=child)
        .prefetch_related(Prefetch("panels", queryset=panels_queryset(), to_attr="panel_list"))
        .first()
    )
    if story is not None:
        story.dossier, story.child = dossier, child
        story.change_list = list(
            StoryChange.objects.filter(story=story).select_related("changed_by")[:CHANGES_SHOWN]
        )
    return story


def three_houses_of(*, dossier: Dossier, child: Person) -> list[ThreeHouses]:
    """Every version of the child's three houses, newest first."""
    return list(ThreeHouses.objects.filter(dossier=dossier, child=child).select_related("recorded_by"))


@dataclass(frozen=True)
class ChildRow:
    child: Person
    panels: int
    changed_at: Any
    houses_on: Any


def children_overview(*, dossier: Dossier) -> list[ChildRow]:
    """Every child of the dossier with the size of their story, its last change, and the date of the newest
    three houses. Three queries."""
    children = list(dossier.children.order_by("date_of_birth", "pk"))
    stories = {
        row["child_id"]: row
        for row in Story.objects.filter(dossier=dossier)
        .values("child_id")
        .annotate(panels=Count("panels"), changed_at=Max("updated_at"))
    }
    houses = dict(
        ThreeHouses.objects.filter(dossier=dossier)
        .values("child_id")
        .annotate(on=Max("talked_on"))
        .values_list("child_id", "on")
    )
    return [
        ChildRow(
            child=child,
            panels=stories.get(child.pk, {}).get("panels", 0),
            changed_at=stories.get(child.pk, {}).get("changed_at"),
            houses_on=houses.get(child.pk),
        )
        for child in children
    ]


def child_voice_audit(
    *,
    user: MaybeUser,
    dossier: Dossier,
    decision: Decision,
    obj: Any = None,
    fields: list[str] | None = None,
    action: str = AuditAction.READ,
    export_format: str = "",
) -> None:
    """Log that `user` read (or exported, in `export_format`) the child's voice, or one picture of it."""
    audit_append(
        actor=Actor.for_user(user, decision.membership),
        action=action,
        purpose=decision.purpose,
        reason=decision.grant.reason if decision.grant else "",
        dossier=dossier,
        obj=obj if obj is not None else dossier,
        fields=fields or [CHILD_VOICE_SECTION.value],
        export_format=export_format,
    )
