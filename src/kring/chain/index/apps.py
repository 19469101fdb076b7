from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalIndexConfig(AppConfig):
    name = "kring.chain.index"
    label = "signal_index"
    verbose_name = _("Signal index")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the feed from dossiers and chain cases
