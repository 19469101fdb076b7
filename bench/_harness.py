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
