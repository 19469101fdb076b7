"""{% load feedback_tags %}{% last_feedback dossier sections %}: the feedback summary on the dossier page.

Pass the sections the reader may see (visible_sections of the page's decision): without "feedback" in them the
tag shows nothing and asks the database nothing. Otherwise it shows the latest questionnaire, any off-track
signal of the session feedback, and what waits: questionnaires without answers and open improvement
agreements — in a fixed number of queries, however many questionnaires the dossier has."""

from django import template
from django.utils.translation import gettext, gettext_lazy

from kring.access.policy import Section

from ..charts import respondent_label
from ..models import Administration, AgreementStatus, ImprovementAgreement
from ..selectors import dossier_results, off_track_ids

register = template.Library()

SESSION_SLUGS = ("session-start", "session-end")


@register.inclusion_tag("feedback/_last_feedback.html")
def last_feedback(dossier, sections=()) -> dict:
    allowed = Section.FEEDBACK in sections or Section.FEEDBACK.value in sections
    if not allowed:
        return {"allowed": False}
    latest = (
        Administration.objects.submitted()
        .filter(dossier=dossier)
        .select_related("instrument")
        .order_by("-taken_on", "-submitted_at")
        .first()
    )
    off_track = []
    for group in dossier_results(dossier, slugs=SESSION_SLUGS):
        flagged = off_track_ids(group)
        latest_per_respondent = {}
        for row in group.rows:  # chronological: the last row per respondent wins
            latest_per_respondent[row.administration.respondent_type] = row
        for code, row in sorted(latest_per_respondent.items()):
            if row.administration.pk in flagged:
                off_track.append({"name": group.name, "respondent": respondent_label(code), "row": row})
    return {
        "allowed": True,
        "dossier": dossier,
        "latest": latest,
        "latest_respondent": respondent_label(latest.respondent_type) if latest else "",
        "off_track": off_track,
        "waiting": Administration.objects.waiting().filter(dossier=dossier).count(),
        "open_agreements": ImprovementAgreement.objects.filter(
            dossier=dossier, status=AgreementStatus.OPEN
        ).count(),
    }


@register.inclusion_tag("feedback/_in_period.html")
def questionnaires_in_period(dossier, starts_on, ends_on, sections=()) -> dict:
    """The questionnaires (EXIT and the others) filled in between `starts_on` and `ends_on`, scored, for a
    case script. Nothing, and no query, without "feedback" in the reader's sections."""
    allowed = Section.FEEDBACK in sections or Section.FEEDBACK.value in sections
    if not allowed:
        return {"allowed": False}
    groups = []
    for group in dossier_results(dossier):
        rows = [
            {"row": row, "respondent": respondent_label(row.administration.respondent_type)}
            for row in group.rows
            if starts_on <= row.administration.taken_on <= ends_on
        ]
        if rows:
            groups.append({"name": group.name, "slug": group.slug, "rows": rows})
    return {"allowed": True, "groups": groups}


# The subscales of the instruments (the codes in kring.feedback.definitions), named for the reader.
SUBSCALE_LABELS = {
    "result": gettext_lazy("result"),
    "process": gettext_lazy("process"),
    "wellbeing": gettext_lazy("wellbeing"),
}


@register.filter
def subscale_label(code: str) -> str:
    """`{{ code|subscale_label }}`: a subscale in words (the self-check's parts by their heading)."""
    from ..selectors import SELF_CHECK_PARTS

    if code in SUBSCALE_LABELS:
        return str(SUBSCALE_LABELS[code])
    if code in SELF_CHECK_PARTS:
        return gettext(SELF_CHECK_PARTS[code])
    return code.replace("_", " ")
