from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kring.portal"
    label = "portal"
    verbose_name = _("Family portal")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import language_at_login

        user_logged_in.connect(language_at_login, dispatch_uid="kring.portal.middleware.language_at_login")
