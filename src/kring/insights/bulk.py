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

Rows go in as plain inserts of the same models' tables in batches (kring.bulk_rows: executemany on
SQLite, COPY on PostgreSQL), past the services: a service call
per row (policy check, audit entry, history event, one transaction each) would take days at a million
measures. It is an operator's bulk load, audited once by seed_bulk.
"""

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from kring.accounts.models import Membership
from kring.bulk_rows import insert_objects, insert_rows, reset_sequences
from kring.cases.models import YOUTH_PROBATION_MEASURES, Contact, ContactKind, EndReason, Measure
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


def _poisson(rng: random.Random, rate: float) -> int:
    # Knuth's method: small rates only
    limit, k, p = pow(2.718281828459045, -rate), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


TABLES = (
    "labels", "risks", "events", "judgements", "ended", "new", "contacts", "mappings", "ratings",
    "administrations", "answers",
)  # fmt: skip
QUESTIONNAIRES = ("exit", "session-end", "samen-sterker")


class OutcomeBuilder:
    def __init__(self, *, rng: random.Random, today: date, worker_id: Any = None) -> None:
        self.rng, self.today, self.worker_id = rng, today, worker_id
        self.now = timezone.now()
        self.mappings: dict[Any, int] = {}  # the last mapping number per dossier
        # the questionnaires as they stand (seed_demo installs them); numeric items only get answers
        found = {slug: instrument_latest(slug) for slug in QUESTIONNAIRES}
        self.instruments: dict[str, Instrument] = {s: i for s, i in found.items() if i is not None}
        self.items = {
            slug: [item for item in instrument.items.all() if item.min_value is not None]
            for slug, instrument in self.instruments.items()
        }

    def build(self, rows: list[tuple[Any, ...]]) -> dict[str, list[Any]]:
        """rows: (pk, dossier_id, child_id, kind, started_on, ended_on). Returns unsaved objects per table."""
        out: dict[str, list[Any]] = {k: [] for k in TABLES}
        labelled: set[Any] = set()
        for pk, dossier_id, child_id, kind, started_on, ended_on in rows:
            probation = kind in YOUTH_PROBATION_MEASURES
            new_method = self.rng.random() < 0.5
            if dossier_id not in labelled:
                labelled.add(dossier_id)
                method = (
                    (Method.SIGNS_OF_SUCCESS if probation else Method.SIGNS_OF_SAFETY)
                    if new_method
                    else Method.REGULAR
                )
                out["labels"].append(MethodLabel(dossier_id=dossier_id, method=method, since=started_on))
            if ended_on is not None:
                ended_on, reason = self._end(pk, started_on, new_method, out)
            until = ended_on or self.today
            self._risks(pk, dossier_id, child_id, started_on, until, new_method, probation, out)
            if probation:
                self._events(pk, dossier_id, started_on, until, new_method, out)
            self._contacts(dossier_id, started_on, until, new_method, out)
            self._scales(dossier_id, child_id, started_on, until, new_method, out)
            self._questionnaires(dossier_id, started_on, until, ended_on is not None, new_method, out)
            if ended_on is not None:
                self._judgement(pk, dossier_id, ended_on, new_method, out)
                self._repeat(dossier_id, child_id, kind, ended_on, reason, new_method, out)
        return out

    def _contacts(self, dossier_id: Any, start: date, until: date, new_method: bool,
                  out: dict[str, list[Any]]) -> None:  # fmt: skip
        if self.worker_id is None:
            return
        low, high = FIRST_CONTACT_DAYS[new_method]
        day = start + timedelta(days=self.rng.randint(low, high))
        span = max((until - day).days, 0)
        count = min(CONTACTS_PER_MEASURE, 1 + span // 30)
        for index in range(count):
            on = day + timedelta(days=span * index // count)
            if on > until:
                break
            out["contacts"].append(
                Contact(dossier_id=dossier_id, occurred_on=on, minutes=self.rng.choice((30, 45, 60, 90)),
                        kind=self.rng.choice(CONTACT_KINDS), worker_id=self.worker_id)
            )  # fmt: skip

    def _scale_pair(self, new_method: bool) -> tuple[int, int]:
        first = min(10, max(0, round(self.rng.gauss(4, 1.5))))
        mean, spread = SAFETY_RISE[new_method]
        return first, min(10, max(0, round(first + self.rng.gauss(mean, spread))))

    def _scales(self, dossier_id: Any, child_id: Any, start: date, until: date, new_method: bool,
                out: dict[str, list[Any]]) -> None:  # fmt: skip
        """The mapping's safety scale and the family's safety scaling question, at the start and the end."""
        if (until - start).days < 60:
            return
        days = (start + timedelta(days=10), until - timedelta(days=5))
        for day, scale in zip(days, self._scale_pair(new_method), strict=True):
            number = self.mappings[dossier_id] = self.mappings.get(dossier_id, 0) + 1
            out["mappings"].append(
                Mapping(dossier_id=dossier_id, number=number, held_on=day, safety_scale=scale)
            )
        for day, score in zip(days, self._scale_pair(new_method), strict=True):
            out["ratings"].append(
                ScaleRating(dossier_id=dossier_id, question=ScaleQuestion.SAFETY, child_id=child_id,
                            score=score, rated_on=day)
            )  # fmt: skip

    def _questionnaires(self, dossier_id: Any, start: date, until: date, ended: bool, new_method: bool,
                        out: dict[str, list[Any]]) -> None:  # fmt: skip
        """Session feedback once during the measure, Samen Sterker for about half, EXIT at the end."""
        middle = start + (until - start) / 2
        plans = [("session-end", middle, lambda item: self.rng.randint(5, 10))]
        if self.rng.random() < SAMEN_STERKER_SHARE:
            plans.append(("samen-sterker", middle, lambda item: self.rng.randint(4, 10)))
        if ended and self.rng.random() < EXIT_RESPONSE:
            grade = min(10, max(1, round(self.rng.gauss(EXIT_GRADE[new_method], 1.2))))
            plans.append(
                ("exit", until, lambda item: grade if item.key == "grade" else self.rng.randint(2, 4))
            )
        for slug, day, value in plans:
            instrument = self.instruments.get(slug)
            if instrument is None:
                continue
            administration = Administration(
                instrument=instrument, dossier_id=dossier_id, respondent_type=RespondentType.YOUNG_PERSON,
                taken_on=day, created_at=self.now, submitted_at=self.now,
            )  # fmt: skip
            out["administrations"].append(administration)
            for item in self.items[slug]:
                out["answers"].append((administration, item, Decimal(value(item))))

    def _end(
        self, pk: Any, started_on: date, new_method: bool, out: dict[str, list[Any]]
    ) -> tuple[date, str]:
        reasons, weights = zip(*END_REASONS[new_method], strict=True)
        reason = self.rng.choices(reasons, weights=weights)[0]
        days = max(14, int(self.rng.lognormvariate(0, 0.45) * DURATION_MEDIAN[new_method]))
        ended_on = min(started_on + timedelta(days=days), self.today)
        out["ended"].append(Measure(pk=pk, ended_on=ended_on, end_reason=reason))
        return ended_on, reason

    def _risks(self, pk: Any, dossier_id: Any, child_id: Any, start: date, until: date, new_method: bool,
               probation: bool, out: dict[str, list[Any]]) -> None:  # fmt: skip
        if (until - start).days < 60:
            return
        first = max(5.0, self.rng.gauss(20, 5))
        mean, spread = RISK_DROP[new_method]
        last = min(50.0, max(0.0, first + self.rng.gauss(mean, spread)))
        for day, total in ((start + timedelta(days=14), first), (until, last)):
            scores = self._split(total)
            level = RiskLevel.HIGH if total >= 25 else RiskLevel.MEDIUM if total >= 12 else RiskLevel.LOW
            out["risks"].append(
                RiskAssessment(
                    dossier_id=dossier_id, child_id=child_id, measure_id=pk,
                    instrument=RiskInstrument.LIJ if probation else RiskInstrument.ARIJ, assessed_on=day,
                    overall_level=level, dynamic_scores=scores,
                    dynamic_total=sum((Decimal(str(v)) for v in scores.values()), Decimal(0)),
                )
            )  # fmt: skip

    def _split(self, total: float) -> dict[str, float]:
        weights = [self.rng.random() + 0.1 for _ in FACTORS]
        scale = total / sum(weights)
        return {factor: round(w * scale, 1) for factor, w in zip(FACTORS, weights, strict=True)}

    def _events(self, pk: Any, dossier_id: Any, start: date, until: date, new_method: bool,
                out: dict[str, list[Any]]) -> None:  # fmt: skip
        span = max((until - start).days, 1)
        for kind, rate in (
            (ProbationEventKind.WARNING_TALK, WARNING_RATE),
            (ProbationEventKind.REPORT_BACK, REPORT_RATE),
        ):
            for _ in range(_poisson(self.rng, rate[new_method])):
                out["events"].append(
                    ProbationEvent(
                        dossier_id=dossier_id, measure_id=pk, kind=kind,
                        occurred_on=start + timedelta(days=self.rng.randint(0, span)),
                        reason=self.rng.choice(ProbationEventReason.values),
                        outcome=self.rng.choice(ProbationEventOutcome.values),
                    )
                )  # fmt: skip

    def _judgement(
        self, pk: Any, dossier_id: Any, ended_on: date, new_method: bool, out: dict[str, list[Any]]
    ) -> None:
        goal = self.rng.choices((1, 2, 3, 4, 5), weights=GOAL_WEIGHTS[new_method])[0]
        accepted = max(1, min(5, goal + self.rng.choice((-1, 0, 0, 1))))
        out["judgements"].append(
            EndJudgement(measure_id=pk, dossier_id=dossier_id, goal_realisation=goal, help_accepted=accepted,
                         evidence=EVIDENCE, judged_on=ended_on)
        )  # fmt: skip

    def _repeat(self, dossier_id: Any, child_id: Any, kind: str, ended_on: date, reason: str, new_method: bool,  # noqa: E501
                out: dict[str, list[Any]]) -> None:  # fmt: skip
        if (
            reason in (EndReason.ESCALATED, EndReason.TRANSFERRED)
            or self.rng.random() >= REPEAT_SHARE[new_method]
        ):
            return
        started_on = ended_on + timedelta(days=self.rng.randint(30, 700))
        if started_on <= self.today:
            out["new"].append(
                Measure(dossier_id=dossier_id, child_id=child_id, kind=kind, started_on=started_on,
                        planned_end_on=started_on + timedelta(days=365))
            )  # fmt: skip


def _day(day: date) -> Any:
    return day if connection.vendor == "postgresql" else day.isoformat()


def _write(made: dict[str, list[Any]]) -> None:
    """One batch into the tables: plain inserts (kring.bulk_rows), the ends as one UPDATE per row."""
    table = connection.ops.quote_name(Measure._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET ended_on = %s, end_reason = %s WHERE id = %s",  # noqa: S608
            [(_day(m.ended_on), m.end_reason, m.pk) for m in made["ended"]],
        )
    for model, name in (
        (MethodLabel, "labels"), (RiskAssessment, "risks"), (ProbationEvent, "events"),
        (EndJudgement, "judgements"), (Measure, "new"), (Contact, "contacts"), (Mapping, "mappings"),
        (ScaleRating, "ratings"),
    ):  # fmt: skip
        insert_objects(model, made[name])
    insert_objects(Administration, made["administrations"], keys=True)
    reset_sequences(Administration)
    insert_rows(
        Answer,
        ["administration_id", "item_id", "value", "text"],
        ((a.pk, item.pk, value, "") for a, item, value in made["answers"]),
    )


def add_outcomes(
    *, first_reference: str, last_reference: str, seed: int, today: date, batch_size: int = 5_000,
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
    builder = OutcomeBuilder(
        rng=random.Random(f"outcomes:{seed}:{first_reference}"), today=today, worker_id=team_member
    )
    measures = Measure.objects.filter(
        dossier__reference__gte=first_reference, dossier__reference__lte=last_reference
    ).order_by("pk")
    # the new measures added here (repeat appeals) lie beyond the last one: they get no outcomes of their own
    highest = measures.values_list("pk", flat=True).last() or 0
    measures = measures.filter(pk__lte=highest)
    totals = dict.fromkeys(TABLES, 0)
    last_pk = 0
    while True:
        rows = list(
            measures.filter(pk__gt=last_pk).values_list(
                "pk", "dossier_id", "child_id", "kind", "started_on", "ended_on"
            )[:batch_size]
        )
        if not rows:
            break
        last_pk = rows[-1][0]
        made = builder.build(rows)
        with transaction.atomic():
            _write(made)
        for name, objects in made.items():
            totals[name] += len(objects)
        write(f"  outcomes for {totals['labels']:,} dossiers, {sum(totals.values()):,} rows")
    return totals
