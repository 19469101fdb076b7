"""{% load placement_tags %}{% dossier_placements dossier sections %}: on the dossier page, whether the
dossier is closed and where each child lives today, with links to the placements and closure pages.
Placements are decisions about the child's frame (Section.MEASURES): without it in `sections` the tag asks
nothing."""

from django import template
from django.utils import timezone

from kring.access.policy import Section

from ..services.placement import PLACEMENT_SECTION, current_placements

register = template.Library()


@register.inclusion_tag("cases/placement/_dossier_placements.html")
def dossier_placements(dossier, sections=()) -> dict:
    allowed = PLACEMENT_SECTION in sections or PLACEMENT_SECTION.value in sections
    return {
        "dossier": dossier,
        "allowed": allowed,
        "may_see_closure": Section.SUMMARY in sections or Section.SUMMARY.value in sections,
        "placements": current_placements(dossier=dossier, day=timezone.localdate()) if allowed else [],
    }
