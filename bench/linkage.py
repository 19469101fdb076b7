"""Signal-index linkage: kring's privacy-preserving Fellegi-Sunter matcher vs Splink 5 (DuckDB), same data.

Data: ../shared/bench/linkage/generate.py (seed 1), N registrations + 1,000 queries, in two profiles: the
standard one and `--profile hard` (names swapped, first names missing or replaced, typos in both names,
double and other surnames, umlauts written out, 1 January, Belgian postcodes), cached in
var/bench/linkage/<N>/ and var/bench/linkage/<N>-hard/. Both profiles run the same code; kring's m/u
weights are estimated from each index itself (linkage.estimate_em, no labels; timed as part of the batch).
N: env KRING_BENCH_LINKAGE_N or `bench/run.py --linkage-n N` (default 100000; 1000000
takes about 15 minutes on 2 cores). Quality: the generator's evaluate.py (pair precision / recall / F1).

Three child processes, so that each one's peak memory is its own (os.wait4):
- kring batch: encode all N (keyed hashes + Bloom filters) into the index's arrays (scoring.Batch: columns
  and block-key words, built 20,000 encodings at a time), estimate the weights (EM) and relink them with
  linkage.link_batch on KRING_BENCH_LINKAGE_WORKERS processes (2). Wall time with and without the encoding.
  Blocking recall: the share of true pairs that share a usable blocking key (become candidates).
- kring online: a fresh SQLite database with the real Registration and BlockKey tables (kring's migrations)
  holding the N encoded registrations and the batch's estimated weights (MatcherWeights); each of the 1,000
  queries is encoded and matched by
  kring.chain.index.matching.find_matches — the code that matches a new registration on arrival (block-key
  lookup in the indexed table, term-frequency counts, scoring) — one at a time: median / p95 latency.
- Splink 5 (DuckDB), set up as its documentation's person-data examples do (forename/surname comparison
  that also scores swapped names, with term frequencies; date-of-birth comparison; blocking on pairs of
  name, birth date and postcode fields): batch dedupe (u by random sampling, EM, predict) and its real-time
  API (`predict_between(new record, index)`) on KRING_BENCH_SPLINK_QUERIES queries (200; each is a DuckDB
  round trip of about 0.1-0.5 s). If Splink or pandas is missing, its figures are nan and the reason is
  printed.
"""

import csv
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from _harness import Result, Target

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
# the shared generator next to the checkout (../shared), or next to its parent (a worktree in wt/<name>)
DATA_SRC = next(
    (
        path
        for path in (
            ROOT.parent / "shared" / "bench" / "linkage",
            ROOT.parent.parent / "shared" / "bench" / "linkage",
        )
        if (path / "generate.py").exists()
    ),
    ROOT.parent / "shared" / "bench" / "linkage",
)
N = int(os.environ.get("KRING_BENCH_LINKAGE_N", "100000"))
QUERIES = 1000
SPLINK_ONLINE_QUERIES = int(os.environ.get("KRING_BENCH_SPLINK_QUERIES", "200"))
WORKERS = int(os.environ.get("KRING_BENCH_LINKAGE_WORKERS", "2"))
KEY = b"bench-key-0123456789abcdef012345"
NAN = float("nan")
SHARED = Path(os.environ.get("KRING_BENCH_LINKAGE_SHARED", tempfile.gettempdir()))  # set by run()

# The targets of issue 7 (ratio = kring / Splink, both measured in this run): online p95 at least 20 times
# lower at an F1 no lower than Splink's batch F1; batch no slower at no lower F1.
# Issue 17 adds the hard profile: the same F1 targets there, and sibling false matches at most half Splink's.
PROFILES = ("standard", "hard")
TARGETS = {
    "linkage.online_p95": Target(at_most=0.05),
    "linkage.online_f1": Target(at_least=1.0),
    "linkage.batch_wall": Target(at_most=1.0),
    "linkage.batch_f1": Target(at_least=1.0),
    "linkage.hard.online_f1": Target(at_least=1.0),
    "linkage.hard.batch_f1": Target(at_least=1.0),
    "linkage.hard.fp_same_household": Target(at_most=0.5),
    "linkage.fp_same_household": Target(at_most=0.5),
}


def _log(message: str) -> None:
    print(f"  [linkage] {message}", flush=True)


