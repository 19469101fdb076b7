"""Production behaviour that needs no cluster: headers, cookie names, closed API documentation and admin, the
database-role check, gunicorn's refusal to serve as a superuser, and pictures on S3-compatible storage."""

import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.db import connection
from django.test import override_settings
from moto import mock_aws

from kring.config.checks import check_api_docs_closed, database_superuser_problem
from kring.safety.childvoice import images

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "KRING_SECRET_KEY": "p" * 40 + "-production-like-secret-for-the-ops-tests",
    "KRING_AUDIT_KEY": "ops:" + "q" * 40,
    "KRING_ALLOWED_HOSTS": "kring.example.org",
    "DATABASE_URL": "sqlite:////tmp/kring-ops-production.sqlite3",
}


def _production(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KRING_", "DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_production_uses_host_prefixed_cookies_and_closes_the_api_docs():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.KRING_API_DOCS_PUBLIC, s.SESSION_COOKIE_SECURE)"
    )
    result = _production("manage.py", "shell", "-c", code)
    assert result.stdout.strip().splitlines()[-1].split() == [
        "__Host-kring_session",
        "__Host-kring_csrftoken",
        "False",
        "True",
    ], result.stderr


def test_every_page_carries_a_strict_csp_and_a_permissions_policy(client, db):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@override_settings(KRING_API_DOCS_PUBLIC=False)
@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_api_documentation_is_for_logged_in_users_only(path, world, client_for):
    anonymous = client_for("anonymous").get(path)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/login/?next=")
    assert client_for("circle_member").get(path).status_code == 200


def test_the_deploy_check_warns_when_the_api_docs_are_public():
    with override_settings(KRING_API_DOCS_PUBLIC=True):
        assert [w.id for w in check_api_docs_closed(None)] == ["kring.W002"]
    with override_settings(KRING_API_DOCS_PUBLIC=False):
        assert check_api_docs_closed(None) == []


def test_the_admin_sends_anonymous_visitors_to_kring_login(client, db):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/login/?next=")
    assert b"csrfmiddlewaretoken" in response.content


@pytest.mark.django_db
def test_a_database_superuser_is_refused_outside_development():
    if connection.vendor != "postgresql":
        assert database_superuser_problem() is None  # SQLite has no roles
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = cursor.fetchone()[0]
    with override_settings(KRING_ALLOW_DB_SUPERUSER=False):
        problem = database_superuser_problem()
    assert (problem is not None) is superuser
    if superuser:
        assert "superuser" in problem
    with override_settings(KRING_ALLOW_DB_SUPERUSER=True):
        assert database_superuser_problem() is None


@pytest.mark.django_db
def test_gunicorn_refuses_to_start_as_a_database_superuser():
    if connection.vendor != "postgresql":
        pytest.skip("the role check needs PostgreSQL: set DATABASE_URL=postgres://…")
    settings_dict = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            pytest.skip("the test database role is not a superuser")
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    url = f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@{host}:{port}/{settings_dict['NAME']}"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = _production(
        str(gunicorn), "-c", "deploy/gunicorn.conf.py", DATABASE_URL=url, KRING_BIND="127.0.0.1:18099"
    )
    assert result.returncode != 0
    assert "superuser" in result.stdout + result.stderr


def test_pictures_go_to_s3_compatible_storage_when_configured():
    """Two app servers share the pictures: stored through one, read through another (a fresh storage)."""
    s3 = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "kring-test-media",
            "location": "childvoice",
            "region_name": "us-east-1",
            "access_key": "test",
            "secret_key": "test",
            "default_acl": None,
        },
    }
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t")
        client.create_bucket(Bucket="kring-test-media")
        from django.conf import settings

        with override_settings(STORAGES={**settings.STORAGES, "childvoice": s3}):
            clean = images.CleanImage(content=b"\x89PNG picture bytes", kind="png", width=1, height=1)
            name = images.store_image(clean)
            keys = [o["Key"] for o in client.list_objects_v2(Bucket="kring-test-media")["Contents"]]
            assert keys == [f"childvoice/{name}"]
            assert images.read_image(name) == b"\x89PNG picture bytes"
            images.delete_image(name)
            assert client.list_objects_v2(Bucket="kring-test-media").get("KeyCount") == 0
