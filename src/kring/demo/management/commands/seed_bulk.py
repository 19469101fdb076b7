"""Fill a database with many invented dossiers, fast: for benchmarks and test databases, never production.

    manage.py seed_bulk --dossiers 100000 [--team "Team Noord"] [--case-worker anna.devries] [--seed 1]

Each dossier gets a family name, one to three children (born before the dossier opened), on most a legal
frame for the eldest child whose planned end lies in the coming year (or ended, for closed dossiers), a few
events in its history, and on a share of them (--seat-share) a circle seat for the chosen case worker, so
that a case worker's list has volume and the team lead's list has all of it. Names are invented from small
lists of common Dutch and Flemish names; references are BULK-0000001 and up.

Each batch of dossiers (--batch-size) is drawn column by column with numpy, from --seed and the batch's first
reference (the same command gives the same dossiers, their ids included), and written in one transaction
with kring.bulk_rows (executemany on SQLite, COPY on PostgreSQL; no model instance per row), straight past
the services: no audit entry per row, no history per row (it is an operator's bulk load); one audit entry
records the load as a whole. Run it again to add more: references continue after the highest BULK- reference.
Run seed_demo first (or create the team and its case worker yourself).
"""

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from kring.accounts.models import Membership, Role, Team
from kring.audit.models import AuditAction, AuditPurpose
from kring.audit.services import audit_append
from kring.bulk_rows import day_number, insert_columns, iso_days, next_keys, random_uuids, reset_sequences
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
            seed=options["seed"],
            today=timezone.localdate(),
        )
        who = (
            f", {seat.user.get_username()} in the circle of about {options['seat_share']:.0%}" if seat else ""
        )
        self.stdout.write(f"Adding {count:,} dossiers to {team}{who}, from {_reference(first)} on.")

        started = time.perf_counter()
        totals = dict.fromkeys(("dossiers", "children", "measures", "events", "seats"), 0)
        last = first + count - 1
        with _bulk_connection():
            for offset in range(0, count, batch_size):
                numbers = range(first + offset, first + min(offset + batch_size, count))
                with transaction.atomic():
                    for name, written in builder.write(numbers).items():
                        totals[name] += written
                done = offset + len(numbers)
                rate = done / max(time.perf_counter() - started, 1e-9)
                self.stdout.write(f"  {done:>9,} / {count:,} dossiers  ({rate:,.0f} a second)")
            if options["outcomes"]:
                from kring.insights.bulk import add_outcomes

                span = {"first_reference": _reference(first), "last_reference": _reference(last)}
                add_outcomes(
                    **span, seed=options["seed"], today=builder.today, batch_size=batch_size,
                    write=self.stdout.write,
                )  # fmt: skip
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


