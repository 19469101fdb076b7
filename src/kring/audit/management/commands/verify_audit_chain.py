from django.core.management.base import BaseCommand, CommandError

from kring.audit.models import AuditEntry
from kring.audit.services import audit_chain_breaks


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exits non-zero and names the first broken entry."

    def handle(self, *args: object, **options: object) -> None:
        first_break = next(audit_chain_breaks(), None)
        if first_break is not None:
            raise CommandError(
                f"Audit chain broken at entry {first_break.sequence}: {first_break.problem}.", returncode=1
            )
        count = AuditEntry.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} entries verified."))
