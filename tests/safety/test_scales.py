"""Scaling questions: rounds of scores 0-10 by every kind of participant, trajectories with the large gaps
between family and professionals, drawn to SVG on the server."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kring.audit.models import AuditEntry
from kring.cases import charts
from kring.safety import scales
from kring.safety.models import ScaleRating

from ..factories import DossierFactory
from .conftest import seat

pytestmark = pytest.mark.django_db

OCT, NOV = date(2026, 10, 21), date(2026, 11, 4)


@pytest.fixture(autouse=True)
def _december():
    """Scores cannot lie in the future: the tests run on 1 December 2026."""
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def raters(world):
    """The child, mother, grandmother and the professional of the world dossier, as raters by name."""
    seat(world.dossier, "Nathalie", "parent", "mama")
    seat(world.dossier, "Rita", "informal", "oma")
    found = scales.dossier_raters(world.dossier)
    names = {"child": found[0]}
    for rater in found[1:]:
        key = "pro" if rater.group == "professional" else rater.participant.person.first_name.lower()
        names[key] = rater
    return names


def _round(world, raters, on, **scores):
    return scales.scale_ratings_record(
        actor=world.circle_member,
        dossier=world.dossier,
        question="safety",
        rated_on=on,
        scores=[(raters[name], score) for name, score in scores.items()],
    )


def _point(key, group, on, score):
    return scales.Point(key, key, group, on, score)


def test_gaps_compare_the_latest_score_of_every_rater_up_to_each_date():
    points = [
        _point("mama", "family", OCT, 7),
        _point("oma", "family", OCT, 5),
        _point("elke", "professional", OCT, 2),
        _point("elke", "professional", NOV, 5),  # mama and oma keep their October scores
        _point("kind", "family", date(2026, 11, 18), 9),
    ]
    moments = scales.gap_moments(points, threshold=3)
    assert [(m.on, m.family, m.professional, m.gap, m.large) for m in moments] == [
        (OCT, 6, 2, 4, True),
        (NOV, 6, 5, 1, False),
        (date(2026, 11, 18), 7, 5, 2, False),
    ]
    assert moments[0].family_higher
    assert [m.large for m in scales.gap_moments(points, threshold=1)] == [True, True, True]
    only_family = scales.gap_moments([_point("mama", "family", OCT, 3)], threshold=3)
    assert only_family[0].gap is None and not only_family[0].large


def test_the_chart_renders_to_svg_with_every_rater_and_the_gap(raters):
    points = [
        _point("Nathalie (mama)", "family", OCT, 7),
        _point("Elke (consulent)", "professional", OCT, 2),
        _point("Nathalie (mama)", "family", NOV, 8),
        _point("Elke (consulent)", "professional", NOV, 6),
    ]
    moments = scales.gap_moments(points, 3)
    labels = {k: k for k in ("score", "date", "rater", "group", "gap", "family", "professional")}
    spec = scales.scale_chart_spec(points, moments, title="Veiligheid", description="d", labels=labels)
    assert spec == scales.scale_chart_spec(
        points, moments, title="Veiligheid", description="d", labels=labels
    )
    svg = charts.render_svg(spec)
    assert svg.startswith("<svg ")
    for text in ("Nathalie (mama)", "Elke (consulent)", "Veiligheid", "gap 5"):
        assert text in svg, text
    assert "gap 2" not in svg  # November is not a large gap


def test_a_round_of_scores_is_saved_all_together_and_audited(world, raters):
    saved = _round(world, raters, OCT, child=8, nathalie=7, rita=6, pro=2)
    assert len(saved) == 4 and {r.group for r in saved} == {"family", "professional"}
    assert ScaleRating.objects.get(child__isnull=False).score == 8
    assert AuditEntry.objects.filter(object_type="safety.scalerating", action="create").count() == 4


@pytest.mark.parametrize("bad", [11, -1, 100])
def test_a_score_outside_0_to_10_saves_nothing_of_the_round(world, raters, bad):
    with translation.override("en"), pytest.raises(ValidationError, match="0 to 10"):
        _round(world, raters, OCT, nathalie=7, pro=bad)
    assert not ScaleRating.objects.exists()


def test_other_wrong_rounds_are_refused(world, raters):
    stranger = seat(DossierFactory(), "Kobe", "informal", "vreemde")
    outsider = scales.Rater("p0", "Kobe", "family", participant=stranger)
    with translation.override("en"):
        with pytest.raises(ValidationError, match="Only the children"):
            scales.scale_ratings_record(
                actor=None, dossier=world.dossier, question="safety", rated_on=OCT, scores=[(outsider, 5)]
            )
        with pytest.raises(ValidationError, match="not come yet"):
            _round(world, raters, timezone.localdate() + timedelta(days=1), nathalie=5)
        with pytest.raises(ValidationError, match="own question"):
            scales.scale_ratings_record(
                actor=None,
                dossier=world.dossier,
                question="custom",
                rated_on=OCT,
                scores=[(raters["rita"], 5)],
            )
        with pytest.raises(ValidationError, match="at least one score"):
            _round(world, raters, OCT)
        with pytest.raises(ValidationError, match="one score per question"):
            scales.scale_ratings_record(
                actor=None,
                dossier=world.dossier,
                question="safety",
                rated_on=OCT,
                scores=[(raters["rita"], 5), (raters["rita"], 6)],
            )
    assert not ScaleRating.objects.exists()


def _form(raters, **scores):
    data = {"question": "safety", "rated_on": OCT.isoformat(), "custom_question": "", "note": ""}
    data.update({f"score_{raters[name].key}": value for name, value in scores.items()})
    return data


def test_the_page_refuses_a_score_of_eleven_with_a_message(world, raters, client_for):
    url = reverse("safety_scales_record", args=[world.dossier.pk])
    page = client_for("circle_member").post(url, _form(raters, nathalie="7", pro="11"))
    body = page.content.decode()
    assert page.status_code == 400 and "Een schaal loopt van 0 tot 10." in body
    empty = client_for("circle_member").post(url, _form(raters))
    assert empty.status_code == 400 and "Vul minstens één score in." in empty.content.decode()
    assert not ScaleRating.objects.exists()
    done = client_for("circle_member").post(url, _form(raters, child="9", nathalie="7", pro="3"))
    assert done.status_code == 302 and done["Location"].endswith("?question=safety#scales-chart")
    assert ScaleRating.objects.count() == 3


def test_the_page_draws_the_svg_chart_and_warns_about_a_large_gap(world, raters, client_for):
    _round(world, raters, OCT, child=8, nathalie=8, rita=7, pro=2)
    _round(world, raters, NOV, nathalie=8, pro=6)
    client = client_for("circle_member")
    body = client.get(reverse("safety_scales", args=[world.dossier.pk])).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body and 'role="img"' in body
    assert 'aria-labelledby="scales-chart-title scales-chart-desc"' in body
    assert "Veiligheid" in body and 'data-testid="large-gaps"' in body
    assert "Op 1 datum liggen het gezin en de professionals 3 punten of meer uit elkaar" in body
    assert body.count("kring-scales__large") == 1
    # the controls: a bigger threshold shows no large gap; with htmx only the chart comes back
    partial = client.get(
        reverse("safety_scales", args=[world.dossier.pk]) + "?question=safety&gap=7",
        headers={"HX-Request": "true"},
    ).content.decode()
    assert partial.startswith('<div id="scales-chart"') and "<svg" in partial and "large-gaps" not in partial
    assert "<html" not in partial


def test_custom_questions_have_their_own_chart(world, raters, client_for):
    scales.scale_ratings_record(
        actor=None,
        dossier=world.dossier,
        question="custom",
        custom_question="Hoe zeker ben je dat mama op tijd belt?",
        rated_on=OCT,
        scores=[(raters["nathalie"], 9), (raters["pro"], 4)],
    )
    url = reverse("safety_scales", args=[world.dossier.pk])
    body = client_for("circle_member").get(url + "?question=custom:Hoe zeker ben je dat mama op tijd belt?")
    text = body.content.decode()
    assert "Hoe zeker ben je dat mama op tijd belt?" in text and "<svg" in text and "large-gaps" in text


def _queries(client, world):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("safety_scales", args=[world.dossier.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_scales_page_query_count_is_constant_and_outsiders_get_404(world, raters, client_for):
    client = client_for("circle_member")
    _round(world, raters, OCT, child=8, nathalie=8, pro=2)
    few = _queries(client, world)
    for week in range(1, 6):
        _round(world, raters, OCT + timedelta(weeks=week), child=8, nathalie=8, rita=6, pro=2 + week % 3)
    assert _queries(client, world) == few
    page = reverse("safety_scales", args=[world.dossier.pk])
    record = reverse("safety_scales_record", args=[world.dossier.pk])
    for persona in ("other_team", "other_org", "privacy_officer"):
        assert client_for(persona).get(page).status_code == 404
        assert client_for(persona).post(record, _form(raters, nathalie="5")).status_code == 404
    glass = client_for("break_glass")
    assert glass.get(page).status_code == 200 and "Scores vastleggen" not in glass.get(page).content.decode()
    assert glass.post(record, _form(raters, nathalie="5")).status_code == 404
    assert ScaleRating.objects.count() == 3 + 5 * 4
