"""The project's own operational pieces: the system checks (registered when Django starts) and the keys of
write requests (`RequestKey`, kring.config.retry)."""

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "kring.config"
    label = "kring_config"
    verbose_name = "kring operations"

    def ready(self) -> None:
        from . import checks  # noqa: F401 — registers the system checks
