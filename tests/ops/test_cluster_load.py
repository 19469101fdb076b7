"""The short load and fault run against the production topology (scripts/cluster.py): 10 users for a few
seconds through nginx to two gunicorn app servers, the worker and the object store, on PostgreSQL.

During the run one app server is killed (SIGKILL), the application's database connections are terminated,
the worker is killed and restarted, and the database is dumped. No request fails. Afterwards: every write
acknowledged to a user is in the database exactly once with its audit entry, no failed write left a
half-written trace, the audit chain verifies, and the restored dump has the row counts of the moment of the
dump and verifies with the anchor. The long version (100 users, 2 minutes, figures) is bench/load.py in
`make bench`.

It needs PostgreSQL (the suite's own DATABASE_URL) and nginx: otherwise it is skipped, unless
KRING_REQUIRE_CLUSTER=1 (CI), where a missing nginx fails.
"""

import os
import secrets
from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection, connections

from kring.accounts.models import Role
from kring.safety import mapping
from tests.factories import (
    CircleMemberFactory,
    DossierFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)

PASSWORD = "correct horse battery staple"
USERS, SECONDS = 10, 10


def _skip_unless_cluster_possible() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "the cluster test runs on PostgreSQL: set DATABASE_URL=postgres://… (CI's PostgreSQL pass)"
        )
    from cluster import nginx_binary

    if nginx_binary() is None:
        reason = "nginx is not installed (apt-get install nginx), so the proxy of the cluster cannot start"
        if os.environ.get("KRING_REQUIRE_CLUSTER") == "1":
            pytest.fail(f"{reason} (KRING_REQUIRE_CLUSTER=1)", pytrace=False)
        pytest.skip(reason)


def _organisation_with_caseload() -> None:
    """From an empty database: one organisation, a team lead, three case workers, twelve dossiers with a
    mapping each (committed: the cluster's database is a copy of this one)."""
    organisation = OrganisationFactory(name="Jeugdbescherming Belastbaar")
    team = TeamFactory(organisation=organisation, name="Team Maandag")
    lead = MembershipFactory(team=team, role=Role.TEAM_LEAD, user__username="load.lead")
    workers = [MembershipFactory(team=team, user__username=f"load.worker{i}") for i in range(3)]
    # Hashed as production hashes (the test settings' fast hasher is not accepted there), with a full-size
    # salt: a weaker hash is upgraded at login, which ends the account's other sessions.
    hasher = Argon2PasswordHasher()
    for membership in (lead, *workers):
        membership.user.password = hasher.encode(PASSWORD, hasher.salt())
        membership.user.save(update_fields=["password"])
    for number in range(12):
        dossier = DossierFactory(owning_team=team, with_children=1, opened_on=date(2025, 1, 6))
        CircleMemberFactory(dossier=dossier, membership=workers[number % 3])
        mapping.mapping_create(actor=None, dossier=dossier, held_on=date(2025, 2, 3))


@pytest.mark.django_db(transaction=True)
def test_short_load_with_faults_loses_nothing(tmp_path):
    _skip_unless_cluster_possible()
    from cluster import Cluster
    from cluster_load import (
        LoadRun,
        backup_during_load,
        restore_and_compare,
        verify_audit_chain,
        verify_writes,
    )

    _organisation_with_caseload()
    template = settings.DATABASES["default"]["NAME"]
    connections.close_all()  # CREATE DATABASE … TEMPLATE needs the template without connections
    cluster = Cluster(
        run_dir=tmp_path / "cluster",
        port_base=18020,
        db_name=f"kring_ops_t{os.getpid()}",
        template_db=template,
        # the entries seeded above are signed with the test settings' key: the cluster verifies them
        audit_key=f"cluster:{secrets.token_hex(32)} {settings.KRING_AUDIT_KEY}",
        seed=False,
        web_workers=1,
        quiet=True,
    )
    cluster.start()
    try:
        _check_production_answers(cluster)
        from cluster_load import write_plan

        plan = cluster.run_dir / "plan.json"
        write_plan(cluster, plan, password=PASSWORD, think=(0.1, 0.5))
        run = LoadRun(cluster, plan, users=USERS, seconds=SECONDS, spawn_rate=USERS)
        run.start()  # returns once the users have logged in; the clock of the faults starts then
        run.at(2)
        run.fault("app server killed")
        cluster.kill("app0")  # the proxy routes around it
        run.at(4)
        run.fault("database connections terminated")
        cut = cluster.terminate_app_connections()
        run.fault("worker killed")
        cluster.kill("worker")
        cluster.start_worker()
        backup = backup_during_load(cluster)
        run.at(6)
        cluster.start_app(0)
        stats = run.wait()
        writes = verify_writes(cluster, run.writes_path)
        verify_audit_chain(cluster)
        restored = restore_and_compare(cluster, backup)
    finally:
        cluster.stop(drop_database=True)

    print(f"\nshort load: {stats['requests']} requests, {stats['failures']} failed,")
    print(f"  failed per fault: {stats['failures_per_fault']}")
    print(f"  p50 {stats['p50_ms']:.0f} ms, p95 {stats['p95_ms']:.0f} ms; {cut} connections cut; {writes}")
    assert stats["requests"] > USERS, "the simulated users made (almost) no requests"
    assert writes["acknowledged"] + writes["failed"] > 0, "no write was attempted"
    assert writes["acknowledged_missing"] == [], "a write acknowledged to a user is not in the database"
    assert writes["acknowledged_duplicated"] == [], "an acknowledged write is in the database twice"
    assert writes["half_written"] == [], "a stored write has no audit entry of its creation"
    assert writes["stored_without_log"] == 0
    assert restored["differing_tables"] == {}, "the restored dump differs from the moment of the dump"
    # Not even the requests in flight when the app server was killed or the connections were cut fail: the
    # proxy passes them on to the other server (writes too: the key makes that safe), a request whose
    # connection was cut runs once more (kring.config.retry).
    assert stats["failures"] == 0, stats["failure_kinds"]
    assert stats["login_phase"]["failures"] == 0, stats["login_phase"]


def _check_production_answers(cluster) -> None:
    """Production settings as served through the proxy: headers, cookies, closed documentation."""
    import ssl
    import urllib.request

    context = ssl.create_default_context(cafile=cluster.run_dir / "tls.crt")  # its throw-away certificate

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), NoRedirect)
    login = opener.open(f"{cluster.base_url}/login/", timeout=20)
    assert "script-src 'self'" in login.headers["Content-Security-Policy"]
    assert "camera=()" in login.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" in login.headers
    assert any(c.startswith("__Host-kring_csrftoken=") for c in login.headers.get_all("Set-Cookie"))
    # /admin/ sends to /admin/login/, which has no form of its own: it sends on to kring's login
    for path, target in (
        ("/api/v1/docs", "/login/?next="),
        ("/api/v1/openapi.json", "/login/?next="),
        ("/admin/", "/admin/login/?next="),
        ("/admin/login/", "/login/?next="),
    ):
        try:
            answer = opener.open(f"{cluster.base_url}{path}", timeout=20)
            status = answer.status
        except urllib.error.HTTPError as error:
            status, answer = error.code, error
        assert status == 302, f"{path} answered {status} to an anonymous visitor"
        assert answer.headers["Location"].startswith(target), answer.headers["Location"]
