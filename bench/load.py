"""Load and faults against the production topology (scripts/cluster.py): `make bench` runs this long version.

1. Scale-out: the same closed-loop load (KRING_LOAD_SCALE_USERS users without think time) against one app
   server and against two (each one gunicorn process with 4 threads), both topologies running at once and
   loaded in turn (3 slices each, so both see the same background load); throughput of two / one.
2. Monday morning: 100 users (case workers: caseload, search, dossier pages, contacts and mapping items; team
   leads: team list, team agenda, dossier pages) who pause like people at work (KRING_LOAD_THINK, default
   "case-worker": scripts/cluster_locustfile.py) log in (5 a second) and work for 2 minutes through nginx
   to two app servers, while one app server is killed (and started again), the worker is killed (and
   started again), the application's database connections are terminated, the database is dumped, and the
   other app server is stopped gracefully and started again. Reported: p50/p95/p99 of the 2 minutes after
   the logins, the login burst on its own, failed requests per fault, and the checks afterwards
   (acknowledged writes in the database exactly once, no half-written failed write, the audit chain, the
   restored dump's row counts and chain with the anchor), and the machine's load average.

Seed data: `manage.py seed_demo` and `seed_bulk --dossiers KRING_LOAD_BULK` (default 1000) in a template
database, copied for each run. Everything on 127.0.0.1, ports 18040-18059; bounded in users and seconds.
Sizes: KRING_LOAD_USERS (100), KRING_LOAD_SECONDS (120), KRING_LOAD_SCALE_SECONDS (60, in all).
"""

import json
import os
import secrets
import signal
import sys
import time
from pathlib import Path

from _harness import Result, Target

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from cluster import Cluster, psql  # noqa: E402
from cluster_load import (  # noqa: E402
    LoadRun,
    backup_during_load,
    restore_and_compare,
    verify_audit_chain,
    verify_writes,
    write_plan,
)

USERS = int(os.environ.get("KRING_LOAD_USERS", "100"))
SECONDS = int(os.environ.get("KRING_LOAD_SECONDS", "120"))
SCALE_USERS = int(os.environ.get("KRING_LOAD_SCALE_USERS", "24"))
SCALE_SECONDS = int(os.environ.get("KRING_LOAD_SCALE_SECONDS", "60"))
SCALE_ROUNDS = 3
BULK = int(os.environ.get("KRING_LOAD_BULK", "1000"))
# "case-worker": the pauses of a person at work (scripts/cluster_locustfile.py); "MIN-MAX": uniform seconds
_think = os.environ.get("KRING_LOAD_THINK", "case-worker")
THINK: str | tuple[float, float] = (
    _think if _think == "case-worker" else tuple(float(x) for x in _think.split("-", 1))  # type: ignore[assignment]
)
PASSWORD = "kring-demo-2026"  # noqa: S105 — the demo users' published password (seed_demo)
RUN_DIR = ROOT / "var" / "bench" / "load"
TEMPLATE = "kring_ops_bench_template"
PORT_BASE = 18040

TARGETS = {
    "load: throughput, two app servers / one": Target(at_least=1.6),
    "load: p95 at 100 users with faults, / 1 s": Target(at_most=1.0),
    "load: failed requests / all requests": Target(at_most=0.0),
}


# One MAC key for the template database and every cluster copied from it, so the copies verify its entries.
AUDIT_KEY = f"bench:{secrets.token_hex(32)}"


def _template() -> None:
    """Migrate and seed once; every run below starts from a copy of this database."""
    # The demo's pictures go to local disk here (the object store of each run starts empty; the load opens
    # no picture).
    seeder = Cluster(
        run_dir=RUN_DIR / "template", db_name=TEMPLATE, bulk_dossiers=BULK, s3=False, audit_key=AUDIT_KEY
    )
    seeder.run_dir.mkdir(parents=True, exist_ok=True)
    (seeder.run_dir / "secret_key").write_text(seeder.secret_key, encoding="utf-8")
    (seeder.run_dir / "audit_key").write_text(seeder.audit_key, encoding="utf-8")
    print(f"[load] template database: migrate, seed_demo, seed_bulk --dossiers {BULK}", flush=True)
    seeder._database()


