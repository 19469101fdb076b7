"""Pages do a bounded number of queries, whatever the size of the caseload."""

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
    # session, user, MFA requirement (2), count, page of dossiers, their children,
    # grounds per dossier (grants, seats, led teams), audit (savepoint, head lock, bulk insert, head update,
    # release), navigation (emergency access, privacy officer)
    assert many == few
    assert many <= 17


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
    # audit (savepoint, head lock, insert, head update, release), children, circle,
    # navigation (emergency access, privacy officer)
    assert many == few
    assert many <= 17


def test_the_api_list_does_not_grow_with_the_caseload(world, client_for):
    membership = world.circle_member.memberships.get()
    client = client_for("circle_member")
    _give_dossiers(membership, 3)
    few = _queries(client, reverse("api:list_dossiers"))
    _give_dossiers(membership, 30)
    assert _queries(client, reverse("api:list_dossiers")) == few
