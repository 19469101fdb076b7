"""The insights cohort of the demo (kring.demo.outcomes): written through the services, the same every run,
and enough for the team lead's comparison of Signs of Success against regular probation."""

import io
import random

from django.core.management import call_command

from kring.audit.models import AuditEntry
from kring.cases.models import (
    YOUTH_PROBATION_MEASURES,
    ClosureStatus,
    Dossier,
    DossierClosure,
    DossierStatus,
    Measure,
)
from kring.demo import outcomes
from kring.insights.cohorts import TOO_SMALL, compare
from kring.insights.indicators import Cohort, cohort_measures
from kring.insights.models import EndJudgement, Method, MethodLabel, RiskAssessment


def test_the_cohort_is_drawn_the_same_every_run():
    def draw():
        rng = random.Random(outcomes.SEED)
        return [outcomes._draw(rng, n) for n in range(outcomes.FIRST_NUMBER, outcomes.FIRST_NUMBER + 5)]

    assert draw() == draw()


def test_the_demo_gives_the_team_lead_two_methods_to_compare(db):
    call_command("seed_demo", stdout=io.StringIO())
    dossiers = Dossier.objects.filter(reference__startswith="KR-NL-2025-01")
    assert dossiers.count() == outcomes.PEOPLE
    team = dossiers.values_list("owning_team", flat=True).distinct().get()
    labels = MethodLabel.objects.filter(dossier__in=dossiers)
    assert labels.filter(method=Method.SIGNS_OF_SUCCESS).count() == outcomes.PEOPLE // 2
    assert labels.filter(method=Method.REGULAR).count() == outcomes.PEOPLE // 2
    ended = Measure.objects.filter(dossier__in=dossiers, ended_on__isnull=False)
    assert ended.count() == outcomes.PEOPLE and set(ended.values_list("kind", flat=True)) <= set(
        YOUTH_PROBATION_MEASURES
    )
    assert EndJudgement.objects.filter(measure__in=ended).count() == outcomes.PEOPLE
    assert RiskAssessment.objects.filter(measure__in=ended).count() == 2 * outcomes.PEOPLE
    # a dossier is closed with four eyes once its measure ended, unless a new measure followed (still running)
    for dossier in dossiers.prefetch_related("measures"):
        running = [m for m in dossier.measures.all() if m.ended_on is None]
        closure = DossierClosure.objects.filter(dossier=dossier, status=ClosureStatus.CONFIRMED).first()
        if running:
            assert dossier.status == DossierStatus.OPEN and closure is None, dossier.reference
        else:
            assert dossier.status == DossierStatus.CLOSED, dossier.reference
            assert (closure.proposed_by.username, closure.decided_by.username) == (
                outcomes.WORKER,
                outcomes.TEAM_LEAD,
            )
    # through the services: every fact has its audit entry
    assert AuditEntry.objects.filter(object_type="insights.riskassessment").count() >= 2 * outcomes.PEOPLE

    def cohort(method):
        return cohort_measures(Cohort(team_ids=frozenset({team}), method=method))

    results = compare(cohort(Method.REGULAR), cohort(Method.SIGNS_OF_SUCCESS))
    assert all(r.n_a >= TOO_SMALL and r.n_b >= TOO_SMALL and not r.warning for r in results)
    assert any(r.certain for r in results)  # the cohort shows a difference the intervals are sure of
