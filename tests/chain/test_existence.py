"""No existence leak: a chain case (or context request) of another table and one that does not exist are the
same 404, with the same queries (issue 19; the timing itself is measured on the dossier page)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.chain import services

from ..queries import assert_num_queries, captured_page, query_name
from .conftest import bring_in, soon

pytestmark = pytest.mark.django_db

ABSENT = 987654321


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", ["chain_case", "api:get_chain_case"])
def test_a_case_that_does_not_exist_runs_the_queries_of_one_of_another_table(name, zsm):
    case = bring_in(zsm)
    outsider = _client(zsm.users["outside"])  # a care provider, not at the table
    refused = captured_page(outsider, reverse(name, kwargs={"case_id": case.pk}), status=404)
    with assert_num_queries([query_name(query["sql"]) for query in refused]):
        response = outsider.get(reverse(name, kwargs={"case_id": ABSENT}))
    assert response.status_code == 404


def test_a_request_that_does_not_exist_runs_the_queries_of_one_addressed_to_others(zsm):
    case = bring_in(zsm)
    req = services.context_request_send(
        actor=zsm.users["probation"],
        case=case,
        requested_by=zsm.orgs["probation"],
        addressee=zsm.orgs["vt"],
        question="Earlier reports about this family?",
        need_to_know="Risk for the children.",
        due_at=soon(),
    )
    police = _client(zsm.users["police"])  # at the table, but not the addressee
    with CaptureQueriesContext(connection) as refused:
        response = police.post(
            reverse("chain_request_answer", kwargs={"request_id": req.pk}), {"answer": "No."}
        )
    assert response.status_code == 404
    with assert_num_queries([query_name(query["sql"]) for query in refused]):
        response = police.post(
            reverse("chain_request_answer", kwargs={"request_id": ABSENT}), {"answer": "No."}
        )
    assert response.status_code == 404
    req.refresh_from_db()
    assert not req.answer
