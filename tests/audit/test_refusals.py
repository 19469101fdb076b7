"""Every refusal is a log line, once, with the actor's organisation and role; exports are `export` with
their format. A refused entry names the object by type and id, never its contents."""

import json
import uuid

import pytest
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.chain.index.models import Match, Registration
from kring.safety import services as safety_services

from ..chain.conftest import bring_in, zsm  # noqa: F401 (the fixture)
from ..factories import DossierFactory, MembershipFactory

SASJA = {
    "first_name": "Sasja",
    "last_name": "Jansen",
    "date_of_birth": "2012-03-08",
    "postcode": "9711 AA",
    "house_number": "4",
    "category": "safety",
    "contact_name": "Ans Contact",
    "contact_details": "06-12345678",
    "own_reference": "JB-SECRET-REF",
}


def _refusals(response) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(request_id=response["X-Request-ID"], outcome="denied"))


def _one_refusal(response) -> AuditEntry:
    entries = _refusals(response)
    assert len(entries) == 1, [entry.reason for entry in entries]
    return entries[0]


def _assert_staff_of(entry: AuditEntry, user) -> None:
    membership = user.memberships.get()
    assert (entry.actor_id, entry.organisation_id, entry.role) == (
        user.pk,
        membership.organisation_id,
        membership.role,
    )
    assert entry.organisation_name == membership.organisation.name


def test_an_unknown_dossier_id_is_logged_with_organisation_and_role(world, client_for):
    unknown = uuid.uuid4()
    response = client_for("circle_member").get(reverse("dossier_detail", args=[unknown]))
    assert response.status_code == 404
    entry = _one_refusal(response)
    _assert_staff_of(entry, world.circle_member)
    # logged by the door, as a refused dossier is (the same work: no existence leak by timing)
    assert (entry.action, entry.object_type, entry.object_id) == ("read", "cases.dossier", str(unknown))
    assert entry.dossier_id is None


def test_a_dossier_refused_by_the_policy_is_logged_once_with_organisation_and_role(world, client_for):
    response = client_for("other_team").get(reverse("dossier_detail", args=[world.dossier.pk]))
    assert response.status_code == 404
    entry = _one_refusal(response)  # the policy's own entry; the central one adds nothing
    _assert_staff_of(entry, world.other_team)
    assert entry.dossier_reference == "KR-NL-2026-0042"


def test_a_foreign_object_id_within_an_allowed_dossier_is_logged(world, client_for):
    elsewhere = DossierFactory(owning_team=world.dossier.owning_team)
    plan = safety_services.plan_create(actor=None, dossier=elsewhere, title="Plan")
    url = reverse("safety_plan_pdf", kwargs={"dossier_id": world.dossier.pk, "plan_id": plan.pk})
    response = client_for("circle_member").get(url)
    assert response.status_code == 404
    entry = _one_refusal(response)
    _assert_staff_of(entry, world.circle_member)
    assert (entry.object_type, entry.object_id) == ("plan", str(plan.pk))
    assert entry.dossier_id == world.dossier.pk  # the dossier in the URL, so its privacy officer sees it
    assert f"plan_id={plan.pk}" in entry.reason
    assert "Plan" not in entry.reason.replace("plan_id", "")


def test_a_refused_write_is_logged_as_such(world, client_for):
    response = client_for("circle_member").post(
        reverse("safety_rule_add", kwargs={"dossier_id": world.dossier.pk, "plan_id": 987654}),
        {"text": "x"},
    )
    assert response.status_code == 404
    entry = _one_refusal(response)
    assert (entry.action, entry.object_type, entry.object_id) == ("update", "plan", "987654")


def test_a_chain_case_of_another_table_is_logged(zsm, world, client_for):  # noqa: F811
    case = bring_in(zsm, deepen=False)
    page = client_for("circle_member").get(reverse("chain_case", args=[case.pk]))
    api = client_for("circle_member").get(f"/api/v1/chain/cases/{case.pk}")
    for response in (page, api):
        assert response.status_code == 404
        entry = _one_refusal(response)
        _assert_staff_of(entry, world.circle_member)
        assert (entry.object_type, entry.object_id) == (
            "chain.chaincase",
            str(case.pk),
        )  # logged by the door, with its type


