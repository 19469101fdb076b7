# ruff: noqa: S608, E731 — hand-written SQL from our own integers and dates; short lambdas for SQL snippets
"""Insights at volume: the dashboard figures and the cohort comparison against hand-written SQL computing
the same figures on the same database in the same run, with the query count and a check against pandas.

A fresh temporary database (SQLite; or PostgreSQL when KRING_BENCH_INSIGHTS_DATABASE_URL is set, e.g.
postgres://postgres:postgres@127.0.0.1:5432/kring_bench_insights — the database is dropped and created):
migrate, seed_demo, then `seed_bulk --outcomes` adds invented dossiers to Team Jeugdreclassering until about
KRING_BENCH_INSIGHTS_MEASURES measures exist (default the issue's 1,000,000: about 1.7 million dossiers,
some 10-12 minutes of seeding on a 2-core machine, half an hour shared), with method labels, risk
assessments, warning talks, reports back, end judgements and repeat appeals (kring.insights.bulk).

Measured, interleaved round by round:
- kring: the dashboard's figures for the organisation (how measures ended per team, durations, repeat
  appeal, risk change) and the comparison of regular against Signs of Success youth probation (five
  outcomes with bootstrap intervals) — the functions the pages call;
- hand SQL: one hand-written query per figure, the same bootstrap.
Printed: `insights dashboard ratio vs hand SQL: X` (kring time / hand time; target <= 1.5) and the query
count of the full indicator set (constant in the number of measures). Correctness: the same figures from
a raw export of the tables, computed with pandas, must equal kring's.
"""

import os
import shutil
import sys
import tempfile
import time
from datetime import UTC
from io import StringIO
from pathlib import Path
from typing import Any

from _harness import (
    BENCH_DATABASE_URL_ENV,
    BENCH_DB_ENV,
    DEFAULT_POSTGRES_URL,
    Result,
    Target,
    bench_database,
    measure_interleaved,
)

MEASURES = int(os.environ.get("KRING_BENCH_INSIGHTS_MEASURES", "1000000"))
DATABASE_URL = (
    os.environ.get("KRING_BENCH_INSIGHTS_DATABASE_URL")
    or os.environ.get(BENCH_DATABASE_URL_ENV)
    or DEFAULT_POSTGRES_URL
)
KEEP = os.environ.get("KRING_BENCH_INSIGHTS_KEEP", "")  # "1" (PostgreSQL) or the SQLite file to keep
MEASURE_SHARE = 0.6  # seed_bulk gives about this many dossiers a measure
CHUNK_DOSSIERS = 100_000
TEAM = "Team Jeugdreclassering"
ROUNDS = int(os.environ.get("KRING_BENCH_INSIGHTS_ROUNDS", "3"))
WARMUP = int(os.environ.get("KRING_BENCH_INSIGHTS_WARMUP", "1"))
REQUESTS = 1
TARGETS = {"insights.dashboard": Target(at_most=1.5)}
SRC_DIR = Path(__file__).resolve().parent.parent / "src"
PLANNED = ("goals_reached", "court_ended", "turned_18")
EARLY = ("early_positive_closure", "scaled_down")
TRANSFER = ("transferred", "moved")


def _log(message: str) -> None:
    print(f"  [insights] {message}", flush=True)