def _cluster(name: str, port_base: int = PORT_BASE, **kwargs) -> Cluster:
    return Cluster(
        run_dir=RUN_DIR / name,
        port_base=port_base,
        db_name=f"kring_ops_bench_{name}",
        template_db=TEMPLATE,
        seed=False,
        audit_key=AUDIT_KEY,
        **kwargs,
    )


def _scale() -> tuple[dict, dict]:
    """One app server and two, both running at once (ports PORT_BASE and PORT_BASE + 10), loaded in turn for
    SCALE_ROUNDS slices each: on a machine shared with other work, sequential runs compare the other work's
    load more than kring's (a first version measured 1.07 and 1.93 on the same code)."""
    clusters = {
        servers: _cluster(f"scale{servers}", app_servers=servers, web_workers=1, port_base=PORT_BASE + 10 * i)
        for i, servers in enumerate((1, 2))
    }
    totals = {servers: {"requests": 0, "failures": 0, "seconds": 0.0, "slices": []} for servers in clusters}
    try:
        for cluster in clusters.values():
            cluster.start()
            write_plan(cluster, cluster.run_dir / "plan.json", password=PASSWORD, think=(0, 0.05))
        for number in range(SCALE_ROUNDS):
            for servers, cluster in clusters.items():
                plan = cluster.run_dir / "plan.json"
                seconds = SCALE_SECONDS // SCALE_ROUNDS
                run = LoadRun(
                    cluster,
                    plan,
                    users=SCALE_USERS,
                    seconds=seconds,
                    spawn_rate=SCALE_USERS,
                    name=f"r{number}",
                )
                run.start()
                stats = run.wait()
                total = totals[servers]
                total["requests"] += stats["requests"]
                total["failures"] += stats["failures"]
                total["seconds"] += stats["seconds"]
                total["slices"].append(
                    {
                        "rps": stats["rps"],
                        "p50_ms": stats["p50_ms"],
                        "load": os.getloadavg()[0],
                        "client_cpu_ms_per_request": stats["client_cpu_ms_per_request"],
                    }
                )
    finally:
        for cluster in clusters.values():
            cluster.stop(drop_database=True)
    for total in totals.values():
        total["rps"] = total["requests"] / total["seconds"]
    return totals[1], totals[2]


def run_seconds(run: LoadRun) -> float:
    """Seconds since the start of the measured window."""
    return time.monotonic() - run.started


