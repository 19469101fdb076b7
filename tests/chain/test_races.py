"""Races at the chain table, fired with threads against PostgreSQL (issue 19, item 1): two first views of
one partner sent at the same moment (a double click, or two colleagues) store one view and answer the other
409 with what to do, never a 500 or a silent overwrite."""

import json
from functools import partial

from django.conf import settings
from django.test import Client

from kring.chain.models import PartnerView

from ..concurrency import ROUNDS, fire, needs_postgresql
from .conftest import bring_in

pytestmark = [needs_postgresql]


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return c


def _post(client: Client, case, body: dict):
    return client.post(
        f"/api/v1/chain/cases/{case.pk}/views", json.dumps(body), content_type="application/json"
    )


def test_two_first_views_of_one_partner_store_one_and_answer_409(transactional_db, zsm):
    board = zsm.users["board"]
    clients = (_client(board), _client(board))
    for round_ in range(ROUNDS):
        case = bring_in(zsm, reference=f"ZSM-R{round_}")
        results = fire(
            *(
                partial(_post, c, case, {"view": text, "version": 0})
                for c, text in zip(clients, ("View one", "View two"), strict=True)
            )
        )
        for result in results:
            assert not isinstance(result, BaseException), repr(result)  # the test client re-raises a 500
        assert sorted(r.status_code for r in results) == [200, 409], [r.content for r in results]
        conflict = next(r for r in results if r.status_code == 409).json()["detail"]
        assert "read the view as it is now and save again" in conflict
        stored = PartnerView.objects.get(case=case, organisation=zsm.orgs["board"])
        winner = next(r for r in results if r.status_code == 200).json()
        assert stored.view == winner["view"] and stored.version == 1
