from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "kring.safety"
    label = "safety"
    verbose_name = _("Signs of Safety")

    def ready(self) -> None:
        from kring.cases.closure_items import register_open_items

        from .open_items import unsigned_plan_versions

        register_open_items("safety_plans", unsigned_plan_versions)
