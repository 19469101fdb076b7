"""Fill a database with many invented dossiers, fast: for benchmarks and test databases, never production.

    manage.py seed_bulk --dossiers 100000 [--team "Team Noord"] [--case-worker anna.devries] [--seed 1]

Each dossier gets a family name, one to three children (born before the dossier opened), on most a legal
frame for the eldest child whose planned end lies in the coming year (or ended, for closed dossiers), a few
events in its history, and on a share of them (--seat-share) a circle seat for the chosen case worker, so
that a case worker's list has volume and the team lead's list has all of it. Names are invented from small
lists of common Dutch and Flemish names; references are BULK-0000001 and up.

Rows are written with bulk_create in batches (--batch-size), one transaction per batch, straight past the
services: no audit entry per row, no history per row (it is an operator's bulk load); one audit entry records
the load as a whole. Run it again to add more: references continue after the highest BULK- reference.
Run seed_demo first (or create the team and its case worker yourself).
"""

import random
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from kring.accounts.models import Membership, Role, Team
from kring.audit.models import AuditAction, AuditPurpose
from kring.audit.services import audit_append
from kring.bulk_rows import insert_objects, insert_rows, reset_sequences
from kring.cases import event_summaries
from kring.cases.models import (
    CircleMember,
    Dossier,
    DossierEvent,
    DossierStatus,
    EndReason,
    EventKind,
    Measure,
    MeasureKind,
    Person,
)
from kring.cases.services import SYSTEM

REFERENCE_PREFIX = "BULK-"
REFERENCE_DIGITS = 7

GIRLS = (
    "Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara", "Eva", "Saar", "Lotte", "Noor",
    "Liv", "Fenna", "Anna", "Lina", "Nina", "Fleur", "Lieke", "Amira", "Hiba", "Ella", "Roos", "Jasmijn",
    "Fien", "Marie", "Elif", "Lore", "Hanne",
)  # fmt: skip
BOYS = (
    "Noah", "Sem", "Lucas", "Liam", "Finn", "Daan", "Levi", "Luuk", "Mees", "Milan", "Bram", "Jesse", "Thijs",
    "Adam", "Mohamed", "Sami", "Ravi", "Jayden", "Ruben", "Stijn", "Gijs", "Lars", "Owen", "Ayoub", "Kobe",
    "Wout", "Arne", "Jens", "Yusuf", "Teun",
)  # fmt: skip
FAMILY_NAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
    "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "van Wijk",
    "Yilmaz", "El Amrani", "Bouzid", "Kaya", "Peeters", "Maes", "Claes", "Wouters", "De Smet", "Willems",
    "Goossens", "Mertens", "Vermeulen", "Öztürk", "Nguyen", "Pinas", "Ramdin",
)  # fmt: skip
MEETINGS = (
    "Huisbezoek bij het gezin",
    "Gesprek met de jeugdige",
    "Netwerkberaad",
    "Overleg met school",
    "Evaluatie van het plan",
    "Telefonisch contact met moeder",
    "Gesprek met vader",
)
CASE_ROLES = ("gezinsvoogd", "jeugdbeschermer", "casemanager")
SEAT_SHARE = 0.1
MEASURE_SHARE = 0.6
CLOSED_SHARE = 0.15