def _data(profile: str = "standard") -> Path:
    out = ROOT / "var" / "bench" / "linkage" / (str(N) if profile == "standard" else f"{N}-{profile}")
    if not (out / "truth.csv").exists():
        _log(f"generating {N} registrations (seed 1, profile {profile})")
        command = [sys.executable, str(DATA_SRC / "generate.py"), "--n", str(N), "--queries", str(QUERIES)]
        subprocess.run(  # noqa: S603 - our own generator script
            [*command, "--seed", "1", "--profile", profile, "--out", str(out)],
            check=True,
        )
    return out


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _evaluate():
    sys.path.insert(0, str(DATA_SRC))
    import evaluate

    return evaluate


def _linkage():
    sys.path.insert(0, str(SRC))
    # the batch's numpy code imported here, before any timer, as Splink's modules are (numpy's import is
    # about 0.3-0.5 s of a loaded machine's time, once per process)
    from kring.chain.index import linkage, scoring  # noqa: F401

    return linkage


def _encode(linkage, row: dict):
    try:
        dob = date.fromisoformat(row["date_of_birth"]) if row["date_of_birth"] else None
    except ValueError:
        dob = None
    return linkage.encode(
        KEY,
        first_name=row["first_name"],
        prefix=row["prefix"],
        last_name=row["last_name"],
        date_of_birth=dob,
        sex=row["sex"],
        bsn=row["bsn"],
        postcode=row["postcode"],
        house_number=row["house_number"],
        ref=int(row["registration_id"]),
    )


# --- children ---------------------------------------------------------------------------------------------


class _Row(tuple):
    """A CSV row as a tuple (a dict per row would double the batch's memory), read by column name."""

    columns: dict[str, int] = {}

    def __getitem__(self, name):
        return tuple.__getitem__(self, self.columns[name])


def _tuples(path: Path) -> list:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        _Row.columns = {name: i for i, name in enumerate(next(reader))}
        return [_Row(row) for row in reader]


