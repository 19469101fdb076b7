"""The organisations, teams and users; each dossier with its children, circle and history; where a child
lives; and the closure of the finished dossiers — written through the services of accounts, cases and network.

A dossier is opened through the intake (kring.cases.services.intake.dossier_intake: children, the parents and carers
there from the start, their authority, how the case came in), as the system, which keeps the story's own
reference and opening day; the rest of its history goes through the services of its later steps. Writes are
made by the system (``actor=None``), validated and audited like any other; the closure is proposed by the
dossier's case worker and confirmed by the team lead of the owning team (four eyes), as in the product.

Without a service, and so written here: organisations, teams, users and memberships (made by the functional
admin in Django's admin; get-or-create, the shared demo password, no two-factor login for the demo), and,
audited alike, a network member's gender (participant_add records name and date of birth only) and the end
of a participant's part in the dossier.
"""

from datetime import date
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from kring.accounts.models import Membership, Organisation, Team
from kring.audit.models import AuditAction
from kring.audit.services import audit_append
from kring.cases import services
from kring.cases.models import (
    Authority,
    AuthorityKind,
    AuthoritySource,
    ClosureStatus,
    Dossier,
    DossierStatus,
    ParticipantRole,
    Person,
)
from kring.cases.services import closure as closure_services
from kring.cases.services import history, intake, placement
from kring.demo import shared
from kring.demo.seeding import Story
from kring.network import services as network_services


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# --- organisations and users ----------------------------------------------------------------------------


def organisations() -> tuple[dict[str, Organisation], dict[tuple[str, str], Team]]:
    """The demo's organisations by key and teams by (key, name). Made with two-factor login off for the demo;
    an existing organisation keeps its settings."""
    found, teams = {}, {}
    for spec in shared.ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            name=spec["name"],
            defaults={"kind": spec["kind"], "country": spec["country"], "require_mfa": False},
        )
        found[spec["key"]] = organisation
        for team_name in spec.get("teams", []):
            teams[(spec["key"], team_name)], _ = Team.objects.get_or_create(
                organisation=organisation, name=team_name
            )
    return found, teams


@cache
def demo_password() -> str:
    """The one shared demo password, hashed once and only when a user is new: hashing is slow on purpose."""
    return make_password(shared.DEMO_PASSWORD)


def users(organisations: dict[str, Organisation], teams: dict[tuple[str, str], Team]) -> dict[str, Any]:
    """The demo professionals with their memberships, by username."""
    user_model = get_user_model()
    found = {}
    for spec in shared.USERS:
        user = user_model.objects.filter(username=spec["username"]).first()
        if user is None:
            user = user_model(username=spec["username"], password=demo_password())
        user.first_name, user.last_name, user.email = spec["first_name"], spec["last_name"], spec["email"]
        user.save()
        for membership in spec["memberships"]:
            team = teams[(membership["org"], membership["team"])] if membership.get("team") else None
            Membership.objects.update_or_create(
                user=user,
                organisation=organisations[membership["org"]],
                team=team,
                role=membership["role"],
                defaults={"may_break_glass": membership["role"] in shared.BREAK_GLASS_ROLES},
            )
        found[spec["username"]] = user
    return found


# --- a dossier and its history ----------------------------------------------------------------------------


def _person_in(spec: dict[str, Any]) -> intake.PersonIn:
    """A child or a parent as the intake takes them; one already known (by name and date of birth) is reused."""
    born = day(spec["date_of_birth"])
    existing = Person.objects.filter(
        first_name=spec["first_name"], last_name=spec["last_name"], date_of_birth=born
    ).first()
    return intake.PersonIn(
        first_name=spec["first_name"],
        last_name=spec["last_name"],
        date_of_birth=born,
        gender=spec.get("gender", "unknown"),
        school=spec.get("school", ""),
        living_situation=spec.get("living_situation", ""),
        language=spec.get("language", ""),
        lvb=spec.get("lvb", False),
        existing=existing,
    )


