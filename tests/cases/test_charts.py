"""The timeline chart: a pure function from data to a Vega-Lite spec, drawn to SVG on the server.

No database here: these tests run without the `db` fixture, so a chart that queried would fail.
"""

import json
import re
from datetime import date

import pytest

from kring.cases import charts
from kring.cases.charts import TimelineItem, accessible_svg, family_timeline_spec, render_svg, year_position

from .test_history_pages import SEED_000

LINES = [
    ("good", "Goede dingen"),
    ("worries", "Zorgen"),
    ("people", "Belangrijke mensen"),
    ("help", "Hulpverlening"),
    ("legal", "Juridische lijn"),
]


def _seed_items() -> list[TimelineItem]:
    return [TimelineItem(line, year, text) for line, year, text in SEED_000]


def _spec(items, **kwargs):
    return family_timeline_spec(items, LINES, title="Dit zijn wij!", description="De levenslijn.", **kwargs)


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_the_seed_life_line_draws_an_svg_with_its_labels_and_years():
    """Seed 000: 2005 birth, 2009 parents separate … 2019 theft, 2021 diploma, 2022 contact with mother."""
    svg = render_svg(_spec(_seed_items()))
    assert svg.startswith("<svg ")
    texts = _texts(svg)
    for _line, _year, text in SEED_000:
        assert text in texts
    for year in ("2005", "2009", "2019", "2021", "2022"):
        assert year in texts  # the time axis
    for _key, label in LINES:
        assert label in texts  # one row per line
    assert "Dit zijn wij!" in texts


def test_the_spec_is_a_pure_function_of_its_data():
    first, second = _spec(_seed_items()), _spec(list(reversed(_seed_items())))
    assert first == second  # the same data, in any order, gives the same chart
    assert json.loads(json.dumps(first)) == first  # plain JSON, nothing else
    assert first["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert first["description"] == "De levenslijn."


def test_every_line_keeps_its_row_and_the_help_line_stands_beside_the_legal_line():
    spec = _spec([TimelineItem("legal", 2019, "diefstal")])
    domains = {json.dumps(layer["encoding"]["y"]["scale"]["domain"]) for layer in spec["layer"]}
    assert domains == {json.dumps([label for _key, label in LINES])}
    labels = [label for _key, label in LINES]
    assert labels.index("Hulpverlening") + 1 == labels.index("Juridische lijn")
    assert set(_texts(render_svg(spec))) >= set(labels)


def test_labels_of_the_same_time_on_one_line_get_their_own_row():
    spec = _spec(_seed_items())
    rows = {row["text"]: row for row in spec["data"]["values"]}
    theft, violent = rows["diefstal"], rows["diefstal met geweld"]
    assert theft["start"] == violent["start"] == 2019.0
    assert theft["offset"] != violent["offset"]
    # far apart on another line: one row suffices
    assert rows["geboorte"]["offset"] == rows["diploma gehaald"]["offset"]


def test_periods_are_bars_and_moments_are_dots():
    spec = _spec(
        [
            TimelineItem("legal", date(2019, 9, 1), "jeugdreclassering", until=date(2021, 6, 30)),
            TimelineItem("help", 2022, "wijkteam"),
        ]
    )
    rows = {row["text"]: row for row in spec["data"]["values"]}
    assert rows["jeugdreclassering"]["end"] == pytest.approx(2021.49, abs=0.01)
    assert rows["wijkteam"]["end"] is None
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rule", "circle", "text"]
    assert spec["layer"][0]["transform"] == [{"filter": "datum.end != null"}]


def test_items_on_lines_not_asked_for_are_left_out():
    spec = _spec([TimelineItem("diary", 2020, "geheim"), TimelineItem("good", 2020, "zwemdiploma")])
    assert [row["text"] for row in spec["data"]["values"]] == ["zwemdiploma"]


def test_long_labels_are_shortened_in_the_chart_but_kept_whole_in_the_data():
    text = "contact hersteld met moeder en met de halfzus die in Groningen woont sinds de verhuizing"
    row = _spec([TimelineItem("people", 2022, text)])["data"]["values"][0]
    assert row["text"] == text
    assert len(row["label"]) == charts.MAX_LABEL_CHARS and row["label"].endswith("…")


def test_an_empty_chart_still_draws():
    assert render_svg(_spec([])).startswith("<svg ")


def test_text_typed_by_people_cannot_break_out_of_the_svg():
    svg = render_svg(_spec([TimelineItem("good", 2020, '<script>alert("x")</script> & co')]))
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg


def test_the_svg_gets_a_title_and_description_for_screen_readers():
    svg = accessible_svg(
        render_svg(_spec(_seed_items())),
        title="Ons verhaal <b>",
        description="Van 2005 tot 2022 & verder.",
        id_prefix="tl",
    )
    head = svg[: svg.index(">") + 1]
    assert 'role="img"' in head and 'aria-labelledby="tl-title tl-desc"' in head
    assert '<title id="tl-title">Ons verhaal &lt;b&gt;</title>' in svg
    assert '<desc id="tl-desc">Van 2005 tot 2022 &amp; verder.</desc>' in svg
    with pytest.raises(ValueError):
        accessible_svg("<div>", title="t", description="d", id_prefix="x")


@pytest.mark.parametrize(
    ("when", "position"),
    [(2019, 2019.0), (date(2019, 1, 1), 2019.0), (date(2020, 7, 2), 2020.5), (date(2019, 12, 31), 2019.997)],
)
def test_year_position(when, position):
    assert year_position(when) == pytest.approx(position, abs=0.001)
