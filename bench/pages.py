"""Hot pages at volume: what case workers and team leads wait for, against /healthz, at 100,000 dossiers.

Everything runs inside this process with Django's test Client (no network, no web server), on a fresh
database: a temporary SQLite file, or with `run.py --db postgres` (KRING_BENCH_DB=postgres) a PostgreSQL
database that is dropped and created for the run (KRING_BENCH_DATABASE_URL). Migrate, the demo caseload
(`seed_demo`), then `seed_bulk` adds DOSSIERS invented dossiers to Team Noord with the case worker
anna.devries in about one circle in ten (10,000 of 100,000: a heavy reader), and her colleague
youssef.elamrani gets a seat in MY_DOSSIERS of them (a case worker's real caseload). The team lead
marieke.bosman sees all of them.

Each page is requested by the person who uses it, and compared with GET /healthz by the same client in the
same run (ratio = page req/s / healthz req/s). Audit entries are written as in production: one per listed
dossier, one per dossier page. Set KRING_BENCH_DOSSIERS for another volume (e.g. 20000 for a quick look).
The row "frame" (no target) is a missing page for a logged-in reader: kring's frame and middleware alone,
the floor under every page's ratio.
"""

import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

from _harness import Result, Target, bench_database, measure_interleaved

DOSSIERS = int(os.environ.get("KRING_BENCH_DOSSIERS", "100000"))
MY_DOSSIERS = 30  # youssef's caseload: what a case worker really has
REQUESTS = 20  # per timed round, per page
WARMUP = 3
ROUNDS = 3
HEALTHZ_BATCH = 20  # each timed /healthz call makes this many requests, to time it over a similar stretch
HEAVY_READER = "anna.devries"
CASE_WORKER = "youssef.elamrani"
TEAM_LEAD = "marieke.bosman"
TEAM = "Team Noord"
SEARCH = "emma"  # part of a child's first name, as a case worker would type it
FILTER = "frame=nl_ots&ends_within=30&status=open"  # open dossiers whose OTS ends within 30 days

LIST_TARGET = Target(at_least=0.25)
PAGE_TARGET = Target(at_least=0.3)
# (result name, who asks, url, what the page must show, target, description)
PAGES = (
    ("caseload_list", HEAVY_READER, "/dossiers/", "BULK-", LIST_TARGET, "GET /dossiers/, {list} dossiers"),
    (
        "filtered_list",
        HEAVY_READER,
        f"/dossiers/?{FILTER}",
        "BULK-",
        LIST_TARGET,
        f"GET /dossiers/?{FILTER}: {{filter}} of {{list}}",
    ),
    (
        "search",
        HEAVY_READER,
        f"/dossiers/?q={SEARCH}",
        "Emma",
        LIST_TARGET,
        f"GET /dossiers/?q={SEARCH}: {{search}}",
    ),
    (
        "team_list",
        TEAM_LEAD,
        "/dossiers/team/",
        "BULK-",
        LIST_TARGET,
        "GET /dossiers/team/, team lead, {team}",
    ),
    ("my_dossiers", CASE_WORKER, "/dossiers/", "BULK-", LIST_TARGET, "GET /dossiers/, {mine} dossiers"),
    (
        "dossier_page",
        HEAVY_READER,
        "{dossier}",
        "{reference}",
        PAGE_TARGET,
        "GET /dossiers/<uuid>/ of {reference}",
    ),
    (
        "contacts_page",
        HEAVY_READER,
        "{dossier}contacts/",
        'id="id_contact_',
        PAGE_TARGET,
        "GET /dossiers/<uuid>/contacts/ of {reference}: the contacts and the form to add one",
    ),
    ("agenda", TEAM_LEAD, "/agenda/team/", "utrecht-heading-1", LIST_TARGET, "GET /agenda/team/, team lead"),
    ("my_agenda", HEAVY_READER, "/agenda/", "utrecht-heading-1", LIST_TARGET, "GET /agenda/, case worker"),
)
TARGETS = {f"pages.{name}": target for name, _, _, _, target, _ in PAGES}
# Not a target but the floor under every target: a logged-in page that is only kring's frame (header, main
# navigation, language switch, footer), here "page not found", through the same middleware as every page
# (session, user, memberships, MFA, CSP). A page can be no faster than this; its ratio says how much of
# the targets' budget the frame leaves for the page's own work.
FRAME = (
    "frame",
    HEAVY_READER,
    "/no-such-page/",
    "utrecht-heading-1",
    None,
    "GET of a missing page, logged in: the frame alone",
)

