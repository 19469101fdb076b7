"""Feed the signal index from dossiers and chain cases (old acquaintances): the initial fill, and a nightly
sweep that catches up with anything the on-save feed missed and moves end dates along."""

from django.core.management.base import BaseCommand

from ...feed import sync_all


class Command(BaseCommand):
    help = "Create, update and end the existence-only facts that dossiers and chain cases give the index."

    def handle(self, **options):
        def progress(what, count, outcome):
            self.stdout.write(f"{what}: {count} looked at")

        outcome = sync_all(progress=progress)
        self.stdout.write(
            f"facts created: {outcome.created}, updated: {outcome.updated}, ended: {outcome.ended}"
        )
