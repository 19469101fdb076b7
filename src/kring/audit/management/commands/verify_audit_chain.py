from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from kring.audit.services import (
    anchor_store,
    audit_chain_breaks,
    audit_chain_head,
    audit_chain_pending,
    parse_anchor,
)


class Command(BaseCommand):
    help = (
        "Chain pending audit entries, then verify the whole log (keyed MACs and links); exits non-zero and "
        "names the first altered, removed, forged or unchained entry. Checks the anchors kept outside the "
        "database (KRING_AUDIT_ANCHOR_PATH and --anchor) and, when intact, records the new one there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--anchor", help="POSITION:HASH printed by an earlier run", default=None)
        parser.add_argument(
            "--no-chain", action="store_true", help="verify only; do not chain pending entries first"
        )
        parser.add_argument(
            "--no-write-anchor",
            action="store_true",
            help="do not record the new anchor in KRING_AUDIT_ANCHOR_PATH",
        )

    def handle(self, *args: object, anchor: str | None = None, **options: object) -> None:
        parsed = None
        if anchor:
            parsed = parse_anchor(anchor)
            if parsed is None:
                raise CommandError("--anchor must look like 1234:<64 hex digits>", returncode=2)
        store = anchor_store()
        kept = store.read() if store is not None else []
        if not options["no_chain"]:
            try:
                audit_chain_pending()
            except DatabaseError as error:  # e.g. an entry chained by someone else meanwhile: verified below
                self.stderr.write(f"Chaining pending entries failed ({error.__class__.__name__}); verifying.")
        first_break = next(audit_chain_breaks(parsed, anchors=kept), None)
        if first_break is not None:
            raise CommandError(f"Audit chain broken at {first_break.describe()}.", returncode=1)
        position, entry_hash = audit_chain_head()
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {position} entries verified ({len(kept)} kept anchors checked)."
            )
        )
        self.stdout.write(f"anchor: {position}:{entry_hash}")
        if store is not None and not options["no_write_anchor"]:
            self.stdout.write(f"anchor recorded in {store.write((position, entry_hash))}")
