"""The team agenda: open steps of the team's dossiers, within the access policy, in fixed queries."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.access.models import BreakGlassAccess
from kring.accounts.models import Role
from kring.audit.models import AuditEntry
from kring.pathways.models import PathwayTemplate
from kring.pathways.services import pathway_close, pathway_start, step_done

from ..factories import CircleMemberFactory, DossierFactory, MembershipFactory
from .conftest import local

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(local(2026, 3, 20, 10, 0), tick=False):
        yield


def _run(dossier, slug="safety-planning-urgency-be", start=START):
    dossier.opened_on = date(2026, 1, 1)
    dossier.save(update_fields=["opened_on"])
    return pathway_start(
        actor=None, dossier=dossier, template=PathwayTemplate.objects.get(slug=slug), started_on=start
    )


@pytest.fixture
def noord_dossiers(world):
    """The world's dossier (the circle member is in it) and one more of Team Noord with another worker."""
    team = world.dossier.owning_team
    colleague = MembershipFactory(team=team, user__username="collega", user__first_name="Ilse")
    second = DossierFactory(owning_team=team, reference="KR-NL-2026-0099")
    CircleMemberFactory(dossier=second, membership=colleague)
    return _run(world.dossier), _run(second)


def _page(client, **params):
    response = client.get(reverse("agenda_team"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_team_lead_sees_every_dossier_of_the_team_with_who_is_responsible(
    noord_dossiers, world, client_for
):
    page = _page(client_for("team_lead"))
    assert "KR-NL-2026-0042" in page and "KR-NL-2026-0099" in page
    assert "Ilse" in page  # the responsible colleague
    overdue = page.split('id="overdue-heading"')[1].split('id="upcoming-heading"')[0]
    upcoming = page.split('id="upcoming-heading"')[1]
    assert "Zitting" in overdue  # 5 March has passed
    assert "Advies aan de jeugdrechter" in upcoming  # 12 April, within 30 days
    assert "Einde van de hoogdringende procedure" not in page  # day 60 lies further than 30 days ahead


def test_a_case_worker_sees_only_the_team_dossiers_whose_circle_they_are_in(
    noord_dossiers, world, client_for
):
    page = _page(client_for("circle_member"))
    assert "KR-NL-2026-0042" in page and "KR-NL-2026-0099" not in page
    zuid = _page(client_for("other_team"))
    assert "KR-NL-2026-0042" not in zuid and "KR-NL-2026-0099" not in zuid
    assert "U zit niet in een team." in _page(client_for("other_org"))


def test_emergency_access_does_not_bring_a_dossier_into_the_agenda(noord_dossiers, world, client_for):
    glass = MembershipFactory(team=world.dossier.owning_team, may_break_glass=True, user__username="nood2")
    BreakGlassAccess.objects.create(
        user=glass.user,
        membership=glass,
        dossier=noord_dossiers[1].dossier,
        reason="Crisis in de nacht.",
        expires_at=timezone.now() + timedelta(hours=4),
    )
    client = client_for("other_team")
    client.force_login(glass.user)
    assert "KR-NL-2026-0099" not in _page(client)


def test_done_steps_and_ended_pathways_are_left_out_and_the_list_is_audited(
    noord_dossiers, world, client_for
):
    first, second = noord_dossiers
    step_done(actor=None, step=first.steps.get(key="court-hearing"), done_on=date(2026, 3, 5))
    pathway_close(actor=None, pathway=second, ended_on=date(2026, 3, 19), end_reason="goals_reached")
    before = AuditEntry.objects.count()
    page = _page(client_for("team_lead"))
    assert "KR-NL-2026-0099" not in page
    assert page.count("Zitting") == 0
    listed = AuditEntry.objects.filter(fields=["list"]).order_by("-sequence")[
        : AuditEntry.objects.count() - before
    ]
    assert {e.dossier_reference for e in listed} == {"KR-NL-2026-0042"}


def test_someone_in_two_teams_can_choose_one(noord_dossiers, world, client_for):
    zuid_team = world.other_team.memberships.get().team
    MembershipFactory(team=zuid_team, user=world.team_lead, role=Role.TEAM_LEAD)
    zuid_dossier = DossierFactory(owning_team=zuid_team, reference="KR-NL-2026-0777")
    _run(zuid_dossier)
    client = client_for("team_lead")
    both = _page(client)
    assert "KR-NL-2026-0777" in both and "KR-NL-2026-0042" in both
    only_zuid = _page(client, team=zuid_team.pk)
    assert "KR-NL-2026-0777" in only_zuid and "KR-NL-2026-0042" not in only_zuid


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("agenda_team")).status_code == 200
    return len(captured)


def test_the_team_agenda_does_not_grow_with_the_number_of_dossiers(world, client_for):
    team = world.dossier.owning_team
    client = client_for("team_lead")

    def add(count):
        for _ in range(count):
            member = MembershipFactory(team=team)
            dossier = DossierFactory(owning_team=team)
            CircleMemberFactory(dossier=dossier, membership=member)
            _run(dossier)

    add(2)
    few = _queries(client)
    add(5)
    # session, user, MFA check, teams, visible dossiers, view grounds (3), steps with dossier and responsible,
    # then the listing's audit (view grounds again, chain head, insert) — the same for 2 or 7 dossiers
    assert _queries(client) == few


def test_the_api_gives_the_team_agenda(noord_dossiers, world, client_for):
    items = client_for("team_lead").get("/api/v1/agenda/team").json()
    assert {i["dossier_reference"] for i in items} == {"KR-NL-2026-0042", "KR-NL-2026-0099"}
    assert all(i["team"] == world.dossier.owning_team.name for i in items)
    assert any(i["responsible"] and "Ilse" in i["responsible"] for i in items)
    assert client_for("other_team").get("/api/v1/agenda/team").json() == []
    assert client_for("anonymous").get("/api/v1/agenda/team").status_code == 401
