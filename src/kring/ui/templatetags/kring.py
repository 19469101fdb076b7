from datetime import date

from django import template
from django.utils import timezone

from kring.dates import age_on

register = template.Library()


@register.filter
def age(date_of_birth: date | None) -> int | None:
    """Age in whole years today, in the configured time zone."""
    if date_of_birth is None:
        return None
    return age_on(date_of_birth, timezone.localdate())
