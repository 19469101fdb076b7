"""Dashboards and cohort comparisons computed in the background, so that a page answers from a stored result.

How it holds together
- The page works out, through the insights policy (access.insights), which scope the reader gets: the
  teams and organisations, the cohort filters, the language. `insight_key` hashes exactly these inputs
  (never the user): readers with the same scope share a `ComputedInsight`; different scopes never do.
- `insight_ensure` makes the row and enqueues `compute_insight` (django-tasks, database backend, run by
  `manage.py db_worker`) when there is no result, it is older than `KRING_INSIGHTS_MAX_AGE_SECONDS`
  (default an hour), it failed, the reader asks to recompute, or a computation is stuck: queued or running
  for longer than `STALE_SECONDS` (a worker that died leaves its task RUNNING for ever, django-tasks
  issue #46), so the next page view or progress poll starts it again; `manage.py insights_requeue` (a
  periodic job, deploy/) does the same for results nobody is looking at.
- `insight_compute` claims the row (queued, or running but stale → running; one conditional UPDATE, so two
  tasks for one row never compute at once), computes in steps (the indicator groups, the end table, the
  comparison), writing `step` after each, and stores the suppressed figures with `computed_at`.
"""

import hashlib
import json
from dataclasses import asdict, fields
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django_tasks import task

from kring.access.insights import InsightsView, Scope

from .cohorts import compare, comparison_rows
from .dashboards import dashboard_shown, end_table, indicator_cards, scoped_cohort
from .indicators import Cohort, cohort_measures, indicator_steps
from .models import ComputedInsight, ComputedStatus

STALE_SECONDS = 15 * 60  # queued or running longer than this: its worker died, compute again
DEFAULT_MAX_AGE_SECONDS = 3600
DASHBOARD, COMPARE = "dashboard", "compare"
_DATES = ("started_from", "started_until", "ended_from", "ended_until")


def _cohort_inputs(cohort: Cohort) -> dict[str, Any]:
    data = asdict(cohort)
    data.pop("team_ids")  # the scope's teams are in the inputs; the view sets them (scoped_cohort)
    data.pop("label")
    data["kinds"] = sorted(data["kinds"])
    for name in _DATES:
        data[name] = data[name].isoformat() if data[name] else None
    return data


def _cohort(data: dict[str, Any]) -> Cohort:
    names = {f.name for f in fields(Cohort)}
    values = {k: v for k, v in data.items() if k in names}
    values["kinds"] = tuple(values.get("kinds") or ())
    for name in _DATES:
        values[name] = date.fromisoformat(values[name]) if values.get(name) else None
    return Cohort(**values)


def insight_inputs(view: InsightsView, kind: str, cohorts: list[Cohort]) -> dict[str, Any]:
    """Exactly what the computation takes: the granted scope, the filters, the language of the labels."""
    return {
        "kind": kind,
        "scope": str(view.scope),
        "team_ids": sorted(view.team_ids),
        "organisation_ids": sorted(view.organisation_ids),
        "may_drill_down": view.may_drill_down,
        "cohorts": [_cohort_inputs(c) for c in cohorts],
        "language": translation.get_language() or settings.LANGUAGE_CODE,
    }


