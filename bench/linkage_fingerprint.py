"""The batch matcher's output as fingerprints, to check that a change to the batch machinery (EM weight
estimation, candidate pairs, scoring, relink) leaves every result exactly as it was — not a benchmark of
quality, a regression check of identity.

    .venv/bin/python bench/linkage_fingerprint.py DATA [DATA ...] [--save FILE | --check FILE] [--workers N]
        [--batch]

DATA: a directory of the linkage benchmark (var/bench/linkage/100000, var/bench/linkage/100000-hard; made
by `bench/run.py --only linkage`). For each: encode every registration (cached beside the data as
encodings-<key digest>.pickle, since encoding takes longer than the batch), estimate the weights
(`linkage.estimate_em`) and relink (`linkage.link_batch` at MATCH_THRESHOLD), as bench/linkage.py does, and
print SHA-256 digests of the estimated table (every m and u, repr of the float), of the EM facts (pairs per
session, iterations, lambda) and of every relinked pair with its score (repr: bit for bit), with the time,
CPU seconds and peak memory of each phase. `--save` writes the digests as JSON; `--check` compares with
such a file and exits 1 on any difference. `--batch`: the index as a `scoring.Batch` (arrays, as
bench/linkage.py holds it; cached beside the data as batch-<key digest>.pickle) instead of a list of
encodings: both must give the same digests.
"""

import argparse
import hashlib
import json
import os
import pickle
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from linkage import KEY, _encode, _tuples  # noqa: E402 - the benchmark's own encoding of a CSV row

from kring.chain.index import linkage, scoring  # noqa: E402 - numpy imported before any timer


def _encodings(data: Path) -> list:
    cached = data / f"encodings-{hashlib.sha256(KEY).hexdigest()[:12]}.pickle"
    if cached.exists():
        with open(cached, "rb") as f:
            return pickle.load(f)  # noqa: S301 - written by this script
    encodings = [_encode(linkage, row) for row in _tuples(data / "registrations.csv")]
    with open(cached, "wb") as f:
        pickle.dump(encodings, f, protocol=pickle.HIGHEST_PROTOCOL)
    return encodings


def _batch(data: Path):
    cached = data / f"batch-{hashlib.sha256(KEY).hexdigest()[:12]}.pickle"
    if cached.exists():
        with open(cached, "rb") as f:
            return pickle.load(f)  # noqa: S301 - written by this script
    batch = scoring.Batch.of(_encodings(data))
    with open(cached, "wb") as f:
        pickle.dump(batch, f, protocol=pickle.HIGHEST_PROTOCOL)
    return batch


def _digest(lines) -> str:
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode())
        h.update(b"\n")
    return h.hexdigest()


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def fingerprint(data: Path, workers: int, batch: bool = False) -> dict:
    encodings = _batch(data) if batch else _encodings(data)
    loaded_mb = _rss_mb()
    t0, c0 = time.perf_counter(), _cpu()
    mu, em = linkage.estimate_em(encodings, workers=workers)
    t1, c1 = time.perf_counter(), _cpu()
    em_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pairs = linkage.link_batch(encodings, threshold=linkage.MATCH_THRESHOLD, workers=workers, mu=mu)
    t2, c2 = time.perf_counter(), _cpu()
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    weights = [f"{name} {level} {m!r} {u!r}" for name, table in mu.items() for level, (m, u) in table.items()]
    sessions = [json.dumps(s, sort_keys=True) for s in em["sessions"]]
    relinked = sorted(pairs)
    return {
        "registrations": len(encodings),
        "weights": _digest(weights),
        "em": _digest(sessions),
        "pairs": len(relinked),
        "relinked": _digest(f"{i} {j} {s!r}" for i, j, s in relinked),
        "timing": {
            "em_s": round(t1 - t0, 2),
            "em_cpu_s": round(c1 - c0, 2),
            "relink_s": round(t2 - t1, 2),
            "relink_cpu_s": round(c2 - c1, 2),
            "loaded_mb": round(loaded_mb),
            "peak_after_em_mb": round(em_mb),
            "peak_mb": round(self_mb),
            "children_peak_mb": round(children_mb),
            "load": os.getloadavg()[0],
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="+", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", action="store_true", help="the index as a scoring.Batch")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--save", type=Path)
    group.add_argument("--check", type=Path)
    args = parser.parse_args()
    found = {}
    for data in args.data:
        found[data.name] = fingerprint(data, args.workers, args.batch)
        print(data.name, json.dumps(found[data.name], indent=1), flush=True)
        linkage.forget_batch()
    if args.save:
        args.save.write_text(json.dumps(found, indent=1), encoding="utf-8")
    if args.check:
        expected = json.loads(args.check.read_text(encoding="utf-8"))
        wrong = [
            f"{name}: {field} differs"
            for name, got in found.items()
            for field in ("registrations", "weights", "em", "pairs", "relinked")
            if name in expected and got[field] != expected[name][field]
        ]
        print("\n".join(wrong) or "fingerprints equal", flush=True)
        return 1 if wrong else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
