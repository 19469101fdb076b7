"""Named personas around one dossier, as in the permission matrix:

- circle_member: case worker of team Noord, in the dossier's circle
- team_lead:     team lead of team Noord, which owns the dossier
- other_team:    case worker of team Zuid, same organisation, not in the circle
- other_org:     chain partner at the police, not in the circle
- break_glass:   behavioural scientist of the owning organisation with an active emergency access
- privacy_officer: privacy officer of the owning organisation
"""

import os
from dataclasses import dataclass
from datetime import datetime

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from kring.access.models import BreakGlassAccess
from kring.accounts.models import ApiToken, OrganisationKind, Role, User
from kring.cases.models import Dossier

from .factories import (
    ApiTokenFactory,
    BreakGlassAccessFactory,
    CircleMemberFactory,
    DossierFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)

# No time limit per Hypothesis example: speed is measured in bench/, not in unit tests, and a first example
# that pays a one-off cost (a cache filled, a module imported) on a busy CI machine made the default 200 ms
# deadline fail a property test now and then (test_error_classes, 7 December 2026).
hypothesis_settings.register_profile("kring", deadline=None)
hypothesis_settings.load_profile("kring")


def pytest_configure(config):
    """`KRING_TEST_CLOCK=2026-12-06T23:58:00+01:00 make test` runs the whole suite, collection included, on a
    clock that starts there and keeps ticking: run it just before midnight local time to find tests that
    compute "today" at import or collection time and then run on the other side of midnight.

    With `KRING_TEST_CLOCK_EACH=1` as well, every test starts at that moment again (its fixtures included):
    `make test-clock` runs the suites most at risk at 23:59 and at 00:01 Amsterdam time (the hour when
    Amsterdam's date is a day ahead of UTC's). A test that sets its own clock keeps it."""
    start = os.environ.get("KRING_TEST_CLOCK")
    if start:
        import time_machine

        config._kring_clock = time_machine.travel(datetime.fromisoformat(start), tick=True)
        config._kring_clock.start()


def pytest_unconfigure(config):
    clock = getattr(config, "_kring_clock", None)
    if clock is not None:
        clock.stop()


@pytest.fixture(autouse=True)
def _clock_for_each_test():
    """Every test starts at KRING_TEST_CLOCK when KRING_TEST_CLOCK_EACH is set (see pytest_configure)."""
    start = os.environ.get("KRING_TEST_CLOCK")
    if not (start and os.environ.get("KRING_TEST_CLOCK_EACH")):
        yield
        return
    import time_machine

    with time_machine.travel(datetime.fromisoformat(start), tick=True):
        yield


PERSONAS = (
    "circle_member",
    "team_lead",
    "other_team",
    "other_org",
    "break_glass",
    "privacy_officer",
    "anonymous",
)


@dataclass
class World:
    dossier: Dossier
    circle_member: User
    team_lead: User
    other_team: User
    other_org: User
    break_glass: User
    privacy_officer: User
    grant: BreakGlassAccess
    token: ApiToken

    def user(self, persona: str) -> User | None:
        return None if persona == "anonymous" else getattr(self, persona)


@pytest.fixture
def world(db) -> World:
    organisation = OrganisationFactory(name="Jeugdbescherming Noordkust")
    noord = TeamFactory(organisation=organisation, name="Team Noord")
    zuid = TeamFactory(organisation=organisation, name="Team Zuid")
    police = OrganisationFactory(name="Politie Noordkust", kind=OrganisationKind.POLICE)
    dossier = DossierFactory(owning_team=noord, title="Gezin Visser", reference="KR-NL-2026-0042")
    seat = CircleMemberFactory(
        dossier=dossier, membership=MembershipFactory(team=noord, user__username="circle")
    )
    lead = MembershipFactory(team=noord, role=Role.TEAM_LEAD, user__username="lead").user
    other_team = MembershipFactory(team=zuid, user__username="zuid").user
    other_org = MembershipFactory(
        team=None, organisation=police, role=Role.CHAIN_PARTNER, user__username="politie"
    ).user
    glass = MembershipFactory(
        team=None,
        organisation=organisation,
        role=Role.BEHAVIOURAL_SCIENTIST,
        may_break_glass=True,
        user__username="nood",
    )
    officer = MembershipFactory(
        team=None, organisation=organisation, role=Role.PRIVACY_OFFICER, user__username="fg"
    ).user
    grant = BreakGlassAccessFactory(membership=glass, dossier=dossier)
    token = ApiTokenFactory(user=seat.user, digest="0" * 64)
    return World(
        dossier=dossier,
        circle_member=seat.user,
        team_lead=lead,
        other_team=other_team,
        other_org=other_org,
        break_glass=glass.user,
        privacy_officer=officer,
        grant=grant,
        token=token,
    )


@pytest.fixture
def client_for(world):
    def make(persona: str, **kwargs) -> Client:
        client = Client(**kwargs)
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    return make
