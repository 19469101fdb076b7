"""The network of a dossier in a fixed number of queries, and its signals (they warn, never block)."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kring.cases.models import Closeness, Participant, ParticipantRole, Person
from kring.network.models import TableSeat
from kring.network.selectors import CROWDED_TABLE, network_for_dossier, network_warnings

from ..factories import CircleMemberFactory, MembershipFactory


def _codes(dossier) -> list[str]:
    return [warning.code for warning in network_warnings(network_for_dossier(dossier=dossier))]


def _participant(dossier, name: str, role=ParticipantRole.INFORMAL, closeness=Closeness.WIDER) -> Participant:
    person = Person.objects.create(first_name=name, last_name="Visser")
    return Participant.objects.create(
        dossier=dossier, person=person, role=role, relation="buur", closeness=closeness
    )


def _professional(dossier):
    return CircleMemberFactory(
        dossier=dossier,
        membership=MembershipFactory(team=None, organisation=dossier.owning_team.organisation),
    )


def test_an_empty_network_warns_about_the_inner_circle_and_the_table(world):
    assert _codes(world.dossier) == ["inner_circle_empty", "table_no_informal_network"]


def test_someone_in_the_inner_circle_silences_that_warning(world):
    _participant(world.dossier, "Joke", closeness=Closeness.INNER)
    assert "inner_circle_empty" not in _codes(world.dossier)


def test_an_ended_participant_does_not_count(world):
    joke = _participant(world.dossier, "Joke", closeness=Closeness.INNER)
    joke.ended_on = date(2026, 1, 1)
    joke.save()
    assert "inner_circle_empty" in _codes(world.dossier)


def test_parents_alone_at_the_table_are_not_the_informal_network(world, family):
    TableSeat.objects.create(dossier=world.dossier, participant=family.mother_participant, task="Moeder.")
    assert "table_no_informal_network" in _codes(world.dossier)
    TableSeat.objects.create(dossier=world.dossier, participant=family.aunt, task="Kookt op zondag.")
    assert "table_no_informal_network" not in _codes(world.dossier)


def test_more_professionals_than_social_network_at_the_table_is_a_signal(world, family):
    TableSeat.objects.create(dossier=world.dossier, participant=family.aunt, task="Kookt.")
    TableSeat.objects.create(dossier=world.dossier, circle_member=world.dossier.circle.get(), task="Leidt.")
    assert "table_more_professionals" not in _codes(world.dossier)
    TableSeat.objects.create(dossier=world.dossier, circle_member=_professional(world.dossier), task="Ook.")
    assert "table_more_professionals" in _codes(world.dossier)


def test_a_crowded_table_is_a_signal(world):
    for i in range(CROWDED_TABLE):
        TableSeat.objects.create(
            dossier=world.dossier, participant=_participant(world.dossier, f"N{i}"), task="x"
        )
    assert "table_crowded" not in _codes(world.dossier)
    TableSeat.objects.create(
        dossier=world.dossier, participant=_participant(world.dossier, "Extra"), task="x"
    )
    warnings = network_warnings(network_for_dossier(dossier=world.dossier))
    crowded = next(w for w in warnings if w.code == "table_crowded")
    assert "9 people" in crowded.message


def test_the_network_is_sorted_parents_first_then_by_name(world):
    _participant(world.dossier, "Zoe")
    _participant(world.dossier, "Anna")
    _participant(world.dossier, "Mama", role=ParticipantRole.PARENT)
    names = [p.person.first_name for p in network_for_dossier(dossier=world.dossier).participants]
    assert names == ["Mama", "Anna", "Zoe"]


def _count_queries(dossier) -> int:
    with CaptureQueriesContext(connection) as captured:
        network = network_for_dossier(dossier=dossier)
        network_warnings(network)
        for participant in network.participants:
            str(participant.person)
        for seat in network.seats:
            str(seat.occupant)
        for member in network.circle:
            str(member.membership.organisation)
    return len(captured)


def test_the_network_is_read_in_seven_queries_whatever_its_size(world, family):
    few = _count_queries(world.dossier)
    for i in range(30):
        participant = _participant(world.dossier, f"N{i}")
        TableSeat.objects.create(dossier=world.dossier, participant=participant, task="x")
        _professional(world.dossier)
    # children, participants, circle, JIMs, seats, Family Finding, authorities
    assert _count_queries(world.dossier) == few == 7
