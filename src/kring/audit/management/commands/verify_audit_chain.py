import re

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kring.audit.services import audit_chain_breaks, audit_chain_head

ANCHOR = re.compile(r"^(\d+):([0-9a-f]{64})$")


class Command(BaseCommand):
    help = (
        "Verify the audit log's hash chain; exits non-zero and names the first broken entry. Prints the "
        "chain head as an anchor to keep outside the database; pass a kept anchor back with --anchor."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--anchor", help="SEQUENCE:HASH printed by an earlier run", default=None)

    def handle(self, *args: object, anchor: str | None = None, **options: object) -> None:
        parsed = None
        if anchor:
            match = ANCHOR.match(anchor.strip())
            if match is None:
                raise CommandError("--anchor must look like 1234:<64 hex digits>", returncode=2)
            parsed = (int(match[1]), match[2])
        first_break = next(audit_chain_breaks(parsed), None)
        if first_break is not None:
            raise CommandError(
                f"Audit chain broken at entry {first_break.sequence}: {first_break.problem}.", returncode=1
            )
        sequence, entry_hash = audit_chain_head()
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {sequence} entries verified."))
        self.stdout.write(f"anchor: {sequence}:{entry_hash}")
