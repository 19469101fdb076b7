"""Fill the database with the demo caseload: the stories of the source documents, with invented names.

Idempotent: organisations, teams, users, dossiers and people are looked up by their natural keys, so running
it again changes nothing. A dossier's history (``demo_data.HISTORY``: the people around the child, authority,
measures, lead, scaling and consent) is written once, when the dossier has no measures yet. Demo users get
the shared demo password and no two-factor login.

Writes go through the services with ``actor=None`` (the system), so they are validated and audited; the few
writes without a service (a child's profile, a participant, an institution as guardian, the end of a parent's
authority at 18) are audited here the same way.
"""

from datetime import date
from importlib import import_module
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from kring.accounts.models import Membership, Organisation, Role, Team
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases import history, services
from kring.cases.demo_data import DOSSIERS, HISTORY, ORGANISATIONS, PEOPLE, USERS
from kring.cases.models import Authority, Dossier, DossierStatus, Participant, Person
from kring.network import services as network_services

# Each app tells its part of the demo stories through its own services, after the dossiers exist.
DEMO_PARTS = (
    "kring.pathways.demo_data",
    "kring.feedback.demo_data",
    "kring.safety.demo_data",
    "kring.safety.success.demo_data",
    "kring.safety.childvoice.demo_data",
    "kring.chain.demo_data",
    "kring.chain.index.demo_data",
)
DEMO_PASSWORD = "kring-demo-2026"  # noqa: S105 — printed for the demo on purpose
BREAK_GLASS_ROLES = {"team_lead", "behavioural_scientist"}
PROFILE_FIELDS = ("gender", "school", "living_situation", "language", "lvb")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = "Create the demo organisations, users and dossiers with their history (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            organisations, teams = self._organisations()
            users = self._users(organisations, teams)
            created = self._dossiers(organisations, teams, users)
            for module in DEMO_PARTS:
                import_module(module).seed(self.stdout)
            self._close_finished()
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
        password_hash = None  # the one shared demo password, hashed once: hashing is slow on purpose
        for spec in USERS:
            user = user_model.objects.filter(username=spec["username"]).first()
            if user is None:
                user = user_model(username=spec["username"])
                password_hash = password_hash or make_password(DEMO_PASSWORD)
                user.password = password_hash
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
            dossier = Dossier.objects.filter(reference=spec["reference"]).first()
            if dossier is None:
                dossier = self._dossier(spec, teams, users)
                created += 1
            if spec["reference"] in HISTORY and not dossier.measures.exists():
                _History(dossier, spec, HISTORY[spec["reference"]], organisations).write()
        return created

    def _dossier(self, spec: dict, teams: dict, users: dict) -> Dossier:
        owning = spec["owning"]
        dossier = services.dossier_create(
            actor=None,
            reference=spec["reference"],
            title=spec["title"],
            jurisdiction=spec["jurisdiction"],
            owning_team=teams[(owning["org"], owning["team"])],
            opened_on=date.fromisoformat(spec["opened_on"]),
            summary=spec["summary"],
            # worked while open, closed at the end (_close_finished): a closed dossier takes no writes
            status=DossierStatus.OPEN,
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
        return dossier

    @staticmethod
    def _close_finished() -> None:
        """Close the demo's finished dossiers once every part of the demo has written its story in them."""
        for spec in DOSSIERS:
            if spec.get("status") != DossierStatus.CLOSED:
                continue
            dossier = Dossier.objects.get(reference=spec["reference"])
            if dossier.status != DossierStatus.CLOSED:
                dossier.status = DossierStatus.CLOSED
                dossier.save(update_fields=["status", "updated_at"])
                audit_append(
                    actor=services.SYSTEM,
                    action=AuditAction.UPDATE,
                    dossier=dossier,
                    obj=dossier,
                    fields=["status"],
                )

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


class _History:
    """Writes one dossier's HISTORY entry, in order: the children's profiles, participants, authority,
    measures (with extensions and ends), the lead, scaling and consents (with withdrawals)."""

    def __init__(self, dossier: Dossier, spec: dict, entry: dict, organisations: dict) -> None:
        self.dossier = dossier
        self.spec = spec
        self.entry = entry
        self.organisations = organisations
        self.children = {child.first_name: child for child in dossier.children.all()}

    def write(self) -> None:
        self._summary()
        self._profiles()
        for seat in self.entry.get("participants", []):
            self._participant(seat)
        for authority in self.entry.get("authority", []):
            for name in authority["children"]:
                self._authority(self.children[name], authority)
        for measure in self.entry["measures"]:
            for name in measure["children"]:
                self._measure(self.children[name], measure)
        for lead in self.entry.get("leads", []):
            history.lead_set(
                actor=None,
                dossier=self.dossier,
                organisation=self.organisations[lead["organisation"]],
                cooperation_model=lead["model"],
                since=_day(lead["since"]),
                note=lead["note"],
            )
        for scale in self.entry.get("scaling", []):
            history.dossier_scale(
                actor=None,
                dossier=self.dossier,
                up=scale["up"],
                occurred_on=_day(scale["on"]),
                note=scale["note"],
            )
        for consent in self.entry.get("consents", []):
            self._consent(consent)
        for line, year, text in self.entry.get("timeline", []):
            history.family_timeline_entry_add(
                actor=None, dossier=self.dossier, line=line, year=year, text=text
            )
        for jim in self.entry.get("jims", []):
            young_person = self._person(jim["young_person"])
            network_services.jim_choose(
                actor=None,
                dossier=self.dossier,
                young_person=young_person,
                jim=self.dossier.participants.get(person=self._person(jim["jim"])),
                chosen_on=_day(jim["on"]),
                parental_consent_by=self._person(jim["consent_by"]),
                parental_consent_on=_day(jim["on"]),
            )

    def _audit(self, action: AuditAction, obj: Any, fields: list[str]) -> None:
        audit_append(actor=services.SYSTEM, action=action, dossier=self.dossier, obj=obj, fields=fields)

    def _summary(self) -> None:
        """A dossier seeded before its history existed gets the summary that goes with the history."""
        if self.dossier.summary != self.spec["summary"]:
            self.dossier.summary = self.spec["summary"]
            self.dossier.save(update_fields=["summary", "updated_at"])
            self._audit(AuditAction.UPDATE, self.dossier, ["summary"])

    def _profiles(self) -> None:
        for child_spec in self.spec["children"]:
            child = self.children[child_spec["first_name"]]
            changed = [
                name
                for name in PROFILE_FIELDS
                if name in child_spec and getattr(child, name) != child_spec[name]
            ]
            if changed:
                for name in changed:
                    setattr(child, name, child_spec[name])
                child.full_clean()
                child.save(update_fields=changed)
                self._audit(AuditAction.UPDATE, child, changed)

    def _person(self, ref: str) -> Person:
        """A PEOPLE handle (one Person, found by name and birth date, in however many dossiers), or the first
        name of a child of this dossier."""
        if ref in self.children:
            return self.children[ref]
        spec = PEOPLE[ref]
        person, created = Person.objects.get_or_create(
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            date_of_birth=_day(spec["date_of_birth"]),
            defaults={"gender": spec["gender"]},
        )
        if created:
            self._audit(AuditAction.CREATE, person, ["first_name", "last_name", "date_of_birth", "gender"])
        return person

    def _participant(self, seat: dict) -> None:
        participant, created = Participant.objects.get_or_create(
            dossier=self.dossier,
            person=self._person(seat["person"]),
            defaults={
                "role": seat["role"],
                "relation": seat["relation"],
                "closeness": seat["closeness"],
                "lives_with_child": seat["lives_with_child"],
                "phone": seat["phone"],
                "started_on": _day(seat["since"]) or self.dossier.opened_on,
                "ended_on": _day(seat["until"]),
            },
        )
        if created:
            participant.full_clean()
            fields = ["person", "role", "relation", "closeness", "lives_with_child", "phone", "started_on"]
            self._audit(AuditAction.CREATE, participant, fields + (["ended_on"] if seat["until"] else []))

    def _authority(self, child: Person, spec: dict) -> None:
        holder = spec["holder"]
        started_on = _day(spec["since"]) or child.date_of_birth
        if isinstance(holder, dict):
            authority = Authority.objects.filter(
                child=child,
                holder_organisation=self.organisations[holder["organisation"]],
                kind=spec["kind"],
                started_on=started_on,
            ).first()
            if authority is None:
                # authority_record takes a person; an institution as guardian is written here, audited alike
                authority = Authority(
                    child=child,
                    holder_organisation=self.organisations[holder["organisation"]],
                    kind=spec["kind"],
                    started_on=started_on,
                )
                authority.full_clean()
                authority.save()
                self._audit(
                    AuditAction.CREATE, authority, ["child", "holder_organisation", "kind", "started_on"]
                )
        else:
            person = self._person(holder)
            authority = Authority.objects.filter(
                child=child, holder=person, kind=spec["kind"], started_on=started_on
            ).first() or history.authority_record(
                actor=None,
                dossier=self.dossier,
                child=child,
                holder=person,
                kind=spec["kind"],
                started_on=started_on,
            )
        ended_on = _day(spec["until"])
        if ended_on and authority.ended_on != ended_on:
            authority.ended_on = ended_on
            authority.full_clean()
            authority.save(update_fields=["ended_on"])
            self._audit(AuditAction.UPDATE, authority, ["ended_on"])

    def _measure(self, child: Person, spec: dict) -> None:
        measure = history.measure_start(
            actor=None,
            dossier=self.dossier,
            child=child,
            kind=spec["kind"],
            started_on=_day(spec["start"]),
            planned_end_on=_day(spec["planned_end"]),
            decided_by=spec["decided_by"],
        )
        for extension in spec["extensions"]:
            history.measure_extend(
                actor=None,
                measure=measure,
                new_planned_end_on=_day(extension["new_planned_end"]),
                reason=extension["reason"],
                decided_on=_day(extension["decided_on"]),
            )
        if spec["end"]:
            history.measure_end(
                actor=None,
                measure=measure,
                ended_on=_day(spec["end"]["on"]),
                end_reason=spec["end"]["reason"],
            )

    def _consent(self, spec: dict) -> None:
        consent = history.consent_give(
            actor=None,
            dossier=self.dossier,
            given_by=self._person(spec["given_by"]),
            given_on=_day(spec["on"]),
            scope=spec["scope"],
            step=spec["step"],
            shared_with=self.organisations[spec["shared_with"]] if spec["shared_with"] else None,
            sections=spec["sections"],
        )
        if spec["withdrawn"]:
            history.consent_withdraw(
                actor=None,
                consent=consent,
                withdrawn_on=_day(spec["withdrawn"]["on"]),
                note=spec["withdrawn"]["note"],
            )
