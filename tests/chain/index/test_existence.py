"""No existence leak: a registration or match of another organisation and one that does not exist are the
same 404, with the same queries (issue 19; the timing itself is measured on the dossier page)."""

import pytest
from django.urls import reverse

from kring.chain.index.models import Registration

from ...factories import MembershipFactory, OrganisationFactory
from ...queries import assert_num_queries, captured_page, query_name
from .test_api import matched, register  # noqa: F401 (matched: a fixture)

pytestmark = pytest.mark.django_db

ABSENT = 987654321


@pytest.mark.parametrize(
    ("name", "kwarg"),
    [
        ("api:get_signal_registration", "registration_id"),
        ("signal_index_letter", "registration_id"),
    ],
)
def test_a_registration_that_does_not_exist_runs_the_queries_of_another_organisations(
    name, kwarg, world, client_for
):
    assert register(client_for("circle_member")).status_code == 201
    registration = Registration.objects.get()
    police = client_for("other_org")
    refused = captured_page(police, reverse(name, kwargs={kwarg: registration.pk}), status=404)
    with assert_num_queries([query_name(query["sql"]) for query in refused]):
        response = police.get(reverse(name, kwargs={kwarg: ABSENT}))
    assert response.status_code == 404


def test_a_match_that_does_not_exist_runs_the_queries_of_one_of_others(matched, client_for):  # noqa: F811
    _youth, _police, match = matched
    stranger = MembershipFactory(team=None, organisation=OrganisationFactory(name="Elders")).user
    client = client_for("anonymous")
    client.force_login(stranger)
    refused = captured_page(
        client, reverse("api:get_signal_match", kwargs={"match_id": match.pk}), status=404
    )
    with assert_num_queries([query_name(query["sql"]) for query in refused]):
        response = client.get(reverse("api:get_signal_match", kwargs={"match_id": ABSENT}))
    assert response.status_code == 404
