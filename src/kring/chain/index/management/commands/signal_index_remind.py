"""Remind both sides of every open signal-index match that is due (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from ...reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail the sides of open signal-index matches until a coordinator is agreed or it is dismissed."

    def handle(self, **options):
        outcome = send_reminders()
        self.stdout.write(f"sides reminded: {outcome['reminded']}, mails sent: {outcome['mails']}")
