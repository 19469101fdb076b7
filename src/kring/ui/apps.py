from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "kring.ui"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .language import remember_at_login

        user_logged_in.connect(remember_at_login, dispatch_uid="kring.ui.language.remember_at_login")
