"""Relink the whole signal index, resumably (a checkpoint per range; rerun to continue)."""

from django.core.management.base import BaseCommand

from ...services import expire_due, relink


class Command(BaseCommand):
    help = "Expire due registrations and relink the whole signal index, printing progress."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=5000, help="Registrations per checkpoint.")
        parser.add_argument("--restart", action="store_true", help="Start over instead of resuming.")
        parser.add_argument("--workers", type=int, default=1, help="Processes that score (forked).")
        parser.add_argument(
            "--rebuild-keys",
            action="store_true",
            help="First rewrite the block keys from the stored encodings.",
        )

    def handle(self, batch_size, restart, workers, rebuild_keys, **options):
        self.stdout.write(f"expired: {expire_due()}")

        def progress(run):
            self.stdout.write(f"{run.done}/{run.total} compared, {run.matches_found} new matches")

        if workers > 1:
            from django.db import connections

            connections.close_all()  # forked processes must not share the database connection
        run = relink(
            batch_size=batch_size,
            progress=progress,
            restart=restart,
            workers=workers,
            rebuild_keys=rebuild_keys,
        )
        self.stdout.write(f"done: {run.done}/{run.total}, {run.matches_found} new matches")
