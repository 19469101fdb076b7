from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfessionalChoiceConfig(AppConfig):
    """The family's choice between two professionals (client ↔ professional; not the signal index's record
    matching, which is kring.chain.index.matching).

    The label stays "matching", the app's name before it was renamed: its tables (matching_profile,
    matching_proposal), its migration history and the audit log's object types ("matching.profile") keep it.
    """

    name = "kring.professional_choice"
    label = "matching"
    verbose_name = _("Choosing a professional")
