"""Fire calls at the same moment from threads, each on its own database connection (race tests).

Only meaningful on PostgreSQL: SQLite serialises writers (and the test database may live in memory, which
other threads' connections cannot see), so race tests are skipped there with `needs_postgresql`."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.utils import translation

ROUNDS = 15

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="races need concurrent transactions on separate connections: run with DATABASE_URL=postgres://...",
)


def fire(*calls: Callable[[], Any]) -> list[Any]:
    """Run `calls` in threads released together by a barrier; each result is the return value or the
    exception raised (never swallowed: the caller asserts which exceptions are acceptable)."""
    barrier = threading.Barrier(len(calls))
    language = translation.get_language()  # the active language is per thread: carry the test's over
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            translation.activate(language)
            barrier.wait()
            results[index] = call()
        except BaseException as raised:  # handed to the test, which judges it
            results[index] = raised
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
