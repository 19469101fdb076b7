"""Month abbreviations as Dutch writes them: "7 mrt 2026", not Django's capitalised "7 Mrt 2026"."""

from datetime import UTC, date, datetime

import pytest
from django.template import engines
from django.utils import timezone, translation

from kring.ui.dates import format_date, month_abbreviations, month_case

DAY = date(2026, 10, 22)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "22 okt 2026"),
        ("nl-be", "22 okt 2026"),  # Flemish work
        ("en", "22 Oct 2026"),
        ("pl", "22 paź 2026"),  # Polish writes months in lower case too
        ("tr", "22 Eki 2026"),  # Turkish capitalises them
    ],
)
def test_every_template_writes_the_month_in_the_languages_case(language: str, expected: str) -> None:
    page = engines["django"].from_string('{{ day|date:"j M Y" }}')  # the builtin, without a {% load %}
    with translation.override(language):
        assert page.render({"day": DAY}) == expected


def test_times_named_formats_and_escaped_letters_keep_their_meaning() -> None:
    page = engines["django"].from_string(
        '{{ moment|date:"j M Y H:i" }}|{{ day|date:"DATE_FORMAT" }}|{{ day|date:"\\M j M" }}|{{ day|date }}'
    )
    with translation.override("nl"), timezone.override("Europe/Amsterdam"):
        assert page.render({"moment": datetime(2026, 3, 7, 11, 5, tzinfo=UTC), "day": DAY}) == (
            "7 mrt 2026 12:05|22 oktober 2026|M 22 okt|22 oktober 2026"
        )


def test_python_code_follows_the_same_rule() -> None:
    with translation.override("nl"):
        assert format_date(date(2026, 3, 7), "j M Y") == "7 mrt 2026"
        assert month_abbreviations()[5] == "mei"
        assert month_case("DATETIME_FORMAT") == "DATETIME_FORMAT"
    with translation.override("en"):
        assert format_date(date(2026, 3, 7), "j M Y") == "7 Mar 2026"
        assert month_abbreviations()[5] == "May"
