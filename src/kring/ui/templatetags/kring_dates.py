"""The template filter `date`, with Dutch month abbreviations in lower case (kring.ui.dates).

Loaded as a template builtin (settings.TEMPLATES, "builtins"), after Django's own filters, so that every
`{{ day|date:"j M Y" }}` of every app, e-mail and PDF writes "7 mrt 2026" in Dutch: one place for the rule,
rather than a filter of another name that the next template could forget.
"""

from typing import Any

from django import template
from django.template import defaultfilters

from kring.ui.dates import month_case

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value: Any, arg: str | None = None) -> str:
    """Django's `date` filter, the format's month abbreviations in the active language's case."""
    return defaultfilters.date(value, month_case(arg) if arg else arg)