SRC_DIR = Path(__file__).resolve().parent.parent / "src"


def _log(message: str) -> None:
    print(f"  [pages] {message}", flush=True)


def _setup_django(tmp: Path) -> tuple[str, Callable[[], None]]:
    """Point kring at a fresh database and the temporary var dir; must happen before django.setup()."""
    database, drop = bench_database(tmp, "pages")
    os.environ["KRING_VAR_DIR"] = str(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kring.config.test_settings"
    if str(SRC_DIR) not in sys.path:
        sys.path.insert(0, str(SRC_DIR))

    import django

    django.setup()
    return database, drop


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
        case_worker=HEAVY_READER,
        seed=1,
        yes_i_know=True,
        stdout=output,
        stderr=StringIO(),
    )
    seconds = time.perf_counter() - prepared
    _log(f"seed_bulk: {DOSSIERS:,} dossiers in {seconds:.1f} s ({DOSSIERS / seconds:,.0f} a second)")
    _log(output.getvalue().strip().splitlines()[-1])
    _seat_case_worker()
    _analyze()
    return {
        "seed_bulk_seconds": round(seconds, 1),
        "seed_bulk_dossiers_per_second": round(DOSSIERS / seconds),
    }


def _analyze() -> None:
    """On PostgreSQL, gather the planner's statistics, as autovacuum does on a production server within a
    minute of a bulk load (a server with autovacuum off, like a shared test machine's, would otherwise plan
    every query for empty tables: a sequential scan of all children to prefetch a page's 25 dossiers').
    SQLite is left as it is: kring's queries are written for SQLite without statistics."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _seat_case_worker() -> None:
    """MY_DOSSIERS seats for youssef, spread over the whole volume (every n-th seeded dossier)."""
    from kring.accounts.models import Membership
    from kring.cases.models import CircleMember, Dossier

    membership = Membership.objects.get(user__username=CASE_WORKER, team__name=TEAM)
    step = max(DOSSIERS // MY_DOSSIERS, 1)
    dossiers = Dossier.objects.filter(reference__startswith="BULK-").order_by("reference")
    chosen = [dossiers[n * step] for n in range(min(MY_DOSSIERS, DOSSIERS))]
    CircleMember.objects.bulk_create(
        CircleMember(
            dossier=dossier,
            user=membership.user,
            membership=membership,
            case_role="jeugdbeschermer",
            started_on=dossier.opened_on,
        )
        for dossier in chosen
    )


def run() -> list[Result]:
    tmp = Path(tempfile.mkdtemp(prefix="kring-bench-pages-"))
    drop = None
    try:
        database, drop = _setup_django(tmp)
        _log(f"seeding {database}")
        seeding = _seed()
        return _measure(seeding, database)
    finally:
        from django.db import connections

        connections.close_all()
        if drop is not None:
            drop()
        shutil.rmtree(tmp, ignore_errors=True)


def _client(username: str) -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(
        get_user_model().objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend"
    )
    return client


def _get(client: Any, url: str, expect: str, *, times: int = 1, status: int = 200) -> Callable[[], object]:
    def operation() -> object:
        for _ in range(times):
            response = client.get(url)
            if response.status_code != status:
                raise RuntimeError(f"GET {url} answered {response.status_code}, not {status}")
        return response

    response = operation()
    if expect.encode() not in response.content:
        raise RuntimeError(f"GET {url} did not show {expect!r}; is the benchmark user logged in?")
    return operation


def _sizes() -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from kring.cases.caseload import Scope, caseload_for_user
    from kring.cases.caseload_forms import CaseloadFilterForm
    from kring.cases.models import Dossier

    users = get_user_model().objects

    def matching(username: str, scope: Scope, query: str) -> int:
        filters = CaseloadFilterForm(dict(p.split("=") for p in query.split("&"))).filters()
        return caseload_for_user(user=users.get(username=username), scope=scope, filters=filters).count()

    dossier = (
        Dossier.objects.filter(circle__user__username=HEAVY_READER, circle__user__isnull=False)
        .exclude(reference__startswith="BULK-")
        .order_by("reference")
        .first()
    )
    if dossier is None:
        raise RuntimeError(f"seed_demo gave {HEAVY_READER} no dossier")
    return {
        "list": f"{matching(HEAVY_READER, Scope.MINE, 'status='):,}",
        "filter": f"{matching(HEAVY_READER, Scope.MINE, FILTER):,}",
        "search": f"{matching(HEAVY_READER, Scope.MINE, f'q={SEARCH}'):,} matches",
        "team": f"{matching(TEAM_LEAD, Scope.TEAM, 'status='):,} dossiers",
        "mine": f"{matching(CASE_WORKER, Scope.MINE, 'status='):,}",
        "dossier": f"/dossiers/{dossier.pk}/",
        "reference": dossier.reference,
    }


def _measure(seeding: dict[str, Any], database: str) -> list[Result]:
    from kring.audit.models import AuditEntry

    sizes = _sizes()
    # the frame row asks for a missing page on purpose: Django's "Not Found" warning for each is noise here
    logging.getLogger("django.request").setLevel(logging.ERROR)
    clients = {username: _client(username) for username in (HEAVY_READER, CASE_WORKER, TEAM_LEAD)}
    operations = {"healthz": _get(clients[HEAVY_READER], "/healthz", '"status": "ok"', times=HEALTHZ_BATCH)}
    for name, username, url, expect, _, _ in (FRAME, *PAGES):
        status = 404 if name == FRAME[0] else 200
        operations[name] = _get(clients[username], url.format(**sizes), expect.format(**sizes), status=status)
    audit_before = AuditEntry.objects.count()
    _log(
        f"timing {ROUNDS} rounds of {REQUESTS} requests per page ({REQUESTS * HEALTHZ_BATCH} of /healthz), "
        f"after {WARMUP} warm-up calls each"
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
        "database": database,
    }
    volume = f"{DOSSIERS:,} dossiers, {database.split(' ')[0]}"
    results = [
        Result.against(
            "pages.healthz",
            value=baseline,
            unit="req/s",
            baseline_value=baseline,
            description=f"GET /healthz (one SELECT 1), logged in; the baseline ({volume})",
            details={**common, "rounds_rps": healthz_rounds},
        )
    ]
    for name, _, url, _, _, description in (FRAME, *PAGES):
        results.append(
            Result.against(
                f"pages.{name}",
                value=measured[name].median,
                unit="req/s",
                baseline_value=baseline,
                description=f"{description.format(**sizes)} ({volume})",
                details={**common, "rounds_rps": measured[name].rounds, "url": url.format(**sizes)},
            )
        )
    _print_ratios(results, volume)
    return results


def _print_ratios(results: list[Result], volume: str) -> None:
    """Each page's ratio to /healthz with its target beside it, as one block."""
    print(f"\n  Page ratios to GET /healthz ({volume}; healthz {results[0].value:,.0f} req/s):", flush=True)
    print(f"    {'page':<15} {'req/s':>8} {'ratio':>7}  {'target':<8} status", flush=True)
    for result in results[1:]:
        target = TARGETS.get(result.name)
        if target is None:
            describe, status = "", "the floor: no page is faster"
        else:
            describe, status = target.describe(), "met" if target.met_by(result.ratio) else "MISSED"
        print(
            f"    {result.name.removeprefix('pages.'):<15} {result.value:>8.1f} {result.ratio:>7.3f}  "
            f"{describe:<8} {status}",
            flush=True,
        )
