"""The demo caseload's Signs of Safety: the stories of seed 004 case 2 (Lambrecht) and seed 001 (Kaya)."""

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from kring.safety import scales
from kring.safety.mapping import mapping_compare
from kring.safety.models import (
    BottomLine,
    DangerStatement,
    Evaluation,
    JournalEntry,
    Mapping,
    MappingItem,
    PlanRule,
    PlanVersion,
    SafetyGoal,
    ScaleRating,
)

pytestmark = pytest.mark.django_db

DEMO_DOSSIERS = ("KR-BE-2026-0002", "KR-NL-2026-0006")


def _counts():
    return tuple(
        m.objects.count()
        for m in (Mapping, MappingItem, PlanVersion, DangerStatement, SafetyGoal, ScaleRating)
    )


@pytest.fixture(autouse=True)
def _december():
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        yield


def test_demo_safety_data_tells_the_stories_and_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    counts = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == counts

    for reference in DEMO_DOSSIERS:
        first, second = Mapping.objects.filter(dossier__reference=reference).order_by("number")
        comparison = mapping_compare(first, second)
        assert comparison.added and comparison.changed and comparison.removed, reference
        assert first.safety_scale < second.safety_scale
        assert comparison.joined and not comparison.left

    for reference in DEMO_DOSSIERS:
        danger = DangerStatement.objects.get(dossier__reference=reference)
        assert danger.text.startswith("De zorg van ") and danger.children.count() == 2
        assert danger.safety_goals.get().text.startswith("Om ")
    served = PlanRule.objects.filter(
        version__plan__dossier__reference="KR-BE-2026-0002", safety_goals__isnull=False
    )
    assert served.count() == 3

    for reference in DEMO_DOSSIERS:
        ratings = ScaleRating.objects.filter(dossier__reference=reference, question="safety").select_related(
            "child", "participant__person", "circle_member__user"
        )
        assert len({r.rater_key for r in ratings}) >= 5 and len({r.rated_on for r in ratings}) == 3
        assert {r.group for r in ratings if r.child_id} == {"family"}
        moments = scales.gap_moments(scales.points_of(ratings), scales.gap_threshold())
        assert moments[0].large and not moments[-1].large, reference
    evaluation = Evaluation.objects.get(dossier__reference="KR-BE-2026-0002")
    lines = BottomLine.objects.filter(dossier__reference="KR-BE-2026-0002")
    assert {(line.status, line.status_evaluation_id) for line in lines} == {("met", evaluation.pk)}
    assert evaluation.ratings.count() == 6 and evaluation.plan_version.frozen
    entries = JournalEntry.objects.filter(dossier__reference="KR-BE-2026-0002")
    assert entries.count() == 6 and entries.filter(said_by_participant__isnull=False).count() == 5
    assert {e.recorded_by.username for e in entries} == {"tom.claes"}
    unread = entries.exclude(reads__user__username="elke.wouters")
    assert unread.count() == 2
