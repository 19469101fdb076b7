"""Pages do a bounded number of queries, whatever the size of the caseload."""

import pytest
import time_machine
from django.urls import reverse

from ..factories import CircleMemberFactory, DossierFactory, MembershipFactory
from ..queries import assert_page_queries
from ..queries import count_queries as _queries

# What every page of a logged-in professional reads first: the session, the user, and whether two-factor
# login is required (an organisation that enforces it: the reader's memberships with team and organisation,
# loaded once for the whole request, kring.access.policy.current_memberships; a device of their own).
LOGGED_IN = ["django_session", "accounts_user", "accounts_membership", "otp_totp_totpdevice"]
# On what grounds the reader sees the dossiers shown (kring.access.policy.view_grounds: teams led from the
# memberships; emergency grants only for a designated member, which these readers are not), then the read
# entry in the audit log (one insert; the log is chained afterwards).
GROUNDS_AND_AUDIT = [
    "cases_circlemember",  # seats in the circle
    "audit_auditentry",  # the read entry
]

# My dossiers (a reader with few seats: every matching key, sorted and paged in Python).
CASELOAD = [
    *LOGGED_IN,
    "cases_circlemember",  # whether the reader walks the order index (many seats; a lead walks anyway)
    "cases_dossier",  # every key of her dossiers
    "cases_dossier",  # the page's rows with team, organisation, whole-dossier flag and the reader's seat
    "cases_person",  # their children
    "cases_measure",  # their running measures
    "audit_auditentry",  # the read entries, on the grounds of the rows' seats and the reader's memberships
    "insights_insightsgrant",  # navigation: an insights grant (capabilities; the rest from the memberships)
    "portal_unsafealert",  # the unanswered "I don't feel safe" alerts (kring.portal)
]

# The dossier page, through the door (kring.cases.selectors.dossier_open).
DOSSIER_PAGE = [
    *LOGGED_IN,
    "cases_dossier",  # the dossier with its team and organisation
    *GROUNDS_AND_AUDIT,
    "cases_person",  # the children
    "cases_circlemember",  # the circle
    "insights_insightsgrant",  # navigation: capabilities (an insights grant)
    "cases_measure",  # whether a compulsory measure runs
    "cases_caseorigin",  # how the case came in
    "cases_authority",  # authority over the children
    "cases_placement",  # placements
    "feedback_administration",  # the latest questionnaire
    "feedback_administration",  # the session series
    "feedback_administration",  # questionnaires waiting
    "feedback_improvementagreement",  # open improvement agreements
]

# The API's dossier list (a token or a session; paginated).
API_LIST = [
    *LOGGED_IN,
    "otp_totp_totpdevice",  # two-factor requirement again, by the API's authentication (memberships known)
    "cases_dossier",  # the count
    "cases_dossier",  # the page of dossiers
    "cases_person",  # their children
    *GROUNDS_AND_AUDIT,
]


def _give_dossiers(membership, count: int, children: int = 2) -> None:
    for _ in range(count):
        dossier = DossierFactory(owning_team=membership.team, with_children=children)
        CircleMemberFactory(dossier=dossier, membership=membership)


def test_my_dossiers_does_not_grow_with_the_caseload(world, client_for):
    membership = world.circle_member.memberships.get()
    client = client_for("circle_member")
    _give_dossiers(membership, 3)
    assert_page_queries(client, reverse("dossier_list"), CASELOAD)
    _give_dossiers(membership, 30)
    assert_page_queries(client, reverse("dossier_list"), CASELOAD)


def test_the_team_list_does_not_grow_with_the_team(world, client_for):
    client = client_for("team_lead")
    team = world.dossier.owning_team
    for _ in range(3):
        DossierFactory(owning_team=team, with_children=2)
    few = _queries(client, reverse("dossier_team_list"))
    for _ in range(30):
        DossierFactory(owning_team=team, with_children=2)
    many = _queries(client, reverse("dossier_team_list"))
    # session, user, MFA requirement (her memberships, once a request; a device), the keys of the open and
    # of the other dossiers (two index range scans), the rows (team, organisation, flag, her seat), their
    # children, their running measures, the bounded count, audit (one insert), the unanswered "I don't feel
    # safe" alerts (kring.portal). Whether she walks (she leads a team), her teams, the teams she leads, the
    # grounds per dossier, navigation and the "new dossier" link come from her memberships and the rows.
    assert few == many == 12


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
    # session, user, MFA requirement (memberships, once a request; a device), my open steps with pathway,
    # dossier, team and organisation, grounds for the listed dossiers (seats; teams led from the
    # memberships), audit (one insert), calendar feed, navigation (an insights grant)
    assert few == many == 9


def test_the_team_agenda_does_not_grow_with_the_dossiers(world, client_for, march):
    client = client_for("team_lead")
    _give_pathways(world, 2)
    few = _queries(client, reverse("agenda_team"))
    _give_pathways(world, 8)
    many = _queries(client, reverse("agenda_team"))
    # session, user, MFA requirement (memberships, once a request; a device), my teams, the team's dossiers
    # with a running pathway (checked row by row against the policy), grounds (seats), the open steps with
    # dossier and responsible, then the listing's audit (one insert, on the grounds found before);
    # navigation and the teams led come from the memberships
    assert few == many == 9


def test_the_dossier_page_does_not_grow_with_children_or_circle(world, client_for):
    client = client_for("circle_member")
    url = reverse("dossier_detail", args=[world.dossier.pk])
    assert_page_queries(client, url, DOSSIER_PAGE)
    world.dossier.children.add(*DossierFactory(with_children=10).children.all())
    for _ in range(12):
        CircleMemberFactory(
            dossier=world.dossier,
            membership=MembershipFactory(team=None, organisation=world.dossier.owning_team.organisation),
        )
    assert_page_queries(client, url, DOSSIER_PAGE)


def test_the_api_list_does_not_grow_with_the_caseload(world, client_for):
    membership = world.circle_member.memberships.get()
    client = client_for("circle_member")
    _give_dossiers(membership, 3)
    assert_page_queries(client, reverse("api:list_dossiers"), API_LIST)
    _give_dossiers(membership, 30)
    assert_page_queries(client, reverse("api:list_dossiers"), API_LIST)


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
