"""Shared pieces for the benchmark modules: the Result record, targets and a throughput timer.

Not a benchmark itself (modules whose name starts with an underscore are not discovered by run.py).
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Result:
    """One measured number, with the baseline measured in the same run and their ratio."""

    name: str
    value: float
    unit: str
    baseline_value: float
    ratio: float
    description: str
    details: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def against(
        cls,
        name: str,
        *,
        value: float,
        unit: str,
        baseline_value: float,
        description: str,
        details: dict[str, Any] | None = None,
    ) -> "Result":
        """A result whose ratio is value / baseline_value."""
        ratio = value / baseline_value if baseline_value else float("nan")
        return cls(name, value, unit, baseline_value, ratio, description, details or {})

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Target:
    """A module's speed target for one result, as a bound on its ratio.

    `at_least` for "higher is better" ratios (throughput against a baseline), `at_most` for "lower is
    better" ones (time against a reference implementation). A missed target is reported, never fatal.
    """

    at_least: float | None = None
    at_most: float | None = None

    def met_by(self, ratio: float) -> bool:
        if self.at_least is not None and not ratio >= self.at_least:
            return False
        return not (self.at_most is not None and not ratio <= self.at_most)

    def describe(self) -> str:
        parts = []
        if self.at_least is not None:
            parts.append(f">= {self.at_least:g}")
        if self.at_most is not None:
            parts.append(f"<= {self.at_most:g}")
        return " and ".join(parts)

    def as_dict(self) -> dict[str, float | None]:
        return {"at_least": self.at_least, "at_most": self.at_most}


@dataclass(frozen=True)
class Throughput:
    """Operations per second: the median of several timed rounds, and each round's figure."""

    median: float
    rounds: list[float]


def measure_interleaved(
    operations: dict[str, Callable[[], object]], *, requests: int, warmup: int, rounds: int
) -> dict[str, Throughput]:
    """Throughput of each operation: `warmup` untimed calls each, then `rounds` rounds in which every
    operation in turn is called `requests` times under perf_counter.

    Interleaving the operations round by round means a baseline and the pages measured against it see the
    same machine conditions (thermal state, other load), which keeps their ratio steadier than timing each
    one's rounds back to back.
    """
    for operation in operations.values():
        for _ in range(warmup):
            operation()
    per_round: dict[str, list[float]] = {name: [] for name in operations}
    for _ in range(rounds):
        for name, operation in operations.items():
            started = time.perf_counter()
            for _ in range(requests):
                operation()
            per_round[name].append(requests / (time.perf_counter() - started))
    return {
        name: Throughput(median=statistics.median(values), rounds=values)
        for name, values in per_round.items()
    }


# --- the database a benchmark module runs on --------------------------------------------------------------

BENCH_DB_ENV = "KRING_BENCH_DB"  # "sqlite" (default) or "postgres"; run.py --db sets it
BENCH_DATABASE_URL_ENV = "KRING_BENCH_DATABASE_URL"  # the PostgreSQL database to (re)create for a run
DEFAULT_POSTGRES_URL = "postgres://postgres:postgres@127.0.0.1:5432/kring_bench"


def bench_database(tmp: Any, label: str) -> tuple[str, Callable[[], None]]:
    """Point DATABASE_URL at a fresh database for one module: a SQLite file in `tmp` (default), or with
    KRING_BENCH_DB=postgres the PostgreSQL database named in KRING_BENCH_DATABASE_URL, dropped and created
    anew (its name must contain "bench": it is thrown away). Returns a description and a cleanup function;
    call it before django.setup()."""
    import os

    kind = os.environ.get(BENCH_DB_ENV, "sqlite")
    if kind == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/{label}.sqlite3"
        return "sqlite (fresh, temporary)", lambda: None
    if kind != "postgres":
        raise SystemExit(f"{BENCH_DB_ENV} must be sqlite or postgres, not {kind!r}")
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    url = os.environ.get(BENCH_DATABASE_URL_ENV) or DEFAULT_POSTGRES_URL
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(
            f"{BENCH_DATABASE_URL_ENV} names {name!r}; a benchmark database's name must contain 'bench'"
        )
    admin = urlunsplit(parts._replace(path="/postgres"))

    def recreate(create: bool) -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if create:
                connection.execute(f'CREATE DATABASE "{name}"')

    recreate(create=True)
    os.environ["DATABASE_URL"] = url
    # connections as in production: pooled per process and kept between requests (the test settings open one
    # per request: a connection set-up for every page and /healthz; docs/operations.md, "Connections")
    os.environ.setdefault("KRING_DB_POOL", "True")
    return f"postgresql (fresh database {name})", lambda: recreate(create=False)
