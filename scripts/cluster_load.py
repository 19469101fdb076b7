"""Load, faults and checks against a running cluster (scripts/cluster.py): shared by bench/load.py (the long
run, `make bench`) and tests/ops (the short run, `make test`).

- write_plan: who logs in and which dossiers each may open and edit, read from the cluster's database
  through the access policy (so the simulated users only do what their role allows);
- LoadRun: locust headless as a child process, bounded by users and seconds, loopback only; the figures of
  the measured window (after the logins), the login phase on its own, failures counted per fault;
- verify_writes: every write acknowledged with 2xx/redirect is in the database exactly once, with its audit
  entry; a write that was answered with an error is either absent or complete (never half-written);
- backup_during_load / restore_and_compare: pg_dump at an exported snapshot while the load runs, the row
  counts of every table in that very snapshot, a restore into a new database, the same counts there and the
  audit chain verified with the anchor taken before the dump.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psutil  # locust's own dependency
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
    think: str | tuple[float, float] = "case-worker",
) -> dict:
    """The plan of the simulated users. think: "case-worker" (pauses like a person at work, see
    cluster_locustfile.py) or (min, max) seconds after every task."""
    plan = _shell(cluster, PLAN_CODE, json.dumps(usernames) if usernames else "", tag="PLAN")
    if not plan["case_workers"] or not plan["team_leads"]:
        raise ClusterError(f"the seed data has no case worker or team lead with open dossiers: {plan}")
    plan["password"] = password
    plan["think"] = think if isinstance(think, str) else list(think)
    plan["ca_file"] = str(cluster.run_dir / "tls.crt")
    path.write_text(json.dumps(plan), encoding="utf-8")
    return plan


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of an ascending list (0 when empty)."""
    if not sorted_values:
        return 0.0
    return sorted_values[max(0, math.ceil(share * len(sorted_values)) - 1)]


def _figures(requests: list[dict], seconds: float) -> dict:
    times = sorted(r["ms"] for r in requests)
    return {
        "requests": len(requests),
        "failures": sum(1 for r in requests if r["error"]),
        "rps": round(len(requests) / seconds, 2) if seconds else 0.0,
        "p50_ms": percentile(times, 0.50),
        "p95_ms": percentile(times, 0.95),
        "p99_ms": percentile(times, 0.99),
    }