@contextmanager
def _bulk_connection() -> Iterator[None]:
    """Settings of this connection while it loads rows it made consistent itself (a benchmark or test
    database), put back afterwards. SQLite: no wait for the disk (synchronous OFF: a crash of the machine,
    not of the process, may lose the load), a page cache of 1 GB (at a million rows the indexes outgrow the
    default 2 MB and every insert reads the file), temporary B-trees in memory, no foreign-key lookups (about
    a tenth of the load's time). PostgreSQL: the foreign-key triggers off (session_replication_role =
    replica; their checks at the commit took as long as the COPY itself), only for a superuser, else as it
    is. The audit entry of the load is written after, with everything on again. Inside a transaction (a
    test) nothing changes — neither may change there — so the tests check every foreign key."""
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "sqlite":
        settings_ = {
            "synchronous": "OFF",
            "cache_size": "-1000000",
            "temp_store": "MEMORY",
            "foreign_keys": "OFF",
        }
        with connection.cursor() as cursor:
            before = {name: cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in settings_}
            for name, value in settings_.items():
                cursor.execute(f"PRAGMA {name} = {value}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                for name, value in before.items():
                    cursor.execute(f"PRAGMA {name} = {value}")
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = bool(cursor.fetchone()[0])
        if superuser:
            cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        if superuser:
            with connection.cursor() as cursor:
                cursor.execute("RESET session_replication_role")


def _reference(number: int) -> str:
    return f"{REFERENCE_PREFIX}{number:0{REFERENCE_DIGITS}d}"


class _Builder:
    """Makes the rows of a batch of dossiers column by column (numpy) and bulk-inserts them, table by table."""

    def __init__(
        self, *, team: Team, seat: Membership | None, seat_share: float, seed: int, today: date
    ) -> None:
        self.team, self.seat, self.seat_share, self.seed, self.today = team, seat, seat_share, seed, today
        self.jurisdiction = team.organisation.country
        prefix = self.jurisdiction.lower() + "_"
        self.kinds = [kind for kind in MeasureKind.values if kind.startswith(prefix)]
        # mostly the common frames: the first ones of each country are the voluntary and the OTS/MANO kinds
        weights = np.array([8 if i < 3 else 1 for i in range(len(self.kinds))], dtype=float)
        self.kind_weights = weights / weights.sum()
        self.kind_labels = [str(MeasureKind(kind).label)[:300] for kind in self.kinds]
        self.kind_params = [json.dumps({"kind": kind}) for kind in self.kinds]

    def write(self, numbers: range) -> dict[str, int]:
        # one generator per batch, from the seed and the batch's first reference: the same run gives the same
        # dossiers (their ids included)
        rng = np.random.default_rng([self.seed, numbers.start])
        n, today = len(numbers), day_number(self.today)
        family = rng.integers(len(FAMILY_NAMES), size=n)
        age = rng.integers(0, 6 * 365 + 1, size=n)  # days since the dossier opened
        opened = today - age
        closed = (age > 365) & (rng.random(n) < CLOSED_SHARE)
        closed_on = np.where(closed, opened + rng.integers(180, np.maximum(age, 180) + 1), -1)
        until = np.where(closed, closed_on, today)
        ids = random_uuids(rng, n)
        titles = [f"Gezin {name}" for name in np.array(FAMILY_NAMES, dtype=object)[family]]
        insert_columns(
            Dossier,
            {
                "id": ids,
                "reference": [_reference(number) for number in numbers],
                "title": titles,
                "jurisdiction": [self.jurisdiction] * n,
                "owning_team_id": [self.team.pk] * n,
                "status": np.where(closed, DossierStatus.CLOSED, DossierStatus.OPEN).tolist(),
                "opened_on": iso_days(opened),
            },
        )

        # children: one to three, born before the dossier opened, the eldest first
        count = rng.choice((1, 2, 3), p=(0.55, 0.30, 0.15), size=n)
        owner = np.repeat(np.arange(n), count)
        born = opened[owner] - rng.integers(30, 12 * 365 + 1, size=len(owner))
        order = np.lexsort((born, owner))
        born = born[order]
        girl = rng.random(len(owner)) < 0.5
        first_names = np.where(
            girl,
            np.array(GIRLS, dtype=object)[rng.integers(len(GIRLS), size=len(owner))],
            np.array(BOYS, dtype=object)[rng.integers(len(BOYS), size=len(owner))],
        )
        person_ids = next_keys(Person, len(owner))
        family_names = np.array(FAMILY_NAMES, dtype=object)[family]
        insert_columns(
            Person,
            {
                "first_name": first_names.tolist(),
                "last_name": family_names[owner].tolist(),
                "date_of_birth": iso_days(born),
            },
            keys=person_ids,
        )
        reset_sequences(Person)
        id_array = np.array(ids, dtype=object)
        insert_columns(
            Dossier.children.through,
            {"dossier_id": id_array[owner].tolist(), "person_id": person_ids},
        )

        # a legal frame for the eldest child of most: extended year by year while the dossier is open
        has = rng.random(n) < MEASURE_SHARE
        kind = rng.choice(len(self.kinds), p=self.kind_weights, size=n)
        started = np.minimum(opened + rng.integers(0, 61, size=n), until)
        planned = started + 365
        late = ~closed & (planned < today)
        planned = np.where(late, planned + 365 * ((today - planned + 364) // 365), planned)
        ended = np.where(closed, np.maximum(np.minimum(planned, closed_on), started), -1)
        reason = np.array(EndReason.values, dtype=object)[rng.integers(len(EndReason.values), size=n)]
        eldest = np.array(person_ids)[np.concatenate(([0], np.cumsum(count)[:-1]))]
        m = np.flatnonzero(has)
        kinds = np.array(self.kinds, dtype=object)
        insert_columns(
            Measure,
            {
                "dossier_id": id_array[m].tolist(),
                "child_id": eldest[m].tolist(),
                "kind": kinds[kind[m]].tolist(),
                "started_on": iso_days(started[m]),
                "planned_end_on": iso_days(planned[m]),
                "ended_on": iso_days(ended[m], missing=-1),
                "end_reason": np.where(closed[m], reason[m], "").tolist(),
            },
        )

        # the history: opened, one to three meetings, the measure's start
        meetings = rng.integers(1, 4, size=n)
        met = np.repeat(np.arange(n), meetings)
        met_on = opened[met] + (rng.random(len(met)) * (until[met] - opened[met] + 1)).astype(np.int64)
        topics = np.array(MEETINGS, dtype=object)[rng.integers(len(MEETINGS), size=len(met))]
        owners = np.concatenate((np.arange(n), met, m))
        events = len(owners)
        insert_columns(
            DossierEvent,
            {
                "dossier_id": id_array[owners].tolist(),
                "kind": [EventKind.OPENED] * n
                + [EventKind.MEETING] * len(met)
                + [EventKind.MEASURE_STARTED] * len(m),
                "occurred_on": iso_days(np.concatenate((opened, met_on, started[m]))),
                "summary": ["Dossier geopend"] * n + topics.tolist() + [self.kind_labels[k] for k in kind[m]],
                "summary_key": [""] * (n + len(met)) + [event_summaries.MEASURE_STARTED] * len(m),
                "summary_params": ["{}"] * (n + len(met)) + [self.kind_params[k] for k in kind[m]],
            },
        )

        seats = 0
        if self.seat is not None:
            seated = np.flatnonzero(rng.random(n) < self.seat_share)
            seats = len(seated)
            insert_columns(
                CircleMember,
                {
                    "dossier_id": id_array[seated].tolist(),
                    "user_id": [self.seat.user_id] * seats,
                    "membership_id": [self.seat.pk] * seats,
                    "case_role": np.array(CASE_ROLES, dtype=object)[
                        rng.integers(len(CASE_ROLES), size=seats)
                    ].tolist(),
                    "assignment": ["Invented for a benchmark (seed_bulk)."] * seats,
                    "started_on": iso_days(opened[seated]),
                },
            )
        # the caseload's denormalised columns, by the same definition the services use
        Dossier.objects.filter(
            reference__gte=_reference(numbers.start), reference__lte=_reference(numbers.stop - 1)
        ).refresh_activity()
        return {"dossiers": n, "children": len(owner), "measures": len(m), "events": events, "seats": seats}
