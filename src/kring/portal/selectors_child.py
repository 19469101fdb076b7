"""Reads of the child's space in the portal — "how am I doing" and the young person's own words-and-pictures
story — each after the family door (selectors.portal_open) let the person see the part."""

from typing import Any

from django.http import Http404

from kring.access.family import FamilyPart
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.safety.childvoice.models import HowAmIDoing, Panel, Story

from .selectors import OpenPortal
from .services import family_actor

HISTORY_SHOWN = 14


def family_how_am_i_doing(*, opened: OpenPortal, limit: int = HISTORY_SHOWN) -> list[HowAmIDoing]:
    """The young person's own answers, newest day first; nobody else's (the policy gives the part to the
    young person only)."""
    from kring.safety.childvoice.selectors import how_am_i_doing_of

    if not opened.sees(FamilyPart.HOW_AM_I_DOING):
        return []
    return how_am_i_doing_of(dossier=opened.dossier, child=opened.account.person, limit=limit)


def family_story_panels(*, opened: OpenPortal) -> list[Panel]:
    """The panels of the young person's own story, in order (no story yet: none). Only their own: a
    brother's or sister's story is not theirs to read."""
    if not opened.sees(FamilyPart.STORY):
        return []
    story = Story.objects.filter(dossier=opened.dossier, child_id=opened.account.person_id).first()
    if story is None:
        return []
    return list(Panel.objects.filter(story=story).order_by("position"))


def family_story_picture(*, opened: OpenPortal, panel_id: Any) -> Panel:
    """The picture of one panel of the young person's own story, every look logged on the panel (field
    "image", as for a worker); a panel of another story or without a picture is Http404."""
    if not opened.sees(FamilyPart.STORY):
        raise Http404
    panel = (
        Panel.objects.filter(
            pk=panel_id, story__dossier=opened.dossier, story__child_id=opened.account.person_id
        )
        .exclude(image_name="")
        .first()
    )
    if panel is None:
        raise Http404
    audit_append(
        actor=family_actor(opened.account),
        action=AuditAction.READ,
        dossier=opened.dossier,
        obj=panel,
        fields=["image"],
    )
    return panel
