"""The system (actor=None) may open a dossier under its own reference and on its own day, as an import or the
demo's stories do; a person never can: they get the next reference, opened today."""

from datetime import date

import pytest
import time_machine

from kring.cases.models import CaseOrigin, Dossier, DossierEvent, EventKind, OriginKind, Participant
from kring.cases.services import intake
from kring.cases.services.intake import CarerIn, Intake, PersonIn

TODAY = date(2026, 11, 16)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(f"{TODAY.isoformat()} 10:00 +01:00", tick=False):
        yield


def _intake(team) -> Intake:
    return Intake(
        team=team,
        title="Gezin Peeters",
        origin_kind=OriginKind.COURT_ORDER,
        origin_on=date(2025, 1, 14),
        case_role="consulent",
        children=[
            PersonIn(first_name="Lore", last_name="Peeters", date_of_birth=date(2012, 3, 4), gender="female")
        ],
        carers=[CarerIn(PersonIn(first_name="Ann", last_name="Peeters", gender="female"), relation="mama")],
    )


def test_the_system_keeps_a_dossiers_own_reference_and_opening_day(world):
    team = world.dossier.owning_team
    dossier = intake.dossier_intake(
        actor=None, intake=_intake(team), reference="KR-NL-2019-0042", opened_on=date(2019, 5, 6)
    )
    assert (dossier.reference, dossier.opened_on) == ("KR-NL-2019-0042", date(2019, 5, 6))
    assert Participant.objects.get(dossier=dossier).started_on == date(2019, 5, 6)
    assert DossierEvent.objects.get(dossier=dossier, kind=EventKind.OPENED).occurred_on == date(2019, 5, 6)
    assert CaseOrigin.objects.get(dossier=dossier).came_in_on == date(2025, 1, 14)
    assert not dossier.circle.exists()  # the system takes no seat


def test_the_system_without_a_reference_gets_the_next_one_of_its_opening_year(world):
    dossier = intake.dossier_intake(
        actor=None, intake=_intake(world.dossier.owning_team), opened_on=date(2019, 5, 6)
    )
    assert dossier.reference.startswith("KR-NL-2019-") and dossier.opened_on == date(2019, 5, 6)


@pytest.mark.parametrize("keep", [{"reference": "KR-NL-2019-0042"}, {"opened_on": date(2019, 5, 6)}])
def test_a_person_cannot_choose_the_reference_or_the_opening_day(world, keep):
    before = Dossier.objects.count()
    with pytest.raises(ValueError):
        intake.dossier_intake(actor=world.circle_member, intake=_intake(world.dossier.owning_team), **keep)
    assert Dossier.objects.count() == before
