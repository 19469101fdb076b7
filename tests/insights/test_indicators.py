"""Each indicator on a small hand-made data set, with the expected numbers written here.

Five children, each in their own dossier of one team; OTS measures all start on 1 January 2024:
  m1 Noor  100 days, goals reached       (new voluntary measure 1 June 2024: a repeat appeal)
  m2 Daan  200 days, escalated           (not in the repeat-appeal denominator)
  m3 Sem   300 days, transferred         (idem)
  m4 Lotte 400 days, early positive      (a new measure starts on the very day of the end: not a repeat)
  m5 Milan still running
"today" is 1 June 2026.
"""

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np
import pytest
from django.db.models import Value
from django.utils import timezone

from kring.bulk_rows import day_number
from kring.cases.models import Contact, Measure
from kring.feedback.models import Administration, Answer, Instrument
from kring.insights.bulk import OutcomeBuilder
from kring.insights.indicators import (
    Cohort,
    DaysBetween,
    age_in_years,
    client_experience,
    cohort_measures,
    duration_quartiles,
    end_shares,
    indicator_set,
    process_figures,
    repeat_appeal,
    risk_change,
    scale_change,
)
from kring.insights.models import Method, MethodLabel, RiskAssessment
from kring.safety.models import Mapping, ScaleQuestion, ScaleRating

from ..factories import CircleMemberFactory, DossierFactory, MembershipFactory, PersonFactory, TeamFactory

TODAY = date(2026, 6, 1)
NOW = timezone.make_aware(datetime(2026, 6, 1, 12, 0))
START = date(2024, 1, 1)


@pytest.fixture
def data(db):
    team = TeamFactory(name="Team Oost")
    names = ["Noor", "Daan", "Sem", "Lotte", "Milan"]
    dossiers, measures = [], []
    ends = [(100, "goals_reached"), (200, "escalated"), (300, "transferred"), (400, "early_positive_closure")]
    for index, name in enumerate(names):
        child = PersonFactory(first_name=name, date_of_birth=date(2010, 3, 1))
        dossier = DossierFactory(owning_team=team, opened_on=START, with_children=0)
        dossier.children.add(child)
        ended = ends[index] if index < len(ends) else None
        measure = Measure.objects.create(
            dossier=dossier,
            child=child,
            kind="nl_ots",
            started_on=START,
            planned_end_on=START + timedelta(days=365),
            ended_on=START + timedelta(days=ended[0]) if ended else None,
            end_reason=ended[1] if ended else "",
        )
        dossiers.append(dossier)
        measures.append(measure)
    m1, m2, _m3, m4, _m5 = measures
    Measure.objects.create(
        dossier=dossiers[0], child=m1.child, kind="nl_voluntary", started_on=date(2024, 6, 1)
    )
    Measure.objects.create(dossier=dossiers[3], child=m4.child, kind="nl_voluntary", started_on=m4.ended_on)
    # risk: m1 10 → 6 (-4), m4 8 → 8.5 (+0.5), m2 a single assessment (no change to measure)
    for measure, day, total in [
        (m1, date(2024, 1, 5), "10"),
        (m1, date(2024, 3, 1), "6"),
        (m4, date(2024, 1, 10), "8"),
        (m4, date(2024, 12, 1), "8.5"),
        (m2, date(2024, 2, 1), "9"),
    ]:
        RiskAssessment.objects.create(
            dossier=measure.dossier,
            child=measure.child,
            measure=measure,
            instrument="lij",
            assessed_on=day,
            overall_level="medium",
            dynamic_total=Decimal(total),
        )
    # scaling (dossier 1): family 3 → 7 (+4), professional 4 → 6 (+2); a rating after the end is ignored
    seat = CircleMemberFactory(dossier=dossiers[0], membership=MembershipFactory(team=team))
    for day, score in [(date(2024, 1, 2), 3), (date(2024, 4, 1), 7), (date(2024, 5, 1), 10)]:
        ScaleRating.objects.create(
            dossier=dossiers[0], question=ScaleQuestion.SAFETY, child=m1.child, score=score, rated_on=day
        )
    for day, score in [(date(2024, 1, 2), 4), (date(2024, 4, 5), 6)]:
        ScaleRating.objects.create(
            dossier=dossiers[0], question=ScaleQuestion.SAFETY, circle_member=seat, score=score, rated_on=day
        )
    # the mapping's safety scale (dossier 2): 2 → 5 (+3)
    Mapping.objects.create(dossier=dossiers[1], number=1, held_on=date(2024, 1, 10), safety_scale=2)
    Mapping.objects.create(dossier=dossiers[1], number=2, held_on=date(2024, 5, 1), safety_scale=5)
    # contacts: dossier 1 on day 7 (60 min) and 31 (80 min); dossier 2 on day 3 (30 min)
    worker = seat.user
    for dossier, day, minutes in [
        (dossiers[0], date(2024, 1, 8), 60),
        (dossiers[0], date(2024, 2, 1), 80),
        (dossiers[1], date(2024, 1, 4), 30),
    ]:
        Contact.objects.create(
            dossier=dossier, occurred_on=day, minutes=minutes, kind="home_visit", worker=worker
        )
    return {"team": team, "dossiers": dossiers, "measures": measures}


