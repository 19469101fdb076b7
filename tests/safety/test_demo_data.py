"""The demo caseload's Signs of Safety: the stories of seed 004 case 2 (Lambrecht) and seed 001 (Kaya)."""

from io import StringIO

import pytest
from django.core.management import call_command

from kring.safety.mapping import mapping_compare
from kring.safety.models import DangerStatement, Mapping, MappingItem, PlanRule, PlanVersion, SafetyGoal

pytestmark = pytest.mark.django_db

DEMO_DOSSIERS = ("KR-BE-2026-0002", "KR-NL-2026-0006")


def _counts():
    return tuple(m.objects.count() for m in (Mapping, MappingItem, PlanVersion, DangerStatement, SafetyGoal))


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
