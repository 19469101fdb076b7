"""Operational system checks: the database role split and the API documentation in production.

`manage.py check --deploy --database default` runs the database check; the gunicorn configuration
(deploy/gunicorn.conf.py) runs the same function before it starts and refuses to serve as a superuser.
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import connections


def database_superuser_problem(alias: str = "default") -> str | None:
    """Why the application's database role is unfit for production, or None.

    A superuser bypasses every privilege, so the grants and the audit log's append-only triggers that keep the
    access log tamper-evident (docs/operations.md) would not bind the web processes.
    """
    connection = connections[alias]
    if connection.vendor != "postgresql" or getattr(settings, "KRING_ALLOW_DB_SUPERUSER", False):
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolname FROM pg_roles WHERE rolname = current_user")
        is_superuser, role = cursor.fetchone()
    if is_superuser:
        return (
            f"The database role {role!r} is a PostgreSQL superuser. Run kring as an application role without "
            "superuser rights (docs/operations.md, 'Database'), or set KRING_ALLOW_DB_SUPERUSER=True for a "
            "throw-away installation."
        )
    return None


@register(Tags.database, deploy=True)
def check_database_role(app_configs, databases=None, **kwargs):
    problems = []
    for alias in databases or ():
        problem = database_superuser_problem(alias)
        if problem:
            problems.append(Warning(problem, id="kring.W001"))
    return problems


@register(Tags.security, deploy=True)
def check_api_docs_closed(app_configs, **kwargs):
    if getattr(settings, "KRING_API_DOCS_PUBLIC", False):
        return [
            Warning(
                "KRING_API_DOCS_PUBLIC=True: the API documentation and schema are open to anonymous users.",
                id="kring.W002",
            )
        ]
    return []
