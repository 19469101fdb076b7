"""Two partners end to end, who must not see, bad input."""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kring.access import chain as rules
from kring.access.chain import RequestAction
from kring.access.policy import Action
from kring.accounts.models import Role
from kring.audit.models import AuditEntry
from kring.chain import services
from kring.chain.models import ChainCase, ChainPerson, LegalStatus

from ..factories import MembershipFactory
from .conftest import bring_in, soon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def client(user):
    c = Client()
    c.force_login(user)
    return c


def _case(zsm, reference="ZSM-A"):
    return bring_in(zsm, reference)


def test_end_to_end_two_partners_answer_only_for_requester_and_addressee(zsm):
    case = _case(zsm)
    vt = zsm.users["vt"]
    req = services.context_request_send(
        actor=zsm.users["probation"],
        case=case,
        requested_by=zsm.orgs["probation"],
        addressee=zsm.orgs["vt"],
        question="Earlier reports about this family?",
        need_to_know="Risk for the children.",
        due_at=soon(),
    )
    # Veilig Thuis answers through the page
    response = client(vt).post(
        reverse("chain_request_answer", args=[req.pk]), {"answer": "Two earlier reports."}
    )
    assert response.status_code == 302
    # requester (probation) and addressee (VT) read the answer; chair (prosecution) too
    for key in ("probation", "vt", "prosecution"):
        data = client(zsm.users[key]).get("/api/v1/chain/requests").json()
        assert [r["answer"] for r in data] == ["Two earlier reports."], key
    # the police sits at the same table but reads only that an answer exists
    data = client(zsm.users["police"]).get("/api/v1/chain/requests").json()
    assert data[0]["answered"] is True and data[0]["answer"] is None and data[0]["question"] is None
    page = client(zsm.users["police"]).get(reverse("chain_case", args=[case.pk]))
    assert page.status_code == 200 and b"Two earlier reports." not in page.content
    page = client(zsm.users["probation"]).get(reverse("chain_case", args=[case.pk]))
    assert b"Two earlier reports." in page.content
    assert AuditEntry.objects.filter(action="read").exists()


def test_outside_organisation_sees_nothing(zsm):
    case = _case(zsm)
    outside = client(zsm.users["outside"])
    assert outside.get(reverse("chain_case", args=[case.pk])).status_code == 404
    assert b"ZSM-A" not in outside.get(reverse("chain_table")).content
    assert outside.get(f"/api/v1/chain/cases/{case.pk}").status_code == 404
    assert outside.get("/api/v1/chain/cases").json()["items"] == []
    assert outside.get("/api/v1/chain/requests").json() == []


