"""Evaluation moments (interim, end): scores, decisions, and the bottom lines' status taken from them."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kring.cases.models import CircleMember
from kring.safety import evaluations, scales
from kring.safety.models import BottomLine, Evaluation, ScaleRating

pytestmark = pytest.mark.django_db

INTERIM, END = date(2026, 11, 4), date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _december():
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def raters(world, case2):
    """The raters by kind and first name: "k" the child, "pNathalie" mother, "c" the professional."""
    return {
        r.key[0] + (r.participant.person.first_name if r.participant else ""): r
        for r in scales.dossier_raters(world.dossier)
    }


def _record(world, case2, raters, *, held_on=INTERIM, statuses=("met", "not_yet"), scores=None, **extra):
    supervised, three = case2["lines"]
    evidence = {
        "met": "Oma Rita sliep elke weeknacht bij de kinderen.",
        "not_yet": "",
        "breached": "Louis was alleen.",
    }
    return evaluations.evaluation_record(
        actor=world.circle_member,
        dossier=world.dossier,
        kind=extra.pop("kind", "interim"),
        held_on=held_on,
        plan=case2["plan"],
        participants=[case2["mother"], *case2["network"]],
        circle_members=list(CircleMember.objects.filter(dossier=world.dossier)),
        decisions="Het plan loopt door; tante Jolien neemt ook woensdag over.",
        outcome=extra.pop("outcome", "continue"),
        assessments=[
            (supervised, statuses[0], evidence[statuses[0]]),
            (three, statuses[1], evidence[statuses[1]]),
        ],
        scores=scores if scores is not None else [(raters["pNathalie"], 8), (raters["c"], 6)],
        **extra,
    )


def test_seed_hd_case2_an_evaluation_sets_the_bottom_lines_status_with_evidence(world, case2, raters):
    evaluation = _record(world, case2, raters)
    supervised, three = (BottomLine.objects.get(pk=line.pk) for line in case2["lines"])
    assert (supervised.status, supervised.status_on, supervised.status_evaluation) == (
        "met",
        INTERIM,
        evaluation,
    )
    assert supervised.evidence == "Oma Rita sliep elke weeknacht bij de kinderen."
    assert (three.status, three.status_evaluation) == ("not_yet", evaluation)
    assert evaluation.plan_version.number == 1
    ratings = ScaleRating.objects.filter(evaluation=evaluation)
    assert [(r.rated_on, r.score) for r in ratings.order_by("score")] == [(INTERIM, 6), (INTERIM, 8)]
    # the end evaluation finds the first bottom line breached
    end = _record(
        world, case2, raters, held_on=END, kind="end", statuses=("breached", "met"), outcome="adjust"
    )
    supervised.refresh_from_db()
    assert (supervised.status, supervised.evidence, supervised.status_evaluation) == (
        "breached",
        "Louis was alleen.",
        end,
    )


def test_an_older_evaluation_recorded_later_does_not_undo_a_newer_status(world, case2, raters):
    _record(world, case2, raters, held_on=END, kind="end", statuses=("met", "met"))
    _record(world, case2, raters, held_on=INTERIM, statuses=("breached", "not_yet"))
    statuses = [BottomLine.objects.get(pk=line.pk).status for line in case2["lines"]]
    assert statuses == ["met", "met"]
    assert Evaluation.objects.count() == 2


def test_bad_evaluations_save_nothing(world, case2, raters):
    with translation.override("en"):
        with pytest.raises(ValidationError, match="evidence"):
            evaluations.evaluation_record(
                actor=None,
                dossier=world.dossier,
                kind="interim",
                held_on=INTERIM,
                decisions="Verder.",
                outcome="continue",
                assessments=[(case2["lines"][0], "met", "  ")],
            )
        with pytest.raises(ValidationError, match="0 to 10"):
            _record(world, case2, raters, scores=[(raters["pNathalie"], 8), (raters["c"], 12)])
        with pytest.raises(ValidationError, match="what was decided"):
            evaluations.evaluation_record(
                actor=None, dossier=world.dossier, kind="end", held_on=END, decisions=" ", outcome="close"
            )
        with pytest.raises(ValidationError, match="not come yet"):
            _record(world, case2, raters, held_on=date(2026, 12, 2))
    assert not Evaluation.objects.exists() and not ScaleRating.objects.exists()
    assert {BottomLine.objects.get(pk=line.pk).status for line in case2["lines"]} == {"not_yet"}


def _post(world, case2, raters, **changes):
    supervised, three = case2["lines"]
    data = {
        "kind": "interim",
        "held_on": INTERIM.isoformat(),
        "plan": case2["plan"].pk,
        "participants": [case2["mother"].pk],
        "question": "safety",
        f"status_{supervised.pk}": "met",
        f"evidence_{supervised.pk}": "Altijd iemand bij de kinderen.",
        f"status_{three.pk}": "not_yet",
        f"score_{raters['pNathalie'].key}": "8",
        f"score_{raters['c'].key}": "6",
        "decisions": "Het plan loopt door.",
        "outcome": "continue",
    }
    data.update(changes)
    return data


def test_the_page_records_an_evaluation_and_the_overview_shows_where_the_status_comes_from(
    world, case2, raters, client_for
):
    client = client_for("circle_member")
    url = reverse("safety_evaluation_add", args=[world.dossier.pk])
    supervised = case2["lines"][0]
    bad = client.post(url, _post(world, case2, raters, **{f"score_{raters['c'].key}": "11"}))
    assert bad.status_code == 400 and "Een schaal loopt van 0 tot 10." in bad.content.decode()
    no_evidence = client.post(url, _post(world, case2, raters, **{f"evidence_{supervised.pk}": ""}))
    assert no_evidence.status_code == 400 and "Schrijf het bewijs op" in no_evidence.content.decode()
    assert not Evaluation.objects.exists()
    done = client.post(url, _post(world, case2, raters))
    assert done.status_code == 302
    page = client.get(reverse("safety_evaluations", args=[world.dossier.pk])).content.decode()
    assert "Tussentijdse evaluatie · 4 november 2026" in page and "Altijd iemand bij de kinderen." in page
    overview = client.get(reverse("safety_overview", args=[world.dossier.pk])).content.decode()
    assert "uit de tussentijdse evaluatie van 4 november 2026" in overview


def _queries(client, world):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("safety_evaluations", args=[world.dossier.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_evaluations_page_query_count_is_constant_and_outsiders_get_404(world, case2, raters, client_for):
    client = client_for("circle_member")
    _record(world, case2, raters)
    few = _queries(client, world)
    for day in (5, 12, 19, 26):
        _record(world, case2, raters, held_on=date(2026, 11, day), statuses=("met", "met"))
    assert _queries(client, world) == few
    page = reverse("safety_evaluations", args=[world.dossier.pk])
    add = reverse("safety_evaluation_add", args=[world.dossier.pk])
    for persona in ("other_team", "other_org", "privacy_officer"):
        assert client_for(persona).get(page).status_code == 404
        assert client_for(persona).post(add, _post(world, case2, raters)).status_code == 404
    glass = client_for("break_glass")
    assert (
        glass.get(page).status_code == 200 and "Evaluatie vastleggen" not in glass.get(page).content.decode()
    )
    assert glass.post(add, _post(world, case2, raters)).status_code == 404
    assert Evaluation.objects.count() == 5
