"""The seed study's five outcome measures on two made-up cohorts of 50 young people in youth probation:
Signs of Success (B) against regular probation (A), with differences built in on three of them."""

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest

from kring.cases.models import Measure
from kring.insights.cohorts import TOO_SMALL, bootstrap_difference, compare
from kring.insights.indicators import Cohort, cohort_measures
from kring.insights.models import EndJudgement, Method, MethodLabel, ProbationEvent, RiskAssessment

from ..factories import DossierFactory, PersonFactory, TeamFactory

START = date(2024, 1, 1)


def _young_person(team, index, method, *, duration, risk_drop, goal, warnings, reports):
    child = PersonFactory(first_name=f"Jongere{index}", date_of_birth=date(2008, 5, 1))
    dossier = DossierFactory(owning_team=team, opened_on=START, with_children=0)
    dossier.children.add(child)
    MethodLabel.objects.create(dossier=dossier, method=method, since=START)
    measure = Measure.objects.create(
        dossier=dossier,
        child=child,
        kind="nl_youth_probation",
        started_on=START,
        ended_on=START + timedelta(days=duration),
        end_reason="goals_reached",
    )
    for day, total in ((START + timedelta(days=10), 20), (measure.ended_on, 20 + risk_drop)):
        RiskAssessment.objects.create(
            dossier=dossier,
            child=child,
            measure=measure,
            instrument="lij",
            assessed_on=day,
            overall_level="medium",
            dynamic_total=Decimal(total),
        )
    EndJudgement.objects.create(
        measure=measure,
        dossier=dossier,
        goal_realisation=goal,
        help_accepted=goal,
        evidence="x",
        judged_on=measure.ended_on,
    )
    for n, kind in [(warnings, "warning_talk"), (reports, "report_back")]:
        for i in range(n):
            ProbationEvent.objects.create(
                dossier=dossier,
                measure=measure,
                kind=kind,
                reason="no_show",
                occurred_on=START + timedelta(days=i + 1),
            )


@pytest.fixture
def cohorts(db):
    team = TeamFactory(name="Team Jeugdreclassering")
    for i in range(50):
        # regular: risk -1 or -3 (mean -2), duration 300/400 (mean 350), goals 3, warnings 2 or 0 (mean 1)
        _young_person(
            team,
            i,
            Method.REGULAR,
            duration=300 + 100 * (i % 2),
            risk_drop=-1 - 2 * (i % 2),
            goal=3,
            warnings=2 * (i % 2),
            reports=i % 2,
        )
        # Signs of Success: risk -4 or -6 (mean -5), the same durations, goals 4, warnings 1 or 0 (mean 0.5)
        _young_person(
            team,
            50 + i,
            Method.SIGNS_OF_SUCCESS,
            duration=300 + 100 * (i % 2),
            risk_drop=-4 - 2 * (i % 2),
            goal=4,
            warnings=i % 2,
            reports=i % 2,
        )
    return team


def _cohort(team, method):
    return cohort_measures(Cohort(team_ids=frozenset({team.pk}), method=method))


def test_the_five_outcomes_side_by_side(cohorts, django_assert_num_queries):
    # one query per cohort: the five outcomes per ended measure
    with django_assert_num_queries(2):
        results = compare(_cohort(cohorts, Method.REGULAR), _cohort(cohorts, Method.SIGNS_OF_SUCCESS))
    by = {r.outcome: r for r in results}
    assert [r.outcome for r in results] == [
        "risk_change",
        "duration_days",
        "goal_realisation",
        "warning_talks",
        "reports_back",
    ]
    assert all(r.n_a == 50 and r.n_b == 50 and not r.warning for r in results)
    assert by["risk_change"].mean_a == pytest.approx(-2) and by["risk_change"].mean_b == pytest.approx(-5)
    assert by["risk_change"].difference == pytest.approx(-3)
    assert by["risk_change"].ci_high < 0 and by["risk_change"].certain
    assert by["goal_realisation"].difference == pytest.approx(1)
    # no spread at all in goals: the interval is the difference itself
    assert by["goal_realisation"].ci_low == pytest.approx(1) and by[
        "goal_realisation"
    ].ci_high == pytest.approx(1)
    assert by["warning_talks"].difference == pytest.approx(-0.5) and by["warning_talks"].certain
    # the same durations and reports back in both cohorts: no difference, and the interval says so
    assert by["duration_days"].difference == pytest.approx(0)
    assert by["duration_days"].ci_low < 0 < by["duration_days"].ci_high and not by["duration_days"].certain
    assert by["reports_back"].difference == pytest.approx(0) and not by["reports_back"].certain


def test_a_small_group_gets_a_plain_warning(cohorts):
    small = _cohort(cohorts, Method.SIGNS_OF_SUCCESS).order_by("pk")[:10]
    results = compare(
        _cohort(cohorts, Method.REGULAR),
        Measure.objects.filter(pk__in=list(small.values_list("pk", flat=True))),
    )
    assert all(r.n_b == 10 for r in results)
    assert all(str(TOO_SMALL) in r.warning for r in results)
    assert results[0].difference is not None  # still computed, but flagged


def test_a_group_under_five_shows_no_figures(cohorts):
    tiny = list(_cohort(cohorts, Method.SIGNS_OF_SUCCESS).values_list("pk", flat=True)[:4])
    results = compare(_cohort(cohorts, Method.REGULAR), Measure.objects.filter(pk__in=tiny))
    assert all(r.mean_b is None and r.difference is None and r.warning for r in results)


def test_bootstrap_interval_covers_the_difference_of_normal_samples():
    rng = np.random.default_rng(1)
    a, b = rng.normal(0, 1, 200), rng.normal(0.5, 1, 200)
    difference, low, high = bootstrap_difference(a, b)
    assert low < difference < high
    assert low > 0  # 0.5 standard deviations with 200 each: clearly different
    assert high - low == pytest.approx(2 * 1.96 * np.sqrt(2 / 200), rel=0.2)
