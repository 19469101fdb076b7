from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildVoiceConfig(AppConfig):
    name = "kring.safety.childvoice"
    label = "childvoice"
    verbose_name = _("The child's voice")
