"""The life-domain matrix: informants side by side at a moment, where they differ, and change over time."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.feedback.models import Administration, Instrument
from kring.feedback.scoring import score
from kring.feedback.selectors import lgm_matrix
from kring.feedback.services import administration_plan, administration_submit

DOMAINS = ("education", "work", "identity", "health", "family", "leisure", "friends", "safety")


def ratings(*values, **texts):
    return {**dict(zip(DOMAINS, values, strict=True)), **texts}


@pytest.fixture
def lgm(db):
    return Instrument.objects.get(slug="lgm", version=1)


def _fill(world, lgm, who, moment, day, answers):
    return administration_submit(
        instrument=lgm,
        dossier=world.dossier,
        respondent_type=who,
        answers=answers,
        moment=moment,
        taken_on=day,
    )


@pytest.fixture
def filled(world, lgm):
    start, during = date(2026, 2, 23), date(2026, 6, 15)
    _fill(
        world,
        lgm,
        "young_person",
        "start",
        start,
        ratings(6, 5, 6, 7, 7, 5, 8, 6, friends_helps="Veel vrienden."),
    )
    _fill(
        world,
        lgm,
        "parent",
        "start",
        start,
        ratings(4, 3, 5, 7, 6, 4, 3, 5, friends_hinders="Oudere jongens."),
    )
    _fill(world, lgm, "school", "start", start, ratings(3, 4, 5, 6, 6, 5, 4, 6))
    _fill(
        world, lgm, "young_person", "during", during, ratings(6, 7, 7, 7, 7, 8, 7, 7, leisure_helps="Boksen.")
    )
    _fill(world, lgm, "parent", "during", during, ratings(5, 6, 6, 7, 7, 7, 5, 6))


def test_eight_life_domains_each_with_a_rating_what_helps_and_what_gets_in_the_way(lgm):
    keys = [item.key for item in lgm.items.all()]
    assert keys == [k for d in DOMAINS for k in (d, f"{d}_helps", f"{d}_hinders")]
    assert set(lgm.respondent_types) == {"young_person", "parent", "school", "professional"}
    assert score(lgm, ratings(6, 5, 6, 7, 7, 5, 8, 6))["subscales"]["friends"] == 8.0


def test_the_moment_is_required(world, lgm):
    with pytest.raises(ValidationError) as refused:
        administration_plan(
            actor=world.circle_member, instrument=lgm, dossier=world.dossier, respondent_type="school"
        )
    assert "moment" in refused.value.message_dict
    assert not Administration.objects.exists()


def test_informants_side_by_side_and_where_they_differ(world, filled):
    matrix = lgm_matrix(world.dossier, "start")
    assert matrix.moments == ["start", "during"] and matrix.informants == ["young_person", "parent", "school"]
    friends = next(line for line in matrix.domains if line.code == "friends")
    assert [cell[0] for cell in friends.cells] == [8, 3, 4]
    assert friends.cells[0][1] == "Veel vrienden." and friends.cells[1][2] == "Oudere jongens."
    assert friends.spread == 5 and friends.informants_differ
    health = next(line for line in matrix.domains if line.code == "health")
    assert health.spread == 1 and not health.informants_differ
    # the latest moment by default; school did not fill in during
    latest = lgm_matrix(world.dossier)
    assert latest.moment == "during"
    assert next(line for line in latest.domains if line.code == "friends").cells[2] is None


def test_change_between_moments_per_informant(world, filled):
    matrix = lgm_matrix(world.dossier)
    work = next(line for line in matrix.domains if line.code == "work")
    assert work.changes == [([5, 7], 2), ([3, 6], 3), ([4, None], None)]


def test_the_page_shows_both_views_and_the_chart(world, filled, client_for):
    client = client_for("circle_member")
    url = reverse("feedback_lgm", args=[world.dossier.pk])
    html = client.get(url, {"moment": "start"}).content.decode()
    assert "Oudere jongens." in html and "Veel vrienden." in html
    assert "Invullers verschillen 5 punten: bespreek dit" in html
    assert "3 → 6 <strong>(+3)</strong>" in html  # the parents on work: start → during
    assert html.count('role="img"') == 1  # the chart of change, with its title
    during = client.get(url, {"moment": "during"}).content.decode()
    assert "Boksen." in during and "Oudere jongens." not in during.split("Verandering tussen")[0]


def test_the_spread_that_counts_as_a_difference_is_configurable(world, filled, settings):
    settings.KRING_FEEDBACK_LGM_SPREAD = 6
    friends = next(line for line in lgm_matrix(world.dossier, "start").domains if line.code == "friends")
    assert not friends.informants_differ


@pytest.mark.parametrize("persona", ["other_team", "other_org", "privacy_officer"])
def test_outsiders_do_not_see_the_matrix(world, filled, client_for, persona):
    assert client_for(persona).get(reverse("feedback_lgm", args=[world.dossier.pk])).status_code == 404


def test_the_page_query_count_is_constant(world, lgm, client_for):
    client = client_for("circle_member")
    url = reverse("feedback_lgm", args=[world.dossier.pk])
    _fill(world, lgm, "parent", "start", date(2026, 1, 5), ratings(5, 5, 5, 5, 5, 5, 5, 5))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i, who in enumerate(["young_person", "school", "professional", "parent", "young_person", "school"]):
        moment = ("start", "during", "end")[i % 3]
        _fill(world, lgm, who, moment, date(2026, 1, 5) + timedelta(days=30 * i), ratings(*[i % 10] * 8))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
