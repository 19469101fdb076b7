"""The seven anchors of Signs of Success, rated by the young person and the worker (method integrity)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from kring.feedback.forms import questions
from kring.feedback.models import Instrument
from kring.feedback.scoring import score
from kring.feedback.selectors import anchors_overview
from kring.feedback.services import administration_submit

KEYS = ("worth", "hope", "firm", "courage", "support", "ups_downs", "own_change")


def ratings(*values):
    return dict(zip(KEYS, values, strict=True))


@pytest.fixture
def youth(db):
    return Instrument.objects.get(slug="anchors-youth", version=1)


@pytest.fixture
def worker(db):
    return Instrument.objects.get(slug="anchors-worker", version=1)


def _rate(world, instrument, who, day, values):
    return administration_submit(
        instrument=instrument,
        dossier=world.dossier,
        respondent_type=who,
        answers=ratings(*values),
        taken_on=day,
    )


@pytest.fixture
def rated(world, youth, worker):
    _rate(world, youth, "young_person", date(2026, 3, 2), (4, 5, 8, 6, 5, 6, 5))
    _rate(world, worker, "professional", date(2026, 3, 3), (8, 7, 6, 6, 8, 8, 7))
    _rate(world, youth, "young_person", date(2026, 6, 1), (6, 7, 8, 7, 6, 7, 7))
    _rate(world, worker, "professional", date(2026, 6, 1), (8, 8, 6, 7, 8, 8, 7))


def test_the_same_seven_anchors_in_two_languages(youth, worker):
    assert [i.key for i in youth.items.all()] == [i.key for i in worker.items.all()] == list(KEYS)
    assert youth.items.get(key="worth").text == "I am worth it."
    assert worker.items.get(key="worth").text.startswith("I believe in what this young person")
    assert (youth.respondent_types, worker.respondent_types) == (["young_person"], ["professional"])
    assert score(youth, ratings(4, 5, 8, 6, 5, 6, 5)) == {"subscales": {"anchors": 5.6}}


def test_the_scale_ends_fit_the_statements(youth, settings):
    settings.LANGUAGE_CODE = "en"
    first = questions(youth)[0]
    assert first.ends == ("0 = not true at all", "10 = completely true")


def test_latest_ratings_side_by_side_and_the_gap(world, rated):
    overview = anchors_overview(world.dossier)
    worth = overview.lines[0]
    assert (worth.latest_youth, worth.latest_worker, worth.gap) == (6, 8, -2)
    assert not worth.see_it_differently
    assert [value for _day, value in worth.youth] == [4, 6]
    assert overview.days == [date(2026, 3, 2), date(2026, 3, 3), date(2026, 6, 1)]
    assert [row.main_score for row in overview.results.rows] == [5.6, 7.1, 6.9, 7.4]


def test_a_large_gap_asks_to_talk(world, youth, worker, client_for):
    _rate(world, youth, "young_person", date(2026, 3, 2), (2, 5, 8, 6, 5, 6, 5))
    _rate(world, worker, "professional", date(2026, 3, 2), (8, 7, 6, 6, 6, 8, 7))  # only 'worth' is 3+ apart
    assert anchors_overview(world.dossier).lines[0].see_it_differently
    html = (
        client_for("circle_member").get(reverse("feedback_anchors", args=[world.dossier.pk])).content.decode()
    )
    assert html.count("Jullie zien dit verschillend: bespreek het") == 1


def test_the_page_shows_both_languages_and_charts(world, rated, client_for):
    html = (
        client_for("circle_member").get(reverse("feedback_anchors", args=[world.dossier.pk])).content.decode()
    )
    assert "Ik ben de moeite waard." in html and "Ik geef hoop en vertrouwen." in html
    assert html.count('role="img"') == 2  # the mean over time, and one small chart per anchor


def test_the_signs_of_success_link_reaches_this_page(world):
    url = reverse("feedback_instrument", args=[world.dossier.pk, "anchors"])
    assert (
        resolve(url).url_name
        == "feedback_anchors"
        == resolve(reverse("feedback_anchors", args=[world.dossier.pk])).url_name
    )


@pytest.mark.parametrize("persona", ["other_team", "other_org"])
def test_outsiders_do_not_see_the_anchors(world, rated, client_for, persona):
    assert client_for(persona).get(reverse("feedback_anchors", args=[world.dossier.pk])).status_code == 404


def test_the_page_query_count_is_constant(world, youth, worker, client_for):
    client = client_for("circle_member")
    url = reverse("feedback_anchors", args=[world.dossier.pk])
    _rate(world, youth, "young_person", date(2026, 1, 5), (5,) * 7)
    _rate(world, worker, "professional", date(2026, 1, 5), (6,) * 7)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(1, 6):
        day = date(2026, 1, 5) + timedelta(days=30 * i)
        _rate(world, youth, "young_person", day, (i,) * 7)
        _rate(world, worker, "professional", day, (9 - i,) * 7)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
