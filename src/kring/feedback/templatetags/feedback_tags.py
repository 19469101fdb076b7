"""{% load feedback_tags %}{% last_feedback dossier sections %}: the latest questionnaire of a dossier.

Pass the sections the reader may see (visible_sections of the page's decision): without "feedback" in them the
tag shows nothing and asks the database nothing; otherwise it costs one query."""

from django import template

from kring.access.policy import Section

from ..models import Administration

register = template.Library()


@register.inclusion_tag("feedback/_last_feedback.html")
def last_feedback(dossier, sections=()) -> dict:
    allowed = Section.FEEDBACK in sections or Section.FEEDBACK.value in sections
    latest = None
    if allowed:
        latest = (
            Administration.objects.filter(dossier=dossier)
            .select_related("instrument")
            .order_by("-taken_on", "-submitted_at")
            .first()
        )
    return {"dossier": dossier, "allowed": allowed, "latest": latest}
