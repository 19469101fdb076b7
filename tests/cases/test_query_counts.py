"""Pages do a bounded number of queries, whatever the size of the caseload."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..factories import CircleMemberFactory, DossierFactory, MembershipFactory


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _give_dossiers(membership, count: int, children: int = 2) -> None:
    for _ in range(count):
        dossier = DossierFactory(owning_team=membership.team, with_children=children)
        CircleMemberFactory(dossier=dossier, membership=membership)


def test_my_dossiers_does_not_grow_with_the_caseload(world, client_for):
    membership = world.circle_member.memberships.get()
    client = client_for("circle_member")
    _give_dossiers(membership, 3)
    few = _queries(client, reverse("dossier_list"))
    _give_dossiers(membership, 30)
    many = _queries(client, reverse("dossier_list"))
    # session, user, MFA requirement (2), whether the reader walks the order index (team lead, many seats),
    # every key of her few dossiers (paged and counted in Python), the page's rows (team, organisation,
    # whole-dossier flag), their children, their running measures, grounds per dossier (grants, seats, led
    # teams), audit (one insert), navigation (memberships), the "new dossier" link (teams), the unanswered
    # "I don't feel safe" alerts (kring.portal)
    assert few == many == 16


def test_the_team_list_does_not_grow_with_the_team(world, client_for):
    client = client_for("team_lead")
    team = world.dossier.owning_team
    for _ in range(3):
        DossierFactory(owning_team=team, with_children=2)
    few = _queries(client, reverse("dossier_team_list"))
    for _ in range(30):
        DossierFactory(owning_team=team, with_children=2)
    many = _queries(client, reverse("dossier_team_list"))
    # session, user, MFA requirement (2), whether the reader walks (a team lead does), her teams, the keys
    # of the open and of the other dossiers (two index range scans), the rows (team, organisation, flag),
    # their children, their running measures, the bounded count, grounds per dossier (grants, seats, led
    # teams), audit (one insert), navigation (memberships), the "new dossier" link (teams), the unanswered
    # "I don't feel safe" alerts (kring.portal)
    assert few == many == 19


def _give_pathways(world, count: int) -> None:
    """Running pathways on `count` new dossiers of the world's team, with the circle member in the circle."""
    from datetime import date

    from kring.pathways.models import PathwayTemplate
    from kring.pathways.services import pathway_start

    membership = world.circle_member.memberships.get()
    template = PathwayTemplate.objects.get(slug="safety-planning-urgency-be")
    for _ in range(count):
        dossier = DossierFactory(owning_team=membership.team, opened_on=date(2026, 1, 1))
        CircleMemberFactory(dossier=dossier, membership=membership)
        pathway_start(actor=None, dossier=dossier, template=template, started_on=date(2026, 3, 2))


@pytest.fixture
def march():
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        yield


def test_my_agenda_does_not_grow_with_the_dossiers(world, client_for, march):
    client = client_for("circle_member")
    _give_pathways(world, 2)
    few = _queries(client, reverse("agenda"))
    _give_pathways(world, 8)
    many = _queries(client, reverse("agenda"))
    # session, user, MFA requirement (2), my open steps with pathway, dossier, team and organisation,
    # grounds for the listed dossiers (grants, seats, led teams), audit (one insert), calendar feed,
    # navigation (memberships)
    assert few == many == 11


def test_the_team_agenda_does_not_grow_with_the_dossiers(world, client_for, march):
    client = client_for("team_lead")
    _give_pathways(world, 2)
    few = _queries(client, reverse("agenda_team"))
    _give_pathways(world, 8)
    many = _queries(client, reverse("agenda_team"))
    # session, user, MFA requirement (2), my teams, the team's dossiers with a running pathway (checked row by
    # row against the policy), grounds (grants, seats, led teams), the open steps with dossier and
    # responsible, then the listing's audit: grounds again (grants, seats, led teams), one insert;
    # navigation (memberships)
    assert few == many == 15


def test_the_dossier_page_does_not_grow_with_children_or_circle(world, client_for):
    client = client_for("circle_member")
    url = reverse("dossier_detail", args=[world.dossier.pk])
    few = _queries(client, url)
    world.dossier.children.add(*DossierFactory(with_children=10).children.all())
    for _ in range(12):
        CircleMemberFactory(
            dossier=world.dossier,
            membership=MembershipFactory(team=None, organisation=world.dossier.owning_team.organisation),
        )
    many = _queries(client, url)
    # session, user, MFA requirement (2), dossier with team, grounds (grants, seats, led teams),
    # audit (one insert), children, circle, placements,
    # feedback summary (latest questionnaire, session series: administrations [+ items, answers when there
    # are any], questionnaires waiting, open improvement agreements), navigation (emergency access, privacy
    # officer), how the case came in, authority over the children
    assert many == few
    assert many <= 25


def test_the_api_list_does_not_grow_with_the_caseload(world, client_for):
    membership = world.circle_member.memberships.get()
    client = client_for("circle_member")
    _give_dossiers(membership, 3)
    few = _queries(client, reverse("api:list_dossiers"))
    _give_dossiers(membership, 30)
    assert _queries(client, reverse("api:list_dossiers")) == few


def _crowd(dossier, people: int, events: int) -> None:
    from datetime import date

    from kring.cases.models import DossierEvent, Participant, Person

    persons = Person.objects.bulk_create(
        Person(first_name=f"Netwerk{i}", last_name="Lid", date_of_birth=date(1980, 1, 1))
        for i in range(people)
    )
    Participant.objects.bulk_create(
        Participant(dossier=dossier, person=p, role="informal", relation="buur", closeness="wider")
        for p in persons
    )
    DossierEvent.objects.bulk_create(
        DossierEvent(dossier=dossier, kind="meeting", occurred_on=date(2026, 1, 1), summary=f"overleg {i}")
        for i in range(events)
    )


def test_dossier_pages_are_constant_for_200_people_and_2000_events(world, client_for):
    """The issue's yardstick: a dossier of 200 people and 2,000 events costs what a small one does."""
    client = client_for("circle_member")
    urls = [
        reverse("dossier_detail", args=[world.dossier.pk]),
        reverse("network_map", args=[world.dossier.pk]),
        reverse("network_kitchen_table", args=[world.dossier.pk]),
        reverse("dossier_timeline", args=[world.dossier.pk]),
        reverse("dossier_circle", args=[world.dossier.pk]),
    ]
    _crowd(world.dossier, people=3, events=3)  # small, but not empty (an empty page skips its fetch)
    small = [_queries(client, url) for url in urls]
    _crowd(world.dossier, people=197, events=1997)
    assert [_queries(client, url) for url in urls] == small
