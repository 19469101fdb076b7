"""Background work of the portal (django-tasks, database backend; run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def escalate_unsafe_alert(alert_id: int) -> str:
    """When nobody responded to a child's "I don't feel safe" in time: the wider circle is alerted."""
    from .services import unsafe_alert_escalate

    return unsafe_alert_escalate(alert_id)