class Command(BaseCommand):
    help = "Add many invented dossiers with bulk inserts, for benchmarks and test databases only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dossiers", type=int, required=True, help="how many dossiers to add")
        parser.add_argument("--team", default="Team Noord", help="the owning team (default: Team Noord)")
        parser.add_argument("--organisation", help="the team's organisation, if several teams have its name")
        parser.add_argument(
            "--case-worker",
            help="username of the case worker who gets a circle seat (default: the team's first case worker)",
        )
        parser.add_argument(
            "--seat-share",
            type=float,
            default=SEAT_SHARE,
            help=f"share of dossiers with that case worker in the circle (default {SEAT_SHARE})",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed, for repeatable data (default 1)"
        )
        parser.add_argument("--batch-size", type=int, default=5_000, help="dossiers per transaction")
        parser.add_argument("--outcomes", action="store_true", help="add outcome facts (kring.insights.bulk)")
        parser.add_argument(
            "--yes-i-know",
            action="store_true",
            help="run although DEBUG is off: this database is for benchmarks or tests",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count, batch_size = options["dossiers"], options["batch_size"]
        if count < 1 or batch_size < 1:
            raise CommandError("--dossiers and --batch-size must be at least 1.")
        if not 0 <= options["seat_share"] <= 1:
            raise CommandError("--seat-share must lie between 0 and 1.")
        self.stderr.write(
            self.style.WARNING(
                "seed_bulk writes invented dossiers straight into the database, past the services and "
                "without an audit entry per row. Use it for benchmark and test databases only."
            )
        )
        if not (settings.DEBUG or options["yes_i_know"]):
            raise CommandError(
                "Refusing to run with DEBUG off. Add --yes-i-know if this database is for tests."
            )

        team = self._team(options["team"], options["organisation"])
        seat = self._seat_membership(team, options["case_worker"]) if options["seat_share"] > 0 else None
        first = self._next_number()
        if first + count - 1 >= 10**REFERENCE_DIGITS:
            raise CommandError(f"References would run past {REFERENCE_PREFIX}{'9' * REFERENCE_DIGITS}.")
        builder = _Builder(
            team=team,
            seat=seat,
            seat_share=options["seat_share"],
            rng=random.Random(f"{options['seed']}:{first}"),  # invented data, not security
            today=timezone.localdate(),
        )
        who = (
            f", {seat.user.get_username()} in the circle of about {options['seat_share']:.0%}" if seat else ""
        )
        self.stdout.write(f"Adding {count:,} dossiers to {team}{who}, from {_reference(first)} on.")

        started = time.perf_counter()
        totals = dict.fromkeys(("dossiers", "children", "measures", "events", "seats"), 0)
        for offset in range(0, count, batch_size):
            numbers = range(first + offset, first + min(offset + batch_size, count))
            with transaction.atomic():
                for name, written in builder.write(numbers).items():
                    totals[name] += written
            done = offset + len(numbers)
            rate = done / max(time.perf_counter() - started, 1e-9)
            self.stdout.write(f"  {done:>9,} / {count:,} dossiers  ({rate:,.0f} a second)")
        last = first + count - 1
        if options["outcomes"]:
            from kring.insights.bulk import add_outcomes

            span = {"first_reference": _reference(first), "last_reference": _reference(last)}
            add_outcomes(**span, seed=options["seed"], today=builder.today, write=self.stdout.write)
        audit_append(
            actor=SYSTEM,
            action=AuditAction.CREATE,
            purpose=AuditPurpose.ADMINISTRATION,
            reason=f"seed_bulk: {count} dossiers {_reference(first)} to {_reference(last)} for {team}",
            fields=["seed_bulk"],
        )
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{value:,} {name}" for name, value in totals.items())
        self.stdout.write(self.style.SUCCESS(f"Done in {seconds:.1f} s: {summary}."))

    @staticmethod
    def _team(name: str, organisation: str | None) -> Team:
        teams = Team.objects.filter(name=name).select_related("organisation")
        if organisation:
            teams = teams.filter(organisation__name=organisation)
        found = list(teams[:2])
        if not found:
            raise CommandError(
                f"No team named {name!r}. Run seed_demo first, or name an existing team with --team."
            )
        if len(found) > 1:
            raise CommandError(f"Several teams are named {name!r}; say which with --organisation.")
        return found[0]

    @staticmethod
    def _seat_membership(team: Team, username: str | None) -> Membership:
        memberships = (
            Membership.objects.active()
            .filter(team=team, role=Role.CASE_WORKER)
            .select_related("user", "organisation")
            .order_by("user__username")
        )
        if username:
            memberships = memberships.filter(user__username=username)
        membership = memberships.first()
        if membership is None:
            who = f"{username!r} is no" if username else "There is no"
            raise CommandError(f"{who} active case worker of {team}; use --case-worker, or --seat-share 0.")
        return membership

    @staticmethod
    def _next_number() -> int:
        highest = (
            Dossier.objects.filter(reference__startswith=REFERENCE_PREFIX)
            .order_by("-reference")
            .values_list("reference", flat=True)
            .first()
        )
        return int(highest.removeprefix(REFERENCE_PREFIX)) + 1 if highest else 1


def _reference(number: int) -> str:
    return f"{REFERENCE_PREFIX}{number:0{REFERENCE_DIGITS}d}"


class _Builder:
    """Makes the rows of a batch of dossiers and bulk-inserts them, table by table."""

    def __init__(
        self, *, team: Team, seat: Membership | None, seat_share: float, rng: random.Random, today: date
    ) -> None:
        self.team, self.seat, self.seat_share, self.rng, self.today = team, seat, seat_share, rng, today
        self.jurisdiction = team.organisation.country
        prefix = self.jurisdiction.lower() + "_"
        self.kinds = [kind for kind in MeasureKind.values if kind.startswith(prefix)]
        # mostly the common frames: the first ones of each country are the voluntary and the OTS/MANO kinds
        self.kind_weights = [8 if i < 3 else 1 for i in range(len(self.kinds))]
        self.kind_labels: dict[str, str] = {}

    def write(self, numbers: range) -> dict[str, int]:
        plans = [self._plan(number) for number in numbers]
        dossiers = [plan["dossier"] for plan in plans]
        insert_objects(Dossier, dossiers)
        children = [child for plan in plans for child in plan["children"]]
        insert_objects(Person, children, keys=True)
        insert_rows(
            Dossier.children.through,
            ["dossier_id", "person_id"],
            ((plan["dossier"].pk, child.pk) for plan in plans for child in plan["children"]),
        )
        measures = [measure for plan in plans for measure in self._measures(plan)]
        insert_objects(Measure, measures)
        events = [event for plan in plans for event in plan["events"]]
        insert_objects(DossierEvent, events)
        seats = [plan["seat"] for plan in plans if plan["seat"] is not None]
        insert_objects(CircleMember, seats)
        reset_sequences(Person)
        # the caseload's denormalised columns, by the same definition the services use
        Dossier.objects.filter(pk__in=[dossier.pk for dossier in dossiers]).refresh_activity()
        return {
            "dossiers": len(dossiers),
            "children": len(children),
            "measures": len(measures),
            "events": len(events),
            "seats": len(seats),
        }

    def _plan(self, number: int) -> dict[str, Any]:
        rng, today = self.rng, self.today
        family = rng.choice(FAMILY_NAMES)
        opened_on = today - timedelta(days=rng.randint(0, 6 * 365))
        closed_on = None
        if opened_on < today - timedelta(days=365) and rng.random() < CLOSED_SHARE:
            closed_on = opened_on + timedelta(days=rng.randint(180, (today - opened_on).days))
        dossier = Dossier(
            id=uuid.uuid4(),
            reference=_reference(number),
            title=f"Gezin {family}",
            jurisdiction=self.jurisdiction,
            owning_team=self.team,
            status=DossierStatus.CLOSED if closed_on else DossierStatus.OPEN,
            opened_on=opened_on,
        )
        children = [
            Person(
                first_name=rng.choice(GIRLS if rng.random() < 0.5 else BOYS),
                last_name=family,
                date_of_birth=opened_on - timedelta(days=rng.randint(30, 12 * 365)),
            )
            for _ in range(rng.choices((1, 2, 3), weights=(55, 30, 15))[0])
        ]
        children.sort(key=lambda child: child.date_of_birth)
        until = closed_on or today
        events = [self._event(dossier, EventKind.OPENED, opened_on, "Dossier geopend")]
        for _ in range(rng.randint(1, 3)):
            day = opened_on + timedelta(days=rng.randint(0, (until - opened_on).days))
            events.append(self._event(dossier, EventKind.MEETING, day, rng.choice(MEETINGS)))
        seat = None
        if self.seat is not None and rng.random() < self.seat_share:
            seat = CircleMember(
                dossier=dossier,
                user=self.seat.user,
                membership=self.seat,
                case_role=rng.choice(CASE_ROLES),
                assignment="Invented for a benchmark (seed_bulk).",
                started_on=opened_on,
            )
        return {
            "dossier": dossier,
            "children": children,
            "closed_on": closed_on,
            "events": events,
            "seat": seat,
            "measure": rng.random() < MEASURE_SHARE,
        }

    def _measures(self, plan: dict[str, Any]) -> Iterator[Measure]:
        """One legal frame for the eldest child, if planned; its start goes into the history too."""
        if not plan["measure"]:
            return
        rng, dossier, closed_on = self.rng, plan["dossier"], plan["closed_on"]
        started_on = min(dossier.opened_on + timedelta(days=rng.randint(0, 60)), closed_on or self.today)
        planned_end_on = started_on + timedelta(days=365)
        while closed_on is None and planned_end_on < self.today:
            planned_end_on += timedelta(days=365)  # extended year by year while the dossier is open
        measure = Measure(
            dossier=dossier,
            child=plan["children"][0],  # the eldest
            kind=rng.choices(self.kinds, weights=self.kind_weights)[0],
            started_on=started_on,
            planned_end_on=planned_end_on,
        )
        if closed_on is not None:
            measure.ended_on = max(min(planned_end_on, closed_on), started_on)
            measure.end_reason = rng.choice(EndReason.values)
        started = self._event(dossier, EventKind.MEASURE_STARTED, started_on, self._kind_label(measure.kind))
        started.summary_key, started.summary_params = event_summaries.MEASURE_STARTED, {"kind": measure.kind}
        plan["events"].append(started)
        yield measure

    def _kind_label(self, kind: str) -> str:
        if kind not in self.kind_labels:
            self.kind_labels[kind] = str(MeasureKind(kind).label)
        return self.kind_labels[kind]

    @staticmethod
    def _event(dossier: Dossier, kind: str, day: date, summary: str) -> DossierEvent:
        return DossierEvent(dossier=dossier, kind=kind, occurred_on=day, summary=summary[:300])
