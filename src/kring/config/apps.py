"""The project's own operational checks (no models): registered when Django starts."""

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "kring.config"
    label = "kring_config"
    verbose_name = "kring operations"

    def ready(self) -> None:
        from . import checks  # noqa: F401 — registers the system checks
