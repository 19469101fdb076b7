from datetime import date

import pytest

from kring.cases.models import Participant
from kring.safety import services
from kring.safety.models import SetBy

from ..factories import PersonFactory

SUPERVISED = "the children are always supervised by an adult who can care for them"
THREE_ADULTS = "a safety plan with at least three adults from mother's network saying who does what"


def seat(dossier, first: str, role: str, relation: str, born=date(1970, 1, 1)) -> Participant:
    return Participant.objects.create(
        dossier=dossier,
        person=PersonFactory(first_name=first, last_name="Lambrecht", date_of_birth=born),
        role=role,
        relation=relation,
    )


@pytest.fixture
def case2(world):
    """Seed 004 case 2: the judge's two bottom lines, mother and three adults of her network."""
    d = world.dossier
    lines = [
        services.bottom_line_add(
            actor=None, dossier=d, text=SUPERVISED, set_by_kind=SetBy.JUDGE, set_by_name="jeugdrechter"
        ),
        services.bottom_line_add(
            actor=None,
            dossier=d,
            text=THREE_ADULTS,
            set_by_kind=SetBy.JUDGE,
            set_by_name="jeugdrechter",
            min_network_adults=3,
        ),
    ]
    mother = seat(d, "Nathalie", "parent", "mama")
    network = [
        seat(d, "Rita", "informal", "grootmoeder"),
        seat(d, "Jolien", "informal", "tante"),
        seat(d, "Nicole", "informal", "buurvrouw"),
    ]
    plan = services.plan_create(actor=None, dossier=d, title="Veiligheidsplan Emma en Louis")
    return {"lines": lines, "mother": mother, "network": network, "plan": plan}
