import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "KRING_SECRET_KEY": "x" * 60 + "production-like-secret-for-the-deploy-check",
    "KRING_ALLOWED_HOSTS": "kring.example.org",
    "KRING_AUDIT_KEY": "2026a:" + "y" * 40,
    "DATABASE_URL": "sqlite:////tmp/kring-deploy-check.sqlite3",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KRING_", "DJANGO_"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, check=False
    )


def test_deploy_check_passes_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_to_start_without_a_secret_key():
    result = _manage("check", **{**PRODUCTION_ENV, "KRING_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "Set KRING_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("KRING_DEBUG", "yes"), ("KRING_TIME_ZONE", "Europe/Paris")])
def test_it_refuses_a_malformed_setting(name, value):
    result = _manage("check", **{**PRODUCTION_ENV, name: value})
    assert result.returncode != 0
    assert name in result.stderr


def test_secrets_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file-" + "y" * 60)
    env = {**PRODUCTION_ENV, "KRING_SECRET_KEY": "", "KRING_SECRET_KEY_FILE": str(secret)}
    result = _manage("shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", **env)
    assert result.stdout.strip().splitlines()[-1] == "from-a-file-" + "y" * 60


def test_production_counts_throttles_in_a_shared_cache_and_refuses_one_per_process():
    """Several gunicorn workers with a cache each would each give an attacker a login and API budget
    (issue 19): production uses the database cache unless told otherwise, and refuses a per-process one."""
    shown = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        **PRODUCTION_ENV,
    )
    assert shown.stdout.strip().splitlines()[-1] == "django.core.cache.backends.db.DatabaseCache"
    refused = _manage("check", **{**PRODUCTION_ENV, "KRING_CACHE_URL": "locmem"})
    assert refused.returncode != 0
    assert "KRING_CACHE_URL=locmem counts throttles per process, and KRING_WEB_WORKERS is 2" in refused.stderr


def test_the_cache_url():
    from kring.config.settings import cache_from_url

    assert cache_from_url("redis://cache.internal:6379/1", debug=False, workers=4) == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
        "KEY_PREFIX": "kring",
    }
    database = cache_from_url("db", debug=False, workers=4)
    assert (database["BACKEND"], database["LOCATION"]) == (
        "django.core.cache.backends.db.DatabaseCache",
        "kring_cache",
    )
    assert database["OPTIONS"]["MAX_ENTRIES"] >= 100_000  # a full cache would drop an attacker's counts
    # one process's memory: for development (`make run`) and a single worker only
    for debug, workers in ((True, 4), (False, 1)):
        assert cache_from_url("locmem", debug=debug, workers=workers)["BACKEND"].endswith("LocMemCache")
    for url in ("locmem", "memcached://x"):
        with pytest.raises(ImproperlyConfigured, match="KRING_CACHE_URL"):
            cache_from_url(url, debug=False, workers=2)


def test_database_connections_are_health_checked():
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_healthz_reports_the_database(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_an_unreachable_database(client, db, monkeypatch):
    class DownDatabase:
        def cursor(self):
            raise OperationalError("database is down")

    monkeypatch.setattr("kring.ui.views.connection", DownDatabase())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_no_page_or_api_answer_is_cached(world, client_for):
    client = client_for("circle_member")
    for url in (
        reverse("dossier_detail", args=[world.dossier.pk]),
        reverse("dossier_list"),
        reverse("account"),
        reverse("mfa_setup"),
        reverse("api:list_dossiers"),
        reverse("api:get_dossier", args=[world.dossier.pk]),
        reverse("api:get_dossier", args=["nope"]),
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_error_pages_are_dutch_and_show_no_internals(world, client_for):
    response = client_for("circle_member").get("/bestaat-niet/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Niet gevonden" in body
    assert "Traceback" not in body and "urlpatterns" not in body
