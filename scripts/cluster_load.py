"""Load, faults and checks against a running cluster (scripts/cluster.py): shared by bench/load.py (the long
run, `make bench`) and tests/ops (the short run, `make test`).

- write_plan: who logs in and which dossiers each may open and edit, read from the cluster's database
  through the access policy (so the simulated users only do what their role allows);
- run_locust / LoadRun: locust headless as a child process, bounded by users and seconds, loopback only;
- verify_writes: every write acknowledged with 2xx/redirect is in the database exactly once, with its audit
  entry; a write that was answered with an error is either absent or complete (never half-written);
- backup_during_load / restore_and_compare: pg_dump at an exported snapshot while the load runs, the row
  counts of every table in that very snapshot, a restore into a new database, the same counts there and the
  audit chain verified with the anchor taken before the dump.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from cluster import PG_OWNER_URL, ROOT, Cluster, ClusterError, psql

LOCUSTFILE = Path(__file__).resolve().parent / "cluster_locustfile.py"
ANCHOR = re.compile(r"anchor: (\d+:[0-9a-f]{64})")

PLAN_CODE = r"""
import json, sys
from kring.access.policy import Action, Section, decide, dossiers_visible_to
from kring.accounts.models import Membership, Role
from kring.cases.models import Dossier
from kring.safety.models import COLUMN_ELEMENTS, Mapping

usernames = set(json.loads(sys.argv[-1])) if len(sys.argv) > 1 and sys.argv[-1].startswith("[") else None

def editable(user, limit=40):
    out = []
    for dossier in dossiers_visible_to(user).filter(status="open").select_related("owning_team")[:limit]:
        if not decide(user, Action.EDIT, dossier, Section.CONTACTS).allowed:
            continue
        mapping = None
        if decide(user, Action.EDIT, dossier, Section.SAFETY_PLAN).allowed:
            newest = Mapping.objects.filter(dossier=dossier).order_by("-number")
            mapping = newest.values_list("pk", flat=True).first()
        out.append({"id": str(dossier.pk), "mapping": mapping})
    return out

plan = {"case_workers": [], "team_leads": []}
for role, key in ((Role.CASE_WORKER, "case_workers"), (Role.TEAM_LEAD, "team_leads")):
    seen = set()
    memberships = Membership.objects.filter(role=role, is_active=True, user__is_active=True)
    for membership in memberships.select_related("user"):
        user = membership.user
        if user.pk in seen or (usernames is not None and user.username not in usernames):
            continue
        seen.add(user.pk)
        dossiers = editable(user)
        if dossiers:
            plan[key].append({"username": user.username, "dossiers": dossiers})
names = set()
for dossier in Dossier.objects.filter(status="open").prefetch_related("children")[:60]:
    for child in dossier.children.all():
        names.add(child.first_name[:4])
plan["search_terms"] = sorted(names) or ["a"]
plan["mapping_elements"] = [[str(c), str(e)] for c, elements in COLUMN_ELEMENTS.items() for e in elements]
print("PLAN" + json.dumps(plan))
"""

VERIFY_CODE = r"""
import json, sys
from collections import Counter
from kring.audit.models import AuditEntry
from kring.cases.models import Contact
from kring.safety.models import MappingItem

writes = [json.loads(line) for line in open(sys.argv[-1], encoding="utf-8") if line.strip()]
contacts = Counter(Contact.objects.filter(note__startswith="load-").values_list("note", flat=True))
items = Counter(MappingItem.objects.filter(text__startswith="load-").values_list("text", flat=True))
rows = {"contact": contacts, "mapping_item": items}
result = {"acknowledged": 0, "acknowledged_missing": [], "acknowledged_duplicated": [], "failed": 0,
          "failed_but_stored": 0, "half_written": [], "stored_without_log": 0}
logged = set()
for write in writes:
    count = rows[write["kind"]][write["marker"]]
    logged.add(write["marker"])
    if write["ok"]:
        result["acknowledged"] += 1
        if count == 0:
            result["acknowledged_missing"].append(write["marker"])
        elif count > 1:
            result["acknowledged_duplicated"].append(write["marker"])
    else:
        result["failed"] += 1
        if count:
            result["failed_but_stored"] += 1