def test_addressee_outside_table_sees_only_requests_addressed_to_it(zsm):
    case = _case(zsm)
    mine = services.context_request_send(
        actor=zsm.users["police"],
        case=case,
        requested_by=zsm.orgs["police"],
        addressee=zsm.orgs["local"],
        question="Known to the local team?",
        need_to_know="Care already in place?",
        due_at=soon(),
    )
    services.context_request_send(
        actor=zsm.users["police"],
        case=case,
        requested_by=zsm.orgs["police"],
        addressee=zsm.orgs["vt"],
        question="Reports?",
        need_to_know="Risk.",
        due_at=soon(),
    )
    local = client(zsm.users["local"])
    data = local.get("/api/v1/chain/requests").json()
    assert [r["id"] for r in data] == [mine.pk] and data[0]["question"] == "Known to the local team?"
    assert local.get(reverse("chain_case", args=[case.pk])).status_code == 404
    response = local.post(
        f"/api/v1/chain/requests/{mine.pk}/answer",
        json.dumps({"answer": "Yes, since 2025."}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["answer"] == "Yes, since 2025."
    # the police may not answer a request addressed to the local team
    with pytest.raises(PermissionDenied):
        services.context_request_answer(actor=zsm.users["police"], request=mine, answer="x")


def test_bad_input_clear_messages_nothing_stored(zsm):
    base = dict(
        actor=zsm.users["police"],
        table=zsm.table,
        brought_in_by=zsm.orgs["police"],
        reference="ZSM-BAD",
        incident="Something.",
        legal_status=LegalStatus.SUSPECT,
    )
    future = timezone.localdate() + timedelta(days=3)
    with pytest.raises(ValidationError) as err:
        services.chain_case_bring_in(
            **base,
            incident_on=future,
            persons=[{"role": "suspect", "name": "A", "birth_date": date(2000, 1, 1)}],
        )
    assert "The date of the incident cannot be in the future." in err.value.messages
    with pytest.raises(ValidationError) as err:
        services.chain_case_bring_in(
            **base,
            incident_on=date(2026, 1, 1),
            persons=[{"role": "suspect", "name": " ", "birth_date": date(2026, 5, 1)}],
        )
    assert "Every person needs a name." in err.value.messages
    assert "A person cannot be born after the incident." in err.value.messages
    with pytest.raises(ValidationError) as err:
        services.chain_case_bring_in(**base, incident_on=date(2026, 1, 1), persons=[])
    assert "Name at least one person involved." in err.value.messages
    assert not ChainCase.objects.exists() and not ChainPerson.objects.exists()
    case = _case(zsm)
    with pytest.raises(ValidationError) as err:
        services.decision_record(
            actor=zsm.users["police"],
            case=case,
            measures=["halt"],
            tasks="Halt.",
            decided_on=date(2026, 3, 1),
            look_back_on=date(2026, 2, 1),
        )
    assert "The date to look back must be after the decision." in err.value.messages
    case.refresh_from_db()
    assert case.decided_on is None
    with pytest.raises(ValidationError):
        services.context_request_send(
            actor=zsm.users["police"],
            case=case,
            requested_by=zsm.orgs["police"],
            addressee=zsm.orgs["vt"],
            question="Q",
            need_to_know="",
            due_at=timezone.now() - timedelta(hours=1),
        )
    assert not case.requests.exists()


def test_outsider_cannot_bring_in_case(zsm):
    with pytest.raises(ValidationError):
        services.chain_case_bring_in(
            actor=zsm.users["outside"],
            table=zsm.table,
            brought_in_by=zsm.orgs["outside"],
            reference="X",
            incident="x",
            incident_on=date(2026, 1, 1),
            legal_status=LegalStatus.SUSPECT,
            persons=[{"role": "suspect", "name": "A", "birth_date": date(2000, 1, 1)}],
        )


def test_patterns_page_shows_repeat_person_and_chart_only_to_members(zsm):
    _case(zsm, "ZSM-P1")
    _case(zsm, "ZSM-P2")
    page = client(zsm.users["police"]).get(reverse("chain_patterns"))
    assert page.status_code == 200
    assert b"ZSM-P1 (1 feb 2026, verdachte); ZSM-P2 (1 feb 2026, verdachte)" in page.content
    assert b"<svg" in page.content
    other = client(zsm.users["outside"]).get(reverse("chain_patterns"))
    assert b"ZSM-P1" not in other.content


def test_triggers_by_hand_through_api_keep_intake_triggers(zsm):
    case = _case(zsm, "ZSM-T")
    url = f"/api/v1/chain/cases/{case.pk}/triggers"
    police = client(zsm.users["police"])
    response = police.post(
        url,
        json.dumps({"triggers": ["unclear_custody"], "version": case.version}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["triggers"] == ["unclear_custody"]
    bad = police.post(
        url,
        json.dumps({"triggers": ["nonsense"], "version": case.version + 1}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    case.refresh_from_db()
    assert case.triggers == ["unclear_custody"]
    outside = client(zsm.users["outside"])
    nothing = json.dumps({"triggers": [], "version": case.version})
    assert outside.post(url, nothing, content_type="application/json").status_code == 404


def test_a_privacy_officer_of_a_partner_reads_but_adds_nothing(zsm):
    officer = MembershipFactory(team=None, organisation=zsm.orgs["board"], role=Role.PRIVACY_OFFICER).user
    case = bring_in(zsm)
    request = services.context_request_send(
        actor=zsm.users["police"],
        case=case,
        requested_by=zsm.orgs["police"],
        addressee=zsm.orgs["board"],
        question="Is the board involved with this family?",
        need_to_know="Children were present at the fight.",
        due_at=soon(),
    )
    assert rules.decide_case(officer, Action.VIEW, case).allowed
    assert not rules.decide_case(officer, Action.EDIT, case).allowed
    assert not rules.decide_request(officer, RequestAction.ANSWER, request).allowed
    with pytest.raises(PermissionDenied):
        services.context_request_answer(actor=officer, request=request, answer="Yes.")
    with pytest.raises(PermissionDenied):
        services.chain_case_bring_in(
            actor=officer,
            table=zsm.table,
            brought_in_by=zsm.orgs["board"],
            reference="ZSM-PO",
            incident="x",
            incident_on=date(2026, 1, 1),
            legal_status=LegalStatus.SUSPECT,
            persons=[{"role": "suspect", "name": "A", "birth_date": date(2000, 1, 1)}],
        )
    request.refresh_from_db()
    assert request.answered_at is None and not ChainCase.objects.filter(reference="ZSM-PO").exists()
    # the board's case worker still answers
    services.context_request_answer(actor=zsm.users["board"], request=request, answer="Yes, since 2025.")
