"""Signal-index linkage: kring's privacy-preserving Fellegi-Sunter matcher vs Splink (DuckDB).

Data from ../shared/bench/linkage/generate.py (seeded). Size: env KRING_BENCH_LINKAGE_N (default 100000;
1000000 works but takes minutes and ~2 GiB). Online: index N, match the 1,000 queries one at a time
(median/p95 latency); batch: relink all of registrations.csv (wall time, peak memory). Quality with the
benchmark's evaluate.py (pair precision/recall/F1). Splink runs in the same process when installed
(`pip install .[bench]`, plus pandas): batch `predict()` dedupe and, for the online task, Splink 5's
incremental `predict_between(new, index)` (its real-time API) on KRING_BENCH_SPLINK_QUERIES queries (200).
"""

import csv
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from _harness import Result

ROOT = Path(__file__).resolve().parent.parent
DATA_SRC = (ROOT / ".." / "shared" / "bench" / "linkage").resolve()
N = int(os.environ.get("KRING_BENCH_LINKAGE_N", "100000"))
SPLINK_ONLINE_QUERIES = int(os.environ.get("KRING_BENCH_SPLINK_QUERIES", "200"))
sys.path.insert(0, str(DATA_SRC))


def _log(message: str) -> None:
    print(f"  [linkage] {message}", flush=True)


def _data() -> Path:
    out = ROOT / "var" / "bench" / "linkage" / str(N)
    if not (out / "truth.csv").exists():
        _log(f"generating {N} registrations")
        subprocess.run(  # noqa: S603 - our own generator script
            [
                sys.executable,
                str(DATA_SRC / "generate.py"),
                "--n",
                str(N),
                "--queries",
                "1000",
                "--seed",
                "1",
                "--out",
                str(out),
            ],
            check=True,
        )
    return out


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _encode(linkage, row):
    try:
        dob = date.fromisoformat(row["date_of_birth"]) if row["date_of_birth"] else None
    except ValueError:
        dob = None
    return linkage.encode(
        b"bench-key",
        first_name=row["first_name"],
        prefix=row["prefix"],
        last_name=row["last_name"],
        date_of_birth=dob,
        bsn=row["bsn"],
        postcode=row["postcode"],
        house_number=row["house_number"],
        ref=int(row["registration_id"]),
    )


