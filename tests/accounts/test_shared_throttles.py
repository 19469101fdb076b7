"""The throttles count in a cache shared by every worker process and app server (issue 19): with a cache per
process each gunicorn worker gave an attacker a budget of its own. Each worker is simulated by a cache client
of its own (`caches.create_connection`, a new connection as a new process makes), on the production
configurations of kring.config.settings."""

import shutil
import socket
import subprocess
import time

import pytest
import time_machine
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory, override_settings
from django.utils import timezone

from kring.accounts import throttle
from kring.config.settings import cache_from_url

ADDRESS = "203.0.113.7"
SLOW = {"KRING_LOGIN_ADDRESS_FREE": 3, "KRING_LOGIN_GLOBAL_LIMIT": 1000, "KRING_LOGIN_MAX_DELAY_SECONDS": 60}


def _workers(url: str) -> tuple:
    """Two cache clients for the configuration KRING_CACHE_URL=url, as two worker processes have."""
    with override_settings(CACHES={"default": cache_from_url(url, debug=False, workers=2)}):
        return caches.create_connection("default"), caches.create_connection("default")


def _login_failures_counted_by_both(workers: tuple, monkeypatch) -> list[int]:
    """Two failed logins from one address on each worker; what each worker then makes the address wait."""
    request = RequestFactory().post("/aanmelden/", REMOTE_ADDR=ADDRESS)
    with override_settings(**SLOW), time_machine.travel(timezone.now(), tick=False):
        for worker in workers:
            monkeypatch.setattr(throttle, "cache", worker)
            throttle.login_failed(request)
            throttle.login_failed(request)
        waits = []
        for worker in workers:
            monkeypatch.setattr(throttle, "cache", worker)
            waits.append(throttle.login_wait(request))
    return waits


def _api_answers(workers: tuple) -> list[bool]:
    """Four API calls with one token at 3 a minute, spread over the two workers."""
    request = RequestFactory().get("/api/v1/", HTTP_AUTHORIZATION="Bearer kr_one-token")
    answers = []
    with override_settings(KRING_API_RATE="3/m"):
        for worker in (*workers, *workers):
            limiter = throttle.TokenRateThrottle()
            limiter.cache = worker
            answers.append(limiter.allow_request(request))
    return answers


def test_workers_share_the_throttles_in_the_database_cache(db, monkeypatch):
    workers = _workers("db")
    assert workers[0] is not workers[1]
    with override_settings(CACHES={"default": cache_from_url("db", debug=False, workers=2)}):
        throttle.create_cache_table()  # what `migrate` runs afterwards (kring.accounts.apps)
    # 4 failures in all, 3 free: the address waits 2 s, whichever worker it reaches next
    assert _login_failures_counted_by_both(workers, monkeypatch) == [2, 2]
    assert _api_answers(workers) == [True, True, True, False]


def test_a_cache_per_process_would_split_the_count(monkeypatch):
    """Why production refuses it: each process sees only its own failures and calls (two local-memory
    caches of different names stand for the memory of two processes)."""
    first, second = LocMemCache("worker-a", {}), LocMemCache("worker-b", {})
    assert _login_failures_counted_by_both((first, second), monkeypatch) == [0, 0]
    assert _api_answers((first, second)) == [True, True, True, True]


@pytest.fixture
def redis_url():
    """A throw-away Redis server on a free port, when one is installed (production may use Redis)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as attempt:
                if attempt.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


def test_workers_share_the_throttles_in_redis(redis_url, monkeypatch):
    workers = _workers(redis_url)
    assert _login_failures_counted_by_both(workers, monkeypatch) == [2, 2]
    assert _api_answers(workers) == [True, True, True, False]
