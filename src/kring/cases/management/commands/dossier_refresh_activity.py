"""Recompute every dossier's denormalised last event and last contact dates (the caseload filters use them).

    manage.py dossier_refresh_activity

The services keep these columns up to date and the migration that added them filled them; run this after
writing events or contacts past the services (a restore of selected tables, a hand repair).
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from kring.cases.models import Dossier

BATCH = 5_000


class Command(BaseCommand):
    help = "Recompute the last event and last contact dates of every dossier."

    def handle(self, *args: Any, **options: Any) -> None:
        pks = list(Dossier.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            with transaction.atomic():
                Dossier.objects.filter(pk__in=pks[start : start + BATCH]).refresh_activity()
        self.stdout.write(self.style.SUCCESS(f"Refreshed {len(pks):,} dossiers."))