def _load_matcher():
    """kring's matcher module (pure Python) by path: this file is also called `linkage`."""
    import importlib.util

    path = ROOT / "src" / "kring" / "chain" / "index" / "linkage.py"
    spec = importlib.util.spec_from_file_location("kring_signal_index_linkage", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _kring(regs, queries, truth, evaluate):
    linkage = _load_matcher()

    t0 = time.perf_counter()
    index = linkage.MemoryIndex()
    encoded = [_encode(linkage, r) for r in regs]
    for enc in encoded:
        index.add(enc)
    build = time.perf_counter() - t0
    latencies, pairs = [], []
    for row in queries:
        t = time.perf_counter()
        q = _encode(linkage, row)
        found = index.query(q, linkage.MATCH_THRESHOLD)
        latencies.append(time.perf_counter() - t)
        pairs += [(q.ref, o.ref) for o, _ in found]
    online = evaluate.score(pairs, truth, "online")
    t0 = time.perf_counter()
    batch_pairs = set()
    for enc in encoded:
        for other, _ in index.query(enc, linkage.MATCH_THRESHOLD):
            batch_pairs.add((min(enc.ref, other.ref), max(enc.ref, other.ref)))
    batch_time = time.perf_counter() - t0 + build
    batch = evaluate.score(batch_pairs, truth, "batch")
    return latencies, online, batch_time, batch, build


def _splink(regs, queries, truth, evaluate):
    import duckdb  # noqa: F401
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    def clean(r):
        return {
            "unique_id": int(r["registration_id"]),
            "first_name": (r["first_name"] or "").lower() or None,
            "surname": f"{r['prefix']} {r['last_name']}".strip().lower() or None,
            "dob": r["date_of_birth"] or None,
            "postcode": (r["postcode"] or "").replace(" ", "").upper() or None,
            "bsn": r["bsn"] or None,
        }

    import pandas as pd

    df = pd.DataFrame([clean(r) for r in regs])
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("dob"),
            block_on("surname", "postcode"),
            block_on("bsn"),
            block_on("first_name", "surname"),
        ],
        comparisons=[
            cl.JaroWinklerAtThresholds("first_name", [0.9, 0.8]),
            cl.JaroWinklerAtThresholds("surname", [0.9, 0.8]),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("bsn"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    t0 = time.perf_counter()
    db_api = DuckDBAPI()
    base = db_api.register(df, table_name="regs")
    linker = Linker(base, settings)
    linker.training.estimate_probability_two_random_records_match([block_on("bsn")], recall=0.3)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname", "postcode"))
    preds = linker.inference.predict(threshold_match_probability=0.9).as_pandas_dataframe()
    batch_time = time.perf_counter() - t0
    batch = evaluate.score(zip(preds["unique_id_l"], preds["unique_id_r"], strict=True), truth, "batch")
    latencies, pairs = [], []
    for row in queries[:SPLINK_ONLINE_QUERIES]:
        t = time.perf_counter()
        new = db_api.register(pd.DataFrame([clean(row)]), table_name=f"q{row['registration_id']}")
        found = linker.inference.predict_between(new, base, threshold_match_probability=0.9)
        found = found.as_pandas_dataframe()
        latencies.append(time.perf_counter() - t)
        pairs += [(int(a), int(b)) for a, b in zip(found["unique_id_l"], found["unique_id_r"], strict=True)]
    online = evaluate.score(pairs, truth, "online")
    return latencies, online, batch_time, batch


def _p95(values):
    return statistics.quantiles(values, n=20)[-1]


def run() -> list[Result]:
    import evaluate

    data = _data()
    regs, queries = _rows(data / "registrations.csv"), _rows(data / "queries.csv")
    truth = evaluate.load_truth(data / "truth.csv")
    _log(f"kring: {len(regs)} indexed, {len(queries)} queries")
    lat, online, batch_time, batch, build = _kring(regs, queries, truth, evaluate)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _log(
        f"kring online F1 {online['f1']:.3f} (siblings fp {online['fp_same_household']}), "
        f"batch F1 {batch['f1']:.3f}"
    )
    try:
        s_lat, s_online, s_batch_time, s_batch = _splink(regs, queries, truth, evaluate)
    except Exception as error:
        _log(f"splink did not run: {error!r}")
        s_lat, s_online, s_batch_time, s_batch = (
            [float("nan")] * 2,
            {"f1": float("nan")},
            float("nan"),
            {"f1": float("nan")},
        )
    ratio = _p95(lat) / _p95(s_lat) if s_lat[0] == s_lat[0] else float("nan")
    print(f"linkage online p95 ratio vs splink: {ratio:.3f}")
    print(f"linkage F1: kring {online['f1']:.3f}, splink {s_online['f1']:.3f}")
    details = {
        "n": len(regs),
        "kring_online": online,
        "kring_batch": batch,
        "splink_online": s_online,
        "splink_batch": s_batch,
        "index_build_s": build,
        "peak_rss_mb": peak_mb,
    }
    return [
        Result.against(
            "linkage.online_p95",
            value=_p95(lat) * 1000,
            unit="ms",
            baseline_value=_p95(s_lat) * 1000,
            description=f"p95 latency per query (median {statistics.median(lat) * 1000:.2f} ms), "
            "kring vs Splink predict_between",
            details=details,
        ),
        Result.against(
            "linkage.online_f1",
            value=online["f1"],
            unit="F1",
            baseline_value=s_online["f1"],
            description="online pair F1, kring vs Splink",
        ),
        Result.against(
            "linkage.batch_wall",
            value=batch_time,
            unit="s",
            baseline_value=s_batch_time,
            description=f"relink all (peak RSS {peak_mb:.0f} MB), kring vs Splink predict()",
        ),
        Result.against(
            "linkage.batch_f1",
            value=batch["f1"],
            unit="F1",
            baseline_value=s_batch["f1"],
            description="batch pair F1, kring vs Splink",
        ),
    ]