def _ots(data) -> Cohort:
    return Cohort(team_ids=frozenset({data["team"].pk}), kinds=("nl_ots",))


def test_duration_quartiles_interpolate_like_numpy(data):
    durations = duration_quartiles(cohort_measures(_ots(data)))
    # 100, 200, 300, 400 days: numpy.quantile gives 175, 250, 325; the running measure does not count
    assert durations == {"nl_ots": {"n": 4, "q1": 175.0, "median": 250.0, "q3": 325.0}}


def test_duration_of_a_single_measure_is_its_own_quartiles(data):
    cohort = Cohort(team_ids=frozenset({data["team"].pk}), kinds=("nl_ots",), ended_until=date(2024, 4, 30))
    assert duration_quartiles(cohort_measures(cohort)) == {
        "nl_ots": {"n": 1, "q1": 100.0, "median": 100.0, "q3": 100.0}
    }


def test_end_shares_by_category(data):
    ends = end_shares(cohort_measures(_ots(data)))
    assert ends["total"] == 4
    assert ends["counts"] == {
        "as_planned": 1,
        "early_positive": 1,
        "escalated": 1,
        "transferred": 1,
        "other": 0,
    }
    assert ends["shares"]["as_planned"] == 0.25


def test_end_shares_of_nothing_are_not_zero_but_unknown(db):
    ends = end_shares(cohort_measures(Cohort(team_ids=frozenset())))
    assert ends["total"] == 0
    assert ends["shares"]["as_planned"] is None


def test_repeat_appeal_within_12_and_24_months(data):
    repeat = repeat_appeal(cohort_measures(_ots(data)), today=TODAY)
    # 12 months: m1 (repeat) and m4 (new measure on the end day itself: no repeat); m2, m3 excluded
    assert repeat[12] == {"numerator": 1, "denominator": 2, "share": 0.5}
    # 24 months: m4 ended 4 Feb 2025, its window has not passed by 1 June 2026
    assert repeat[24] == {"numerator": 1, "denominator": 1, "share": 1.0}


def test_risk_change_over_measures_with_two_assessments(data):
    change = risk_change(cohort_measures(_ots(data)).filter(ended_on__isnull=False))
    assert change["n"] == 2
    assert change["mean_change"] == pytest.approx(-1.75)


def test_scale_change_start_to_end(data):
    scales = scale_change(cohort_measures(_ots(data)), today=TODAY)
    assert scales["family"]["n"] == 1 and scales["family"]["mean_change"] == pytest.approx(4)
    assert scales["professional"]["n"] == 1 and scales["professional"]["mean_change"] == pytest.approx(2)
    assert scales["mapping"]["n"] == 1 and scales["mapping"]["mean_change"] == pytest.approx(3)


def test_process_figures(data):
    process = process_figures(cohort_measures(_ots(data)), now=NOW, today=TODAY)
    # first contact after 7 and 3 days; dossiers without contact do not count
    assert process["intake"] == {"n": 2, "mean_days": pytest.approx(5)}
    # minutes per week: m1 140 min over 100 days = 9.8; m2 30 over 200 = 1.05; m3, m4, m5 none
    assert process["intensity"]["n"] == 5
    assert process["intensity"]["minutes_per_week"] == pytest.approx((9.8 + 1.05) / 5)
    assert process["requests"] == {"denominator": 0, "numerator": 0}
    assert process["matches"] == {"denominator": 0, "numerator": 0}


def _administer(dossier, slug, answers, submitted=True):
    instrument = Instrument.objects.filter(slug=slug).order_by("-version").first()
    administration = Administration.objects.create(
        instrument=instrument,
        dossier=dossier,
        respondent_type="parent",
        taken_on=date(2024, 5, 1),
        submitted_at=NOW if submitted else None,
    )
    items = {item.key: item for item in instrument.items.all()}
    for key, value in answers.items():
        Answer.objects.create(administration=administration, item=items[key], value=value)


