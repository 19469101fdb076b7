"""Relink the whole signal index, resumably (a checkpoint per batch; rerun to continue)."""

from django.core.management.base import BaseCommand

from ...services import expire_due, relink


class Command(BaseCommand):
    help = "Expire due registrations and relink the whole signal index, printing progress."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--restart", action="store_true", help="Start over instead of resuming.")

    def handle(self, batch_size, restart, **options):
        self.stdout.write(f"expired: {expire_due()}")

        def progress(run):
            self.stdout.write(
                f"{run.done}/{run.total} compared, {run.matches_found} new matches", ending="\n"
            )

        run = relink(batch_size=batch_size, progress=progress, restart=restart)
        self.stdout.write(f"done: {run.done}/{run.total}, {run.matches_found} new matches")
