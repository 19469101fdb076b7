"""Every page a persona may use can be found from their start page, by following links and forms; and on
every page crawled, each scrolling region (a wide table, a chart) is named in the HTML itself.

The permission matrix (tests/access/test_permission_matrix.py) tells which page patterns answer 200 to each
persona; the crawl (tests/ui/crawl.py) follows the links, GET forms and htmx GET requests in the rendered
HTML from the persona's start page. A pattern the persona may use but never meets is an orphan: give it a
place in the navigation (or, for a page that is not navigation's business, a reason in NOT_NAVIGATION).
"""

import pytest
import time_machine
from django.test import Client

from kring.accounts.models import Role
from kring.insights.models import InsightsGrant, InsightsScope, Region

from ..factories import MembershipFactory, UserFactory
from .crawl import crawl, fill_world, may_use
from .scroll_regions import unnamed_regions

pytestmark = pytest.mark.django_db

# Pages a user does not reach by navigating the product, with the reason.
NOT_NAVIGATION = {
    "healthz": "the load balancer's probe",
    "home": "the bare address; it redirects to the start page",
    "login": "for the visitor who is not logged in",
    "portal_login": "the family's login, for the family member who is not logged in",
    "portal_invitation_code": "the family member types the code the worker showed them",
    "mfa_verify": "the second step of logging in",
    "self_entry": "a family opens it from the one-time link in their letter or e-mail",
    "self_entry_done": "the thank-you page after a family's self-entry",
    "insights_progress": "polled by the dashboard while its figures are computed (in tests: at once)",
}

# Pages a persona may open but is rightly not offered a link to, with the reason.
NOT_OFFERED = {
    "break_glass": {
        "safety_danger_statement_edit": "an edit form; emergency access reads only, so no edit link is shown",
        "safety_goal_edit": "an edit form; emergency access reads only, so no edit link is shown",
    },
}

PERSONAS = ("circle_member", "team_lead", "other_team", "other_org", "break_glass", "privacy_officer")


def _orphans(world, user, persona_may_use: set[str], persona: str = "") -> tuple[list[str], list, list[str]]:
    """The pages `user` may use but cannot reach, the links that are broken, and the scrolling regions
    without a name in the HTML (docs/ui.md), on every page the crawl read."""
    client = Client()
    client.force_login(user)
    unnamed: list[str] = []

    def check_regions(url: str, name: str, html: str) -> None:
        unnamed.extend(f"{name} {url}: {problem}" for problem in unnamed_regions(html))

    result = crawl(client, user, dossier=world.dossier, on_page=check_regions)
    exempt = set(NOT_NAVIGATION) | set(NOT_OFFERED.get(persona, {}))
    missing = sorted(persona_may_use - exempt - set(result.reached))
    return missing, result.broken, unnamed


@pytest.fixture
def clock():
    with time_machine.travel("2026-11-20 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def filled_world(clock, world):
    fill_world(world)
    return world


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_a_persona_may_use_is_reachable(persona, filled_world):
    missing, broken, unnamed = _orphans(filled_world, filled_world.user(persona), may_use(persona), persona)
    assert not missing, f"{persona} may use these pages but no link or form leads there: {missing}"
    assert not broken, f"{persona} follows links that do not answer 200: {broken}"
    assert not unnamed, "scrolling regions without a name in the HTML:\n" + "\n".join(unnamed)


def test_the_functional_admin_reaches_the_retention_report(filled_world):
    admin = MembershipFactory(
        team=None,
        organisation=filled_world.dossier.owning_team.organisation,
        role=Role.FUNCTIONAL_ADMIN,
        user__username="beheer",
    ).user
    common = may_use("other_team") - {"dossier_intake"}  # what any professional without a team dossier uses
    missing, broken, unnamed = _orphans(filled_world, admin, common | {"retention_report"})
    assert not missing, f"the functional admin may use these pages but no link leads there: {missing}"
    assert not broken, f"the functional admin follows links that do not answer 200: {broken}"
    assert not unnamed, "scrolling regions without a name in the HTML:\n" + "\n".join(unnamed)


def test_a_region_user_without_a_membership_reaches_the_region_dashboard(filled_world):
    # a municipality's insights grant, and no membership anywhere: the navigation must still offer insights
    region = Region.objects.create(name="Regio Wijland")
    region.organisations.add(filled_world.dossier.owning_team.organisation)
    user = UserFactory(username="gemeente")
    InsightsGrant.objects.create(user=user, scope=InsightsScope.REGION, region=region)
    region_pages = {"insights_index", "insights_dashboard", "insights_compare", "insights_download"}
    missing, broken, unnamed = _orphans(filled_world, user, region_pages)
    assert not missing, f"the region user may use these pages but no link leads there: {missing}"
    assert not broken, f"the region user follows links that do not answer 200: {broken}"
    assert not unnamed, "scrolling regions without a name in the HTML:\n" + "\n".join(unnamed)
