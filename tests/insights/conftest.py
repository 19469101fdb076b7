"""Fixtures of the insights tests: a frozen day, and one ended youth-probation measure in the dossier."""

from datetime import date

import pytest
import time_machine

from kring.cases.models import Measure


@pytest.fixture
def frozen():
    with time_machine.travel("2026-06-01 10:00 +02:00", tick=False):
        yield


@pytest.fixture
def probation(world):
    return Measure.objects.create(
        dossier=world.dossier,
        child=world.dossier.children.get(),
        kind="nl_youth_probation",
        started_on=date(2026, 3, 1),
        ended_on=date(2026, 5, 20),
        end_reason="goals_reached",
    )
