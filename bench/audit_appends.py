"""Audit appends under concurrency: lock-free appends against the former design (the chain head locked until
the appending transaction ends), measured in the same run (issue 18.3, docs/operations.md).

Threads each run request-like transactions: one audit append plus a few milliseconds of other work inside
the transaction, as a page does. The baseline takes the chain head's row lock first, as every append did
before `audit/0005`; the ratio is lock-free throughput / baseline throughput. Only PostgreSQL can show the
difference (SQLite lets one writer at a time in any case): set KRING_BENCH_POSTGRES_URL to a database of
your own (it is migrated and its audit tables are used), e.g.
`KRING_BENCH_POSTGRES_URL=postgres://postgres:postgres@127.0.0.1:5432/kring_bench`. Without it the
module measures on a temporary SQLite file, where the ratio is expected near 1 and carries no target.
"""

import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from _harness import Result, Target

SRC_DIR = Path(__file__).resolve().parent.parent / "src"
THREADS = int(os.environ.get("KRING_BENCH_AUDIT_THREADS", "8"))
PER_THREAD = int(os.environ.get("KRING_BENCH_AUDIT_PER_THREAD", "60"))
WORK_SECONDS = 0.005
POSTGRES_URL = os.environ.get("KRING_BENCH_POSTGRES_URL", "")

TARGETS = {"audit_appends.concurrent": Target(at_least=1.5)} if POSTGRES_URL else {}


def _log(message: str) -> None:
    print(f"  [audit_appends] {message}", flush=True)


def _setup_django(tmp: Path) -> None:
    os.environ["DATABASE_URL"] = POSTGRES_URL or f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["KRING_VAR_DIR"] = str(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kring.config.test_settings"
    if str(SRC_DIR) not in sys.path:
        sys.path.insert(0, str(SRC_DIR))

    import django

    django.setup()


def _throughput(locked_head: bool) -> float:
    from django.db import connection, transaction

    from kring.audit.models import AuditChainHead
    from kring.audit.services import Actor, audit_append

    actor = Actor(user_id=None, username="bench")

    def request_like() -> None:
        with transaction.atomic():
            if locked_head:
                AuditChainHead.objects.select_for_update().get(pk=1)
            audit_append(actor=actor, action="read")
            time.sleep(WORK_SECONDS)

    def worker() -> None:
        try:
            for _ in range(PER_THREAD):
                request_like()
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return THREADS * PER_THREAD / (time.perf_counter() - start)


def run() -> list[Result]:
    tmp = Path(tempfile.mkdtemp(prefix="kring-bench-audit-"))
    try:
        _setup_django(tmp)
        from django.core.management import call_command

        from kring.audit.models import AuditChainHead, AuditEntry
        from kring.audit.services import audit_chain_breaks, audit_chain_pending

        call_command("migrate", interactive=False, verbosity=0)
        AuditChainHead.objects.get_or_create(pk=1)
        where = "PostgreSQL" if POSTGRES_URL else "SQLite (set KRING_BENCH_POSTGRES_URL for the real figure)"
        _log(f"{THREADS} threads x {PER_THREAD} transactions on {where}")
        baseline = _throughput(locked_head=True)
        lock_free = _throughput(locked_head=False)
        start = time.perf_counter()
        audit_chain_pending()
        chain_seconds = time.perf_counter() - start
        start = time.perf_counter()
        intact = next(audit_chain_breaks(), None) is None
        verify_seconds = time.perf_counter() - start
        return [
            Result.against(
                "audit_appends.concurrent",
                value=lock_free,
                unit="appends/s",
                baseline_value=baseline,
                description=f"{THREADS} threads, append + {WORK_SECONDS * 1000:g} ms work per transaction; "
                "baseline: chain head locked per append (the former design)",
                details={
                    "database": "postgresql" if POSTGRES_URL else "sqlite",
                    "entries": AuditEntry.objects.count(),
                    "chain_pending_seconds": round(chain_seconds, 3),
                    "verify_seconds": round(verify_seconds, 3),
                    "intact": intact,
                },
            )
        ]
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(tmp, ignore_errors=True)
