"""Figures on the dashboards are written as the reader's language writes numbers."""

from datetime import UTC, datetime

from django.utils import translation

from kring.cases.models import Measure
from kring.insights.dashboards import _num, duration_rows, indicator_cards
from kring.insights.indicators import END_CATEGORY_LABELS, indicator_set

from .helpers import ended_measures


def test_a_decimal_figure_has_a_comma_in_dutch_and_a_point_in_english():
    with translation.override("nl"):
        assert (_num(-4.26), _num(3.0, 2), _num(None)) == ("-4,3", "3,00", "—")
    with translation.override("en"):
        assert _num(-4.26) == "-4.3"


def test_an_indicator_share_never_gives_away_a_small_or_hidden_count(world):
    """25 ended measures: 19 as planned, 4 escalated, 1 transferred, 1 other. A share of 4 % of 25 is one
    young person: each small category is shown as a dash, and so is one the table hides."""
    team = world.dossier.owning_team
    for reason, count in (("goals_reached", 19), ("escalated", 4), ("transferred", 1), ("other", 1)):
        ended_measures(team, count, reason=reason)
    now = datetime(2027, 7, 1, 10, tzinfo=UTC)  # every 12-month window has passed
    figures = indicator_set(Measure.objects.all(), today=now.date(), now=now)
    with translation.override("en"):
        shown = {card["label"]: card["value"] for card in indicator_cards(figures)}
        assert shown[str(END_CATEGORY_LABELS["as_planned"])] == "76 %"  # 19 of 25, 6 without: safe
        for small in ("escalated", "transferred", "other"):
            assert shown[str(END_CATEGORY_LABELS[small])] == "—"
        hidden = {c["label"]: c["value"] for c in indicator_cards(figures, frozenset({"as_planned"}))}
        assert hidden[str(END_CATEGORY_LABELS["as_planned"])] == "—"
        # none had a new measure within 12 months: 0 of 20 (escalations and transfers do not count) is shown
        assert shown["new measure within 12 months"] == "0 %"


def test_a_small_duration_count_cannot_be_worked_out_from_the_total():
    def durations(**counts):
        quartiles = {"q1": 100, "median": 200, "q3": 300}
        return {"durations": {kind: {"n": n, **quartiles} for kind, n in counts.items()}}

    rows = duration_rows(durations(nl_ots=10, nl_youth_probation=3))
    # 3 is hidden, and so is 10: the page shows 13 ended measures elsewhere, and 13 - 10 = 3
    assert [row["n"] for row in rows] == [None, None]
    assert (rows[0]["median"], rows[1]["median"]) == (200, None)  # a median of three people is not shown
    assert [row["n"] for row in duration_rows(durations(nl_ots=10, nl_youth_probation=12))] == [10, 12]
