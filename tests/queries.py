"""Query counts, one helper for the suite: exact counts with the expected queries listed, and on failure the
queries that ran.

    with assert_num_queries(["django_session", "accounts_user", ...]):   # one table (or statement) a query
        client.get(url)
    with assert_num_queries(3):                                          # or just the number
        ...
    assert count_queries(client, url) == 15                              # a page's queries, for few == many

A query is named by its first table (`FROM`, `INTO`, `UPDATE`), or by its statement (`SAVEPOINT`, …)."""

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connections
from django.test.utils import CaptureQueriesContext

_STRING = re.compile(r"'(?:[^']|'')*'")
_TABLE = re.compile(r'\b(?:FROM|INTO|UPDATE)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)


def _outermost(sql: str) -> str:
    """`sql` without string literals and without what stands in parentheses (subqueries, column lists)."""
    sql, kept, depth = _STRING.sub("''", sql), [], 0
    for char in sql:
        depth += char == "("
        if depth == 0:
            kept.append(char)
        depth -= char == ")" and depth > 0
    return "".join(kept)


def query_name(sql: str) -> str:
    """The table a query reads or writes (its outermost `FROM`, `INTO` or `UPDATE`), or its statement when
    it names none (`SAVEPOINT`, `RELEASE`)."""
    match = _TABLE.search(_outermost(sql)) or _TABLE.search(sql)
    if match:
        return match.group(1)
    return sql.split(None, 1)[0].upper() if sql.strip() else ""


def _listing(captured: CaptureQueriesContext) -> str:
    return "\n".join(
        f"  {n:>3}. {query_name(q['sql']):<36} {q['sql'][:300]}" for n, q in enumerate(captured, start=1)
    )


def failure_message(captured: CaptureQueriesContext, expected: int | Sequence[str]) -> str:
    names = [query_name(q["sql"]) for q in captured]
    lines = [f"{len(names)} queries ran, {expected if isinstance(expected, int) else len(expected)} expected"]
    if not isinstance(expected, int):
        missing = [name for name in expected if name not in names]
        extra = [name for name in names if name not in expected]
        lines.append(f"expected, in order: {list(expected)}")
        lines.append(f"ran, in order:      {names}")
        if missing or extra:
            lines.append(f"not run: {missing}; not expected: {extra}")
    lines.append("the queries:")
    lines.append(_listing(captured))
    return "\n".join(lines)


def _matches(captured: CaptureQueriesContext, expected: int | Sequence[str]) -> bool:
    if isinstance(expected, int):
        return len(captured) == expected
    return [query_name(q["sql"]) for q in captured] == list(expected)


@contextmanager
def assert_num_queries(
    expected: int | Sequence[str], *, using: str = "default"
) -> Iterator[CaptureQueriesContext]:
    """Exactly `expected` queries in the block: a number, or the queries by name (`query_name`), in order."""
    with CaptureQueriesContext(connections[using]) as captured:
        yield captured
    assert _matches(captured, expected), failure_message(captured, expected)


def captured_page(client, url: str, params: dict | None = None, status: int = 200) -> CaptureQueriesContext:
    """The queries of one GET of `url`, which must answer `status`."""
    with CaptureQueriesContext(connections["default"]) as captured:
        response = client.get(url, params or {})
    assert response.status_code == status, response.status_code
    return captured


def count_queries(client, url: str, params: dict | None = None, status: int = 200) -> int:
    """How many queries one GET of `url` costs (for "does not grow" comparisons)."""
    return len(captured_page(client, url, params, status))


def assert_page_queries(
    client, url: str, expected: int | Sequence[str], params: dict | None = None
) -> CaptureQueriesContext:
    """One GET of `url` ran exactly the `expected` queries (see assert_num_queries)."""
    captured = captured_page(client, url, params)
    assert _matches(captured, expected), failure_message(captured, expected)
    return captured
