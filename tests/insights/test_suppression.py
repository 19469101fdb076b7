"""Small cells are suppressed, and no suppressed number can be worked out from the totals."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from kring.insights.suppression import suppress_table


def _grid(result):
    rows = [[*cells, total] for cells, total in zip(result["cells"], result["row_totals"], strict=True)]
    rows.append([*result["column_totals"], result["total"]])
    return rows


def _derivable(grid) -> list[tuple[int, int]]:
    """Suppressed numbers that one published equation (a row or column with its total) gives away."""
    equations = [list(itertools.product([r], range(len(grid[0])))) for r in range(len(grid))]
    equations += [list(itertools.product(range(len(grid)), [c])) for c in range(len(grid[0]))]
    found = []
    for equation in equations:
        hidden = [(r, c) for r, c in equation if grid[r][c] is None]
        if len(hidden) == 1:
            found.append(hidden[0])
    return found


def test_small_cells_are_hidden_with_a_complement():
    result = suppress_table([[3, 10, 12], [8, 9, 20]])
    # 3 is primary; its row needs a second hidden number (the 10), and so do the columns (8 and 9)
    assert result["cells"] == [[None, None, 12], [None, None, 20]]
    assert result["row_totals"] == [25, 37]
    assert result["column_totals"] == [11, 19, 32]
    assert _derivable(_grid(result)) == []


def test_zero_describes_nobody_and_stays():
    result = suppress_table([[0, 10], [7, 9]])
    assert result["cells"] == [[0, 10], [7, 9]]
    assert result["suppressed"] == 0


def test_a_small_total_is_hidden_too():
    result = suppress_table([[1, 2], [30, 40]])
    assert result["row_totals"][0] is None
    assert _derivable(_grid(result)) == []


def test_single_row_hides_the_grand_total_as_well():
    result = suppress_table([[4, 20]])
    assert result["cells"] == [[None, None]]
    assert _derivable(_grid(result)) == []


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda columns: st.lists(
            st.lists(st.integers(min_value=0, max_value=30), min_size=columns, max_size=columns),
            min_size=1,
            max_size=6,
        )
    )
)
def test_no_suppressed_number_follows_from_one_total(cells):
    result = suppress_table(cells)
    grid = _grid(result)
    assert _derivable(grid) == []
    for row in grid:
        for value in row:
            assert value is None or value == 0 or value >= 5


def test_a_share_never_reveals_a_small_count():
    from kring.insights.dashboards import safe_share

    assert safe_share(3, 100) is None  # three people
    assert safe_share(97, 100) is None  # three people without
    assert safe_share(0, 100) == 0 and safe_share(100, 100) == 1
    assert safe_share(50, 100) == 0.5
    assert safe_share(0, 0) is None
