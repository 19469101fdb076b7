from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kring.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import signals  # noqa: F401
        from .language import remember_at_login
        from .throttle import create_cache_table

        # the throttles' shared counters need their table wherever `migrate` runs (docs/operations.md)
        post_migrate.connect(create_cache_table, sender=self)
        user_logged_in.connect(remember_at_login, dispatch_uid="kring.accounts.language.remember_at_login")
