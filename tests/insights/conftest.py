import pytest


@pytest.fixture(autouse=True)
def insights_computed_at_once(settings):
    """No worker in tests: the dashboards' background computation runs inside the request."""
    settings.TASKS = {
        **settings.TASKS,
        "insights": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
    settings.KRING_INSIGHTS_TASK_BACKEND = "insights"
