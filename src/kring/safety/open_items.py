"""What the safety work leaves open, for cases' "close the dossier" (registered in SafetyConfig.ready): plan
versions nobody signed yet. One query."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from kring.cases.closure_items import OpenItem
from kring.cases.models import Dossier

from .models import PlanVersion


def unsigned_plan_versions(dossier: Dossier, day: date) -> list[OpenItem]:
    url = reverse("safety_overview", args=[dossier.pk])
    versions = PlanVersion.objects.filter(plan__dossier=dossier, signed_at__isnull=True).select_related(
        "plan"
    )
    return [
        OpenItem(
            "plan_version",
            _("Version %(number)s of the plan “%(title)s” is not signed yet: have it signed.")
            % {"number": version.number, "title": version.plan.title},
            url,
        )
        for version in versions.order_by("plan_id", "number")
    ]