@dataclass
class LoadRun:
    """One headless locust run against the cluster's proxy. The users log in first (Argon2 takes its time);
    the measured `seconds` start when all have logged in (or after `login_seconds`), and locust is stopped
    then. It stops by itself in any case after login_seconds + seconds + 30.

    Figures: every request is recorded by the locustfile (start, name, milliseconds, error); the window is
    the requests that started after the logins and ended before the stop. The login phase is reported on
    its own. `fault(name)` marks a fault's moment: each failed request is counted against the fault nearest
    to its end (within FAULT_REACH seconds), otherwise as outside any fault."""

    cluster: Cluster
    plan_path: Path
    users: int
    seconds: int
    spawn_rate: float
    login_seconds: int = 60
    name: str = "load"
    process: subprocess.Popen | None = None
    faults: list[tuple[str, float]] = field(default_factory=list)

    FAULT_REACH = 15.0

    @property
    def events_path(self) -> Path:
        return self.cluster.run_dir / f"{self.name}-events.txt"

    @property
    def writes_path(self) -> Path:
        return self.cluster.run_dir / f"{self.name}-writes.jsonl"

    @property
    def requests_path(self) -> Path:
        return self.cluster.run_dir / f"{self.name}-requests.jsonl"

    def start(self) -> None:
        for path in (self.writes_path, self.events_path, self.requests_path):
            path.unlink(missing_ok=True)
        if not self.cluster.base_url.startswith("https://127.0.0.1:"):
            raise ClusterError("load runs only against the loopback cluster")
        env = {
            "KRING_LOAD_PLAN": str(self.plan_path),
            "KRING_LOAD_WRITES": str(self.writes_path),
            "KRING_LOAD_EVENTS": str(self.events_path),
            "KRING_LOAD_REQUESTS": str(self.requests_path),
            "PATH": str(Path(sys.executable).parent),
        }
        command = [
            str(Path(sys.executable).parent / "locust"),
            "-f", str(LOCUSTFILE), "--headless", "--host", self.cluster.base_url,
            "--users", str(self.users), "--spawn-rate", str(self.spawn_rate),
            "--run-time", f"{self.login_seconds + self.seconds + 30}s", "--stop-timeout", "5",
            "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
        ]  # fmt: skip
        log = open(self.cluster.run_dir / f"{self.name}-locust.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        log.close()
        self.began_at = time.time()
        self.started = time.monotonic()
        deadline = self.started + self.login_seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            if self.events_path.exists() and len(self.events_path.read_text().splitlines()) >= self.users:
                break
            time.sleep(0.2)
        self.login_took = time.monotonic() - self.started
        self.started = time.monotonic()  # the measured part, and the faults' clock, start now
        self.measured_from = time.time()

    def fault(self, name: str) -> None:
        """Mark that a fault happens now (call it right before causing it)."""
        self.faults.append((name, time.time()))

    def wait(self) -> dict:
        """Stop the users `seconds` after they all logged in; the figures of the measured window."""
        assert self.process is not None
        self.at(self.seconds)
        self.stopped_at = time.time()
        if self.process.poll() is None:
            # what the load client itself cost: it shares this machine's cores with what it measures
            try:
                cpu = psutil.Process(self.process.pid).cpu_times()
                self.client_cpu_seconds: float | None = cpu.user + cpu.system
            except psutil.Error:
                self.client_cpu_seconds = None
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise ClusterError("locust did not stop within 60 s of SIGTERM") from None
        return self.stats()

    def at(self, second: float) -> None:
        """Sleep until `second` seconds after the start of the run."""
        time.sleep(max(0.0, self.started + second - time.monotonic()))

    def stats(self) -> dict:
        if not self.requests_path.exists():
            log = (self.cluster.run_dir / f"{self.name}-locust.log").read_text(errors="replace")[-3000:]
            raise ClusterError(f"locust recorded no requests:\n{log}")
        recorded = [json.loads(line) for line in self.requests_path.open(encoding="utf-8") if line.strip()]
        window = [
            r for r in recorded if r["t"] >= self.measured_from and r["t"] + r["ms"] / 1000 <= self.stopped_at
        ]
        logins = [r for r in recorded if r["t"] < self.measured_from]
        seconds = self.stopped_at - self.measured_from
        per_name: dict[str, list[dict]] = {}
        for request in window:
            per_name.setdefault(request["name"], []).append(request)
        kinds = Counter((r["name"], r["error"]) for r in window if r["error"])
        per_fault = Counter(self._fault_of(r) for r in window if r["error"])
        return {
            **_figures(window, seconds),
            "per_request": {name: _figures(rs, seconds) for name, rs in sorted(per_name.items())},
            "failure_kinds": [{"request": n, "error": e, "count": c} for (n, e), c in kinds.most_common()],
            "failures_per_fault": {name: per_fault.get(name, 0) for name, _ in self.faults}
            | {"outside any fault": per_fault.get("outside any fault", 0)},
            "login_phase": {
                **_figures(logins, self.measured_from - self.began_at),
                "seconds": round(self.login_took, 1),
            },
            "users": self.users,
            "seconds": round(seconds, 1),
            "client_cpu_ms_per_request": self._client_cpu_ms(len(recorded)),
        }

    def _client_cpu_ms(self, requests: int) -> float | None:
        """The load client's CPU milliseconds per request it made (logins included), or None if unknown."""
        cpu = getattr(self, "client_cpu_seconds", None)
        return round(cpu * 1000 / requests, 2) if cpu is not None and requests else None

    def _fault_of(self, request: dict) -> str:
        ended = request["t"] + request["ms"] / 1000
        near = [
            (abs(ended - moment), name)
            for name, moment in self.faults
            if abs(ended - moment) <= self.FAULT_REACH
        ]
        return min(near)[1] if near else "outside any fault"


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