def _cpu_s() -> float:
    """CPU seconds of this process (all its threads) and of its children that ended: what a batch costs
    whatever else the machine runs (wall time on shared cores depends on the others' load, and a process
    with more threads gets a larger share)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _tuple_parts(path: Path, size: int):
    """The CSV rows as _Row tuples, `size` at a time (the whole file's rows would be a gigabyte at 1M)."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        _Row.columns = {name: i for i, name in enumerate(next(reader))}
        part = []
        for row in reader:
            part.append(_Row(row))
            if len(part) == size:
                yield part
                part = []
        if part:
            yield part


def kring_batch(data: Path) -> dict:
    """Encode everything (one process) into the index's arrays (scoring.Batch), then estimate the weights
    and relink it on WORKERS processes."""
    linkage, evaluate = _linkage(), _evaluate()
    from kring.chain.index import scoring

    # Encoded as the registrations arrive and kept as arrays (the index's columns and block-key words), not
    # as an object per registration: turning each part of 20,000 encodings into arrays is part of the
    # encoding here, as building its DataFrame is of Splink's preparation (prep_s, outside its batch time)
    builder, refs, encode_s = scoring.BatchBuilder(), [], 0.0
    for rows in _tuple_parts(data / "registrations.csv", 50_000):
        t = time.perf_counter()
        for row in rows:
            enc = _encode(linkage, row)
            refs.append(enc.ref)
            builder.add(enc)
        encode_s += time.perf_counter() - t
    t = time.perf_counter()
    batch = builder.build()
    encode_s += time.perf_counter() - t
    # the compiled loops loaded from numba's cache (or compiled, once after an installation or a change of
    # kernels.py: tens of seconds) outside the timer, as Splink's modules are imported before it
    t = time.perf_counter()
    scoring.warm_up()
    warm_s = time.perf_counter() - t
    t0 = time.perf_counter() - encode_s
    encoded = time.perf_counter()
    cpu0 = _cpu_s()
    mu, em = linkage.estimate_em(batch, workers=WORKERS)
    estimated = time.perf_counter()
    (SHARED / f"weights-{data.name}.json").write_text(json.dumps(mu), encoding="utf-8")
    _log(
        f"kring batch: {len(batch)} encoded in {encoded - t0:.1f} s (of which {builder.seconds:.1f} s "
        f"turning them into arrays), weights estimated (EM) in {estimated - encoded:.1f} s; relinking on "
        f"{WORKERS} processes (compiled loops ready in {warm_s:.1f} s, before the timer)"
    )
    before_link_mb = _rss_mb()
    # the possible band too: a possible pair with a bridge (a registration matching both strongly) is a match
    scored = linkage.link_batch(batch, threshold=linkage.POSSIBLE_THRESHOLD, workers=WORKERS, mu=mu)
    bridged = linkage.bridge(scored, scoring.compare_rows(batch.columns, mu), mu)
    pairs = [(i, j, s) for i, j, s in scored if s >= linkage.MATCH_THRESHOLD or (i, j) in bridged]
    done = time.perf_counter()
    cpu = _cpu_s() - cpu0
    linkage.forget_batch()
    truth = evaluate.load_truth(data / "truth.csv")
    quality = evaluate.score(((refs[i], refs[j]) for i, j, _ in pairs), truth, "batch")
    import resource

    return {
        "encode_s": encoded - t0,
        "arrays_s": builder.seconds,
        "warm_s": warm_s,
        "em_s": estimated - encoded,
        "em": em,
        "link_s": done - encoded,
        "link_cpu_s": cpu,
        "wall_s": done - t0,
        "quality": quality,
        "blocking_recall": blocking_recall(linkage, batch, refs, truth),
        # what the largest forked worker held beyond the pages it shares with this process (approximately:
        # its peak resident memory less this process's at the fork)
        "worker_extra_mb": max(
            0.0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 - before_link_mb
        ),
    }


def blocking_recall(linkage, batch, refs: list, truth: dict) -> float:
    """The share of true pairs (two index registrations of one person) that share a blocking key whose
    block is within its cap (linkage.block_cap): those the matcher gets to score at all. Read from the
    batch's key words (equal words, equal keys: scoring.key_codes), true pairs a part at a time."""
    import numpy as np

    from kring.chain.index import scoring

    n = len(batch)
    order, starts = scoring._group(batch.words)
    block_of = np.empty(len(order), dtype=np.int32)
    block_of[order] = np.cumsum(starts, dtype=np.int32) - 1  # each key's block, in record order
    del order, starts
    usable = np.bincount(block_of)[block_of] <= np.where(
        np.isin(batch.kinds, [ord(c) for c in linkage.BAND_KEYS]), linkage.BAND_BLOCK_CAP, linkage.BLOCK_CAP
    )
    owner = np.repeat(np.arange(n, dtype=np.int64), batch.counts)[usable]
    # every usable (block, record), as one sorted number
    held = block_of[usable].astype(np.int64) * n + owner
    del owner, usable
    held.sort()
    by_person: dict = {}
    for k, ref in enumerate(refs):
        by_person.setdefault(truth[ref][0], []).append(k)
    true_pairs = np.array(
        [(a, b) for group in by_person.values() for x, a in enumerate(group) for b in group[x + 1 :]],
        dtype=np.int64,
    ).reshape(-1, 2)
    offsets = np.concatenate([[0], np.cumsum(batch.counts)])
    found = 0
    for at in range(0, len(true_pairs), 100_000):
        a, b = true_pairs[at : at + 100_000, 0], true_pairs[at : at + 100_000, 1]
        # every key of a, asked whether b holds it usable too (a's own keys need not be usable: b's then is
        # not either, the block being the same)
        size = batch.counts[a]
        pair = np.repeat(np.arange(len(a), dtype=np.int64), size)
        keys = np.repeat(offsets[a] - (np.cumsum(size) - size), size) + np.arange(int(size.sum()))
        wanted = block_of[keys].astype(np.int64) * n + b[pair]
        hit = held[np.minimum(np.searchsorted(held, wanted), len(held) - 1)] == wanted
        found += len(np.unique(pair[hit]))
    return found / len(true_pairs) if len(true_pairs) else NAN


def _django(tmp: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'linkage.sqlite3'}"
    os.environ["KRING_VAR_DIR"] = str(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kring.config.test_settings"
    sys.path.insert(0, str(SRC))
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0, stdout=StringIO())


def _load_index(rows: list[dict], encodings: list) -> None:
    """The N encoded registrations as rows of kring's own tables (primary key = the benchmark's registration
    id), written with the database driver's executemany: bulk_create of a million model instances would only
    time the ORM. Not part of any measured time."""
    from django.db import connection, transaction

    from kring.accounts.models import Organisation, OrganisationKind
    from kring.chain.index import matching
    from kring.chain.index.models import BlockKey, Registration

    organisations = {
        name: Organisation.objects.get_or_create(name=name, defaults={"kind": OrganisationKind.LOCAL_TEAM})[
            0
        ].pk
        for name in sorted({row["organisation"] for row in rows})
    }
    organisation_of = {int(row["registration_id"]): organisations[row["organisation"]] for row in rows}
    template = Registration(
        contact_name="bench",
        contact_details="bench",
        category="other",
        registered_on=date(2025, 1, 1),
        expires_on=date.today() + timedelta(days=365),
    )
    fields = list(Registration._meta.concrete_fields)
    position = {f.attname: i for i, f in enumerate(fields)}
    base = [f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields]
    insert = (
        f"INSERT INTO {Registration._meta.db_table} ({', '.join(f.column for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['?'] * len(fields))})"
    )
    keys_insert = f"INSERT INTO {BlockKey._meta.db_table} (registration_id, key) VALUES (?, ?)"  # noqa: S608
    columns = [(attr, position[column]) for attr, column in matching.ENCODING_COLUMNS.items()]

    def registration(enc):
        values = list(base)
        values[position["id"]] = enc.ref
        values[position["organisation_id"]] = organisation_of[enc.ref]
        for attr, i in columns:
            value = getattr(enc, attr)
            if attr in ("first_clk", "surname_clk"):
                value = format(value, "x") if value else ""
            values[i] = value
        return values

    connection.ensure_connection()
    raw = connection.connection  # sqlite3.Connection
    tables = (Registration._meta.db_table, BlockKey._meta.db_table)
    # the indexes are created again after the load: faster than keeping them up to date row by row
    indexes = raw.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (?, ?)",
        tables,
    ).fetchall()
    with transaction.atomic():
        for name, _ in indexes:
            raw.execute(f'DROP INDEX "{name}"')
        raw.executemany(insert, (registration(enc) for enc in encodings))
        raw.executemany(keys_insert, ((enc.ref, key) for enc in encodings for key in enc.blocks))
        for _, sql in indexes:
            raw.execute(sql)
    raw.execute("ANALYZE")


