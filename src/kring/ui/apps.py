from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig


class UiConfig(AppConfig):
    name = "kring.ui"


class KringStaticFilesConfig(StaticFilesConfig):
    """Django's staticfiles, leaving out what only the tests use: axe-core (vendor/axe/) is injected by the
    browser tests from its file, so collectstatic never copies it and no deployment serves it."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "vendor/axe/*"]
