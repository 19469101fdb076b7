"""Caseload at volume: the caseload lists and a dossier page among 100,000 dossiers, against /healthz.

Everything runs inside this process with Django's test Client (no network, no web server), as in pages.py,
on a fresh temporary SQLite database: migrate, the demo caseload (`seed_demo`), then `seed_bulk` adds
DOSSIERS invented dossiers to Team Noord, with the case worker anna.devries in about one in ten circles.
So anna's list holds about 10,000 dossiers and the team lead marieke.bosman's team list all of them.

Set KRING_BENCH_DOSSIERS to seed fewer (or more), e.g. KRING_BENCH_DOSSIERS=20000 for a quick look; the
number is in every result's details. Seeding 100,000 takes about a minute on 2 cores; its time and rate are
printed and kept in the details too.

Each list view appends one audit entry per listed dossier (25 a page) and each dossier page view one, as in
production; that is part of what is measured.
"""

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

from _harness import Result, Target, measure_interleaved

DOSSIERS = int(os.environ.get("KRING_BENCH_DOSSIERS", "100000"))
REQUESTS = 20  # per timed round, per page
WARMUP = 3
ROUNDS = 3
HEALTHZ_BATCH = 20  # /healthz is ~50 times faster than a list: each timed call makes this many requests
CASE_WORKER = "anna.devries"
TEAM_LEAD = "marieke.bosman"
TEAM = "Team Noord"
SEARCH = "emma"  # part of a child's first name, as a case worker would type it
FILTER = "frame=nl_ots&ends_within=30&status=open"  # open dossiers whose OTS ends within 30 days

# Provisional regression floors, about half the ratios first measured (2 cores, SQLite, 100,000 dossiers:
# list 0.0096, search 0.0064, filter 0.0046, team list 0.013, dossier page 0.089). They flag a page that
# became twice as slow relative to /healthz; they are not product targets.
TARGETS = {
    "caseload.list": Target(at_least=0.005),
    "caseload.search": Target(at_least=0.003),
    "caseload.filter": Target(at_least=0.0023),
    "caseload.team_list": Target(at_least=0.0065),
    "caseload.dossier_detail": Target(at_least=0.045),
}

SRC_DIR = Path(__file__).resolve().parent.parent / "src"


def _log(message: str) -> None:
    print(f"  [caseload] {message}", flush=True)


def _setup_django(tmp: Path) -> None:
    """Point kring at the temporary database and var dir; must happen before django.setup()."""
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["KRING_VAR_DIR"] = str(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kring.config.test_settings"
    if str(SRC_DIR) not in sys.path:
        sys.path.insert(0, str(SRC_DIR))

    import django

    django.setup()


def _seed() -> dict[str, Any]:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=StringIO())
    prepared = time.perf_counter()
    _log(f"migrate + seed_demo: {prepared - started:.1f} s; seed_bulk --dossiers {DOSSIERS} ...")
    output = StringIO()
    call_command(
        "seed_bulk",
        dossiers=DOSSIERS,
        team=TEAM,
        case_worker=CASE_WORKER,
        seed=1,
        yes_i_know=True,
        stdout=output,
        stderr=StringIO(),
    )
    seconds = time.perf_counter() - prepared
    _log(f"seed_bulk: {DOSSIERS:,} dossiers in {seconds:.1f} s ({DOSSIERS / seconds:,.0f} a second)")
    _log(output.getvalue().strip().splitlines()[-1])
    return {
        "seed_bulk_seconds": round(seconds, 1),
        "seed_bulk_dossiers_per_second": round(DOSSIERS / seconds),
    }


def run() -> list[Result]:
    tmp = Path(tempfile.mkdtemp(prefix="kring-bench-caseload-"))
    try:
        _setup_django(tmp)
        _log(f"seeding a fresh SQLite database in {tmp}")
        seeding = _seed()
        return _measure(seeding)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(tmp, ignore_errors=True)


def _client(username: str) -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(
        get_user_model().objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend"
    )
    return client


def _get(client: Any, url: str, expect: str, *, times: int = 1) -> Callable[[], object]:
    def operation() -> object:
        for _ in range(times):
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}, not 200")
        return response

    response = operation()
    if expect.encode() not in response.content:
        raise RuntimeError(f"GET {url} did not show {expect!r}; is the benchmark user logged in?")
    return operation


