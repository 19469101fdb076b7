"""Contact intensity reproduces the figures of seed 004 (§8): the report shows hours and minutes."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.template import engines
from django.utils import translation

from kring.cases.intensity import contact_intensity
from kring.cases.models import Contact

START = date(2025, 3, 3)  # the day of the urgent claim
SIX_WEEKS = START + timedelta(days=41)


def _contacts(*minutes: int) -> list[Contact]:
    return [Contact(occurred_on=START + timedelta(days=3 * i), minutes=m) for i, m in enumerate(minutes)]


def _duration(minutes: int) -> str:
    with translation.override("nl"):
        return engines["django"].from_string("{% load kring %}{{ m|duration }}").render({"m": minutes})


def test_seed_hd_case1_intensity_is_38h56_over_six_weeks_and_6h29_a_week():
    contacts = _contacts(*([180] * 12), 176)  # twelve of 3 h and one of 2 h 56 = 38 h 56 min
    intensity = contact_intensity(contacts, START, SIX_WEEKS)
    assert intensity.total_minutes == 38 * 60 + 56
    assert intensity.days == 42 and len(intensity.weeks) == 6
    assert intensity.per_week_minutes == 6 * 60 + 29
    assert _duration(intensity.total_minutes) == "38 u 56 min"
    assert _duration(intensity.per_week_minutes) == "6 u 29 min"


def test_seed_hd_case2_intensity_is_33h_over_six_weeks_and_5h30_a_week():
    intensity = contact_intensity(_contacts(*([165] * 12)), START, SIX_WEEKS)
    assert (intensity.total_minutes, intensity.per_week_minutes) == (33 * 60, 5 * 60 + 30)


def test_minutes_fall_in_the_week_of_the_period_they_happened_in_and_outside_ones_do_not_count():
    contacts = [
        Contact(occurred_on=START, minutes=60),
        Contact(occurred_on=START + timedelta(days=6), minutes=30),  # still week 1
        Contact(occurred_on=START + timedelta(days=7), minutes=45),  # week 2
        Contact(occurred_on=START - timedelta(days=1), minutes=500),  # before the period
        Contact(occurred_on=SIX_WEEKS + timedelta(days=1), minutes=500),  # after it
    ]
    intensity = contact_intensity(contacts, START, SIX_WEEKS)
    assert [w.minutes for w in intensity.weeks] == [90, 45, 0, 0, 0, 0]
    assert intensity.contacts == 3 and intensity.total_minutes == 135


def test_a_period_that_runs_backwards_is_refused():
    with pytest.raises(ValidationError):
        contact_intensity([], SIX_WEEKS, START)
