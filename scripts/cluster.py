"""kring's production topology on one machine, from the project's own files: `make cluster`.

    scripts/cluster.py up    [--app-servers 2] [--port-base 18000] [--db kring_ops_cluster] [--bulk N]
    scripts/cluster.py down  [--dir var/cluster-run]   # stops a cluster whose `up` was killed

`up` starts, all bound to 127.0.0.1:
- PostgreSQL: the server answering on 127.0.0.1:5432, or the Debian one started as .ci/run does (installed
  with apt when missing). A fresh database; migrations and seed data as the owner role (postgres); the
  application runs as its own role without superuser rights, with the grants of docs/operations.md;
- an S3-compatible object store (moto's server mode) with a private bucket for the child-voice pictures;
- N gunicorn app servers (deploy/gunicorn.conf.py), each a few processes with a bounded psycopg pool;
- the background worker (`manage.py db_worker`) as its own process;
- the throttles' counters in the database cache (KRING_CACHE_URL=db), shared by every app server's workers;
- nginx in front (TLS with a throw-away certificate, body-size limit, forwarded headers), spreading requests
  over the app servers and passing a request on when one does not answer.
It waits until every part answers, prints the addresses and stops everything on Ctrl-C or SIGTERM.

The Cluster class is also what bench/load.py and tests/ops use to start, hurt and stop the topology.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_OWNER_URL = f"postgres://postgres:postgres@{PG_HOST}:{PG_PORT}"
S3_KEY, S3_SECRET, S3_BUCKET = "kring-cluster", "kring-cluster-secret", "kring-media"  # moto accepts any


class ClusterError(RuntimeError):
    pass


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=False, capture_output=True, text=True, **kwargs)  # noqa: S603


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


def postgres_answers() -> bool:
    return _run(["pg_isready", "-q", "-h", PG_HOST, "-p", str(PG_PORT)]).returncode == 0


def apt_install(*packages: str) -> None:
    if os.geteuid() != 0:
        raise ClusterError(f"{' '.join(packages)} missing and not root: apt-get install {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run(["apt-get", "update", "-qq"], env=env)
    done = _run(["apt-get", "install", "-y", "-qq", *packages], env=env)
    if done.returncode != 0:
        raise ClusterError(f"apt-get install {' '.join(packages)} failed: {done.stderr[-500:]}")


def ensure_postgres() -> None:
    """The PostgreSQL on 127.0.0.1:5432, started (and installed) as .ci/run does when none answers."""
    if postgres_answers():
        return
    if not shutil.which("pg_ctlcluster"):
        apt_install("postgresql", "postgresql-client")
    version = sorted(Path("/etc/postgresql").iterdir(), key=lambda p: [int(x) for x in p.name.split(".")])[-1]
    _run(["pg_ctlcluster", "--skip-systemctl-redirect", version.name, "main", "start"])
    for _ in range(30):
        if postgres_answers():
            break
        time.sleep(1)
    else:
        raise ClusterError("PostgreSQL did not start on 127.0.0.1:5432")
    _run(["su", "postgres", "-c", "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\""])


def ensure_nginx() -> str:
    binary = nginx_binary()
    if binary is None:
        apt_install("nginx")
        binary = nginx_binary()
        if binary:  # the package may have started its own server on port 80: the cluster runs its own
            _run([binary, "-s", "quit"])
    if binary is None:
        raise ClusterError("nginx is not installed")
    return binary


def psql(sql: str, database: str = "postgres") -> str:
    done = _run(["psql", f"{PG_OWNER_URL}/{database}", "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql])
    if done.returncode != 0:
        raise ClusterError(f"psql failed: {done.stderr.strip()}\n{sql}")
    return done.stdout.strip()


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a production process: nothing of the caller's kring or Django settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KRING_", "DJANGO_", "DATABASE_URL"))}
    # this checkout's code, also when the virtualenv has kring installed from another checkout
    env["PYTHONPATH"] = str(ROOT / "src")
    env.update(extra)
    return env


APP_GRANTS = """
GRANT CONNECT ON DATABASE {db} TO {role};
GRANT USAGE ON SCHEMA public TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditentry FROM {role};
GRANT UPDATE (chain_position, previous_hash, entry_hash) ON audit_auditentry TO {role};
"""

NGINX_CONF = """# Generated by scripts/cluster.py for one run; deploy/nginx/kring.conf is the operators' one.
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    # paths without the query (a search term may be a name); where the time went: the whole request, the
    # app server's part (queueing in gunicorn included), which server, and retries ("a, b" = two tries)
    log_format timing '$msec $request_method $uri $status $request_time $upstream_response_time '
                      '$upstream_addr $upstream_status';
    access_log {run}/nginx-access.log timing;
    client_body_temp_path {run}/nginx-body;
    proxy_temp_path {run}/nginx-proxy;
    fastcgi_temp_path {run}/nginx-fastcgi;
    uwsgi_temp_path {run}/nginx-uwsgi;
    scgi_temp_path {run}/nginx-scgi;
    server_tokens off;
    gzip on;
    gzip_types text/css application/javascript image/svg+xml application/json;

    upstream kring_app {{
{servers}
        keepalive 32;
        # idle connections to the app servers closed before gunicorn closes them (its keepalive is 5 s):
        # otherwise a request may be sent on a connection gunicorn is closing at that moment
        keepalive_timeout 4s;
    }}

    server {{
        listen 127.0.0.1:{port} ssl;
        server_name 127.0.0.1 localhost;
        ssl_certificate {run}/tls.crt;
        ssl_certificate_key {run}/tls.key;
        ssl_protocols TLSv1.2 TLSv1.3;

        # child-voice pictures are at most 5 MB (KRING_CHILD_VOICE_MAX_IMAGE_MB); refused here, larger
        client_max_body_size 8m;

        location / {{
            proxy_pass http://kring_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host:$server_port;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Host $host:$server_port;
            # Every request carries this proxy's own id as its key; kring stores a write's key in the write's
            # transaction (kring.config.retry). So a request may go to the next app server when the first one
            # failed before answering, a write too (non_idempotent): if the first server had committed it, the
            # second finds the key and repeats the first answer instead of writing twice. The client's own
            # Idempotency-Key header is replaced.
            proxy_set_header Idempotency-Key $request_id;
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""


@dataclass
class Cluster:
    """One running topology. Ports: proxy port_base, app servers port_base+1.., object store port_base+9."""

    run_dir: Path = ROOT / "var" / "cluster-run"
    port_base: int = 18000
    app_servers: int = 2
    db_name: str = "kring_ops_cluster"
    web_workers: int = 2
    web_threads: int = 4
    pool_max_size: int = 4
    bulk_dossiers: int = 0
    # a migrated (and maybe seeded) database to copy instead of migrating: a bench's prepared one, or the
    # test run's database in tests/ops (no other connections to it may be open)
    template_db: str | None = None
    seed: bool = True
    # False: pictures on local disk (a template database seeded without the object store, e.g. bench/load.py)
    s3: bool = True
    quiet: bool = False
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))
    # The access log's MAC keys, "ID:SECRET[ ID:SECRET …]" (the first signs, the others verify entries already
    # in a template database, e.g. the test run's)
    audit_key: str = field(default_factory=lambda: f"cluster:{secrets.token_hex(32)}")

    def __post_init__(self) -> None:
        self.run_dir = Path(self.run_dir).resolve()

    # --- addresses and environments

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.port_base}"

    def app_port(self, index: int) -> int:
        return self.port_base + 1 + index

    @property
    def s3_port(self) -> int:
        return self.port_base + 9

    @property
    def app_role(self) -> str:
        return f"{self.db_name}_app"

    @property
    def owner_url(self) -> str:
        return f"{PG_OWNER_URL}/{self.db_name}"

    @property
    def app_url(self) -> str:
        return f"postgres://{self.app_role}:{self.app_role}@{PG_HOST}:{PG_PORT}/{self.db_name}"

    def app_env(self, **extra: str) -> dict[str, str]:
        env = clean_env(
            DJANGO_SETTINGS_MODULE="kring.config.settings",
            KRING_SECRET_KEY_FILE=str(self.run_dir / "secret_key"),
            KRING_AUDIT_KEY_FILE=str(self.run_dir / "audit_key"),
            KRING_ALLOWED_HOSTS="127.0.0.1,localhost",
            KRING_CSRF_TRUSTED_ORIGINS=self.base_url,
            KRING_BASE_URL=self.base_url,
            KRING_BEHIND_PROXY="True",
            KRING_TRUSTED_PROXIES="127.0.0.1",
            KRING_VAR_DIR=str(ROOT / "var" / "cluster"),
            DATABASE_URL=self.app_url,
            KRING_DB_POOL_MAX_SIZE=str(self.pool_max_size),
            KRING_DB_POOL_TIMEOUT="10",
            # login throttles and API rates counted once for all app servers and their workers
            KRING_CACHE_URL="db",
            KRING_S3_BUCKET=S3_BUCKET,
            KRING_S3_ENDPOINT_URL=f"http://127.0.0.1:{self.s3_port}",
            KRING_S3_REGION="us-east-1",
            KRING_S3_ACCESS_KEY_ID=S3_KEY,
            KRING_S3_SECRET_ACCESS_KEY=S3_SECRET,
            KRING_WEB_WORKERS=str(self.web_workers),
            KRING_WEB_THREADS=str(self.web_threads),
            KRING_WEB_ACCESS_LOG="",
            KRING_LOG_LEVEL="WARNING",
            KRING_STATIC_COMPRESS="False",  # nginx compresses (gzip on); collectstatic takes seconds
        )
        if not self.s3:
            env = {k: v for k, v in env.items() if not k.startswith("KRING_S3_")}
        env.update(extra)
        return env

    def owner_env(self) -> dict[str, str]:
        """The owner role runs migrations and seeds, as an operator's deploy step does."""
        return self.app_env(
            DATABASE_URL=self.owner_url, KRING_ALLOW_DB_SUPERUSER="True", KRING_DB_POOL="False"
        )

    def manage(self, *args: str, owner: bool = False, check: bool = True) -> subprocess.CompletedProcess:
        env = self.owner_env() if owner else self.app_env()
        done = _run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env)
        if check and done.returncode != 0:
            raise ClusterError(
                f"manage.py {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
            )
        return done

    def log(self, message: str) -> None:
        if not self.quiet:
            print(f"[cluster] {message}", flush=True)

    # --- start

    def start(self) -> None:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        (self.run_dir / "secret_key").write_text(self.secret_key, encoding="utf-8")
        (self.run_dir / "secret_key").chmod(0o600)
        # The access log's MAC key: like the secret key, outside the database (see docs/operations.md).
        (self.run_dir / "audit_key").write_text(self.audit_key, encoding="utf-8")
        (self.run_dir / "audit_key").chmod(0o600)
        started = time.monotonic()
        try:
            ensure_postgres()
            nginx = ensure_nginx()
            self._certificate()
            self._object_store()  # first: seed_demo stores the demo's pictures there
            self._database()
            self._collectstatic()
            for index in range(self.app_servers):
                self.start_app(index)
            self.start_worker()
            self._proxy(nginx)
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        self._write_state()
        self.log(
            f"ready in {time.monotonic() - started:.0f} s: {self.base_url} ({self.app_servers} app servers)"
        )

    def _database(self) -> None:
        db, role = self.db_name, self.app_role
        if not db.startswith("kring_"):
            raise ClusterError("the cluster's database name must start with kring_")
        psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        psql(f"CREATE DATABASE {db}" + (f" TEMPLATE {self.template_db}" if self.template_db else ""))
        psql(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
            f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{role}'; END IF; END $$"
        )
        source = f"a copy of {self.template_db}" if self.template_db else "migrated"
        seeded = " and seeded" if self.seed else ""
        self.log(f"database {db}: {source}{seeded} as the owner; the app serves as {role}")
        if not self.template_db:
            self.manage("migrate", "--no-input", "-v0", owner=True)  # also creates the cache table
        else:
            # the throttles' shared counters (KRING_CACHE_URL=db): a template copied from a database migrated
            # before `migrate` made the cache table lacks it; createcachetable leaves an existing one alone
            self.manage("createcachetable", owner=True)
        if self.seed:
            self.manage("seed_demo", owner=True)
            if self.bulk_dossiers:
                # seed_bulk refuses production settings unless told this database is for load tests
                self.manage("seed_bulk", "--dossiers", str(self.bulk_dossiers), "--yes-i-know", owner=True)
        psql(APP_GRANTS.format(db=db, role=role), database=db)

    def _collectstatic(self) -> None:
        """Collect (and compress) the static files once; again only when a source file is newer."""
        manifest = ROOT / "var" / "cluster" / "static" / "staticfiles.json"
        if manifest.exists() and any(manifest.parent.glob("**/*.br")):
            shutil.rmtree(manifest.parent)  # collected by an earlier, compressing configuration
        if manifest.exists():
            built = manifest.stat().st_mtime
            sources = (p for p in (ROOT / "src" / "kring").glob("**/static/**/*") if p.is_file())
            if all(p.stat().st_mtime <= built for p in sources):
                return
        self.log("collecting static files")
        self.manage("collectstatic", "--no-input", "-v0")

    def _object_store(self) -> None:
        self._spawn("s3", [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.s3_port)])
        self._wait_http(f"http://127.0.0.1:{self.s3_port}/moto-api/", "object store")
        import boto3  # the object store's client; installed with django-storages[s3]

        client = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{self.s3_port}",
            aws_access_key_id=S3_KEY,
            aws_secret_access_key=S3_SECRET,
            region_name="us-east-1",
        )
        client.create_bucket(Bucket=S3_BUCKET)
        client.put_public_access_block(
            Bucket=S3_BUCKET,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            },
        )

    def start_app(self, index: int) -> None:
        port = self.app_port(index)
        command = [str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
        self._spawn(f"app{index}", command, env=self.app_env(KRING_BIND=f"127.0.0.1:{port}"))

    def start_worker(self) -> None:
        command = [
            sys.executable,
            str(ROOT / "manage.py"),
            "db_worker",
            "--no-startup-delay",
            "--interval",
            "1",
        ]
        self._spawn("worker", command, env=self.app_env())

    def _certificate(self) -> None:
        """A throw-away self-signed certificate for 127.0.0.1, trusted by the clients of this run only."""
        run = self.run_dir
        if not shutil.which("openssl"):
            apt_install("openssl")
        done = _run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", str(run / "tls.key"), "-out", str(run / "tls.crt"),
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ]
        )  # fmt: skip
        if done.returncode != 0:
            raise ClusterError(f"openssl could not make the proxy's certificate: {done.stderr[-500:]}")

    def _proxy(self, nginx: str) -> None:
        run = self.run_dir
        servers = "\n".join(
            f"        server 127.0.0.1:{self.app_port(i)} max_fails=1 fail_timeout=5s;"
            for i in range(self.app_servers)
        )
        conf = run / "nginx.conf"
        conf.write_text(NGINX_CONF.format(run=run, servers=servers, port=self.port_base), encoding="utf-8")
        self._spawn("proxy", [nginx, "-c", str(conf), "-p", str(run), "-g", "daemon off;"])

    def _spawn(self, name: str, command: list[str], env: dict[str, str] | None = None) -> None:
        log = open(self.run_dir / f"{name}.log", "ab")  # noqa: SIM115 — the child keeps it open
        self.processes[name] = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env=env or clean_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in the terminal reaches the script, which stops the children
        )
        log.close()

    def _wait_http(self, url: str, what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        tls = self.run_dir / "tls.crt"
        context = ssl.create_default_context(cafile=tls) if tls.exists() else None
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    tail = (self.run_dir / f"{name}.log").read_text(errors="replace")[-2000:]
                    raise ClusterError(f"{name} exited with status {process.returncode}:\n{tail}")
            try:
                with urllib.request.urlopen(url, timeout=2, context=context) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise ClusterError(f"{what} did not answer at {url} within {timeout:.0f} s")

    def wait_ready(self) -> None:
        for index in range(self.app_servers):
            if self.processes.get(f"app{index}"):
                self._wait_http(f"http://127.0.0.1:{self.app_port(index)}/healthz", f"app server {index}")
        self._wait_http(f"{self.base_url}/healthz", "the proxy")

    # --- faults

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Kill a part of the topology the hard way (its whole process group: gunicorn's workers too)."""
        process = self.processes.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=30)

    def terminate_app_connections(self) -> int:
        """pg_terminate_backend on every connection of the application role; how many were cut."""
        return int(
            psql(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "  # noqa: S608 — our own names
                f"WHERE usename = '{self.app_role}' AND datname = '{self.db_name}'"
            )
            or 0
        )

    # --- stop

    def stop(self, drop_database: bool = False) -> None:
        """Stop everything this cluster started: the proxy first (no new requests), then the app servers and
        the worker (SIGTERM, a graceful stop), the object store last; SIGKILL after 20 s."""
        order = ["proxy", *sorted(n for n in self.processes if n.startswith("app")), "worker", "s3"]
        for name in order:
            process = self.processes.get(name)
            if process is None or process.poll() is not None:
                continue
            try:
                os.killpg(process.pid, signal.SIGQUIT if name == "proxy" else signal.SIGTERM)
            except ProcessLookupError:
                continue
        for name in order:
            process = self.processes.pop(name, None)
            if process is None:
                continue
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        state = self.run_dir / "cluster.json"
        state.unlink(missing_ok=True)
        if drop_database:
            psql(f"DROP DATABASE IF EXISTS {self.db_name} WITH (FORCE)")
            psql(f"DROP DATABASE IF EXISTS {self.db_name}_restore WITH (FORCE)")
            psql(f"DROP ROLE IF EXISTS {self.app_role}")
        self.log("stopped")

    def _write_state(self) -> None:
        state = {"pids": {name: p.pid for name, p in self.processes.items()}, "url": self.base_url}
        (self.run_dir / "cluster.json").write_text(json.dumps(state), encoding="utf-8")


def down(run_dir: Path) -> None:
    """Stop the process groups a killed `up` left behind (from its state file)."""
    state_file = run_dir / "cluster.json"
    if not state_file.exists():
        print(f"no cluster running from {run_dir}")
        return
    pids = json.loads(state_file.read_text(encoding="utf-8"))["pids"]
    for pid in pids.values():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)
    state_file.unlink()
    print(f"stopped {len(pids)} process groups")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["up", "down"])
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "cluster-run")
    parser.add_argument("--app-servers", type=int, default=2)
    parser.add_argument("--port-base", type=int, default=18000)
    parser.add_argument("--db", default="kring_ops_cluster")
    parser.add_argument("--bulk", type=int, default=0, help="dossiers to add with seed_bulk")
    args = parser.parse_args()
    if args.command == "down":
        down(args.dir)
        return
    cluster = Cluster(
        run_dir=args.dir,
        port_base=args.port_base,
        app_servers=args.app_servers,
        db_name=args.db,
        bulk_dossiers=args.bulk,
    )

    def serve() -> None:
        cluster.start()
        print(f"kring: {cluster.base_url}/  (demo users, password kring-demo-2026; Ctrl-C stops everything)")
        print(f"logs: {cluster.run_dir}/*.log")
        while all(p.poll() is None for p in cluster.processes.values()):
            time.sleep(1)
        dead = [n for n, p in cluster.processes.items() if p.poll() is not None]
        print(f"[cluster] {', '.join(dead)} exited; stopping the rest", file=sys.stderr)

    run_until_signal(serve, cluster.stop)


def run_until_signal(serve: Callable[[], None], stop: Callable[[], None]) -> None:
    """Run `serve` until it returns or Ctrl-C / SIGTERM arrives, then `stop`, which no further signal cuts
    short: a second Ctrl-C, or the SIGTERM that both `make` and a supervisor pass on, used to interrupt the
    stop halfway and leave the proxy and app servers running (the stop is bounded: SIGKILL after 20 s)."""

    def stop_on_signal(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    before = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        serve()
    except KeyboardInterrupt:
        pass
    finally:
        for number in before:
            signal.signal(number, signal.SIG_IGN)
        try:
            stop()
        finally:
            for number, handler in before.items():
                signal.signal(number, handler)


if __name__ == "__main__":
    main()
