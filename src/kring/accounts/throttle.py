"""Throttling that protects instead of locking out.

Logins, three layers (django-axes is the first, configured in settings):

1. **Per username *and* address** (django-axes, `AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]`):
   after `KRING_LOGIN_FAILURE_LIMIT` wrong passwords for one account from one address, that pair waits
   `KRING_LOGIN_COOLOFF_MINUTES`. A stranger elsewhere cannot lock the owner out: the owner's address is
   another pair.
2. **Per address** (here): every failed login from an address counts for `KRING_LOGIN_WINDOW_MINUTES`.
   Beyond `KRING_LOGIN_ADDRESS_FREE` failures, each next attempt from that address must wait twice as long
   as the one before (1 s, 2 s, 4 s, … at most `KRING_LOGIN_MAX_DELAY_SECONDS`), also with the right
   password: password spraying over many accounts from one address slows to a crawl, while a person who
   mistyped a few times never notices.
3. **Global** (here): when more than `KRING_LOGIN_GLOBAL_LIMIT` logins failed in the window across all
   addresses (a spray from many addresses), there are no free failures any more: every address waits after
   its first failure. Addresses without a failure are never slowed, so the real owners keep logging in.

The API, per token: `TokenRateThrottle` allows `KRING_API_RATE` calls per token (a session: per user) and
answers 429 beyond it.

Counters live in Django's cache, which production shares between every worker process and app server
(KRING_CACHE_URL: the database cache by default, or Redis; kring.config.settings). A cache per process would
give an attacker a budget per process, so production refuses one with more than one worker.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from kring.audit.middleware import client_ip

PREFIX = "kring:login"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def client_address(request: HttpRequest) -> str:
    # The address the access log records: behind KRING_TRUSTED_PROXIES the client's, not the proxy's (else
    # one address's delay would fall on everybody behind the proxy).
    return client_ip(request) or "unknown"


def _window() -> int:
    return _setting("KRING_LOGIN_WINDOW_MINUTES", 15) * 60


def _failures(key: str) -> list[float]:
    now = time.time()
    return [t for t in cache.get(key, []) if t > now - _window()]


def login_wait(request: HttpRequest) -> int:
    """Seconds this address must still wait before its next login attempt (0: go ahead)."""
    recent = _failures(f"{PREFIX}:addr:{client_address(request)}")
    free = _setting("KRING_LOGIN_ADDRESS_FREE", 10)
    if len(_failures(f"{PREFIX}:all")) > _setting("KRING_LOGIN_GLOBAL_LIMIT", 100):
        free = 0
    excess = len(recent) - free
    if excess <= 0:
        return 0
    delay = min(2**excess, _setting("KRING_LOGIN_MAX_DELAY_SECONDS", 900))
    return max(0, math.ceil(recent[-1] + delay - time.time()))


def login_failed(request: HttpRequest) -> None:
    now = time.time()
    for key in (f"{PREFIX}:addr:{client_address(request)}", f"{PREFIX}:all"):
        # the global list is capped: it only has to tell whether the limit is passed
        kept = _failures(key)[-(_setting("KRING_LOGIN_GLOBAL_LIMIT", 100) + 1) :]
        cache.set(key, [*kept, now], _window())


class TokenRateThrottle(SimpleRateThrottle):
    """`KRING_API_RATE` calls (e.g. "600/m") per API token, or per user for a browser session."""

    scope = "token"

    def __init__(self) -> None:
        super().__init__(getattr(settings, "KRING_API_RATE", "600/m"))

    def allow_request(self, request: HttpRequest) -> bool:
        rate = getattr(settings, "KRING_API_RATE", "600/m")  # read per call: settings can change in tests
        if rate != self.rate:
            self.rate = rate
            self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header.lower().startswith("bearer "):
            ident = "t" + hashlib.sha256(header[7:].strip().encode()).hexdigest()
        elif getattr(request, "auth", None) is not None:
            ident = f"u{request.auth.pk}"
        else:
            return None  # not authenticated: answered 401 anyway
        return self.cache_format % {"scope": self.scope, "ident": ident}


def create_cache_table(using: str = "default", **kwargs: object) -> None:
    """After `migrate`: the table of the database cache (KRING_CACHE_URL=db), so that every way of deploying
    that migrates has it. `createcachetable` does nothing for other caches or when the table exists."""
    call_command("createcachetable", database=using, verbosity=0)
