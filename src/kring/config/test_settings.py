"""Fast settings for the test suite: cheap hashing, no TLS redirect, locmem mail."""

import os
import tempfile

os.environ.setdefault("KRING_DEBUG", "False")
os.environ.setdefault("KRING_SECRET_KEY", "test-secret-key-only-for-the-test-suite-0123456789")
os.environ.setdefault("KRING_AUDIT_KEY", "test:test-audit-key-only-for-the-test-suite-0123456789")
os.environ.setdefault("KRING_SSL_REDIRECT", "False")
os.environ.setdefault("KRING_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
# The API schema stays public here so schemathesis can read it; tests/ops checks the production answer.
os.environ.setdefault("KRING_API_DOCS_PUBLIC", "True")
# One connection per test thread, as pytest-django expects; the pool is exercised by tests/ops (the cluster).
os.environ.setdefault("KRING_DB_POOL", "False")

from .settings import *  # noqa: F403
from .settings import DATABASES, STORAGES, TASKS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "kring_session"  # a browser refuses `__Host-` cookies over http (browser tests)
CSRF_COOKIE_NAME = "kring_csrftoken"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: SQLite's shared in-memory cache locks whole tables and ignores the busy timeout,
    # which the tests of concurrent writers (audit chain) need.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"kring-test-{os.getpid()}.sqlite3")
    }
STATIC_ROOT = None  # whitenoise serves from the finders in tests
MEDIA_ROOT = tempfile.mkdtemp(prefix="kring-test-media-")
# One test process: its own memory (production uses a shared cache, kring.config.settings; tests/accounts
# test sharing between workers with the database cache).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
KRING_API_RATE = "100000/m"  # tests that count calls set their own rate (kring.accounts.throttle)
# Login throttles count in the cache across tests; the tests of kring.accounts.throttle set their own limits.
KRING_LOGIN_ADDRESS_FREE = 100_000
KRING_LOGIN_GLOBAL_LIMIT = 100_000
# No worker runs in tests: the insights dashboards' background computation (kring.insights.computed) runs
# inside the request; tests/insights/test_pages.py puts it back on the database queue to test that path.
TASKS = {**TASKS, "insights": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
KRING_INSIGHTS_TASK_BACKEND = "insights"