def _intake(family: Any, teams: dict, organisations: dict) -> intake.Intake:
    """The family's dossier as the intake form records it: the children; the parents and carers who were there
    from the day it opened; their authority; how the case came in. The rest of the history (the informal
    network, people who came later, measures, consents …) follows through History."""
    spec, entry = family.DOSSIER, family.HISTORY
    owning = spec["owning"]
    children = [child["first_name"] for child in spec["children"]]
    carers = [
        seat
        for seat in entry.get("participants", [])
        if seat["role"] in (ParticipantRole.PARENT, ParticipantRole.CARER)
        and not seat["since"]
        and not seat["until"]
    ]
    holders = [seat["person"] for seat in carers]
    authorities = []
    for authority in entry.get("authority", []):
        holder = authority["holder"]
        if not isinstance(holder, dict) and holder not in holders:
            continue  # a holder who is not among the first parents and carers: recorded later
        for name in authority["children"]:
            child = spec["children"][children.index(name)]
            authorities.append(
                intake.AuthorityIn(
                    child=children.index(name),
                    source=_authority_source(authority),
                    started_on=day(authority["since"]) or day(child["date_of_birth"]),
                    ended_on=day(authority["until"]),
                    holder=None if isinstance(holder, dict) else holders.index(holder),
                    holder_organisation=organisations[holder["organisation"]]
                    if isinstance(holder, dict)
                    else None,
                )
            )
    return intake.Intake(
        team=teams[(owning["org"], owning["team"])],
        title=spec["title"],
        summary=spec["summary"],
        origin_kind=spec["origin"]["kind"],
        origin_on=date.fromisoformat(spec["origin"]["on"]),
        origin_note=spec["origin"]["note"],
        case_role=spec["circle"][0]["case_role"],
        children=[_person_in(child) for child in spec["children"]],
        carers=[
            intake.CarerIn(
                person=_person_in(family.PEOPLE.get(seat["person"]) or shared.PEOPLE[seat["person"]]),
                role=seat["role"],
                relation=seat["relation"],
                phone=seat["phone"],
                lives_with_child=seat["lives_with_child"],
            )
            for seat in carers
        ],
        authorities=authorities,
    )


def _authority_source(spec: dict[str, Any]) -> str:
    if isinstance(spec["holder"], dict):
        return AuthoritySource.GUARDIANSHIP_INSTITUTION
    if spec["kind"] == AuthorityKind.GUARDIAN:
        return AuthoritySource.GUARDIANSHIP_PERSON
    return AuthoritySource.BY_LAW


def open_dossier(family: Any, organisations: dict, teams: dict, users: dict) -> tuple[Dossier, bool]:
    """The family's dossier, opened through the intake (with its children, parents, authority and how the
    case came in) and given its circle, if it is not there yet. The system keeps the story's own reference
    and opening day."""
    spec = family.DOSSIER
    dossier = Dossier.objects.filter(reference=spec["reference"]).first()
    if dossier is not None:
        return dossier, False
    dossier = intake.dossier_intake(
        actor=None,
        intake=_intake(family, teams, organisations),
        reference=spec["reference"],
        opened_on=date.fromisoformat(spec["opened_on"]),
    )
    for seat in spec["circle"]:
        services.circle_member_add(
            actor=None,
            dossier=dossier,
            membership=_seat_membership(users[seat["username"]], dossier),
            case_role=seat["case_role"],
            assignment=seat["assignment"],
            started_on=dossier.opened_on,
        )
    return dossier, True


def _seat_membership(user: Any, dossier: Dossier) -> Membership:
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