def kring_online(data: Path) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="kring-bench-linkage-"))
    try:
        _django(tmp)
        linkage, evaluate = _linkage(), _evaluate()
        from django.db import connections

        from kring.chain.index import matching

        rows = _rows(data / "registrations.csv")
        t0 = time.perf_counter()
        cached = SHARED / "encodings.pickle"
        if cached.exists():
            with open(cached, "rb") as f:
                encodings = pickle.load(f)  # noqa: S301 - written by the batch part of this run
        else:
            encodings = [_encode(linkage, row) for row in rows]
        _load_index(rows, encodings)
        del rows, encodings
        weights = SHARED / f"weights-{data.name}.json"
        if weights.exists():  # the batch's estimate, stored as an installation stores its own
            matching.store_weights(mu=json.loads(weights.read_text(encoding="utf-8")), method="em")
        _log(f"kring online: {N} registrations in SQLite in {time.perf_counter() - t0:.1f} s; matching 1,000")
        queries = _rows(data / "queries.csv")
        for row in queries[:20]:  # warm up the database cache and the name caches
            matching.find_matches(_encode(linkage, row), threshold=linkage.MATCH_THRESHOLD)
        latencies, pairs = [], []
        for row in queries:
            t = time.perf_counter()
            enc = _encode(linkage, row)
            found = matching.find_matches(enc, threshold=linkage.MATCH_THRESHOLD)
            latencies.append(time.perf_counter() - t)
            pairs += [(enc.ref, pk) for pk, _, _ in found]
        quality = evaluate.score(pairs, evaluate.load_truth(data / "truth.csv"), "online")
        connections.close_all()
        return {"latencies": latencies, "quality": quality, "load_s": time.perf_counter() - t0}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def splink(data: Path) -> dict:
    evaluate = _evaluate()
    try:
        import duckdb  # noqa: F401
        import pandas as pd
        import splink.comparison_library as cl
        from splink import DuckDBAPI, Linker, SettingsCreator, block_on
        from splink.internals.exceptions import EMTrainingException
    except ImportError as error:
        return {"error": repr(error)}

    def clean(r):
        first = (r["first_name"] or "").strip().lower() or None
        surname = f"{r['prefix']} {r['last_name']}".strip().lower() or None
        postcode = (r["postcode"] or "").replace(" ", "").upper() or None
        house = (r["house_number"] or "").strip().upper() or None
        return {
            "unique_id": int(r["registration_id"]),
            "first_name": first,
            "surname": surname,
            "first_and_surname": f"{first or ''} {surname or ''}".strip() or None,
            "dob": r["date_of_birth"] or None,
            "postcode": postcode,
            "address": f"{postcode}|{house}" if postcode and house else None,
            "sex": {"M": "m", "V": "f"}.get((r["sex"] or "").strip().upper()),
            "bsn": r["bsn"] or None,
        }

    rows = _rows(data / "registrations.csv")
    t_prep = time.perf_counter()
    df = pd.DataFrame([clean(r) for r in rows])
    prep_s = time.perf_counter() - t_prep
    del rows
    queries = _rows(data / "queries.csv")[:SPLINK_ONLINE_QUERIES]
    truth = evaluate.load_truth(data / "truth.csv")
    # Set up as Splink's documentation does for person data (its deduplication and real-time examples): a
    # forename/surname comparison that also scores names swapped between the fields, with term-frequency
    # adjustments; its date-of-birth comparison; exact address, sex and BSN. Blocking on pairs of fields, so
    # each true pair needs only one field pair intact; each rule pairs the birth date with a second field,
    # because the generator puts 2-3% of birth dates on two clamped days (a rule on the birth date alone
    # compares ~700 million pairs at a million registrations). Training as documented: the prior from
    # deterministic rules, u by random sampling, m by EM in two sessions blocked on different fields.
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            "l.first_name = r.surname and l.surname = r.first_name",
            block_on("surname", "dob"),
            block_on("first_name", "dob"),
            block_on("postcode", "first_name"),
            block_on("postcode", "surname"),
            block_on("dob", "substr(postcode, 1, 4)"),
            block_on("bsn"),
        ],
        comparisons=[
            cl.ForenameSurnameComparison(
                "first_name", "surname", forename_surname_concat_col_name="first_and_surname"
            ).configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("address"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("bsn"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    _log(f"splink: training and predicting on {len(df)} registrations")
    t0, cpu0 = time.perf_counter(), _cpu_s()
    db_api = DuckDBAPI()
    base = db_api.register(df, table_name="regs")
    linker = Linker(base, settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"), block_on("bsn")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "surname"))
    try:
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("dob", "substr(postcode, 1, 4)")
        )
    except EMTrainingException:  # data without postcodes (bench/linkage_febrl.py --names-only)
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    preds = linker.inference.predict(threshold_match_probability=0.9).as_pandas_dataframe()
    batch_s, batch_cpu_s = time.perf_counter() - t0, _cpu_s() - cpu0
    batch = evaluate.score(zip(preds["unique_id_l"], preds["unique_id_r"], strict=True), truth, "batch")
    del preds
    _log(f"splink: batch in {batch_s:.1f} s; real-time API on {len(queries)} queries")
    latencies, pairs = [], []
    for row in queries:
        t = time.perf_counter()
        new = db_api.register(pd.DataFrame([clean(row)]), table_name=f"q{row['registration_id']}")
        found = linker.inference.predict_between(new, base, threshold_match_probability=0.9)
        found = found.as_pandas_dataframe()
        latencies.append(time.perf_counter() - t)
        pairs += [(int(a), int(b)) for a, b in zip(found["unique_id_l"], found["unique_id_r"], strict=True)]
    asked = {int(row["registration_id"]) for row in queries}
    # scored on the queries Splink was asked only (the others would count as missed)
    asked_truth = {rid: v for rid, v in truth.items() if v[2] == "index" or rid in asked}
    online = evaluate.score(pairs, asked_truth, "online")
    return {
        "prep_s": prep_s,
        "batch_s": batch_s,
        "batch_cpu_s": batch_cpu_s,
        "batch": batch,
        "latencies": latencies,
        "online": online,
    }


MODES = {"kring-batch": kring_batch, "kring-online": kring_online, "splink": splink}


def _spawn(mode: str, data: Path) -> tuple[dict, float]:
    """Run one mode in its own process; its JSON result and its peak resident memory in MB."""
    with tempfile.TemporaryDirectory(prefix="kring-bench-linkage-") as tmp:
        out = Path(tmp) / "result.json"
        process = subprocess.Popen(  # noqa: S603 - this script, our interpreter
            [sys.executable, str(Path(__file__).resolve()), mode, str(data), str(out)], cwd=ROOT
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0 or not out.exists():
            raise RuntimeError(f"linkage benchmark part {mode!r} failed ({process.returncode})")
        return json.loads(out.read_text(encoding="utf-8")), usage.ru_maxrss / 1024


def _p(values: list[float], q: float) -> float:
    if not values:
        return NAN
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]
    )


def run() -> list[Result]:
    results = []
    for profile in PROFILES:
        data = _data(profile)
        shared = Path(tempfile.mkdtemp(prefix="kring-bench-linkage-"))
        os.environ["KRING_BENCH_LINKAGE_SHARED"] = str(shared)
        try:
            results += _run(data, profile)
        finally:
            shutil.rmtree(shared, ignore_errors=True)
    return results


def _quality(q: dict) -> str:
    return (
        f"P {q['precision']:.3f} R {q['recall']:.3f} F1 {q['f1']:.3f}, "
        f"fp_same_household {q['fp_same_household']}"
    )


def _run(data: Path, profile: str) -> list[Result]:
    batch, batch_mb = _spawn("kring-batch", data)
    batch_mb += batch["worker_extra_mb"]  # this process's peak plus what its largest worker added
    _log(
        f"[{profile}] kring batch: {batch['wall_s']:.1f} s ({batch['encode_s']:.1f} s encoding, of which "
        f"{batch['arrays_s']:.1f} s into arrays, "
        f"{batch['em_s']:.1f} s EM, {batch['link_s']:.1f} s EM + relinking), {batch_mb:.0f} MB, "
        f"F1 {batch['quality']['f1']:.3f}, blocking recall {batch['blocking_recall']:.4f}"
    )
    online, _online_mb = _spawn("kring-online", data)
    _log(
        f"[{profile}] kring online: p95 {_p(online['latencies'], 95) * 1000:.2f} ms, median "
        f"{_p(online['latencies'], 50) * 1000:.2f} ms, F1 {online['quality']['f1']:.3f}"
    )
    try:
        theirs, splink_mb = _spawn("splink", data)
    except RuntimeError as error:
        theirs, splink_mb = {"error": str(error)}, NAN
    if "error" in theirs:
        _log(f"splink did not run: {theirs['error']}")
        none = {"precision": NAN, "recall": NAN, "f1": NAN, "fp_same_household": NAN}
        theirs = {
            "prep_s": NAN,
            "batch_s": NAN,
            "batch_cpu_s": NAN,
            "batch": none,
            "latencies": [],
            "online": none,
        }

    k_lat, s_lat = online["latencies"], theirs["latencies"]
    k_p95, s_p95 = _p(k_lat, 95) * 1000, _p(s_lat, 95) * 1000
    k_batch_f1, s_batch_f1 = batch["quality"]["f1"], theirs["batch"]["f1"]
    k_online_f1 = online["quality"]["f1"]
    s_end_to_end = theirs["prep_s"] + theirs["batch_s"]
    k_household, s_household = batch["quality"]["fp_same_household"], theirs["batch"]["fp_same_household"]
    tag = "" if profile == "standard" else f" ({profile})"
    lines = [
        f"linkage{tag} kring batch: {_quality(batch['quality'])}; "
        f"blocking recall {batch['blocking_recall']:.4f}",
        f"linkage{tag} kring online: {_quality(online['quality'])}",
        f"linkage{tag} splink batch: {_quality(theirs['batch'])}",
        f"linkage{tag} splink real-time API: {_quality(theirs['online'])}",
        f"linkage{tag} online p95 ratio vs splink: {k_p95 / s_p95:.4f} "
        f"(kring p50 {_p(k_lat, 50) * 1000:.2f} ms p95 {k_p95:.2f} ms, "
        f"splink p50 {_p(s_lat, 50) * 1000:.0f} ms p95 {s_p95:.0f} ms)",
        f"linkage F1{tag}: kring {k_batch_f1:.3f}, splink {s_batch_f1:.3f}",
        f"linkage online F1{tag}: kring {k_online_f1:.3f} "
        f"(splink real-time API {theirs['online']['f1']:.3f})",
        f"linkage{tag} sibling false matches: kring {k_household}, splink {s_household}",
        f"linkage{tag} batch wall time ratio vs splink: {batch['link_s'] / theirs['batch_s']:.3f} "
        f"(estimate weights + relink the index: kring {batch['link_s']:.1f} s on {WORKERS} processes, "
        f"splink train + predict {theirs['batch_s']:.1f} s)",
        f"linkage{tag} batch CPU ratio vs splink: {batch['link_cpu_s'] / theirs['batch_cpu_s']:.3f} "
        f"(CPU seconds of every process and thread, EM + relink vs train + predict: kring "
        f"{batch['link_cpu_s']:.1f} s, splink {theirs['batch_cpu_s']:.1f} s)",
        f"linkage{tag} batch end-to-end ratio vs splink: {batch['wall_s'] / s_end_to_end:.3f} "
        f"(from the CSV rows: kring encode + EM + relink {batch['wall_s']:.1f} s, "
        f"splink clean + train + predict {s_end_to_end:.1f} s)",
        f"linkage{tag} batch peak memory ratio vs splink: {batch_mb / splink_mb:.3f} "
        f"(kring {batch_mb:.0f} MB, splink {splink_mb:.0f} MB)",
        f"linkage{tag} N = {N}: online p95 kring {k_p95:.2f} ms, splink {s_p95:.0f} ms",
    ]
    for line in lines:
        print(line, flush=True)
    details = {
        "n": N,
        "profile": profile,
        "workers": WORKERS,
        "summary": lines,
        "kring_online": online["quality"],
        "kring_online_median_ms": _p(k_lat, 50) * 1000,
        "kring_batch": batch["quality"],
        "kring_blocking_recall": batch["blocking_recall"],
        "kring_em": batch["em"],
        "kring_batch_encode_s": batch["encode_s"],
        "kring_batch_em_s": batch["em_s"],
        "kring_batch_link_s": batch["link_s"],
        "kring_index_load_s": online["load_s"],
        "kring_batch_peak_mb": batch_mb,
        "splink_online": theirs["online"],
        "splink_online_median_ms": _p(s_lat, 50) * 1000,
        "splink_online_queries": len(s_lat),
        "splink_batch": theirs["batch"],
        "splink_batch_s": theirs["batch_s"],
        "splink_batch_cpu_s": theirs["batch_cpu_s"],
        "kring_batch_link_cpu_s": batch["link_cpu_s"],
        "splink_prep_s": theirs["prep_s"],
        "splink_peak_mb": splink_mb,
    }
    name = "linkage" if profile == "standard" else f"linkage.{profile}"
    return [
        Result.against(
            f"{name}.online_p95",
            value=k_p95,
            unit="ms",
            baseline_value=s_p95,
            description=f"p95 per new registration, N={N} (median {_p(k_lat, 50) * 1000:.2f} ms); "
            "kring on SQLite vs Splink predict_between",
            details=details,
        ),
        Result.against(
            f"{name}.online_f1",
            value=k_online_f1,
            unit="F1",
            baseline_value=s_batch_f1,
            description="kring online pair F1 vs Splink's batch F1 (the bar: ratio >= 1)",
        ),
        Result.against(
            f"{name}.batch_wall",
            value=batch["link_s"],
            unit="s",
            baseline_value=theirs["batch_s"],
            description=f"estimate weights + relink the index of N ({WORKERS} processes) vs Splink train + "
            "predict",
        ),
        Result.against(
            f"{name}.batch_cpu",
            value=batch["link_cpu_s"],
            unit="s",
            baseline_value=theirs["batch_cpu_s"],
            description="CPU seconds (all processes and threads) of EM + relink vs Splink train + predict",
        ),
        Result.against(
            f"{name}.batch_end_to_end",
            value=batch["wall_s"],
            unit="s",
            baseline_value=s_end_to_end,
            description="from the CSV rows: kring encode + EM + relink vs Splink clean + train + predict",
        ),
        Result.against(
            f"{name}.batch_f1",
            value=k_batch_f1,
            unit="F1",
            baseline_value=s_batch_f1,
            description="batch pair F1, kring vs Splink (the bar: ratio >= 1)",
        ),
        Result.against(
            f"{name}.fp_same_household",
            value=k_household,
            unit="pairs",
            baseline_value=s_household,
            description="batch false matches that are brothers or sisters, kring vs Splink (bar: <= 0.5)",
        ),
        Result.against(
            f"{name}.batch_peak_memory",
            value=batch_mb,
            unit="MB",
            baseline_value=splink_mb,
            description="peak resident memory of the batch, kring (main process + a worker's own) vs Splink",
        ),
    ]


if __name__ == "__main__":
    mode, data_dir, out_path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    result = MODES[mode](data_dir)
    Path(out_path).write_text(json.dumps(result), encoding="utf-8")
