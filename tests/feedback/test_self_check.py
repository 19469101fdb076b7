"""The worker's self-check (zelfonderzoek) on working true to the method."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.feedback.models import Administration, Instrument
from kring.feedback.scoring import score
from kring.feedback.selectors import self_check_overview
from kring.feedback.services import administration_plan, administration_submit

VISION = ("v_strengths", "v_own", "v_network", "v_future")
STEPS = ("s_bookends", "s_who", "s_ikplan", "s_frame", "s_desistance", "s_close")
FEEDBACK = ("f_session", "f_anchors", "f_team")


def answers(vision=(4, 3, 3, 4), steps=(4, 4, 2, 4, 3, 1), feedback=(3, 1, 4), **extra):
    return {
        **dict(zip(VISION, vision, strict=True)),
        **dict(zip(STEPS, steps, strict=True)),
        **dict(zip(FEEDBACK, feedback, strict=True)),
        **extra,
    }


@pytest.fixture
def check(db):
    return Instrument.objects.get(slug="self-check", version=1)


def _do(world, check, day, **kwargs):
    return administration_submit(
        instrument=check,
        dossier=world.dossier,
        respondent_type="professional",
        answers=answers(**kwargs),
        taken_on=day,
    )


def test_three_parts_scored_as_means(check):
    assert score(check, answers()) == {"subscales": {"vision": 3.5, "steps": 3.0, "feedback": 2.7}}
    assert check.respondent_types == ["professional"]
    assert check.items.get(key="next").required is False


def test_only_the_worker_does_the_self_check(world, check):
    with pytest.raises(ValidationError):
        administration_plan(
            actor=world.circle_member, instrument=check, dossier=world.dossier, respondent_type="parent"
        )
    assert not Administration.objects.exists()


def test_the_points_to_work_on_come_from_the_latest_self_check(world, check, client_for):
    _do(world, check, date(2026, 2, 2), steps=(1, 1, 1, 1, 1, 1))
    _do(world, check, date(2026, 6, 1), next="Vaker om feedback vragen.")
    overview = self_check_overview(world.dossier)
    assert [item.value for item in overview.attention] == [2, 1, 1]
    html = (
        client_for("circle_member")
        .get(reverse("feedback_self_check", args=[world.dossier.pk]))
        .content.decode()
    )
    assert "De jongere heeft een IK-plan in eigen woorden." in html
    assert "Vaker om feedback vragen." in html
    assert 'role="img"' in html


@pytest.mark.parametrize("persona", ["other_team", "other_org"])
def test_outsiders_do_not_see_the_self_check(world, check, client_for, persona):
    _do(world, check, date(2026, 2, 2))
    assert client_for(persona).get(reverse("feedback_self_check", args=[world.dossier.pk])).status_code == 404


def test_the_page_query_count_is_constant(world, check, client_for):
    client = client_for("circle_member")
    url = reverse("feedback_self_check", args=[world.dossier.pk])
    _do(world, check, date(2026, 1, 5))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(1, 6):
        _do(world, check, date(2026, 1, 5) + timedelta(days=30 * i))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
