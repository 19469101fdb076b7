from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "kring.pathways"
    label = "pathways"
    verbose_name = _("Pathways")

    def ready(self) -> None:
        from kring.cases.closure_items import register_open_items
        from kring.cases.intensity import register_period

        from .open_items import pathway_open_items
        from .selectors import running_period

        register_open_items("pathways", pathway_open_items)
        register_period("pathways", running_period)
