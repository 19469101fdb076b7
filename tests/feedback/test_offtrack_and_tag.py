"""The off-track rule on the documented example series (docs/feedback.md), and the last_feedback tag."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from kring.access.policy import Section
from kring.feedback.models import Instrument
from kring.feedback.offtrack import off_track
from kring.feedback.services import administration_submit

from .test_instruments import YOUNG


def test_a_start_score_well_below_the_own_mean_fires():
    # Example A: 7, 8, 7 then 5 — mean of earlier 7.33, 5 is 2.33 below it.
    signals = off_track([7, 8, 7, 5])
    assert [(s.index, s.reason) for s in signals] == [(3, "below_own_mean")]


def test_a_sudden_drop_fires_even_without_history():
    # Example B: 8 then 5 — a drop of 3 from the previous score.
    assert [(s.index, s.reason) for s in off_track([8, 5])] == [(1, "drop")]


@pytest.mark.parametrize("series", [[5, 6, 6, 7, 8], [7, 6, 7, 6, 6], [4], []])
def test_steady_or_rising_series_stay_quiet(series):
    # Example C: steady or improving help gives no signal.
    assert off_track(series) == []


def test_the_rule_is_configurable(settings):
    settings.KRING_FEEDBACK_OFF_TRACK = {"drop": 1}
    assert [s.index for s in off_track([7, 6])] == [1]
    assert off_track([7, 6], drop=2) == []


def _render(dossier, sections):
    return Template("{% load feedback_tags %}{% last_feedback dossier sections %}").render(
        Context({"dossier": dossier, "sections": sections})
    )


def test_the_tag_shows_the_latest_questionnaire_in_one_query(world):
    administration_submit(
        instrument=Instrument.objects.get(slug="exit", version=1),
        dossier=world.dossier,
        respondent_type="young_person",
        answers=YOUNG,
    )
    with CaptureQueriesContext(connection) as queries:
        html = _render(world.dossier, [Section.SUMMARY, Section.FEEDBACK])
    assert len(queries) <= 2
    assert "Terugkijken op de hulp" in html  # the name, in the reader's language (Dutch)


def test_the_tag_shows_nothing_without_the_feedback_section(world):
    with CaptureQueriesContext(connection) as queries:
        html = _render(world.dossier, [Section.SUMMARY])
    assert html.strip() == "" and len(queries) == 0