def _measure(seeding: dict[str, Any]) -> list[Result]:
    from django.contrib.auth import get_user_model

    from kring.audit.models import AuditEntry
    from kring.cases.caseload import Scope, caseload_for_user
    from kring.cases.caseload_forms import CaseloadFilterForm
    from kring.cases.models import Dossier

    users = get_user_model().objects
    anna, marieke = users.get(username=CASE_WORKER), users.get(username=TEAM_LEAD)

    def matching(user: Any, scope: Scope, query: str) -> int:
        filters = CaseloadFilterForm(dict(p.split("=") for p in query.split("&"))).filters()
        return caseload_for_user(user=user, scope=scope, filters=filters).count()

    sizes = {
        "list": matching(anna, Scope.MINE, "status="),
        "search": matching(anna, Scope.MINE, f"q={SEARCH}"),
        "filter": matching(anna, Scope.MINE, FILTER),
        "team_list": matching(marieke, Scope.TEAM, "status="),
    }
    dossier = (
        Dossier.objects.filter(circle__user=anna, reference__startswith="BULK-").order_by("reference").first()
    )
    if dossier is None:
        raise RuntimeError(f"seed_bulk gave {CASE_WORKER} no seat; is the share of seats 0?")

    worker, lead = _client(CASE_WORKER), _client(TEAM_LEAD)
    operations = {
        "healthz": _get(worker, "/healthz", '"status": "ok"', times=HEALTHZ_BATCH),
        "list": _get(worker, "/dossiers/", "BULK-"),
        "search": _get(worker, f"/dossiers/?q={SEARCH}", "Emma"),
        "filter": _get(worker, f"/dossiers/?{FILTER}", "BULK-"),
        "team_list": _get(lead, "/dossiers/team/", "BULK-"),
        "detail": _get(worker, f"/dossiers/{dossier.pk}/", dossier.reference),
    }
    audit_before = AuditEntry.objects.count()
    _log(
        f"timing {ROUNDS} rounds of {REQUESTS} requests per page ({REQUESTS * HEALTHZ_BATCH} of /healthz), "
        f"after {WARMUP} warm-up calls each; lists hold {sizes}"
    )
    measured = measure_interleaved(operations, requests=REQUESTS, warmup=WARMUP, rounds=ROUNDS)
    audit_written = AuditEntry.objects.count() - audit_before

    healthz_rounds = [rps * HEALTHZ_BATCH for rps in measured["healthz"].rounds]
    baseline = measured["healthz"].median * HEALTHZ_BATCH
    common = {
        **seeding,
        "dossiers_seeded": DOSSIERS,
        "requests_per_round": REQUESTS,
        "rounds": ROUNDS,
        "warmup_calls": WARMUP,
        "baseline_rounds_rps": healthz_rounds,
        "audit_entries_written": audit_written,
        "database": "sqlite (fresh, temporary)",
    }

    def result(name: str, key: str, description: str, **details: Any) -> Result:
        return Result.against(
            f"caseload.{name}",
            value=measured[key].median,
            unit="req/s",
            baseline_value=baseline,
            description=description,
            details={**common, "rounds_rps": measured[key].rounds, **details},
        )

    volume = f"{DOSSIERS:,} seeded"
    return [
        Result.against(
            "caseload.healthz",
            value=baseline,
            unit="req/s",
            baseline_value=baseline,
            description=f"GET /healthz (one SELECT 1), logged in; the baseline ({volume})",
            details={**common, "rounds_rps": healthz_rounds},
        ),
        result(
            "list",
            "list",
            f"GET /dossiers/ as case worker, page 1 of {sizes['list']:,} ({volume})",
            listed=sizes["list"],
        ),
        result(
            "search",
            "search",
            f"GET /dossiers/?q={SEARCH}: {sizes['search']:,} matches of {sizes['list']:,}",
            listed=sizes["search"],
        ),
        result(
            "filter",
            "filter",
            f"GET /dossiers/?{FILTER}: {sizes['filter']:,} matches of {sizes['list']:,}",
            listed=sizes["filter"],
        ),
        result(
            "team_list",
            "team_list",
            f"GET /dossiers/team/ as team lead, page 1 of {sizes['team_list']:,}",
            listed=sizes["team_list"],
        ),
        result(
            "dossier_detail",
            "detail",
            f"GET /dossiers/<uuid>/ of {dossier.reference} ({volume})",
            dossier_reference=dossier.reference,
        ),
    ]
