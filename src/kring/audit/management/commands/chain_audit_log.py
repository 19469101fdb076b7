import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kring.audit.services import audit_chain_pending


class Command(BaseCommand):
    help = (
        "Chain the audit entries appended since the last run (appends themselves take no lock). Run it "
        "from a timer, or keep it running with --every SECONDS; a second chainer at the same time just skips."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=float, default=0, help="keep running, chaining every SECONDS")

    def handle(self, *args: object, every: float = 0, **options: Any) -> None:
        while True:
            chained = audit_chain_pending()
            if options["verbosity"] > 1 or not every:
                self.stdout.write(f"{chained} audit entries chained.")
            if not every:
                return
            time.sleep(every)
