"""The start page: each professional lands where their work is."""

import pytest
from django.test import Client
from django.urls import reverse

from kring.accounts.models import OrganisationKind, Role

from ..factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _landing(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse("home"))["Location"]


def test_a_case_worker_lands_on_their_dossiers():
    case_worker = MembershipFactory(role=Role.CASE_WORKER).user
    assert _landing(case_worker) == reverse("dossier_list")


def test_a_chain_partner_lands_on_the_chain_table_not_on_an_empty_caseload():
    police = OrganisationFactory(name="Politie Test", kind=OrganisationKind.POLICE)
    officer = MembershipFactory(organisation=police, team=None, role=Role.CHAIN_PARTNER).user
    assert _landing(officer) == reverse("chain_table")


def test_someone_who_is_also_a_case_worker_lands_on_their_dossiers():
    membership = MembershipFactory(role=Role.CHAIN_PARTNER)
    MembershipFactory(user=membership.user, role=Role.CASE_WORKER)
    assert _landing(membership.user) == reverse("dossier_list")


def test_an_anonymous_visitor_is_sent_on_to_the_login():
    response = Client().get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))


def test_the_dossier_nav_leads_to_the_circle(world, client_for):
    page = client_for("circle_member").get(reverse("dossier_detail", args=[world.dossier.pk]))
    page = page.content.decode()
    assert f'href="{reverse("dossier_circle", args=[world.dossier.pk])}"' in page