def test_client_experience_from_exit_and_session_feedback(data):
    first, second = data["dossiers"][0], data["dossiers"][1]
    _administer(first, "exit", {"grade": 8, "r1": 3, "r2": 4, "p1": 2, "p2": 4})
    _administer(second, "exit", {"grade": 6, "r1": 2, "r2": 2, "p1": 4, "p2": 4})
    _administer(second, "exit", {"grade": 1}, submitted=False)  # not submitted: does not count
    _administer(first, "session-end", {"heard": 9, "topics": 7})
    experience = client_experience(cohort_measures(_ots(data)))
    assert experience["exit_n"] == 2
    assert experience["exit_grade"] == pytest.approx(7)
    assert experience["exit_result"] == pytest.approx((3 + 4 + 2 + 2) / 4)
    assert experience["exit_process"] == pytest.approx((2 + 4 + 4 + 4) / 4)
    assert experience["session_n"] == 1 and experience["session_mean"] == pytest.approx(8)
    assert experience["samen_sterker_n"] == 0


def test_method_cohort_uses_the_measure_label_before_the_dossier_label(data):
    m1, m2 = data["measures"][0], data["measures"][1]
    MethodLabel.objects.create(dossier=m1.dossier, method=Method.SIGNS_OF_SAFETY)
    MethodLabel.objects.create(dossier=m1.dossier, measure=m1, method=Method.REGULAR)
    MethodLabel.objects.create(dossier=m2.dossier, method=Method.SIGNS_OF_SAFETY)
    base = _ots(data)
    sos = set(cohort_measures(replace(base, method=Method.SIGNS_OF_SAFETY)).values_list("pk", flat=True))
    regular = set(cohort_measures(replace(base, method=Method.REGULAR)).values_list("pk", flat=True))
    assert sos == {m2.pk}
    assert regular == {m1.pk}


def test_age_and_days_are_computed_by_the_database(data):
    m1 = data["measures"][0]
    days = Measure.objects.filter(pk=m1.pk).annotate(days=DaysBetween("ended_on", "started_on"))
    assert days.values_list("days", flat=True).get() == 100
    # born 1 March 2010: 13 on 29 February 2024, 14 the day after
    ages = (
        Measure.objects.filter(pk=m1.pk)
        .annotate(
            before=age_in_years(Value(date(2024, 2, 29)), Value(date(2010, 3, 1))),
            on=age_in_years(Value(date(2024, 3, 1)), Value(date(2010, 3, 1))),
        )
        .values("before", "on")
        .get()
    )
    assert ages == {"before": 13, "on": 14}


def test_age_band_cohort(data):
    # everyone was born 1 March 2010: 13 at the start on 1 January 2024
    assert cohort_measures(Cohort(team_ids=frozenset({data["team"].pk}), age_band="12-15")).count() == 7
    assert cohort_measures(Cohort(team_ids=frozenset({data["team"].pk}), age_band="16-17")).count() == 0


def test_all_indicators_in_a_fixed_number_of_queries(data, django_assert_max_num_queries):
    # durations 2, ends 1, repeat 1, scales 3, risk 1, experience 1, process 4
    with django_assert_max_num_queries(13):
        indicator_set(cohort_measures(_ots(data)), today=TODAY, now=NOW)


def test_bulk_outcomes_give_two_methods_a_real_difference(db):
    start, end = day_number(date(2023, 1, 1)), day_number(date(2023, 12, 1))
    rows = [(i, f"{i:032x}", i, "nl_youth_probation", start, end) for i in range(1, 4001)]
    made = OutcomeBuilder(rng=np.random.default_rng(7), today=TODAY).build(rows)
    labels = made["labels"]
    method = dict(zip(labels["dossier_id"], labels["method"], strict=True))
    goals: dict[bool, list[int]] = {True: [], False: []}
    judgements = made["judgements"]
    for dossier_id, goal in zip(judgements["dossier_id"], judgements["goal_realisation"], strict=True):
        goals[method[dossier_id] != "regular"].append(goal)
    assert len(labels["method"]) == 4000 and len(made["ended"]["id"]) == 4000
    assert set(labels["method"]) == {"regular", "signs_of_success"}
    new, regular = sum(goals[True]) / len(goals[True]), sum(goals[False]) / len(goals[False])
    assert new - regular == pytest.approx(0.45, abs=0.15)  # weights 3.7 against 3.15
    assert set(made["risks"]["measure_id"]) <= set(range(1, 4001))
    assert made["new"]["started_on"] and all(day > "2023-01-01" for day in made["new"]["started_on"])
    # the dynamic total is the exact sum of the factor scores
    for scores, total in zip(
        made["risks"]["dynamic_scores"][:50], made["risks"]["dynamic_total"][:50], strict=True
    ):
        assert sum(Decimal(str(v)) for v in json.loads(scores).values()) == Decimal(total)
