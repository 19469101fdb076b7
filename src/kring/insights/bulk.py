"""Invented outcome facts for bulk-loaded dossiers (seed_bulk --outcomes): for benchmarks and test
databases, never production.

For every measure of the dossiers in a reference range: a method on its dossier (youth probation: Signs of
Success or regular; otherwise Signs of Safety or regular, half and half), two risk assessments, warning
talks and reports back in youth probation, contacts of the team's professional (the first soon after the
start, then spread over the measure), the safety scale of a mapping and the family's safety scaling question
at the start and at the end, a session-feedback questionnaire and, for about half, Samen Sterker; for ended
measures an end reason, a duration, the judgement at the end, an EXIT questionnaire (about 60 % respond) and
sometimes a new measure later (a repeat appeal). The methods differ on purpose in a few outcomes — risk goes
down more, goals are realised more, fewer warning talks and reports back, fewer repeat appeals, the safety
scales rise more, the first contact comes sooner, the EXIT grade is higher — so that dashboards and the
cohort comparison have something true to find; the other figures are drawn alike for both.

Each batch is drawn column by column with numpy (one generator per run, from --seed: the same load gives
the same facts) and goes in as plain inserts of the same models' tables (kring.bulk_rows.insert_columns:
executemany on SQLite, COPY on PostgreSQL), no model instance per row, past the services: a service call
per row (policy check, audit entry, history event, one transaction each) would take days at a million
measures. It is an operator's bulk load, audited once by seed_bulk. The dossiers' last-contact column is
recomputed after each batch (DossierQuerySet.refresh_activity), as the services keep it.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from kring.accounts.models import Membership
from kring.bulk_rows import day_number, insert_columns, iso_days, next_keys, reset_sequences
from kring.cases.models import YOUTH_PROBATION_MEASURES, Contact, ContactKind, Dossier, EndReason, Measure
from kring.feedback.models import Administration, Answer, Instrument, RespondentType
from kring.feedback.services import instrument_latest
from kring.safety.models import Mapping, ScaleQuestion, ScaleRating

from .models import (
    EndJudgement,
    Method,
    MethodLabel,
    ProbationEvent,
    ProbationEventKind,
    ProbationEventOutcome,
    ProbationEventReason,
    RiskAssessment,
    RiskInstrument,
    RiskLevel,
)

FACTORS = ("family", "school_work", "friends", "leisure", "substance_use")
# (reason, weight) per method: the new method ends as planned or early-positive more often
END_REASONS = {
    True: ((EndReason.GOALS_REACHED, 50), (EndReason.EARLY_POSITIVE_CLOSURE, 20), (EndReason.ESCALATED, 8),
           (EndReason.TRANSFERRED, 10), (EndReason.OTHER, 12)),
    False: ((EndReason.GOALS_REACHED, 45), (EndReason.EARLY_POSITIVE_CLOSURE, 10), (EndReason.ESCALATED, 15),
            (EndReason.TRANSFERRED, 12), (EndReason.OTHER, 18)),
}  # fmt: skip
GOAL_WEIGHTS = {True: (5, 10, 25, 35, 25), False: (10, 20, 30, 25, 15)}
RISK_DROP = {True: (-5.0, 4.0), False: (-2.0, 4.0)}  # mean and spread of the change in the dynamic total
WARNING_RATE = {True: 0.8, False: 1.5}
REPORT_RATE = {True: 0.3, False: 0.7}
REPEAT_SHARE = {True: 0.12, False: 0.20}
DURATION_MEDIAN = {True: 300, False: 360}
EVIDENCE = "Invented for a benchmark (seed_bulk)."
FIRST_CONTACT_DAYS = {True: (1, 10), False: (3, 21)}  # days after the start, uniform
CONTACTS_PER_MEASURE = 6  # at most: a contact roughly every few weeks, bounded to keep the load fast
CONTACT_KINDS = (ContactKind.HOME_VISIT, ContactKind.OFFICE, ContactKind.PHONE, ContactKind.NETWORK_MEETING)
SAFETY_RISE = {True: (2.2, 1.5), False: (0.8, 1.5)}  # mean and spread of the change on the 0-10 scales
EXIT_GRADE = {True: 7.6, False: 6.6}  # mean report grade (1-10), spread 1.2
EXIT_RESPONSE = 0.6
SAMEN_STERKER_SHARE = 0.5


TABLES = (
    "labels", "risks", "events", "judgements", "ended", "new", "contacts", "mappings", "ratings",
    "administrations", "answers",
)  # fmt: skip
QUESTIONNAIRES = ("exit", "session-end", "samen-sterker")
MODELS = {
    "labels": MethodLabel, "risks": RiskAssessment, "events": ProbationEvent, "judgements": EndJudgement,
    "new": Measure, "contacts": Contact, "mappings": Mapping, "ratings": ScaleRating,
    "administrations": Administration, "answers": Answer,
}  # fmt: skip
Columns = dict[str, list[Any]]


class OutcomeBuilder:
    """Draws the outcome facts of a batch of measures column by column (numpy): no object per row."""

    def __init__(self, *, rng: np.random.Generator, today: date, worker_id: Any = None) -> None:
        self.rng, self.today, self.worker_id = rng, day_number(today), worker_id
        self.mappings: dict[Any, int] = {}  # the last mapping number per dossier
        # the questionnaires as they stand (seed_demo installs them); numeric items only get answers
        found = {slug: instrument_latest(slug) for slug in QUESTIONNAIRES}
        self.instruments: dict[str, Instrument] = {s: i for s, i in found.items() if i is not None}
        self.items = {
            slug: [item for item in instrument.items.all() if item.min_value is not None]
            for slug, instrument in self.instruments.items()
        }
        self.next_administration = 1
        # the time of the load, as the database takes it
        self.now = Administration._meta.get_field("submitted_at").get_db_prep_save(timezone.now(), connection)

    def build(self, rows: list[tuple[Any, ...]]) -> dict[str, Columns]:
        """rows: (pk, dossier_id, child_id, kind, started_on, ended_on), the dossier id as 32 hex digits
        and the dates as days since 1970 (bulk_rows.day_number; ended_on None while running). Returns per
        table the columns to insert (bulk_rows.insert_columns); "ended": the new ends of the ended ones
        (id, ended_on, end_reason)."""
        rng, today = self.rng, self.today
        pk, dossier, child, kind, start, was_ended = _columns(rows)
        n = len(pk)
        probation = np.isin(kind, sorted(YOUTH_PROBATION_MEASURES))
        # one method per dossier, by the draw for its first measure in the batch
        _, first, which = np.unique(dossier, return_index=True, return_inverse=True)
        new = (rng.random(n) < 0.5)[first][which]
        out: dict[str, Columns] = {}
        labelled = np.sort(first)
        method = np.where(
            new, np.where(probation, Method.SIGNS_OF_SUCCESS, Method.SIGNS_OF_SAFETY), Method.REGULAR
        )
        out["labels"] = {
            "dossier_id": dossier[labelled].tolist(),
            "method": method[labelled].tolist(),
            "since": iso_days(start[labelled]),
        }

        # the end: a reason and a duration by method
        reason = np.empty(n, dtype=object)
        for flag in (True, False):
            reasons, weights = zip(*END_REASONS[flag], strict=True)
            chosen = rng.choice(len(reasons), p=np.array(weights) / sum(weights), size=n)
            reason = np.where(new == flag, np.array(reasons, dtype=object)[chosen], reason)
        median = np.where(new, DURATION_MEDIAN[True], DURATION_MEDIAN[False])
        days = np.maximum(14, (rng.lognormal(0, 0.45, size=n) * median).astype(np.int64))
        ended_on = np.where(was_ended, np.minimum(start + days, today), -1)
        e = np.flatnonzero(was_ended)
        out["ended"] = {
            "id": pk[e].tolist(),
            "ended_on": iso_days(ended_on[e]),
            "end_reason": reason[e].tolist(),
        }
        until = np.where(was_ended, ended_on, today)
        long = until - start >= 60

        out["risks"] = self._risks(pk, dossier, child, start, until, new, probation, long)
        out["events"] = self._events(pk, dossier, start, until, new, probation)
        out["contacts"] = self._contacts(dossier, start, until, new)
        out["mappings"], out["ratings"] = self._scales(dossier, child, start, until, new, long)
        out["administrations"], out["answers"] = self._questionnaires(dossier, start, until, was_ended, new)

        # the judgement at the end, and sometimes a new measure later (a repeat appeal)
        goal = np.where(
            new,
            rng.choice((1, 2, 3, 4, 5), p=_share(GOAL_WEIGHTS[True]), size=n),
            rng.choice((1, 2, 3, 4, 5), p=_share(GOAL_WEIGHTS[False]), size=n),
        )
        accepted = np.clip(goal + rng.choice((-1, 0, 0, 1), size=n), 1, 5)
        out["judgements"] = {
            "measure_id": pk[e].tolist(),
            "dossier_id": dossier[e].tolist(),
            "goal_realisation": goal[e].tolist(),
            "help_accepted": accepted[e].tolist(),
            "evidence": [EVIDENCE] * len(e),
            "judged_on": iso_days(ended_on[e]),
        }
        again = ended_on + rng.integers(30, 701, size=n)
        share = np.where(new, REPEAT_SHARE[True], REPEAT_SHARE[False])
        r = np.flatnonzero(
            was_ended
            & ~np.isin(reason, [EndReason.ESCALATED, EndReason.TRANSFERRED])
            & (rng.random(n) < share)
            & (again <= today)
        )
        out["new"] = {
            "dossier_id": dossier[r].tolist(),
            "child_id": child[r].tolist(),
            "kind": kind[r].tolist(),
            "started_on": iso_days(again[r]),
            "planned_end_on": iso_days(again[r] + 365),
        }
        return out

    def _risks(self, pk: Any, dossier: Any, child: Any, start: Any, until: Any, new: Any, probation: Any,
               long: Any) -> Columns:  # fmt: skip
        """Two assessments of the dynamic factors: two weeks after the start and at the end (or today)."""
        rng, n = self.rng, len(pk)
        first = np.maximum(5.0, rng.normal(20, 5, size=n))
        mean = np.where(new, RISK_DROP[True][0], RISK_DROP[False][0])
        spread = np.where(new, RISK_DROP[True][1], RISK_DROP[False][1])
        last = np.clip(first + rng.normal(mean, spread), 0.0, 50.0)
        weights = rng.random((n, 2, len(FACTORS))) + 0.1
        totals = np.stack((first, last), axis=1)
        # each factor's score in tenths, so that the total is their exact sum
        tenths = np.rint(weights * (totals / weights.sum(axis=2))[:, :, None] * 10).astype(np.int64)
        keep = np.flatnonzero(long)
        tenths = tenths[keep].reshape(-1, len(FACTORS))  # first and last of each measure, in turn
        total = tenths.sum(axis=1)
        level = np.where(
            total >= 250, RiskLevel.HIGH, np.where(total >= 120, RiskLevel.MEDIUM, RiskLevel.LOW)
        )
        template = "{" + ", ".join(f'"{factor}": %r' for factor in FACTORS) + "}"
        twice = np.repeat(keep, 2)
        days = np.stack((start + 14, until), axis=1)[keep].ravel()
        return {
            "dossier_id": dossier[twice].tolist(),
            "child_id": child[twice].tolist(),
            "measure_id": pk[twice].tolist(),
            "instrument": np.where(probation[twice], RiskInstrument.LIJ, RiskInstrument.ARIJ).tolist(),
            "assessed_on": iso_days(days),
            "overall_level": level.tolist(),
            "dynamic_scores": [template % tuple(row) for row in (tenths / 10).tolist()],
            "dynamic_total": [f"{t // 10}.{t % 10}" for t in total.tolist()],
        }

    def _events(self, pk: Any, dossier: Any, start: Any, until: Any, new: Any, probation: Any) -> Columns:
        """Warning talks and reports back in youth probation, a Poisson number of each over the measure."""
        rng = self.rng
        parts = []
        for kind, rate in (
            (ProbationEventKind.WARNING_TALK, WARNING_RATE),
            (ProbationEventKind.REPORT_BACK, REPORT_RATE),
        ):
            count = np.where(probation, rng.poisson(np.where(new, rate[True], rate[False])), 0)
            owner = np.repeat(np.arange(len(pk)), count)
            span = np.maximum(until - start, 1)[owner]
            day = start[owner] + (rng.random(len(owner)) * (span + 1)).astype(np.int64)
            parts.append((kind, owner, day))
        owner = np.concatenate([o for _, o, _ in parts])
        order = np.argsort(owner, kind="stable")  # per measure, as they would be recorded
        owner = owner[order]
        m = len(owner)
        return {
            "dossier_id": dossier[owner].tolist(),
            "measure_id": pk[owner].tolist(),
            "kind": np.concatenate([[k] * len(o) for k, o, _ in parts]).astype(object)[order].tolist(),
            "occurred_on": iso_days(np.concatenate([d for _, _, d in parts])[order]),
            "reason": _pick(rng, ProbationEventReason.values, m),
            "outcome": _pick(rng, ProbationEventOutcome.values, m),
        }

    def _contacts(self, dossier: Any, start: Any, until: Any, new: Any) -> Columns:
        """The first contact soon after the start (sooner with the new method), then one every few weeks."""
        rng, n = self.rng, len(dossier)
        if self.worker_id is None:
            return {}
        low = np.where(new, FIRST_CONTACT_DAYS[True][0], FIRST_CONTACT_DAYS[False][0])
        high = np.where(new, FIRST_CONTACT_DAYS[True][1], FIRST_CONTACT_DAYS[False][1])
        day = start + rng.integers(low, high + 1)
        span = np.maximum(until - day, 0)
        count = np.where(day <= until, np.minimum(CONTACTS_PER_MEASURE, 1 + span // 30), 0)
        owner = np.repeat(np.arange(n), count)
        index = np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)
        on = day[owner] + span[owner] * index // count[owner]
        m = len(owner)
        return {
            "dossier_id": dossier[owner].tolist(),
            "occurred_on": iso_days(on),
            "minutes": np.array((30, 45, 60, 90))[rng.integers(4, size=m)].tolist(),
            "kind": _pick(rng, CONTACT_KINDS, m),
            "worker_id": [self.worker_id] * m,
        }

    def _scale_pairs(self, new: Any) -> Any:
        rng, n = self.rng, len(new)
        first = np.clip(np.rint(rng.normal(4, 1.5, size=n)), 0, 10)
        mean = np.where(new, SAFETY_RISE[True][0], SAFETY_RISE[False][0])
        spread = np.where(new, SAFETY_RISE[True][1], SAFETY_RISE[False][1])
        last = np.clip(np.rint(first + rng.normal(mean, spread)), 0, 10)
        return np.stack((first, last), axis=1).astype(np.int64)

    def _scales(
        self, dossier: Any, child: Any, start: Any, until: Any, new: Any, long: Any
    ) -> tuple[Columns, Columns]:
        """The mapping's safety scale and the family's safety scaling question, at the start and the end."""
        mapping, rating = self._scale_pairs(new), self._scale_pairs(new)
        keep = np.flatnonzero(long)
        twice = np.repeat(keep, 2)
        days = iso_days(np.stack((start + 10, until - 5), axis=1)[keep].ravel())
        numbers = []
        for dossier_id in dossier[twice].tolist():
            number = self.mappings[dossier_id] = self.mappings.get(dossier_id, 0) + 1
            numbers.append(number)
        mappings = {
            "dossier_id": dossier[twice].tolist(),
            "number": numbers,
            "held_on": days,
            "safety_scale": mapping[keep].ravel().tolist(),
        }
        ratings = {
            "dossier_id": dossier[twice].tolist(),
            "question": [ScaleQuestion.SAFETY] * len(twice),
            "child_id": child[twice].tolist(),
            "score": rating[keep].ravel().tolist(),
            "rated_on": days,
        }
        return mappings, ratings

    def _questionnaires(
        self, dossier: Any, start: Any, until: Any, ended: Any, new: Any
    ) -> tuple[Columns, Columns]:
        """Session feedback once during the measure, Samen Sterker for about half, EXIT at the end."""
        rng, n = self.rng, len(dossier)
        middle = start + (until - start) // 2
        grade = np.clip(np.rint(rng.normal(np.where(new, EXIT_GRADE[True], EXIT_GRADE[False]), 1.2)), 1, 10)
        plans = (
            ("session-end", np.ones(n, dtype=bool), middle, (5, 10)),
            ("samen-sterker", rng.random(n) < SAMEN_STERKER_SHARE, middle, (4, 10)),
            ("exit", ended & (rng.random(n) < EXIT_RESPONSE), until, (2, 4)),
        )
        owners, instruments, days, answers = [], [], [], {"administration_id": [], "item_id": [], "value": []}
        for slug, taken, day, (low, high) in plans:
            instrument = self.instruments.get(slug)
            if instrument is None or not taken.any():
                continue
            owner = np.flatnonzero(taken)
            ids = np.arange(self.next_administration, self.next_administration + len(owner))
            self.next_administration += len(owner)
            owners.append(owner)
            instruments.append(np.full(len(owner), instrument.pk))
            days.append(day[owner])
            items = self.items[slug]
            values = rng.integers(low, high + 1, size=(len(owner), len(items)))
            for column, item in enumerate(items):
                if slug == "exit" and item.key == "grade":
                    values[:, column] = grade[owner]
            answers["administration_id"] += np.repeat(ids, len(items)).tolist()
            answers["item_id"] += [item.pk for item in items] * len(owner)
            answers["value"] += values.ravel().tolist()
        if not owners:
            return {}, {}
        owner = np.concatenate(owners)
        count = len(owner)
        first = self.next_administration - count
        administrations = {
            "id": list(range(first, first + count)),
            "instrument_id": np.concatenate(instruments).tolist(),
            "dossier_id": dossier[owner].tolist(),
            "respondent_type": [RespondentType.YOUNG_PERSON] * count,
            "taken_on": iso_days(np.concatenate(days)),
            "submitted_at": [self.now] * count,
        }
        answers["text"] = [""] * len(answers["value"])
        return administrations, answers


def _share(weights: Any) -> Any:
    return np.array(weights, dtype=float) / sum(weights)


def _pick(rng: np.random.Generator, values: Any, count: int) -> list[Any]:
    return np.array(list(values), dtype=object)[rng.integers(len(values), size=count)].tolist()


def _columns(rows: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    pk, dossier, child, kind, start, ended = zip(*rows, strict=True) if rows else ((),) * 6
    return (
        np.array(pk, dtype=np.int64),
        np.array(dossier, dtype=object),
        np.array(child, dtype=np.int64),
        np.array(kind, dtype=object),
        np.array(start, dtype=np.int64),
        np.array([e is not None for e in ended], dtype=bool),
    )


def _write(made: dict[str, Columns]) -> None:
    """One batch into the tables (kring.bulk_rows.insert_columns), the new ends in one statement."""
    ended = made["ended"]
    table = connection.ops.quote_name(Measure._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS m SET ended_on = v.ended_on, end_reason = v.end_reason "  # noqa: S608
                "FROM (SELECT UNNEST(%s::bigint[]) AS id, UNNEST(%s::date[]) AS ended_on, "
                "UNNEST(%s::text[]) AS end_reason) AS v WHERE m.id = v.id",
                [ended["id"], ended["ended_on"], ended["end_reason"]],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET ended_on = %s, end_reason = %s WHERE id = %s",  # noqa: S608
                list(zip(ended["ended_on"], ended["end_reason"], ended["id"], strict=True)),
            )
    administrations = dict(made["administrations"])
    keys = administrations.pop("id", None)
    if keys:
        insert_columns(Administration, administrations, keys=keys)
        reset_sequences(Administration)
    for name, model in MODELS.items():
        if name != "administrations" and made[name]:
            insert_columns(model, made[name])


def add_outcomes(
    *, first_reference: str, last_reference: str, seed: int, today: date, batch_size: int = 10_000,
    write: Callable[[str], Any] = print,
) -> dict[str, int]:  # fmt: skip
    """Outcome facts for the measures of the dossiers with a reference in [first, last]."""
    team_member = (
        Membership.objects.active()
        .filter(team__dossiers__reference=first_reference)
        .order_by("user__username")
        .values_list("user_id", flat=True)
        .first()
    )  # the professional of the contacts: someone of the owning team
    # one generator for the run, from the seed and the first reference: the same load gives the same facts
    digits = int("".join(c for c in first_reference if c.isdigit()) or 0)
    builder = OutcomeBuilder(rng=np.random.default_rng([seed, digits]), today=today, worker_id=team_member)
    measures = Measure.objects.filter(
        dossier__reference__gte=first_reference, dossier__reference__lte=last_reference
    ).order_by("pk")
    # the new measures added here (repeat appeals) lie beyond the last one: they get no outcomes of their own
    highest = measures.values_list("pk", flat=True).last() or 0
    measures = measures.filter(pk__lte=highest)
    totals = dict.fromkeys(TABLES, 0)
    last_pk = 0
    while True:
        rows = [
            (pk, dossier.hex, child, kind, day_number(started), ended)
            for pk, dossier, child, kind, started, ended in measures.filter(pk__gt=last_pk).values_list(
                "pk", "dossier_id", "child_id", "kind", "started_on", "ended_on"
            )[:batch_size]
        ]
        if not rows:
            break
        last_pk = rows[-1][0]
        builder.next_administration = next_keys(Administration, 1)[0]
        made = builder.build(rows)
        with transaction.atomic():
            _write(made)
            # the dossiers' last contact, by the definition the services use
            Dossier.objects.filter(pk__in={row[1] for row in rows}).refresh_activity()
        for name, columns in made.items():
            totals[name] += len(next(iter(columns.values()))) if columns else 0
        write(f"  outcomes for {totals['labels']:,} dossiers, {sum(totals.values()):,} rows")
    return totals
