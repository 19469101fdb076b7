from dataclasses import dataclass
from datetime import date

import pytest
from django.utils import translation

from kring.cases.models import AuthorityKind, Participant, ParticipantRole, Person
from kring.cases.services import history


@pytest.fixture(autouse=True)
def english_messages():
    """Service, selector and map tests read the English source texts; pages set their own language."""
    with translation.override("en"):
        yield


@dataclass
class Family:
    child: Person
    mother: Person
    father: Person
    aunt: Participant  # informal network, no authority
    mother_participant: Participant


@pytest.fixture
def family(world) -> Family:
    """World's dossier: a child born 2 April 2013, both parents with authority, an aunt in the network."""
    child = world.dossier.children.get()
    child.first_name, child.last_name, child.date_of_birth = "Daan", "Visser", date(2013, 4, 2)
    child.save()
    mother = Person.objects.create(first_name="Fatma", last_name="Visser", date_of_birth=date(1985, 1, 1))
    father = Person.objects.create(first_name="Henk", last_name="Visser", date_of_birth=date(1983, 6, 5))
    aunt = Person.objects.create(first_name="Lieke", last_name="Visser")
    mother_participant = Participant.objects.create(
        dossier=world.dossier,
        person=mother,
        role=ParticipantRole.PARENT,
        relation="moeder",
        lives_with_child=True,
    )
    Participant.objects.create(
        dossier=world.dossier,
        person=father,
        role=ParticipantRole.PARENT,
        relation="vader",
        lives_with_child=True,
    )
    aunt_participant = Participant.objects.create(
        dossier=world.dossier, person=aunt, role=ParticipantRole.INFORMAL, relation="tante"
    )
    for parent in (mother, father):
        history.authority_record(
            actor=None,
            dossier=world.dossier,
            child=child,
            holder=parent,
            kind=AuthorityKind.PARENTAL,
            started_on=child.date_of_birth,
        )
    return Family(
        child=child,
        mother=mother,
        father=father,
        aunt=aunt_participant,
        mother_participant=mother_participant,
    )
