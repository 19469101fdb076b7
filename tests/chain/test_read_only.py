"""A read-only partner at a chain table (a judge, a privacy officer of a partner) reads a case and adds
nothing to it. Their write is refused the way a dossier's reader's write is: by the door, before the form is
read, so a valid and an invalid form get the same 404, nothing is saved and the door logs the refusal once
(kring.chain.selectors.chain_case_open, rules in kring.access.chain)."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from kring.accounts.models import Role
from kring.audit.models import AuditEntry
from kring.chain.models import ChainCase

from ..factories import MembershipFactory
from .conftest import bring_in, english_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        yield


@pytest.fixture
def judge(zsm):
    """A judge working for the board, a partner at the table: sees the table's cases, adds nothing."""
    return MembershipFactory(team=None, organisation=zsm.orgs["board"], role=Role.JUDGE).user


def _refusals(user) -> list[tuple[str, str, str]]:
    entries = AuditEntry.objects.filter(actor_id=user.pk, outcome="denied")
    return [(e.action, e.object_type, e.object_id) for e in entries.order_by("sequence")]


# (URL name, a form the police could save, a form the police would get back with errors)
WRITES = [
    ("chain_case_triggers", lambda case: {"triggers": ["unclear_custody"], "version": case.version}, {}),
    ("chain_hypotheses", lambda case: {"hypotheses": "No new fight.", "version": case.version}, {}),
    (
        "chain_decision",
        lambda case: {
            "measures": ["local_team"],
            "tasks": "Visits twice a week.",
            "decided_on": "2026-02-03",
            "look_back_on": "2026-05-03",
            "version": case.version,
        },
        {"decided_on": "2026-02-30", "measures": ["lock_him_up"]},
    ),
]


def test_the_judge_reads_the_case_without_a_form(zsm, judge):
    case = bring_in(zsm)
    page = english_client(judge).get(reverse("chain_case", args=[case.pk]))
    assert page.status_code == 200 and case.reference in page.content.decode()
    assert 'id="id_hypotheses_hypotheses"' not in page.content.decode()
    assert _refusals(judge) == []


@pytest.mark.parametrize(("name", "valid", "invalid"), WRITES, ids=[name for name, _, _ in WRITES])
def test_a_valid_and_an_invalid_form_are_the_same_404_nothing_saved_the_refusal_logged(
    zsm, judge, name, valid, invalid
):
    case = bring_in(zsm)
    before = ChainCase.objects.values().get(pk=case.pk)
    browser = english_client(judge)
    url = reverse(name, args=[case.pk])
    assert browser.post(url, valid(case)).status_code == 404
    assert browser.post(url, invalid).status_code == 404
    assert ChainCase.objects.values().get(pk=case.pk) == before
    refused = ("update", "chain.chaincase", str(case.pk))
    assert _refusals(judge) == [refused, refused]  # by the door, each once (not again by the 404 logging)


def test_the_police_gets_the_form_back_where_the_judge_gets_404(zsm, judge):
    """The same invalid form: a partner who may write reads what is wrong (400), the judge learns nothing."""
    case = bring_in(zsm)
    url = reverse("chain_hypotheses", args=[case.pk])
    assert english_client(zsm.users["police"]).post(url, {"version": case.version}).status_code == 400
    assert english_client(judge).post(url, {"version": case.version}).status_code == 404


def test_a_stranger_to_the_table_is_refused_and_logged_the_same_way(zsm):
    case = bring_in(zsm)
    outside = zsm.users["outside"]
    url = reverse("chain_hypotheses", args=[case.pk])
    assert english_client(outside).post(url, {"version": case.version}).status_code == 404
    assert _refusals(outside) == [("update", "chain.chaincase", str(case.pk))]


def test_the_judge_brings_in_no_case(zsm, judge):
    browser = english_client(judge)
    assert "Bring in a case" not in browser.get(reverse("chain_table")).content.decode()
    assert browser.get(reverse("chain_case_new")).status_code == 404
    intake = {
        "table": zsm.table.pk,
        "brought_in_by": zsm.orgs["board"].pk,
        "reference": "ZSM-J-1",
        "incident": "Fight.",
        "incident_on": "2026-02-01",
        "listed_on": "2026-02-02",
        "legal_status": "suspect",
        "persons-TOTAL_FORMS": "1",
        "persons-INITIAL_FORMS": "0",
        "persons-0-role": "suspect",
        "persons-0-name": "Tom Visser",
        "persons-0-birth_date": "2009-01-01",
        "persons-0-problems": "0",
    }
    assert browser.post(reverse("chain_case_new"), intake).status_code == 404
    assert browser.post(reverse("chain_case_new"), {}).status_code == 404
    assert not ChainCase.objects.filter(reference="ZSM-J-1").exists()
    assert len(_refusals(judge)) == 3  # each refused request is logged (the central 404 logging)
    board = english_client(zsm.users["board"])
    assert "Bring in a case" in board.get(reverse("chain_table")).content.decode()


def test_the_api_refuses_the_judge_s_write_by_the_same_door(zsm, judge):
    case = bring_in(zsm)
    api = english_client(judge)
    url = f"/api/v1/chain/cases/{case.pk}/triggers"
    body = json.dumps({"triggers": ["unclear_custody"], "version": case.version})
    assert api.post(url, body, content_type="application/json").status_code == 404
    case.refresh_from_db()
    assert case.triggers_by_hand != ["unclear_custody"]
    assert _refusals(judge) == [("update", "chain.chaincase", str(case.pk))]
