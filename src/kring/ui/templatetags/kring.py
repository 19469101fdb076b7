from datetime import date

from django import template
from django.utils import timezone
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
