"""The kring batch of bench/linkage.py alone — weight estimation (EM), relink in the possible band and the
bridges — timed on an index already encoded, to measure the batch at 1,000,000 without Splink's 40 minutes.

    .venv/bin/python bench/linkage_batch_time.py DATA [--workers N] [--profile FILE] [--repeat K]

DATA: a directory of the linkage benchmark (var/bench/linkage/1000000-hard, ...). The index is encoded once
into a `scoring.Batch` as bench/linkage.py builds it, and cached beside the data (batch-<key digest>.pickle,
the file `bench/linkage_fingerprint.py --batch` reads too). Prints the wall and CPU seconds (this process,
its threads and its ended children) of EM, relink and bridges, the load average before and after, and a
SHA-256 digest of the final pairs with their scores (bit for bit), to check a change leaves them as they
were. `--profile FILE`: cProfile of the timed part (one process: give --workers 1 for a complete profile).
The compiled loops are made ready first (`scoring.warm_up`, from numba's cache), outside the timer.
"""

import argparse
import cProfile
import hashlib
import os
import pickle
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from linkage import KEY, _encode, _tuple_parts  # noqa: E402 - the benchmark's own encoding of a CSV row

from kring.chain.index import linkage, scoring  # noqa: E402 - numpy imported before any timer


def _batch(data: Path) -> scoring.Batch:
    cached = data / f"batch-{hashlib.sha256(KEY).hexdigest()[:12]}.pickle"
    if cached.exists():
        with open(cached, "rb") as f:
            return pickle.load(f)  # noqa: S301 - written by this script
    builder = scoring.BatchBuilder()
    for rows in _tuple_parts(data / "registrations.csv", 50_000):
        for row in rows:
            builder.add(_encode(linkage, row))
    batch = builder.build()
    with open(cached, "wb") as f:
        pickle.dump(batch, f, protocol=pickle.HIGHEST_PROTOCOL)
    return batch


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run(batch: scoring.Batch, workers: int) -> tuple[dict, list]:
    load = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), _cpu()
    mu, _ = linkage.estimate_em(batch, workers=workers)
    t1, c1 = time.perf_counter(), _cpu()
    scored = linkage.link_batch(batch, threshold=linkage.POSSIBLE_THRESHOLD, workers=workers, mu=mu)
    t2, c2 = time.perf_counter(), _cpu()
    bridged = linkage.bridge(scored, scoring.compare_rows(batch.columns, mu), mu)
    pairs = [(i, j, s) for i, j, s in scored if s >= linkage.MATCH_THRESHOLD or (i, j) in bridged]
    t3, c3 = time.perf_counter(), _cpu()
    linkage.forget_batch()
    return {
        "em_s": round(t1 - t0, 2),
        "relink_s": round(t2 - t1, 2),
        "bridge_s": round(t3 - t2, 2),
        "wall_s": round(t3 - t0, 2),
        "cpu_s": round(c3 - c0, 2),
        "em_cpu_s": round(c1 - c0, 2),
        "relink_cpu_s": round(c2 - c1, 2),
        "bridge_cpu_s": round(c3 - c2, 2),
        "scored": len(scored),
        "pairs": len(pairs),
        "load_before": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }, pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    t = time.perf_counter()
    batch = _batch(args.data)
    print(f"{len(batch)} registrations loaded in {time.perf_counter() - t:.1f} s", flush=True)
    t = time.perf_counter()
    scoring.warm_up()  # as bench/linkage.py: the compiled loops ready before the timer
    print(f"compiled loops ready in {time.perf_counter() - t:.1f} s", flush=True)
    for _ in range(args.repeat):
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        figures, pairs = run(batch, args.workers)
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        digest = hashlib.sha256("\n".join(f"{i} {j} {s!r}" for i, j, s in sorted(pairs)).encode()).hexdigest()
        print(figures, "digest", digest[:16], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
