from datetime import date

from django import template
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from kring.dates import age_on

register = template.Library()


@register.filter
def age(date_of_birth: date | None) -> int | None:
    """Age in whole years today, in the configured time zone."""
    if date_of_birth is None:
        return None
    return age_on(date_of_birth, timezone.localdate())


@register.filter
def duration(minutes: int | None) -> str:
    """Minutes as hours and minutes, the way contact time is reported: "38 h 56 min" (nl: "38 u 56 min")."""
    if minutes is None:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return gettext("%(minutes)s min") % {"minutes": rest}
    return gettext("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}


@register.filter
def catalogue(text: str | None) -> str | None:
    """A text kept in English in the database because it comes from shipped data (a pathway template's name,
    a step's title), in the reader's language: `{{ step.title|catalogue }}`. The texts are marked for
    translation where the data is defined (e.g. kring.pathways.catalogue); an unknown text stays as it is."""
    return gettext(str(text)) if text else text


@register.simple_tag
def switch_languages(portal: bool = False) -> list[dict]:
    """The languages a user chooses in the switch: nl and en. A regional variant (nl-be) is not chosen but
    given by the work (kring.ui.middleware.FlemishMiddleware), so it is not offered twice as "Nederlands".
    On the family portal's pages: its own languages (also Arabic, Turkish, Polish; docs/portal.md)."""
    codes = settings.KRING_PORTAL_LANGUAGES if portal else settings.KRING_PROFESSIONAL_LANGUAGES
    return [translation.get_language_info(code) for code in codes if "-" not in code]
