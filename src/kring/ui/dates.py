"""Dates as kring writes them, in every language it speaks: the one rule for month abbreviations.

Django's format character "M" gives a month's abbreviation with a capital ("7 Mrt 2026", "22 Okt 2026"),
whatever the language. Dutch (and Polish) write month names in lower case ("7 mrt 2026"), which the character
"b" gives; English keeps "7 Mar 2026". The template filter `date` (kring.ui.templatetags.kring_dates, a
template builtin) and `format_date` for Python code apply this rule to the format they are given.
"""

from datetime import date
from typing import Any

from django.utils import dateformat, formats, translation
from django.utils.formats import FORMAT_SETTINGS

LOWER_CASE_MONTHS = frozenset({"nl", "pl"})  # languages whose month names are not capitalised


def month_case(format_string: str) -> str:
    """`format_string` with "M" (capitalised abbreviation) as "b" (lower case) where the active language
    writes months in lower case; a named format ("DATE_FORMAT") and escaped characters ("\\M") as they are."""
    language = (translation.get_language() or "").split("-")[0]
    if language not in LOWER_CASE_MONTHS or format_string in FORMAT_SETTINGS:
        return format_string
    characters = []
    escaped = False
    for character in format_string:
        characters.append("b" if character == "M" and not escaped else character)
        escaped = character == "\\" and not escaped
    return "".join(characters)


def format_date(value: Any, format_string: str) -> str:
    """`formats.date_format` with the month rule above: `format_date(day, "j M Y")` gives "7 mrt 2026" in
    Dutch and "7 Mar 2026" in English."""
    return formats.date_format(value, month_case(format_string))


def month_abbreviations() -> dict[int, str]:
    """The twelve months' abbreviations in the active language, as "M" writes them (by the rule above)."""
    style = month_case("M")
    return {number: dateformat.format(date(2000, number, 1), style) for number in range(1, 13)}
