"""Enqueue again the dashboard computations whose worker died (run every few minutes, e.g. from a timer)."""

from django.core.management.base import BaseCommand

from ...computed import insight_requeue_stuck


class Command(BaseCommand):
    help = "Enqueue again the insights computations that are stuck (queued or running for over 15 minutes)."

    def handle(self, **options):
        self.stdout.write(f"computations enqueued again: {insight_requeue_stuck()}")
