"""Small-cell suppression for tables of counts with row and column totals.

Primary: a count from 1 to 4 is suppressed (0 describes nobody and stays). Complementary: in every
equation the table publishes — a row's cells and its total, a column's cells and its total, the totals row
and the grand total — one suppressed number could be worked out by subtraction; so while an equation holds
exactly one suppressed number, the smallest other non-zero number in it is suppressed too, until no
equation holds exactly one. Cells are ints; suppressed cells come back as None.
"""

from typing import Any

SMALL = 5


def _primary(value: int) -> bool:
    return 0 < value < SMALL


def suppress_table(cells: list[list[int]]) -> dict[str, Any]:
    """`cells` rows x columns of counts. Returns the cells, row totals, column totals and grand total, each
    None where suppressed, and `suppressed` (how many numbers are hidden)."""
    rows = len(cells)
    columns = len(cells[0]) if rows else 0
    # one grid with the row totals as the last column and the column totals as the last row
    grid = [[*row, sum(row)] for row in cells]
    grid.append([sum(cells[r][c] for r in range(rows)) for c in range(columns)] + [sum(map(sum, cells))])
    hidden = [[_primary(value) for value in row] for row in grid]
    equations = [[(r, c) for c in range(columns + 1)] for r in range(rows + 1)]
    equations += [[(r, c) for r in range(rows + 1)] for c in range(columns + 1)]
    changed = True
    while changed:
        changed = False
        for equation in equations:
            unknown = [pos for pos in equation if hidden[pos[0]][pos[1]]]
            if len(unknown) != 1:
                continue
            others = [pos for pos in equation if not hidden[pos[0]][pos[1]]]
            # hide the smallest other number, preferring a cell over a total (totals are read most) and a
            # non-zero over a zero (a hidden zero beside a hidden 3 still gives the 3 away by the sum)
            r, c = min(
                others,
                key=lambda pos: (
                    pos[0] == rows or pos[1] == columns,
                    grid[pos[0]][pos[1]] == 0,
                    grid[pos[0]][pos[1]],
                ),
            )
            hidden[r][c] = True
            changed = True
    shown = [[None if hidden[r][c] else grid[r][c] for c in range(columns + 1)] for r in range(rows + 1)]
    return {
        "cells": [row[:columns] for row in shown[:rows]],
        "row_totals": [row[columns] for row in shown[:rows]],
        "column_totals": shown[rows][:columns],
        "total": shown[rows][columns],
        "suppressed": sum(map(sum, hidden)),
    }


def suppress_figure(value: Any, n: int | None) -> Any:
    """A mean or share resting on fewer than SMALL people is not shown."""
    return value if n is not None and n >= SMALL else None