def insight_key(inputs: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def _max_age() -> timedelta:
    return timedelta(seconds=getattr(settings, "KRING_INSIGHTS_MAX_AGE_SECONDS", DEFAULT_MAX_AGE_SECONDS))


def insight_due(row: ComputedInsight, now: Any) -> bool:
    stale = now - timedelta(seconds=STALE_SECONDS)
    if row.status == ComputedStatus.FAILED:
        return True
    if row.status == ComputedStatus.DONE:
        return row.computed_at is None or row.computed_at < now - _max_age()
    if row.status == ComputedStatus.RUNNING:
        return row.started_at is None or row.started_at < stale
    return row.requested_at < stale  # queued, and no worker took it


def insight_ensure(
    view: InsightsView, kind: str, cohorts: list[Cohort], *, force: bool = False
) -> ComputedInsight:
    """The stored result for this scope, with a computation enqueued when it is missing, old or stuck."""
    inputs = insight_inputs(view, kind, cohorts)
    now = timezone.now()
    row, created = ComputedInsight.objects.get_or_create(
        key=insight_key(inputs), defaults={"kind": kind, "inputs": inputs, "requested_at": now}
    )
    busy = row.status in (ComputedStatus.QUEUED, ComputedStatus.RUNNING) and not insight_due(row, now)
    if created or (force and not busy) or insight_due(row, now):
        ComputedInsight.objects.filter(pk=row.pk).update(
            status=ComputedStatus.QUEUED, requested_at=now, step=0
        )
        backend = getattr(settings, "KRING_INSIGHTS_TASK_BACKEND", "default")
        compute_insight.using(backend=backend).enqueue(row.pk)
        row.refresh_from_db()
    return row


def insight_requeue_stuck() -> int:
    """Enqueue again every computation that is stuck (queued or running past STALE_SECONDS: its worker
    died); the number enqueued. Failed ones wait for a reader: a failure that repeats should not loop."""
    now = timezone.now()
    stale = now - timedelta(seconds=STALE_SECONDS)
    stuck = ComputedInsight.objects.filter(
        Q(status=ComputedStatus.QUEUED, requested_at__lt=stale)
        | Q(status=ComputedStatus.RUNNING, started_at__lt=stale)
        | Q(status=ComputedStatus.RUNNING, started_at__isnull=True, requested_at__lt=stale)
    )
    backend = getattr(settings, "KRING_INSIGHTS_TASK_BACKEND", "default")
    requeued = 0
    for pk in stuck.values_list("pk", flat=True):
        # the same conditional claim as a reader's view: a row another run re-queued meanwhile is left alone
        if (
            ComputedInsight.objects.filter(pk=pk, requested_at__lt=stale)
            .filter(Q(status=ComputedStatus.QUEUED) | Q(status=ComputedStatus.RUNNING))
            .update(status=ComputedStatus.QUEUED, requested_at=now, step=0)
        ):
            compute_insight.using(backend=backend).enqueue(pk)
            requeued += 1
    return requeued


def _steps(inputs: dict[str, Any], now: Any) -> list[tuple[str, Any]]:
    """The computation as named steps; each step's result is kept under its name."""
    view = InsightsView(
        Scope(inputs["scope"]),
        frozenset(inputs["team_ids"]),
        may_drill_down=inputs["may_drill_down"],
        organisation_ids=frozenset(inputs["organisation_ids"]),
    )
    today = timezone.localdate(now)
    cohorts = [cohort_measures(scoped_cohort(view, _cohort(c))) for c in inputs["cohorts"]]
    steps: list[tuple[str, Any]] = []
    for index, measures in enumerate(cohorts):
        steps += [(f"{index}:{name}", f) for name, f in indicator_steps(measures, today=today, now=now)]
    if inputs["kind"] == DASHBOARD:
        steps.append(("table", lambda: end_table(view, cohorts[0])))
    else:
        steps.append(("compare", lambda: compare(cohorts[0], cohorts[1])))
    return steps


def _shown(inputs: dict[str, Any], done: dict[str, Any]) -> dict[str, Any]:
    def figures(index: int) -> dict[str, Any]:
        prefix = f"{index}:"
        return {k[len(prefix) :]: v for k, v in done.items() if k.startswith(prefix)}

    if inputs["kind"] == DASHBOARD:
        return dashboard_shown(figures(0), done["table"])
    results = done["compare"]
    return {
        "results": [
            {**row, "certain": r.certain} for row, r in zip(comparison_rows(results), results, strict=True)
        ],
        "indicators": list(zip(indicator_cards(figures(0)), indicator_cards(figures(1)), strict=True)),
    }


def insight_compute(pk: int) -> str:
    """Claim the row, compute it step by step and store what the page shows."""
    now = timezone.now()
    stale = now - timedelta(seconds=STALE_SECONDS)
    claimed = (
        ComputedInsight.objects.filter(pk=pk)
        .filter(Q(status=ComputedStatus.QUEUED) | Q(status=ComputedStatus.RUNNING, started_at__lt=stale))
        .update(status=ComputedStatus.RUNNING, started_at=now, step=0)
    )
    if not claimed:
        return "skipped"
    rows = ComputedInsight.objects.filter(pk=pk)
    inputs = rows.get().inputs
    try:
        with translation.override(inputs["language"]):
            steps = _steps(inputs, now)
            rows.update(steps=len(steps))
            done: dict[str, Any] = {}
            for number, (name, compute) in enumerate(steps, start=1):
                done[name] = compute()
                rows.update(step=number)
            shown = _shown(inputs, done)
    except Exception:
        rows.update(status=ComputedStatus.FAILED)
        raise
    # a fresh request may have queued it again meanwhile: the figures are stored all the same
    row = rows.get()
    row.figures, row.status, row.computed_at = shown, ComputedStatus.DONE, timezone.now()
    row.save(update_fields=["figures", "status", "computed_at"])
    return "done"


@task()
def compute_insight(pk: int) -> str:
    return insight_compute(pk)
