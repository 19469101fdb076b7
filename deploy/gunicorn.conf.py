"""gunicorn configuration for kring: `gunicorn -c deploy/gunicorn.conf.py kring.config.wsgi`.

Every value comes from an environment variable so that systemd, the container and `make cluster` share this
one file (docs/operations.md, "Web server"). Database connections per server: KRING_WEB_WORKERS processes x
KRING_DB_POOL_MAX_SIZE (the pool is per process; threads borrow from it), so the total stays within
PostgreSQL's max_connections however many requests arrive.
"""

import os

bind = os.environ.get("KRING_BIND", "127.0.0.1:8000").split(",")
# gthread: a few processes with threads each. kring's requests spend much of their time waiting on the
# database, so threads keep the CPU busy without a process (and its memory) per concurrent request.
worker_class = "gthread"
workers = int(os.environ.get("KRING_WEB_WORKERS", "2"))
threads = int(os.environ.get("KRING_WEB_THREADS", "4"))
# A request that takes longer than this is stuck (the slowest page, a PDF, takes a few seconds): the worker
# is restarted instead of holding a thread and a database connection forever.
timeout = int(os.environ.get("KRING_WEB_TIMEOUT", "60"))
# SIGTERM (a deploy, systemd stop, Kubernetes): stop accepting, finish the requests in flight within this many
# seconds; the proxy sends new requests to the other app servers meanwhile (docs/operations.md, "Faults").
graceful_timeout = int(os.environ.get("KRING_WEB_GRACEFUL_TIMEOUT", "20"))
# Idle keep-alive connections from the proxy are closed after 5 s; the proxy's own keepalive_timeout for its
# upstream connections must be shorter (deploy/nginx/kring.conf: 4 s), so it never sends a request on a
# connection gunicorn is closing.
keepalive = 5
# Recycle workers now and then so slow leaks (fonts and charts rendered in memory) cannot build up.
max_requests = int(os.environ.get("KRING_WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# The proxy in front sets X-Forwarded-For/-Proto; gunicorn only believes them from these addresses.
forwarded_allow_ips = os.environ.get("KRING_TRUSTED_PROXIES", "127.0.0.1")
# Request line and header limits; the proxy limits the body size (client_max_body_size).
limit_request_line = 8190
limit_request_fields = 100
accesslog = os.environ.get("KRING_WEB_ACCESS_LOG", "-") or None
# The access log holds request paths only: kring puts opaque ids, never names, in its URLs.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("KRING_LOG_LEVEL", "info").lower()
proc_name = os.environ.get("KRING_WEB_NAME", "kring-web")
pidfile = os.environ.get("KRING_WEB_PIDFILE") or None
# /tmp may be read-only in a container; the heartbeat files of the workers go to memory.
SHARED_MEMORY = "/dev/shm"  # noqa: S108 — gunicorn's documented place for worker heartbeats
worker_tmp_dir = os.environ.get("KRING_WEB_TMP_DIR", SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None)
wsgi_app = "kring.config.wsgi:application"
# Load kring in the master before the workers are forked, and warm it there (every view module, every
# template, the translations; `warm_up` below): a started or restarted app server answers its first
# requests as fast as later ones (cold, its first requests took 5-10 s here under load), and workers
# recycled by max_requests start warm. Code changes then need a restart, not a HUP. KRING_WEB_PRELOAD=False
# switches it off.
preload_app = os.environ.get("KRING_WEB_PRELOAD", "True") == "True"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.config.settings")


def on_starting(server):
    """Refuse to serve as a PostgreSQL superuser (kring.config.checks): the append-only triggers and grants
    that keep the access log tamper-evident do not bind a superuser."""
    import django

    django.setup()
    from django.db import connections

    from kring.config.checks import database_superuser_problem

    try:
        problem = database_superuser_problem()
        if preload_app and not problem:
            warm_up(server)
    finally:
        # nothing opened here may be shared with the workers forked next
        for connection in connections.all():
            connection.close()
            close_pool = getattr(connection, "close_pool", None)
            if close_pool is not None and getattr(connection, "pool", None) is not None:
                close_pool()
    if problem:
        server.log.error(problem)
        raise SystemExit(problem)


def warm_up(server):
    """Do once in the master what every worker would otherwise do on its first requests: import every view
    (the URLconf), compile every template (Django's cached loader keeps them; the forked workers share
    them) and load every language's translations. Needs no database."""
    import time
    from pathlib import Path

    from django.conf import settings
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import translation

    started = time.monotonic()
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 — imports every view module
    resolver.reverse_dict  # noqa: B018 — and builds the reverse lookup once
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("kring")
    compiled = skipped = 0
    for engine in engines.all():
        for directory in getattr(engine, "template_dirs", ()):
            for path in Path(directory).rglob("*"):
                if not path.is_file() or path.suffix not in (".html", ".txt", ".svg", ".xml", ".ics"):
                    continue
                try:
                    engine.get_template(path.relative_to(directory).as_posix())
                    compiled += 1
                except Exception:  # a warm-up never stops a start: this one is compiled on first use
                    skipped += 1
    server.log.info(
        "warmed up in %.1f s (%d templates, %d left for first use)",
        time.monotonic() - started,
        compiled,
        skipped,
    )
