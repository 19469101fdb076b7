from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from kring.portal.models import FamilyNotice
from kring.portal.notices import LEASE_SECONDS, SWEEP_SECONDS, notices_restart_sweep


class Command(BaseCommand):
    help = (
        'Restart the sweep that e-mails families "there is something new in kring for you" (run it before '
        "`manage.py db_worker` starts: `make run` does) and print how many notices are in each state."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=int, default=SWEEP_SECONDS, help="Seconds between two sweeps (default 300)."
        )
        parser.add_argument(
            "--lease",
            type=int,
            default=LEASE_SECONDS,
            help="Seconds after which a claimed notice or a running sweep counts as lost (default 600).",
        )
        parser.add_argument("--status", action="store_true", help="Only print the states; change nothing.")

    def handle(self, *args, **options):
        if options["interval"] < 1 or options["lease"] < 1:
            raise CommandError("--interval and --lease must be at least one second.")
        if not options["status"]:
            task_id = notices_restart_sweep(
                interval_seconds=options["interval"], lease_seconds=options["lease"]
            )
            self.stdout.write(f"family notice sweep {task_id} every {options['interval']} s")
        counts = dict(
            FamilyNotice.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
        )
        self.stdout.write(
            " · ".join(f"{state}: {count}" for state, count in sorted(counts.items())) or "no notices"
        )
