"""Reads of the child's voice, each in a fixed number of queries, and the audit entries that go with them.

Open the dossier first through the door child_voice_open (the policy with the child-voice rule of
kring.access.childvoice; it logs the read), then read here."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import Http404

from kring.access.childvoice import CHILD_VOICE_SECTION, child_voice_grounds
from kring.access.policy import Action, may_write, visible_sections
from kring.accounts.types import MaybeUser
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append
from kring.cases.models import Dossier, Person
from kring.cases.selectors import OpenDossier, dossier_get_for_user, dossier_refusal_audit

from .models import HowAmIDoing, Panel, Story, StoryChange, ThreeHouses

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
        # set on the instance for the page, as `panel_list` is by the prefetch (not a field)
        story.change_list = list(  # type: ignore[attr-defined]
            StoryChange.objects.filter(story=story).select_related("changed_by")[:CHANGES_SHOWN]
        )
    return story


def three_houses_of(*, dossier: Dossier, child: Person) -> list[ThreeHouses]:
    """Every version of the child's three houses, newest first."""
    return list(ThreeHouses.objects.filter(dossier=dossier, child=child).select_related("recorded_by"))


def how_am_i_doing_of(*, dossier: Dossier, child: Person, limit: int = 90) -> list[HowAmIDoing]:
    """What the young person said about how they are doing, newest day first (the last `limit` days with an
    answer). Read after the door (child_voice_open for a worker, portal_open for the young person)."""
    return list(HowAmIDoing.objects.filter(dossier=dossier, child=child).order_by("-day")[:limit])


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
    stories: dict[int, Mapping[str, Any]] = {
        row["child_id"]: row
        for row in Story.objects.filter(dossier=dossier)
        .values("child_id")
        .annotate(panel_count=Count("panels"), changed_at=Max("updated_at"))
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
            panels=stories.get(child.pk, {}).get("panel_count", 0),
            changed_at=stories.get(child.pk, {}).get("changed_at"),
            houses_on=houses.get(child.pk),
        )
        for child in children
    ]


def _open(user: MaybeUser, dossier_id: Any, action: Action) -> OpenDossier:
    dossier, decision = dossier_get_for_user(
        user=user, dossier_id=dossier_id, action=action, section=CHILD_VOICE_SECTION
    )
    if not child_voice_grounds(decision).allowed:
        dossier_refusal_audit(user, dossier, action)
        raise Http404
    readable = frozenset(visible_sections(dossier, decision))
    writable = readable if may_write(dossier, decision) else frozenset()
    return OpenDossier(dossier=dossier, decision=decision, readable=readable, writable=writable)


def _log(user: MaybeUser, opened: OpenDossier, obj: Any, fields: list[str], export_format: str = "") -> None:
    decision = opened.decision
    audit_append(
        actor=Actor.for_user(user, decision.membership),
        action=AuditAction.EXPORT if export_format else AuditAction.READ,
        purpose=decision.purpose,
        reason=decision.grant.reason if decision.grant else "",
        dossier=opened.dossier,
        obj=obj,
        fields=fields,
        export_format=export_format,
    )


def child_voice_open(
    *,
    user: MaybeUser,
    dossier_id: Any,
    action: Action = Action.VIEW,
    export_format: str = "",
    exports: tuple[str, ...] = ("story", "three_houses"),
) -> OpenDossier:
    """The door to the child's voice in a dossier: load the dossier, ask the policy with the child-voice rule
    (access.childvoice; anyone else gets Http404, audited) and, for a view, log the read of the child's voice
    — or, with `export_format`, the export of `exports`. A write (action EDIT) logs nothing here: its service
    does."""
    opened = _open(user, dossier_id, action)
    if action == Action.VIEW:
        fields = list(exports) if export_format else [CHILD_VOICE_SECTION.value]
        _log(user, opened, opened.dossier, fields, export_format)
    return opened


def child_voice_picture_open(*, user: MaybeUser, dossier_id: Any, panel_id: Any) -> Panel:
    """The door to the picture of one panel: for who may see the child's voice (as child_voice_open), and
    every look is logged, on the panel (field "image"). A panel without a picture is Http404."""
    opened = _open(user, dossier_id, Action.VIEW)
    panel = panel_get(dossier=opened.dossier, panel_id=panel_id)
    if not panel.has_image:
        raise Http404
    _log(user, opened, panel, ["image"])
    return panel
