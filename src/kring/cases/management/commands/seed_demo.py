"""Fill the database with the demo caseload: the stories of the source documents, with invented names.

Idempotent: organisations, teams, users and dossiers are looked up by their natural keys, so running it again
changes nothing. Demo users get the shared demo password and no two-factor login.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from kring.accounts.models import Membership, Organisation, Role, Team
from kring.cases import services
from kring.cases.demo_data import DOSSIERS, ORGANISATIONS, USERS
from kring.cases.models import Dossier, Person

DEMO_PASSWORD = "kring-demo-2026"  # noqa: S105 — printed for the demo on purpose
BREAK_GLASS_ROLES = {"team_lead", "behavioural_scientist"}


class Command(BaseCommand):
    help = "Create the demo organisations, users and dossiers (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            organisations, teams = self._organisations()
            users = self._users(organisations, teams)
            created = self._dossiers(organisations, teams, users)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(DOSSIERS)} dossiers ({created} new)."))
        self.stdout.write(
            f"Log in at http://127.0.0.1:8000/ with one of these users; password: {DEMO_PASSWORD}"
        )
        for spec in USERS:
            roles = "; ".join(
                f"{Role(m['role']).label} — {organisations[m['org']].name}"
                + (f", {m['team']}" if m.get("team") else "")
                for m in spec["memberships"]
            )
            self.stdout.write(f"  {spec['username']:<24} {roles}")

    def _organisations(self) -> tuple[dict[str, Organisation], dict[tuple[str, str], Team]]:
        organisations, teams = {}, {}
        for spec in ORGANISATIONS:
            # created with two-factor login off for the demo; an existing organisation keeps its settings
            organisation, _ = Organisation.objects.get_or_create(
                name=spec["name"],
                defaults={"kind": spec["kind"], "country": spec["country"], "require_mfa": False},
            )
            organisations[spec["key"]] = organisation
            for team_name in spec.get("teams", []):
                teams[(spec["key"], team_name)], _ = Team.objects.get_or_create(
                    organisation=organisation, name=team_name
                )
        return organisations, teams

    def _users(self, organisations: dict, teams: dict) -> dict:
        users = {}
        user_model = get_user_model()
        for spec in USERS:
            user = user_model.objects.filter(username=spec["username"]).first()
            if user is None:
                user = user_model(username=spec["username"])
                user.set_password(DEMO_PASSWORD)
            user.first_name, user.last_name, user.email = spec["first_name"], spec["last_name"], spec["email"]
            user.save()
            for membership_spec in spec["memberships"]:
                team = (
                    teams[(membership_spec["org"], membership_spec["team"])]
                    if membership_spec.get("team")
                    else None
                )
                Membership.objects.update_or_create(
                    user=user,
                    organisation=organisations[membership_spec["org"]],
                    team=team,
                    role=membership_spec["role"],
                    defaults={"may_break_glass": membership_spec["role"] in BREAK_GLASS_ROLES},
                )
            users[spec["username"]] = user
        return users

    def _dossiers(self, organisations: dict, teams: dict, users: dict) -> int:
        created = 0
        for spec in DOSSIERS:
            if Dossier.objects.filter(reference=spec["reference"]).exists():
                continue
            owning = spec["owning"]
            dossier = services.dossier_create(
                actor=None,
                reference=spec["reference"],
                title=spec["title"],
                jurisdiction=spec["jurisdiction"],
                owning_team=teams[(owning["org"], owning["team"])],
                opened_on=date.fromisoformat(spec["opened_on"]),
                summary=spec["summary"],
                status=spec.get("status", "open"),
            )
            for child in spec["children"]:
                person, _ = Person.objects.get_or_create(
                    first_name=child["first_name"],
                    last_name=child["last_name"],
                    date_of_birth=date.fromisoformat(child["date_of_birth"]),
                )
                services.dossier_add_child(actor=None, dossier=dossier, person=person)
            for seat in spec["circle"]:
                user = users[seat["username"]]
                membership = self._seat_membership(user, dossier)
                services.circle_member_add(
                    actor=None,
                    dossier=dossier,
                    membership=membership,
                    case_role=seat["case_role"],
                    assignment=seat["assignment"],
                    started_on=dossier.opened_on,
                )
            created += 1
        return created

    @staticmethod
    def _seat_membership(user: object, dossier: Dossier) -> Membership:
        """The membership a professional sits in the circle with: the owning team's, else the owning
        organisation's, else their own organisation's."""
        memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
        for matches in (
            lambda m: m.team_id == dossier.owning_team_id,
            lambda m: m.organisation_id == dossier.owning_team.organisation_id,
            lambda m: True,
        ):
            for membership in memberships:
                if matches(membership):
                    return membership
        raise LookupError(f"{user} has no membership")