def _setup(tmp: Path) -> Any:
    """DATABASE_URL for this run; returns the cleanup to call at the end (drops a PostgreSQL database)."""
    cleanup: Any = lambda: None
    if os.environ.get("KRING_BENCH_INSIGHTS_DATABASE_URL"):
        os.environ[BENCH_DB_ENV] = "postgres"
    if KEEP and os.environ.get(BENCH_DB_ENV) == "postgres":
        _create_if_missing(DATABASE_URL)
    if KEEP:
        # a database kept between runs: seeded once, measured again after a change of the code
        os.environ["DATABASE_URL"] = (
            DATABASE_URL if os.environ.get(BENCH_DB_ENV) == "postgres" else f"sqlite:///{KEEP}"
        )
    else:
        os.environ[BENCH_DATABASE_URL_ENV] = DATABASE_URL
        _description, cleanup = bench_database(tmp, "insights")
    os.environ["KRING_VAR_DIR"] = str(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kring.config.test_settings"
    if str(SRC_DIR) not in sys.path:
        sys.path.insert(0, str(SRC_DIR))
    import django

    django.setup()
    return cleanup


def _create_if_missing(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def _seed() -> dict[str, Any]:
    from django.core.management import call_command
    from django.db.utils import OperationalError, ProgrammingError

    from kring.cases.models import Measure

    try:
        present = Measure.objects.count()
    except (OperationalError, ProgrammingError):  # a new database: no tables yet
        present = 0
    if KEEP and present >= MEASURES * 0.95:
        _log(f"kept database: {present:,} measures, not seeded again")
        return {"measures": present, "seed_seconds": None, "measures_per_second": None}
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    if not present:
        call_command("seed_demo", stdout=StringIO())
    # in chunks, each with its outcomes: a kept database that was stopped half-way is usable and resumed
    bulk_started = time.perf_counter()
    while (missing := MEASURES - Measure.objects.count()) > MEASURES * 0.01:
        dossiers = max(1, min(int(missing / MEASURE_SHARE), CHUNK_DOSSIERS))
        call_command(
            "seed_bulk",
            dossiers=dossiers,
            team=TEAM,
            seat_share=0.0,
            outcomes=True,
            batch_size=10_000,
            yes_i_know=True,
            stdout=StringIO(),
            stderr=StringIO(),
        )
        done = Measure.objects.count()
        rate = (done - present) / (time.perf_counter() - bulk_started)
        _log(f"seed_bulk: {done:,} measures ({rate:,.0f} measures/s)")
    bulk_seconds = time.perf_counter() - bulk_started
    seconds = time.perf_counter() - started
    measures = Measure.objects.count()
    rate = (measures - present) / max(bulk_seconds, 1e-9)
    _log(f"{measures:,} measures in {seconds:.0f} s (seed_bulk {bulk_seconds:.0f} s, {rate:,.0f} measures/s)")
    return {"measures": measures, "seed_seconds": round(seconds, 1), "measures_per_second": round(rate)}


# --- kring ----------------------------------------------------------------------------------------------


def _kring(view: Any, today: Any, now: Any) -> dict[str, Any]:
    """What the dashboard page computes before it formats (dashboards.dashboard: indicator_set and the end
    table), and the cohort comparison page's figures."""
    from kring.cases.models import YOUTH_PROBATION_MEASURES
    from kring.insights import indicators as ind
    from kring.insights.cohorts import compare
    from kring.insights.dashboards import end_table, scoped_cohort

    measures = ind.cohort_measures(scoped_cohort(view, ind.Cohort()))
    probation = tuple(sorted(YOUTH_PROBATION_MEASURES))
    regular = ind.cohort_measures(scoped_cohort(view, ind.Cohort(kinds=probation, method="regular")))
    success = ind.cohort_measures(scoped_cohort(view, ind.Cohort(kinds=probation, method="signs_of_success")))
    figures = ind.indicator_set(measures, today=today, now=now)
    table = end_table(view, measures)
    return {
        **figures,
        "ends_by_group": {row["group_id"]: row["cells"] for row in table["rows"]},
        "compare": compare(regular, success),
    }


# --- hand-written SQL -------------------------------------------------------------------------------------


def _days(vendor: str, end: str, start: str) -> str:
    if vendor == "sqlite":
        return f"CAST(ROUND(julianday({end}) - julianday({start})) AS INTEGER)"
    return f"({end} - {start})"


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _hand_sql(vendor: str, team_ids: list[int], today: Any, now: Any) -> dict[str, str]:
    teams = "(" + ", ".join(str(t) for t in team_ids) + ")"
    scope = f"m.dossier_id IN (SELECT id FROM cases_dossier WHERE owning_team_id IN {teams})"
    ended = f"{scope} AND m.ended_on IS NOT NULL AND m.ended_on >= m.started_on"
    d = lambda a, b: _days(vendor, a, b)
    from datetime import timedelta

    d12, d24 = today - timedelta(days=365), today - timedelta(days=730)
    until = f"COALESCE(m.ended_on, '{today}')"
    real = "REAL" if vendor == "sqlite" else "DOUBLE PRECISION"  # REAL is 4 bytes on PostgreSQL
    now_sql = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") + ("" if vendor == "sqlite" else "+00")
    series = lambda table, day, value, where: (
        # first and last value of a series held during each ended measure: one pass of window functions
        "SELECT COUNT(*), AVG(last - first), AVG(first), AVG(last) FROM (SELECT mid, "
        "MAX(CASE WHEN a = 1 THEN v END) AS first, MAX(CASE WHEN a = k THEN v END) AS last, "
        f"MIN(day) AS first_on, MAX(day) AS last_on FROM (SELECT m.id AS mid, x.{day} AS day, "
        f"CAST(x.{value} AS {real}) AS v, ROW_NUMBER() OVER (PARTITION BY m.id ORDER BY x.{day}, x.id) AS a, "
        "COUNT(*) OVER (PARTITION BY m.id) AS k "
        f"FROM cases_measure m JOIN {table} x ON x.dossier_id = m.dossier_id AND x.{day} >= m.started_on "
        f"AND x.{day} <= {until} WHERE {ended} AND {where}) w GROUP BY mid) s WHERE last_on > first_on"
    )
    again = lambda n: (
        f"EXISTS (SELECT 1 FROM cases_measure n WHERE n.child_id = m.child_id AND n.started_on > m.ended_on "
        f"AND {d('n.started_on', 'm.ended_on')} <= {n})"
    )
    method = (
        "COALESCE((SELECT l.method FROM insights_methodlabel l WHERE l.measure_id = m.id), "
        "(SELECT l.method FROM insights_methodlabel l "
        "WHERE l.dossier_id = m.dossier_id AND l.measure_id IS NULL), "
        "'unlabelled')"
    )
    risk_cte = (  # per measure: first and last dynamic total and their dates, one pass of window functions
        "WITH r AS (SELECT measure_id, MIN(assessed_on) AS first_on, MAX(assessed_on) AS last_on, "
        "MAX(CASE WHEN a = 1 THEN total END) AS first, MAX(CASE WHEN a = k THEN total END) AS last "
        f"FROM (SELECT measure_id, assessed_on, CAST(dynamic_total AS {real}) AS total, "
        "ROW_NUMBER() OVER (PARTITION BY measure_id ORDER BY assessed_on, id) AS a, "
        "COUNT(*) OVER (PARTITION BY measure_id) AS k FROM insights_riskassessment) q GROUP BY measure_id) "
    )
    quartile = " OR ".join(
        f"rn = CAST((n - 1) * {p} AS INTEGER) + {k}" for p in (0.25, 0.5, 0.75) for k in (1, 2)
    )
    study = lambda name: (
        risk_cte + "SELECT CASE WHEN r.last_on > r.first_on THEN r.last - r.first END, "
        f"{d('m.ended_on', 'm.started_on')}, j.goal_realisation, "
        "COALESCE(e.warnings, 0), COALESCE(e.reports, 0) FROM cases_measure m "
        "LEFT JOIN r ON r.measure_id = m.id "
        "LEFT JOIN insights_endjudgement j ON j.measure_id = m.id "
        "LEFT JOIN (SELECT measure_id, SUM(CASE WHEN kind = 'warning_talk' THEN 1 ELSE 0 END) AS warnings, "
        "SUM(CASE WHEN kind = 'report_back' THEN 1 ELSE 0 END) AS reports FROM insights_probationevent "
        "GROUP BY measure_id) e ON e.measure_id = m.id "
        f"WHERE {ended} AND m.kind LIKE 'nl_youth_probation%' AND {method} = '{name}'"
    )
    return {
        "ends": (
            "SELECT d.owning_team_id, "
            f"SUM(CASE WHEN m.end_reason IN {_in(PLANNED)} THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN m.end_reason IN {_in(EARLY)} THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN m.end_reason = 'escalated' THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN m.end_reason IN {_in(TRANSFER)} THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN m.end_reason IN ('other', '') THEN 1 ELSE 0 END) "
            f"FROM cases_measure m JOIN cases_dossier d ON d.id = m.dossier_id WHERE {ended} "
            "GROUP BY d.owning_team_id ORDER BY d.owning_team_id"
        ),
        "durations": (
            f"SELECT kind, rn, n, days FROM (SELECT m.kind, {d('m.ended_on', 'm.started_on')} AS days, "
            "ROW_NUMBER() OVER (PARTITION BY m.kind ORDER BY "
            f"{d('m.ended_on', 'm.started_on')}, m.id) AS rn, "
            f"COUNT(*) OVER (PARTITION BY m.kind) AS n FROM cases_measure m WHERE {ended}) q WHERE {quartile}"
        ),
        "repeat": (
            f"SELECT SUM(CASE WHEN m.ended_on <= '{d12}' THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN m.ended_on <= '{d12}' AND {again(365)} THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN m.ended_on <= '{d24}' THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN m.ended_on <= '{d24}' AND {again(730)} THEN 1 ELSE 0 END) "
            f"FROM cases_measure m WHERE {ended} AND m.end_reason NOT IN ('escalated', 'transferred')"
        ),
        "risk": (
            risk_cte + "SELECT COUNT(*), AVG(r.last - r.first) FROM cases_measure m "
            f"JOIN r ON r.measure_id = m.id WHERE {ended} AND r.last_on > r.first_on"
        ),
        "regular": study("regular"),
        "success": study("signs_of_success"),
        "mapping": series("safety_mapping", "held_on", "safety_scale", "x.safety_scale IS NOT NULL"),
        "family": series(
            "safety_scalerating", "rated_on", "score", "x.question = 'safety' AND x.circle_member_id IS NULL"
        ),
        "professional": series(
            "safety_scalerating",
            "rated_on",
            "score",
            "x.question = 'safety' AND x.circle_member_id IS NOT NULL",
        ),
        "experience": (
            "SELECT "
            + ", ".join(
                f"COUNT(DISTINCT CASE WHEN {c} THEN a.administration_id END)"
                if kind == "n"
                else f"AVG(CASE WHEN {c} THEN a.value END)"
                for kind, c in (
                    ("n", "i.slug = 'exit'"),
                    ("avg", "i.slug = 'exit' AND t.key = 'grade'"),
                    ("avg", "i.slug = 'exit' AND t.subscale = 'result'"),
                    ("avg", "i.slug = 'exit' AND t.subscale = 'process'"),
                    ("n", "i.slug = 'session-end'"),
                    ("avg", "i.slug = 'session-end'"),
                    ("n", "i.slug = 'samen-sterker'"),
                    ("avg", "i.slug = 'samen-sterker'"),
                )
            )
            + " FROM feedback_answer a JOIN feedback_administration s ON s.id = a.administration_id "
            "JOIN feedback_instrument i ON i.id = s.instrument_id JOIN feedback_item t ON t.id = a.item_id "
            f"WHERE s.dossier_id IN (SELECT m.dossier_id FROM cases_measure m WHERE {scope}) "
            "AND s.submitted_at IS NOT NULL AND a.value IS NOT NULL"
        ),
        "intake": (
            f"SELECT COUNT(*), AVG({d('f.first_on', 'o.opened_on')}) FROM cases_dossier o "
            "JOIN (SELECT dossier_id, MIN(occurred_on) AS first_on FROM cases_contact GROUP BY dossier_id) f "
            f"ON f.dossier_id = o.id WHERE o.id IN (SELECT m.dossier_id FROM cases_measure m WHERE {scope})"
        ),
        "intensity": (
            "SELECT COUNT(*), AVG(minutes * 7.0 / days) FROM (SELECT m.id, "
            f"{d(until, 'm.started_on')} AS days, COALESCE(SUM(c.minutes), 0) AS minutes "
            "FROM cases_measure m LEFT JOIN cases_contact c ON c.dossier_id = m.dossier_id "
            f"AND c.occurred_on >= m.started_on AND c.occurred_on <= {until} "
            f"WHERE {scope} AND {d(until, 'm.started_on')} >= 7 GROUP BY m.id, m.started_on, m.ended_on) q"
        ),
        "requests": (
            "SELECT COUNT(*), SUM(CASE WHEN r.answered_at <= r.due_at THEN 1 ELSE 0 END) "
            "FROM chain_contextrequest r JOIN chain_chaincase c ON c.id = r.case_id "
            f"WHERE c.dossier_id IN (SELECT m.dossier_id FROM cases_measure m WHERE {scope}) "
            f"AND (r.answered_at IS NOT NULL OR r.due_at < '{now_sql}')"
        ),
        "matches": (
            "SELECT COUNT(*), SUM(CASE WHEN x.status IN ('lead_agreed', 'dismissed') OR "
            "(x.first_followed_up_at IS NOT NULL AND x.second_followed_up_at IS NOT NULL) THEN 1 ELSE 0 END) "
            "FROM signal_index_match x JOIN signal_index_registration a ON a.id = x.first_id "
            "JOIN signal_index_registration b ON b.id = x.second_id "
            "WHERE x.status IN ('match', 'lead_agreed', 'dismissed') AND "
            f"(a.dossier_id IN (SELECT m.dossier_id FROM cases_measure m WHERE {scope}) "
            f"OR b.dossier_id IN (SELECT m.dossier_id FROM cases_measure m WHERE {scope}))"
        ),
    }


def _hand(queries: dict[str, str]) -> dict[str, Any]:
    import numpy as np
    from django.db import connection

    from kring.insights.cohorts import bootstrap_difference

    out: dict[str, Any] = {}
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            cursor.execute(sql)
            out[name] = cursor.fetchall()
    for name in ("regular", "success"):
        out[name] = np.array(
            [[np.nan if v is None else float(v) for v in row] for row in out[name]], dtype=float
        )
    differences = []
    for column in range(5):
        a = out["regular"][:, column][~np.isnan(out["regular"][:, column])]
        b = out["success"][:, column][~np.isnan(out["success"][:, column])]
        differences.append(bootstrap_difference(a, b) if min(a.size, b.size) >= 5 else None)
    out["differences"] = differences
    return out


def _hand_figures(hand: dict[str, Any]) -> dict[str, Any]:
    """The hand-written queries' rows in the shape of kring's indicator_set (the parts both compute)."""
    series = lambda row: dict(zip(("n", "mean_change", "mean_start", "mean_end"), row, strict=True))
    pair = lambda row: {"denominator": row[0], "numerator": row[1] or 0}
    (repeat,) = hand["repeat"]
    experience = dict(
        zip(
            ("exit_n", "exit_grade", "exit_result", "exit_process", "session_n", "session_mean",
             "samen_sterker_n", "samen_sterker_mean"),
            hand["experience"][0],
            strict=True,
        )
    )  # fmt: skip
    return {
        "repeat": {
            12: {"denominator": repeat[0] or 0, "numerator": repeat[1] or 0},
            24: {"denominator": repeat[2] or 0, "numerator": repeat[3] or 0},
        },
        "risk": dict(zip(("n", "mean_change"), hand["risk"][0], strict=True)),
        "scales": {name: series(hand[name][0]) for name in ("mapping", "family", "professional")},
        "experience": experience,
        "process": {
            "intake": dict(zip(("n", "mean_days"), hand["intake"][0], strict=True)),
            "intensity": dict(zip(("n", "minutes_per_week"), hand["intensity"][0], strict=True)),
            "requests": pair(hand["requests"][0]),
            "matches": pair(hand["matches"][0]),
        },
    }


def _differences(mine: Any, theirs: Any, path: str = "") -> list[str]:
    """Where two nested figures differ (numbers to a relative 1e-9; only the keys `theirs` has)."""
    if isinstance(theirs, dict):
        return [p for key, value in theirs.items() for p in _differences(mine[key], value, f"{path}.{key}")]
    if mine is None or theirs is None:
        return [] if mine is None and theirs is None else [f"{path}: kring {mine} hand {theirs}"]
    if abs(float(mine) - float(theirs)) > 1e-9 * max(1.0, abs(float(theirs))):
        return [f"{path}: kring {mine} hand {theirs}"]
    return []


# --- pandas, from a raw export ------------------------------------------------------------------------------


def _pandas_check(kring: dict[str, Any], team_ids: list[int], today: Any) -> list[str]:
    import pandas as pd
    from django.db import connection

    def frame(sql: str, columns: list[str]) -> pd.DataFrame:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return pd.DataFrame(cursor.fetchall(), columns=columns)

    m = frame(
        "SELECT id, dossier_id, child_id, kind, started_on, ended_on, end_reason FROM cases_measure",
        ["id", "dossier_id", "child_id", "kind", "started_on", "ended_on", "end_reason"],
    )
    dossiers = frame("SELECT id, owning_team_id FROM cases_dossier", ["dossier_id", "team"])
    risk = frame(
        "SELECT id, measure_id, assessed_on, dynamic_total FROM insights_riskassessment",
        ["id", "measure_id", "assessed_on", "total"],
    )
    for df, cols in ((m, ["started_on", "ended_on"]), (risk, ["assessed_on"])):
        for col in cols:
            df[col] = pd.to_datetime(df[col])
    m["dossier_id"] = m["dossier_id"].astype(str).str.replace("-", "")
    dossiers["dossier_id"] = dossiers["dossier_id"].astype(str).str.replace("-", "")
    m = m.merge(dossiers, on="dossier_id")
    scope = m[m["team"].isin(team_ids)]
    ended = scope[scope["ended_on"].notna() & (scope["ended_on"] >= scope["started_on"])].copy()
    ended["days"] = (ended["ended_on"] - ended["started_on"]).dt.days
    problems = []
    for kind, group in ended.groupby("kind"):
        q1, q2, q3 = group["days"].quantile([0.25, 0.5, 0.75]).tolist()
        mine = kring["durations"][kind]
        if (mine["n"], mine["q1"], mine["median"], mine["q3"]) != (len(group), q1, q2, q3):
            problems.append(f"durations {kind}: kring {mine} pandas {(len(group), q1, q2, q3)}")
    categories = {
        "as_planned": PLANNED,
        "early": EARLY,
        "escalated": ("escalated",),
        "transfer": TRANSFER,
        "other": ("other", ""),
    }
    for team, group in ended.groupby("team"):
        counts = [int(group["end_reason"].isin(reasons).sum()) for reasons in categories.values()]
        shown = kring["ends_by_group"].get(team)
        if shown is None or any(s is not None and s != c for s, c in zip(shown, counts, strict=True)):
            problems.append(f"ends team {team}: kring {shown} pandas {counts}")
    basis = ended[~ended["end_reason"].isin(["escalated", "transferred"])]
    later = m[["child_id", "started_on"]].rename(columns={"started_on": "next_start"})
    pairs = basis[["id", "child_id", "ended_on"]].merge(later, on="child_id")
    gap = (pairs["next_start"] - pairs["ended_on"]).dt.days
    for months, days in ((12, 365), (24, 730)):
        observable = basis[basis["ended_on"] <= pd.Timestamp(today) - pd.Timedelta(days=days)]
        again = set(pairs.loc[(gap > 0) & (gap <= days), "id"])
        numerator = int(observable["id"].isin(again).sum())
        mine = kring["repeat"][months]
        if (mine["numerator"], mine["denominator"]) != (numerator, len(observable)):
            problems.append(f"repeat {months}: kring {mine} pandas {(numerator, len(observable))}")
    risk = risk.sort_values(["measure_id", "assessed_on", "id"])
    first = risk.groupby("measure_id").first()
    last = risk.groupby("measure_id").last()
    change = pd.DataFrame(
        {
            "first_on": first["assessed_on"],
            "last_on": last["assessed_on"],
            "change": last["total"].astype(float) - first["total"].astype(float),
        }
    )
    change = change[change["last_on"] > change["first_on"]]
    change = change[change.index.isin(ended["id"])]
    mine = kring["risk"]
    if mine["n"] != len(change) or abs((mine["mean_change"] or 0) - change["change"].mean()) > 1e-9:
        problems.append(f"risk: kring {mine} pandas {(len(change), change['change'].mean())}")
    return problems


def run() -> list[Result]:
    tmp = Path(tempfile.mkdtemp(prefix="kring-bench-insights-"))
    cleanup = _setup(tmp)
    try:
        return _run(tmp)
    finally:
        from django.db import connections

        connections.close_all()
        cleanup()
        shutil.rmtree(tmp, ignore_errors=True)


def _run(tmp: Path) -> list[Result]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from kring.access.insights import InsightsView, Scope
    from kring.accounts.models import Team

    details = _seed()
    # fresh statistics and visibility map, as autovacuum (PostgreSQL) or a maintained database has them
    # after a load: planned on the empty tables' estimates, a join can repeat a whole aggregation for every
    # row, and an index-only scan still reads the table for rows not yet marked visible
    started = time.perf_counter()
    maintenance = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(maintenance)
    _log(f"{maintenance} in {time.perf_counter() - started:.0f} s")
    team = Team.objects.get(name=TEAM)
    team_ids = list(Team.objects.filter(organisation=team.organisation_id).values_list("pk", flat=True))
    view = InsightsView(
        Scope.ORGANISATION, frozenset(team_ids), organisation_ids=frozenset({team.organisation_id})
    )
    today, now = timezone.localdate(), timezone.now()
    queries = _hand_sql(connection.vendor, team_ids, today, now)
    with CaptureQueriesContext(connection) as captured:
        kring = _kring(view, today, now)
    hand = _hand(queries)
    measured = measure_interleaved(
        {"kring": lambda: _kring(view, today, now), "hand": lambda: _hand(queries)},
        requests=REQUESTS,
        warmup=WARMUP,
        rounds=ROUNDS,
    )
    kring_seconds, hand_seconds = 1 / measured["kring"].median, 1 / measured["hand"].median
    ratio = kring_seconds / hand_seconds
    problems = _pandas_check(kring, team_ids, today)
    problems += _differences(kring, _hand_figures(hand))
    for index, comparison in enumerate(kring["compare"]):
        theirs = hand["differences"][index]
        if theirs is not None and abs(theirs[0] - comparison.difference) > 1e-9:
            problems.append(f"compare {comparison.outcome}: kring {comparison.difference} hand {theirs[0]}")
    print(
        f"insights over {details['measures']:,} measures ({connection.vendor}): kring {kring_seconds:.2f} s, "
        f"hand SQL {hand_seconds:.2f} s",
        flush=True,
    )
    print(f"insights dashboard ratio vs hand SQL: {ratio:.2f}", flush=True)
    print(f"insights queries: dashboard + comparison {len(captured)}", flush=True)
    print(
        "insights correctness vs pandas and hand SQL: "
        + ("OK" if not problems else "MISMATCH " + "; ".join(problems)),
        flush=True,
    )
    details.update(
        {
            "database": connection.vendor,
            "kring_seconds": round(kring_seconds, 3),
            "hand_sql_seconds": round(hand_seconds, 3),
            "queries_dashboard_and_comparison": len(captured),
            "pandas_mismatches": problems,
            "differences": {c.outcome: [c.difference, c.ci_low, c.ci_high] for c in kring["compare"]},
        }
    )
    return [
        Result.against(
            "insights.dashboard",
            value=kring_seconds,
            unit="s",
            baseline_value=hand_seconds,
            description="dashboard figures + cohort comparison, kring vs hand-written SQL (same database)",
            details=details,
        )
    ]
