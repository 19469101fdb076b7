"""Figures on the dashboards are written as the reader's language writes numbers."""

from django.utils import translation

from kring.insights.dashboards import _num


def test_a_decimal_figure_has_a_comma_in_dutch_and_a_point_in_english():
    with translation.override("nl"):
        assert (_num(-4.26), _num(3.0, 2), _num(None)) == ("-4,3", "3,00", "—")
    with translation.override("en"):
        assert _num(-4.26) == "-4.3"
