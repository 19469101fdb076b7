"""Requests that survive a dying app server or a cut database connection, and writes done exactly once.

`RetrySafeRequestMiddleware` is the first middleware: everything else of a request runs inside it.

- **A write is one transaction.** A request with a method that may write (POST, PUT, PATCH, DELETE) runs
  in one `transaction.atomic()` around the rest of the middleware and the view; an answer of 500 or more
  rolls it back. So a write answered with an error leaves nothing behind, and a write answered with
  success is committed with everything it did (its audit entries included).
- **Exactly once when the proxy sends it twice.** The reverse proxy gives every request a key
  (`Idempotency-Key: $request_id`, believed only from `KRING_TRUSTED_PROXIES`) and may send a write again
  to another app server when the first one failed before answering (nginx `proxy_next_upstream …
  non_idempotent`). The key is stored (`RequestKey`) in the write's own transaction, with the answer's
  status and redirect target. A second arrival of the key waits on the key's unique index until the first
  transaction ends: rolled back (the app server died) → the write is done now; committed → nothing is
  done again and the first answer is repeated (a redirect to the same place; for htmx, a page refresh;
  otherwise 409).
- **A cut database connection is retried once, inside the app.** When the request's database connection
  died under it (`pg_terminate_backend`, a database restart or failover: the connection is closed or
  broken afterwards; not a statement timeout, a lock error or a constraint), the whole request runs once
  more on a fresh connection from the pool — only when that is safe: a read (its audit entries of the
  first attempt may stay: the data was read), or a write whose transaction was rolled back (the failure
  came before the commit), or a write with a key (if the commit did happen, the key is found). A write
  whose COMMIT itself failed without a key is not retried: whether it was stored is unknown.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import (
    DatabaseError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connections,
    transaction,
)
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .models import RequestKey

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
KEY = re.compile(r"[0-9A-Za-z_-]{16,64}")
LOST = "_kring_connection_lost"

_purge_lock = threading.Lock()
_next_purge_at = 0.0


def connection_lost() -> bool:
    """Is a database connection of this thread gone (closed or broken by the server or the network)?"""
    for connection in connections.all(initialized_only=True):
        raw = connection.connection
        if connection.closed_in_transaction or (
            raw is not None and (getattr(raw, "closed", False) or getattr(raw, "broken", False))
        ):
            return True
    return False


def _note_lost_connection(sender, request: HttpRequest | None = None, **kwargs) -> None:
    """Django turned an exception into a 500: remember whether it was a lost database connection."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, (OperationalError, InterfaceError)) and _gone(error):
        setattr(request, LOST, True)


def _gone(error: BaseException) -> bool:
    # A wrapper that already dropped the connection (a failed rollback closes it) leaves no raw connection.
    return connection_lost() or any(c.connection is None for c in connections.all(initialized_only=True))


def request_key(request: HttpRequest) -> str:
    """The proxy's key of this request; only from a trusted proxy (a client cannot choose keys)."""
    if request.META.get("REMOTE_ADDR", "") not in settings.KRING_TRUSTED_PROXIES:
        return ""
    key = request.META.get("HTTP_IDEMPOTENCY_KEY", "")
    return key if KEY.fullmatch(key) else ""


class RetrySafeRequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        got_request_exception.connect(_note_lost_connection, dispatch_uid="kring-retry-lost-connection")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS:
            response = self.get_response(request)
            if getattr(request, LOST, False):
                logger.warning("A read lost its database connection; running it once more")
                _fresh_connections(request)
                response = self.get_response(request)
            return response
        key = request_key(request)
        response, may_retry = self._write(request, key)
        if may_retry:
            logger.warning("A write lost its database connection before its commit; running it once more")
            _fresh_connections(request)
            response, _ = self._write(request, key)
        if key:
            _purge_old_keys()
        return response

    def _write(self, request: HttpRequest, key: str) -> tuple[HttpResponse, bool]:
        """One attempt of a write request in one transaction: (answer, whether it may run once more)."""
        duplicate = False
        committing = False
        try:
            with transaction.atomic():
                response = self.get_response(request)
                if getattr(request, LOST, False) or response.status_code >= 500:
                    transaction.set_rollback(True)
                elif key:
                    try:
                        RequestKey.objects.create(
                            key=key, status=response.status_code, location=response.get("Location", "")[:2000]
                        )
                    except IntegrityError:
                        # committed before by another attempt of the same request: undo this one
                        duplicate = True
                        transaction.set_rollback(True)
                committing = True
        except DatabaseError as error:
            if not (committing and isinstance(error, (OperationalError, InterfaceError)) and _gone(error)):
                raise
            # The connection died at the COMMIT: stored or not is unknown; only the key can tell.
            logger.warning("A write lost its database connection at its commit")
            setattr(request, LOST, True)
            return HttpResponse(status=503), bool(key)
        if duplicate:
            return _replay(request, key), False
        return response, getattr(request, LOST, False)


def _fresh_connections(request: HttpRequest) -> None:
    """Give the broken connections back (the pool drops them) and forget the failed attempt's state."""
    for connection in connections.all(initialized_only=True):
        connection.close()
    setattr(request, LOST, False)


def _replay(request: HttpRequest, key: str) -> HttpResponse:
    """The answer to a request carried out before: the same redirect, a refresh for htmx, otherwise 409."""
    first = RequestKey.objects.filter(key=key).first()
    if first is not None and 300 <= first.status < 400 and first.location:
        response = HttpResponse(status=first.status)
        response["Location"] = first.location
    elif request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=200)
        response["HX-Refresh"] = "true"  # htmx reloads the page, which shows what the write did
    else:
        response = HttpResponse(status=409)
    response["Idempotent-Replayed"] = "true"
    return response


def _purge_old_keys() -> None:
    """Delete keys older than KRING_REQUEST_KEY_MINUTES, at most once a minute per process."""
    global _next_purge_at
    with _purge_lock:
        moment = time.monotonic()
        if moment < _next_purge_at:
            return
        _next_purge_at = moment + 60
    cutoff = timezone.now() - timedelta(minutes=settings.KRING_REQUEST_KEY_MINUTES)
    try:
        RequestKey.objects.filter(created_at__lt=cutoff).delete()
    except DatabaseError as error:
        logger.warning("Deleting old request keys failed (%s)", type(error).__name__)
