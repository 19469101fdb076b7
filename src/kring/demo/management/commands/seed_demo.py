"""Fill the database with the demo caseload: the stories of the seed documents, with invented names.

Idempotent: organisations, teams and users are looked up by their natural keys, dossiers by reference, and
every part of a story is written only when it is not there yet, so running it again writes nothing. A
dossier's history is written once, when the dossier has no measures yet. Demo users get the shared demo
password and no two-factor login.

In order: the shared organisations and users; each family's dossier and history; the rest of each family's
story; the chain table and its cases; the cohort of ended youth-probation measures the insights dashboards show
(kring.demo.outcomes); the signal index (registrations, then the feed from dossiers and chain cases); and
last the closure of the finished dossiers with four eyes — a closed dossier takes no writes.
Everything goes through the services (kring.demo.seeding says where there is none).
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kring.accounts.models import Role
from kring.demo import chain_table, outcomes, shared
from kring.demo.families import FAMILIES, REGISTERED_ONLY
from kring.demo.seeding import Story, signal_index
from kring.demo.seeding import cases as seeding


class Command(BaseCommand):
    help = "Create the demo organisations, users and dossiers with their whole stories (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            organisations, teams = seeding.organisations()
            users = seeding.users(organisations, teams)
            stories, created = [], 0
            for family in FAMILIES:
                dossier, new = seeding.open_dossier(family, organisations, teams, users)
                created += new
                seeding.History(dossier, family, organisations).write()
                stories.append((family, Story(dossier, self.stdout)))
            for family, story in stories:
                if hasattr(family, "tell") and story.dossier.status == "open":
                    family.tell(story)
            chain_table.seed(self.stdout)
            for family in REGISTERED_ONLY:
                family.register()
            outcomes.seed(self.stdout, today=timezone.localdate())
            signal_index.feed_all(self.stdout)
            for family, story in stories:
                if hasattr(family, "CLOSURE"):
                    seeding.close_dossier(story.dossier, family.CLOSURE, users)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(FAMILIES)} dossiers ({created} new)."))
        self.stdout.write(
            f"Log in at http://127.0.0.1:8000/ with one of these users; password: {shared.DEMO_PASSWORD}"
        )
        names = {spec["key"]: spec["name"] for spec in shared.ORGANISATIONS}
        for spec in shared.USERS:
            roles = "; ".join(
                f"{Role(m['role']).label} — {names[m['org']]}" + (f", {m['team']}" if m.get("team") else "")
                for m in spec["memberships"]
            )
            self.stdout.write(f"  {spec['username']:<24} {roles}")