def test_signal_index_registrations_and_matches_of_others_are_logged(world, client_for):
    youth, police = client_for("circle_member"), client_for("other_org")
    youth.post(reverse("api:register_signal"), json.dumps(SASJA), content_type="application/json")
    police.post(
        reverse("api:register_signal"),
        json.dumps({**SASJA, "first_name": "Sasha", "category": "crime", "own_reference": "POL"}),
        content_type="application/json",
    )
    registration = Registration.objects.get(own_reference="JB-SECRET-REF")
    match = Match.objects.get()
    outsider = MembershipFactory(team=None, user__username="buiten").user
    client = client_for("anonymous")
    client.force_login(outsider)
    for response, kind, pk in (
        (
            police.get(reverse("api:get_signal_registration", args=[registration.pk])),
            "registration",
            registration.pk,
        ),
        (client.get(reverse("api:get_signal_match", args=[match.pk])), "match", match.pk),
        (police.get(reverse("signal_index_letter", args=[registration.pk])), "registration", registration.pk),
    ):
        assert response.status_code == 404
        entry = _one_refusal(response)
        assert (entry.object_type, entry.object_id) == (kind, str(pk))
        assert entry.organisation_id is not None and entry.role
        assert "Sasja" not in entry.reason and "JB-SECRET-REF" not in entry.reason


def test_an_unknown_id_in_the_api_is_logged(world, client_for):
    response = client_for("circle_member").get(f"/api/v1/dossiers/{uuid.uuid4()}")
    assert response.status_code == 404
    _assert_staff_of(_one_refusal(response), world.circle_member)


@pytest.mark.parametrize(
    ("headers", "why"),
    [({}, "no credentials"), ({"HTTP_AUTHORIZATION": "Bearer kr_not-a-token"}, "an invalid token")],
)
def test_anonymous_and_bad_token_api_calls_are_logged(headers, why, world, client):
    response = client.get(f"/api/v1/dossiers/{world.dossier.pk}", **headers)
    assert response.status_code == 401
    entry = _one_refusal(response)
    assert (entry.actor_id, entry.purpose, entry.action) == (None, "authentication", "read")
    assert why in entry.reason
    assert entry.dossier_id == world.dossier.pk


def test_a_privacy_officer_sees_their_own_staffs_refused_attempts_elsewhere(world, client_for):
    """The police officer's attempt on youth protection's dossier: visible to the police's privacy officer
    (their staff) and to youth protection's (their dossier)."""
    police_org = world.other_org.memberships.get().organisation
    police_officer = MembershipFactory(
        team=None, organisation=police_org, role="privacy_officer", user__username="fg-politie"
    ).user
    refused = client_for("other_org").get(f"/api/v1/dossiers/{uuid.uuid4()}")
    client_for("other_org").get(reverse("dossier_detail", args=[world.dossier.pk]))
    client = client_for("anonymous")
    client.force_login(police_officer)
    page = client.get(reverse("audit_log"), {"username": "politie", "outcome": "denied"})
    assert page.status_code == 200
    seen = {entry.request_id for entry in page.context["page_obj"]}
    assert refused["X-Request-ID"] in seen
    assert page.context["page_obj"].paginator.count == 2
    owner = client_for("privacy_officer").get(reverse("audit_log"), {"username": "politie"})
    assert owner.context["page_obj"].paginator.count == 1  # only the attempt on their own dossier


def test_a_refusal_is_named_by_id_never_by_content(world, client_for):
    response = client_for("other_team").post(
        reverse("safety_rule_add", kwargs={"dossier_id": world.dossier.pk, "plan_id": 1}),
        {"text": "Opa Henk mag niet meer komen"},
    )
    assert response.status_code == 404
    for entry in _refusals(response):
        assert "Henk" not in f"{entry.reason} {entry.fields} {entry.object_id}"


def test_feedback_csv_is_an_export_with_its_format(world, client_for):
    response = client_for("circle_member").get(reverse("feedback_export", args=[world.dossier.pk]))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(request_id=response["X-Request-ID"])
    assert (entry.action, entry.export_format, entry.fields) == ("export", "csv", ["feedback"])


def test_a_plan_pdf_is_an_export_on_page_and_api(world, client_for):
    plan = safety_services.plan_create(actor=None, dossier=world.dossier, title="Plan")
    client = client_for("circle_member")
    for url in (
        reverse("safety_plan_pdf", kwargs={"dossier_id": world.dossier.pk, "plan_id": plan.pk}),
        f"/api/v1/dossiers/{world.dossier.pk}/safety/plans/{plan.pk}/pdf",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        entries = AuditEntry.objects.filter(request_id=response["X-Request-ID"])
        assert [(e.action, e.export_format) for e in entries] == [("export", "pdf")], url


def test_the_access_log_csv_is_an_export_with_its_format(world, client_for):
    response = client_for("privacy_officer").get(reverse("audit_export"))
    b"".join(response.streaming_content)
    entry = AuditEntry.objects.get(request_id=response["X-Request-ID"])
    assert (entry.action, entry.export_format) == ("export", "csv")