# Half-written: a stored row without the audit entry of its creation (the two share one transaction).
for model, kind in ((Contact, "contact"), (MappingItem, "mapping_item")):
    field = "note" if kind == "contact" else "text"
    stored = dict(model.objects.filter(**{f"{field}__startswith": "load-"}).values_list("pk", field))
    audited = set(AuditEntry.objects.filter(action="create", object_id__in=[str(pk) for pk in stored])
                  .values_list("object_id", flat=True))
    result["half_written"] += [marker for pk, marker in stored.items() if str(pk) not in audited]
    result["stored_without_log"] += sum(1 for marker in stored.values() if marker not in logged)
print("VERIFY" + json.dumps(result))
"""


def _shell(cluster: Cluster, code: str, *args: str, tag: str) -> dict:
    script = cluster.run_dir / f"{tag.lower()}.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", f"import sys; sys.argv += {list(args)!r}; "
         f"exec(open({str(script)!r}).read())"],
        cwd=ROOT, env=cluster.owner_env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    for line in done.stdout.splitlines():
        if line.startswith(tag):
            return json.loads(line[len(tag) :])
    raise ClusterError(f"{tag.lower()} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")


def write_plan(
    cluster: Cluster,
    path: Path,
    *,
    password: str,
    usernames: list[str] | None = None,
    wait: tuple[float, float] = (1, 3),
) -> dict:
    plan = _shell(cluster, PLAN_CODE, json.dumps(usernames) if usernames else "", tag="PLAN")
    if not plan["case_workers"] or not plan["team_leads"]:
        raise ClusterError(f"the seed data has no case worker or team lead with open dossiers: {plan}")
    plan["password"] = password
    plan["wait"] = list(wait)
    plan["ca_file"] = str(cluster.run_dir / "tls.crt")
    path.write_text(json.dumps(plan), encoding="utf-8")
    return plan


@dataclass
class LoadRun:
    """One headless locust run against the cluster's proxy. The users log in first (Argon2 takes its time);
    the measured `seconds` start when all have logged in (or after `login_seconds`), and locust is stopped
    then. It stops by itself in any case after login_seconds + seconds + 30."""

    cluster: Cluster
    plan_path: Path
    users: int
    seconds: int
    spawn_rate: float
    login_seconds: int = 60
    name: str = "load"
    process: subprocess.Popen | None = None

    @property
    def prefix(self) -> Path:
        return self.cluster.run_dir / self.name

    @property
    def events_path(self) -> Path:
        return self.cluster.run_dir / f"{self.name}-events.txt"

    @property
    def writes_path(self) -> Path:
        return self.cluster.run_dir / f"{self.name}-writes.jsonl"

    def start(self) -> None:
        self.writes_path.unlink(missing_ok=True)
        self.events_path.unlink(missing_ok=True)
        if not self.cluster.base_url.startswith("https://127.0.0.1:"):
            raise ClusterError("load runs only against the loopback cluster")
        env = {
            "KRING_LOAD_PLAN": str(self.plan_path),
            "KRING_LOAD_WRITES": str(self.writes_path),
            "KRING_LOAD_EVENTS": str(self.events_path),
            "PATH": str(Path(sys.executable).parent),
        }
        command = [
            str(Path(sys.executable).parent / "locust"),
            "-f", str(LOCUSTFILE), "--headless", "--host", self.cluster.base_url,
            "--users", str(self.users), "--spawn-rate", str(self.spawn_rate),
            "--run-time", f"{self.login_seconds + self.seconds + 30}s", "--stop-timeout", "5",
            "--csv", str(self.prefix), "--only-summary", "--loglevel", "WARNING",
            "--exit-code-on-error", "0",
        ]  # fmt: skip
        log = open(self.cluster.run_dir / f"{self.name}-locust.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        log.close()
        self.started = time.monotonic()
        deadline = self.started + self.login_seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            if self.events_path.exists() and len(self.events_path.read_text().splitlines()) >= self.users:
                break
            time.sleep(0.2)
        self.login_took = time.monotonic() - self.started
        self.started = time.monotonic()  # the measured part, and the faults' clock, start now

    def wait(self) -> dict:
        """Stop the users `seconds` after they all logged in; locust writes its statistics as it quits."""
        assert self.process is not None
        self.at(self.seconds)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise ClusterError("locust did not stop within 60 s of SIGTERM") from None
        return {**self.stats(), "login_seconds": round(self.login_took, 1)}

    def at(self, second: float) -> None:
        """Sleep until `second` seconds after the start of the run."""
        time.sleep(max(0.0, self.started + second - time.monotonic()))

    def stats(self) -> dict:
        stats_path = Path(f"{self.prefix}_stats.csv")
        if not stats_path.exists():
            log = (self.cluster.run_dir / f"{self.name}-locust.log").read_text(errors="replace")[-3000:]
            raise ClusterError(f"locust wrote no statistics:\n{log}")
        rows = list(csv.DictReader(stats_path.open(encoding="utf-8")))
        per_name = {}
        total = None
        for row in rows:
            figures = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "p99_ms": float(row["99%"] or 0),
            }
            if row["Name"] == "Aggregated":
                total = figures
            else:
                per_name[f"{row['Type']} {row['Name']}"] = figures
        failures_path = Path(f"{self.prefix}_failures.csv")
        failures = (
            [
                {"request": f"{r['Method']} {r['Name']}", "error": r["Error"], "count": int(r["Occurrences"])}
                for r in csv.DictReader(failures_path.open(encoding="utf-8"))
            ]
            if failures_path.exists()
            else []
        )
        if total is None:
            raise ClusterError("locust's statistics have no Aggregated row")
        return {**total, "per_request": per_name, "failure_kinds": failures, "users": self.users}


def verify_writes(cluster: Cluster, writes_path: Path) -> dict:
    writes_path.touch()
    return _shell(cluster, VERIFY_CODE, str(writes_path), tag="VERIFY")


def verify_audit_chain(cluster: Cluster, database: str | None = None, anchor: str | None = None) -> str:
    """Run `manage.py verify_audit_chain` (on the cluster's database or another one); the anchor it prints."""
    env = cluster.owner_env()
    if database:
        env["DATABASE_URL"] = f"{PG_OWNER_URL}/{database}"
    command = [sys.executable, str(ROOT / "manage.py"), "verify_audit_chain"]
    if anchor:
        command += ["--anchor", anchor]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    match = ANCHOR.search(done.stdout)
    if done.returncode != 0 or not match:
        raise ClusterError(f"verify_audit_chain failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return match.group(1)


def pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ClusterError(f"{name} is not installed (Debian: postgresql-client)")
    return path


def _table_counts(connection: psycopg.Connection) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    ]
    return {
        table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        for table in tables
    }


def backup_during_load(cluster: Cluster) -> dict:
    """pg_dump the cluster's database at an exported snapshot; the row counts of that snapshot; the audit
    anchor taken just before (docs/operations.md, "Backup and restore")."""
    anchor = verify_audit_chain(cluster)
    dump = cluster.run_dir / f"{cluster.db_name}.dump"
    started = time.monotonic()
    with psycopg.connect(f"{PG_OWNER_URL}/{cluster.db_name}", autocommit=False) as connection:
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        counts = _table_counts(connection)
        done = subprocess.run(  # noqa: S603 — PostgreSQL's client
            [pg_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", "--no-owner", "--no-privileges",
             f"--file={dump}", f"{PG_OWNER_URL}/{cluster.db_name}"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        connection.rollback()
    if done.returncode != 0:
        raise ClusterError(f"pg_dump failed: {done.stderr}")
    return {"dump": str(dump), "counts": counts, "anchor": anchor, "seconds": time.monotonic() - started}


def restore_and_compare(cluster: Cluster, backup: dict) -> dict:
    target = f"{cluster.db_name}_restore"
    psql(f"DROP DATABASE IF EXISTS {target} WITH (FORCE)")
    psql(f"CREATE DATABASE {target}")
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603 — PostgreSQL's client
        [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
         f"--dbname={PG_OWNER_URL}/{target}", backup["dump"]],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise ClusterError(f"pg_restore failed: {done.stderr[-3000:]}")
    restore_seconds = time.monotonic() - started
    with psycopg.connect(f"{PG_OWNER_URL}/{target}") as connection:
        counts = _table_counts(connection)
    differing = {
        table: (backup["counts"].get(table), counts.get(table))
        for table in set(counts) | set(backup["counts"])
        if counts.get(table) != backup["counts"].get(table)
    }
    anchor = verify_audit_chain(cluster, database=target, anchor=backup["anchor"])
    return {
        "tables": len(counts),
        "rows": sum(counts.values()),
        "differing_tables": differing,
        "restored_anchor": anchor,
        "restore_seconds": restore_seconds,
    }
