"""The off-track rule on the documented example series (docs/feedback.md), and the last_feedback tag."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from kring.access.policy import Section
from kring.feedback.models import Instrument
from kring.feedback.offtrack import off_track
from kring.feedback.services import administration_plan, administration_submit, agreement_add

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


def test_the_tag_shows_the_latest_questionnaire(world):
    administration_submit(
        instrument=Instrument.objects.get(slug="exit", version=1),
        dossier=world.dossier,
        respondent_type="young_person",
        answers=YOUNG,
    )
    html = _render(world.dossier, [Section.SUMMARY, Section.FEEDBACK])
    assert "Terugkijken op de hulp" in html  # the name, in the reader's language (Dutch)
    assert "(jongere)" in html


def _session(world, values, start=date(2026, 1, 5)):
    instrument = Instrument.objects.get(slug="session-start", version=1)
    for i, value in enumerate(values):
        administration_submit(
            instrument=instrument,
            dossier=world.dossier,
            respondent_type="young_person",
            answers=dict.fromkeys(("me", "close", "daily", "life", "overall"), value),
            taken_on=start + timedelta(days=14 * i),
        )


def test_the_tag_signals_an_off_track_latest_session_and_what_waits(world):
    _session(world, [7, 7, 7, 4])
    administration_plan(
        actor=None,
        instrument=Instrument.objects.get(slug="exit", version=1),
        dossier=world.dossier,
        respondent_type="parent",
    )
    agreement_add(actor=None, dossier=world.dossier, topic="contact", text="Eerder bellen.", who="Anna")
    html = _render(world.dossier, [Section.FEEDBACK])
    assert html.count("Gaat minder goed:") == 1
    assert "1 vragenlijst wacht op antwoorden." in html
    assert "1 verbeterafspraak staat open." in html


def test_a_recovered_series_gives_no_signal(world):
    _session(world, [7, 7, 7, 4, 7])  # the low moment is not the latest any more
    assert "Gaat minder goed:" not in _render(world.dossier, [Section.FEEDBACK])


def test_the_tag_costs_the_same_few_queries_however_many_questionnaires(world):
    _session(world, [6, 7])
    with CaptureQueriesContext(connection) as few:
        _render(world.dossier, [Section.FEEDBACK])
    _session(world, [6, 7, 8, 7, 6, 7, 8, 7], start=date(2026, 3, 2))
    with CaptureQueriesContext(connection) as many:
        _render(world.dossier, [Section.FEEDBACK])
    # latest questionnaire, session series (administrations, items, answers), waiting, open agreements
    assert len(many) == len(few) <= 6


def test_the_tag_shows_nothing_without_the_feedback_section(world):
    with CaptureQueriesContext(connection) as queries:
        html = _render(world.dossier, [Section.SUMMARY])
    assert html.strip() == "" and len(queries) == 0
