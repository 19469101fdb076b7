"""Page throughput: the "my dossiers" list and one dossier page, against /healthz, in-process.

Everything runs inside this process with Django's test Client (no network, no web server) on a fresh
temporary SQLite database: migrate, the demo caseload (`seed_demo`), plus EXTRA_DOSSIERS dossiers of Team
Noord with the case worker anna.devries in each circle, so her list has some volume behind it.

Each dossier page view and each list view writes audit entries (one for the dossier, one per listed
dossier); that is part of what is measured, on purpose.
"""

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from _harness import Result, Target, measure_interleaved

EXTRA_DOSSIERS = 2_000
REQUESTS = 200  # per timed round
WARMUP = 20
ROUNDS = 3
USERNAME = "anna.devries"
EXTRA_PREFIX = "BENCH-"

# Provisional regression floors, about half the ratios first measured (2 cores, SQLite: list 0.046, dossier
# page 0.110). They flag a page that became twice as slow relative to /healthz; they are not product targets.
# Ratio = page requests per second / /healthz requests per second, both measured in this run.
TARGETS = {
    "pages.dossier_list": Target(at_least=0.025),
    "pages.dossier_detail": Target(at_least=0.055),
}

SRC_DIR = Path(__file__).resolve().parent.parent / "src"


def _log(message: str) -> None:
    print(f"  [pages] {message}", flush=True)


def _setup_django(tmp: Path) -> None:
    """Point kring at the temporary database and var dir; must happen before django.setup()."""
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["KRING_VAR_DIR"] = str(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kring.config.test_settings"
    if str(SRC_DIR) not in sys.path:
        sys.path.insert(0, str(SRC_DIR))

    import django

    django.setup()


def _seed() -> None:
    from io import StringIO

    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=StringIO())
    _add_volume()


def _add_volume() -> None:
    """EXTRA_DOSSIERS more dossiers owned by anna's team, each with one child and anna in the circle."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from kring.accounts.models import Membership
    from kring.cases.models import CircleMember, Dossier, Person

    anna = get_user_model().objects.get(username=USERNAME)
    membership = Membership.objects.select_related("team").get(user=anna, team__name="Team Noord")
    team = membership.team
    first_day = date(2020, 1, 1)
    with transaction.atomic():
        dossiers = Dossier.objects.bulk_create(
            Dossier(
                reference=f"{EXTRA_PREFIX}{number:05d}",
                title=f"Gezin Bench {number}",
                jurisdiction="NL",
                owning_team=team,
                opened_on=first_day + timedelta(days=number % 2_000),
            )
            for number in range(EXTRA_DOSSIERS)
        )
        children = Person.objects.bulk_create(
            Person(first_name="Kind", last_name=f"Bench {number}", date_of_birth=date(2012, 1, 1))
            for number in range(EXTRA_DOSSIERS)
        )
        Dossier.children.through.objects.bulk_create(
            Dossier.children.through(dossier_id=dossier.pk, person_id=child.pk)
            for dossier, child in zip(dossiers, children, strict=True)
        )
        CircleMember.objects.bulk_create(
            CircleMember(
                dossier=dossier,
                user=anna,
                membership=membership,
                case_role="gezinsvoogd",
                assignment="Benchmark volume.",
                started_on=dossier.opened_on,
            )
            for dossier in dossiers
        )


def run() -> list[Result]:
    tmp = Path(tempfile.mkdtemp(prefix="kring-bench-pages-"))
    try:
        _setup_django(tmp)
        _log(
            f"seeding a fresh SQLite database in {tmp} (migrate, seed_demo, {EXTRA_DOSSIERS} extra dossiers)"
        )
        _seed()
        return _measure()
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(tmp, ignore_errors=True)


def _measure() -> list[Result]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from kring.audit.models import AuditEntry
    from kring.cases.models import Dossier
    from kring.cases.selectors import dossier_list_for_user

    anna = get_user_model().objects.get(username=USERNAME)
    visible = dossier_list_for_user(user=anna).count()
    # A demo dossier (children, a circle of several professionals), not one of the bare volume dossiers.
    dossier = (
        Dossier.objects.filter(circle__user=anna)
        .exclude(reference__startswith=EXTRA_PREFIX)
        .order_by("reference")
    ).first()
    if dossier is None:
        raise RuntimeError(f"seed_demo created no dossier with {USERNAME} in the circle")

    client = Client()
    client.force_login(anna, backend="django.contrib.auth.backends.ModelBackend")
    detail_url = f"/dossiers/{dossier.pk}/"

    def get(url: str, expect: str) -> Callable[[], object]:
        def operation() -> object:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}, not 200")
            return response

        response = operation()
        if expect.encode() not in response.content:
            raise RuntimeError(f"GET {url} did not show {expect!r}; is the benchmark user logged in?")
        return operation

    operations = {
        "healthz": get("/healthz", '"status": "ok"'),
        "list": get("/dossiers/", EXTRA_PREFIX),
        "detail": get(detail_url, dossier.reference),
    }
    audit_before = AuditEntry.objects.count()
    _log(f"timing {ROUNDS} rounds of {REQUESTS} requests per page (after {WARMUP} warm-up requests each)")
    measured = measure_interleaved(operations, requests=REQUESTS, warmup=WARMUP, rounds=ROUNDS)
    audit_written = AuditEntry.objects.count() - audit_before

    baseline = measured["healthz"].median
    common = {
        "requests_per_round": REQUESTS,
        "rounds": ROUNDS,
        "warmup_requests": WARMUP,
        "baseline_rounds_rps": measured["healthz"].rounds,
        "visible_dossiers": visible,
        "audit_entries_written": audit_written,
        "database": "sqlite (fresh, temporary)",
    }
    return [
        Result.against(
            "pages.healthz",
            value=baseline,
            unit="req/s",
            baseline_value=baseline,
            description="GET /healthz (one SELECT 1), logged in; the baseline for the page ratios",
            details={**common, "rounds_rps": measured["healthz"].rounds},
        ),
        Result.against(
            "pages.dossier_list",
            value=measured["list"].median,
            unit="req/s",
            baseline_value=baseline,
            description=f"GET /dossiers/ page 1 (25 of {visible} dossiers, 25 audit entries per view)",
            details={**common, "rounds_rps": measured["list"].rounds},
        ),
        Result.against(
            "pages.dossier_detail",
            value=measured["detail"].median,
            unit="req/s",
            baseline_value=baseline,
            description=f"GET /dossiers/<uuid>/ of demo dossier {dossier.reference} (1 audit entry per view)",
            details={
                **common,
                "rounds_rps": measured["detail"].rounds,
                "dossier_reference": dossier.reference,
            },
        ),
    ]