class History:
    """Writes a family's HISTORY once (when its dossier has no measures yet), in order: participants,
    authority, measures (with extensions and ends), the lead, scaling, consents (with withdrawals), the
    family's own timeline and the JIMs."""

    def __init__(self, dossier: Dossier, family: Any, organisations: dict[str, Organisation]) -> None:
        self.dossier = dossier
        self.family = family
        self.entry = family.HISTORY
        self.organisations = organisations
        self.children = {child.first_name: child for child in dossier.children.all()}

    def write(self) -> bool:
        if self.dossier.measures.exists():
            return False
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
                since=day(lead["since"]),
                note=lead["note"],
            )
        for scale in self.entry.get("scaling", []):
            history.dossier_scale(
                actor=None,
                dossier=self.dossier,
                up=scale["up"],
                occurred_on=day(scale["on"]),
                note=scale["note"],
            )
        for consent in self.entry.get("consents", []):
            self._consent(consent)
        for line, year, text in self.entry.get("timeline", []):
            history.family_timeline_entry_add(
                actor=None, dossier=self.dossier, line=line, year=year, text=text
            )
        for jim in self.entry.get("jims", []):
            network_services.jim_choose(
                actor=None,
                dossier=self.dossier,
                young_person=self.person(jim["young_person"]),
                jim=self.dossier.participants.get(person=self.person(jim["jim"])),
                chosen_on=day(jim["on"]),
                parental_consent_by=self.person(jim["consent_by"]),
                parental_consent_on=day(jim["on"]),
            )
        return True

    def _audit(self, action: AuditAction, obj: Any, fields: list[str]) -> None:
        audit_append(actor=services.SYSTEM, action=action, dossier=self.dossier, obj=obj, fields=fields)

    def _spec(self, handle: str) -> dict:
        return self.family.PEOPLE.get(handle) or shared.PEOPLE[handle]

    def person(self, ref: str) -> Person:
        """A child of this dossier by first name, or a participant by handle (one Person, found by name and
        birth date, in however many dossiers)."""
        if ref in self.children:
            return self.children[ref]
        spec = self._spec(ref)
        return Person.objects.get(
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            date_of_birth=day(spec["date_of_birth"]),
        )

    def _participant(self, seat: dict) -> None:
        spec = self._spec(seat["person"])
        participant = (
            self.dossier.participants.select_related("person")
            .filter(
                person__first_name=spec["first_name"],
                person__last_name=spec["last_name"],
                person__date_of_birth=day(spec["date_of_birth"]),
            )
            .first()
        )
        if participant is not None:  # a parent or carer the intake recorded
            if participant.closeness != seat["closeness"]:
                network_services.participant_closeness_change(
                    actor=None, participant=participant, closeness=seat["closeness"]
                )
            return
        participant = network_services.participant_add(
            actor=None,
            dossier=self.dossier,
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            date_of_birth=day(spec["date_of_birth"]),
            role=seat["role"],
            relation=seat["relation"],
            closeness=seat["closeness"],
            lives_with_child=seat["lives_with_child"],
            phone=seat["phone"],
            started_on=day(seat["since"]) or self.dossier.opened_on,
        )
        person = participant.person
        if person.gender != spec["gender"]:  # no service records a network member's gender
            person.gender = spec["gender"]
            person.full_clean()
            person.save(update_fields=["gender"])
            self._audit(AuditAction.UPDATE, person, ["gender"])
        if seat["until"]:  # no service ends a participant's part in the dossier
            participant.ended_on = day(seat["until"])
            participant.full_clean()
            participant.save(update_fields=["ended_on"])
            self._audit(AuditAction.UPDATE, participant, ["ended_on"])

    def _authority(self, child: Person, spec: dict) -> None:
        holder = spec["holder"]
        organisation = self.organisations[holder["organisation"]] if isinstance(holder, dict) else None
        person = None if organisation else self.person(holder)
        started_on = day(spec["since"]) or child.date_of_birth
        if Authority.objects.filter(
            child=child, holder=person, holder_organisation=organisation, started_on=started_on
        ).exists():
            return  # recorded at the intake
        intake.authority_add(
            actor=None,
            dossier=self.dossier,
            child=child,
            source=_authority_source(spec),
            started_on=started_on,
            ended_on=day(spec["until"]),
            holder=person,
            holder_organisation=organisation,
        )

    def _measure(self, child: Person, spec: dict) -> None:
        measure = history.measure_start(
            actor=None,
            dossier=self.dossier,
            child=child,
            kind=spec["kind"],
            started_on=day(spec["start"]),
            planned_end_on=day(spec["planned_end"]),
            decided_by=spec["decided_by"],
        )
        for extension in spec["extensions"]:
            history.measure_extend(
                actor=None,
                measure=measure,
                new_planned_end_on=day(extension["new_planned_end"]),
                reason=extension["reason"],
                decided_on=day(extension["decided_on"]),
            )
        if spec["end"]:
            history.measure_end(
                actor=None, measure=measure, ended_on=day(spec["end"]["on"]), end_reason=spec["end"]["reason"]
            )

    def _consent(self, spec: dict) -> None:
        consent = history.consent_give(
            actor=None,
            dossier=self.dossier,
            given_by=self.person(spec["given_by"]),
            given_on=day(spec["on"]),
            scope=spec["scope"],
            step=spec["step"],
            shared_with=self.organisations[spec["shared_with"]] if spec["shared_with"] else None,
            sections=spec["sections"],
        )
        if spec["withdrawn"]:
            history.consent_withdraw(
                actor=None,
                consent=consent,
                withdrawn_on=day(spec["withdrawn"]["on"]),
                note=spec["withdrawn"]["note"],
            )


# --- closure ----------------------------------------------------------------------------------------------


def close_dossier(dossier: Dossier, closure: dict, users: dict) -> bool:
    """Close a finished dossier with four eyes on its closing day: its case worker proposes with the closing
    summary, the team lead of the owning team confirms. Once: a closed dossier is left alone."""
    if dossier.status == DossierStatus.CLOSED:
        return False
    closed_on = date.fromisoformat(closure["closed_on"])
    proposal = closure_services.closure_pending(dossier=dossier) or closure_services.closure_propose(
        actor=users[closure["proposed_by"]], dossier=dossier, summary=closure["summary"], day=closed_on
    )
    if proposal.status == ClosureStatus.PROPOSED:
        closure_services.closure_confirm(
            actor=users[closure["confirmed_by"]],
            closure=proposal,
            note=closure.get("note", ""),
            day=closed_on,
        )
    return True


# --- where a child lives ----------------------------------------------------------------------------------


def placements(story: Story, first_name: str, stay: dict[str, Any], decisions: list[dict[str, Any]]) -> None:
    """Where the child lives from `stay`, and the decisions on a crisis placement after it (extend, or return
    home: a stay at home begins). Once: a dossier with placements is left alone."""
    dossier = story.dossier
    if placement.placements_of(dossier=dossier).exists():
        return
    child = dossier.children.get(first_name=first_name)
    current = placement.placement_record(actor=None, dossier=dossier, child=child, **stay)
    for decision in decisions:
        current = placement.crisis_decide(actor=None, placement=current, **decision)
    story.said("cases", f"where {first_name} lived")