def _monday_morning() -> tuple[dict, dict]:
    cluster = _cluster("monday", app_servers=2, web_workers=2)
    cluster.start()
    faults: dict = {}
    try:
        plan = cluster.run_dir / "plan.json"
        write_plan(cluster, plan, password=PASSWORD, think=THINK)
        run = LoadRun(cluster, plan, users=USERS, seconds=SECONDS, spawn_rate=max(1, USERS // 20))
        run.start()
        scale = SECONDS / 120
        run.at(35 * scale)
        run.fault("app server killed (SIGKILL)")
        cluster.kill("app0")
        faults["app server killed at s"] = round(35 * scale)
        run.at(55 * scale)
        cluster.start_app(0)
        run.at(65 * scale)
        run.fault("worker killed (SIGKILL)")
        cluster.kill("worker")
        faults["worker killed at s"] = round(65 * scale)
        run.at(75 * scale)
        cluster.start_worker()
        run.at(85 * scale)
        run.fault("database connections terminated")
        faults["database connections terminated"] = cluster.terminate_app_connections()
        faults["terminated at s"] = round(85 * scale)
        run.at(95 * scale)
        run.fault("pg_dump")
        backup = backup_during_load(cluster)
        faults["pg_dump at s"] = round(95 * scale)
        # a deploy: the other app server stops gracefully (SIGTERM: it finishes its requests), starts again
        run.at(max(100 * scale, run_seconds(run) + 1))
        run.fault("app server stopped gracefully (SIGTERM)")
        faults["app server stopped gracefully at s"] = round(run_seconds(run))
        cluster.kill("app1", signal.SIGTERM)
        cluster.start_app(1)
        stats = run.wait()
        checks = {
            "writes": verify_writes(cluster, run.writes_path),
            "audit_anchor_after_run": verify_audit_chain(cluster),
            "backup_seconds": round(backup["seconds"], 2),
            "restore": restore_and_compare(cluster, backup),
            "faults": faults,
        }
        return stats, checks
    finally:
        cluster.stop(drop_database=True)


def _client_cpu(total: dict) -> str:
    """The load client's CPU milliseconds per request over a topology's slices (their median)."""
    figures = sorted(
        s["client_cpu_ms_per_request"] for s in total["slices"] if s["client_cpu_ms_per_request"] is not None
    )
    return f"{figures[len(figures) // 2]:.2f}" if figures else "?"


def run() -> list[Result]:
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    _template()
    try:
        one, two = _scale()
        print(
            f"[load] scale-out: one server {one['rps']:.1f} req/s, two servers {two['rps']:.1f} req/s; "
            f"the load client's CPU per request {_client_cpu(one)} / {_client_cpu(two)} ms",
            flush=True,
        )
        load_before = os.getloadavg()
        stats, checks = _monday_morning()
        checks["load_average_before_after"] = [round(load_before[0], 1), round(os.getloadavg()[0], 1)]
    finally:
        psql(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        psql(f"DROP ROLE IF EXISTS {TEMPLATE}_app")
    writes, restore = checks["writes"], checks["restore"]
    print(
        "[load] Monday morning:",
        json.dumps({k: v for k, v in stats.items() if k != "per_request"}),
        flush=True,
    )
    for name, figures in sorted(stats["per_request"].items()):
        print(
            f"[load]   {name:28} {figures['requests']:6} req  {figures['failures']:4} failed  "
            f"p50 {figures['p50_ms']:6.0f}  p95 {figures['p95_ms']:6.0f}  p99 {figures['p99_ms']:6.0f} ms"
        )
    print("[load] checks:", json.dumps(checks), flush=True)
    logins = stats["login_phase"]
    failed = stats["failures"] + logins["failures"]
    lost = len(writes["acknowledged_missing"]) + len(writes["acknowledged_duplicated"])
    return [
        Result.against(
            "load: throughput, two app servers / one",
            value=two["rps"],
            unit="req/s",
            baseline_value=one["rps"],
            description=f"{SCALE_USERS} users without think time, {SCALE_SECONDS} s each in {SCALE_ROUNDS} "
            "alternating slices; one gunicorn "
            "process x 4 threads per app server",
            details={"one": one, "two": two},
        ),
        Result.against(
            "load: p95 at 100 users with faults, / 1 s",
            value=stats["p95_ms"],
            unit="ms",
            baseline_value=1000.0,
            description=f"{USERS} users ({THINK} pauses), {SECONDS} s after the logins, 2 app servers; p50 "
            f"{stats['p50_ms']:.0f} ms, p99 {stats['p99_ms']:.0f} ms, {stats['rps']:.1f} req/s; the login "
            f"burst ({logins['requests']} requests in {logins['seconds']} s): p95 {logins['p95_ms']:.0f} ms",
            details=stats,
        ),
        Result.against(
            "load: failed requests / all requests",
            value=float(failed),
            unit="requests",
            baseline_value=float(stats["requests"] + logins["requests"]),
            description=f"logins included; per fault {stats['failures_per_fault']}; "
            f"{writes['acknowledged']} acknowledged writes, {lost} lost or doubled, "
            f"{len(writes['half_written'])} half-written; restore differs in "
            f"{len(restore['differing_tables'])} tables",
            details=checks,
        ),
    ]
