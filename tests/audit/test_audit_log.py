import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.audit.views import _csv_safe
from kring.cases import services as case_services

from ..factories import MembershipFactory, PersonFactory


def test_a_read_is_logged_with_nen7513_fields(world, client_for):
    client = client_for("circle_member")
    response = client.get(reverse("dossier_detail", args=[world.dossier.pk]), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="read", dossier_id=world.dossier.pk).latest("sequence")
    membership = world.circle_member.memberships.get()
    assert entry.actor_id == world.circle_member.pk
    assert entry.actor_username == "circle"
    assert entry.organisation_id == membership.organisation_id
    assert entry.organisation_name == "Jeugdbescherming Noordkust"
    assert entry.role == "case_worker"
    assert entry.outcome == "allowed"
    assert entry.purpose == "normal"
    assert entry.dossier_reference == "KR-NL-2026-0042"
    assert entry.object_type == "cases.dossier"
    assert entry.object_id == str(world.dossier.pk)
    assert entry.client_ip == "10.1.2.3"
    assert entry.request_id == response["X-Request-ID"]
    assert entry.occurred_at is not None


def test_a_write_is_logged_with_field_names_not_values(world):
    person = PersonFactory(first_name="Fenna")
    case_services.dossier_add_child(actor=world.circle_member, dossier=world.dossier, person=person)
    entry = AuditEntry.objects.latest("sequence")
    assert entry.action == "update"
    assert entry.fields == ["children"]
    assert "Fenna" not in str(entry.fields) + entry.reason


def test_break_glass_reads_carry_purpose_and_reason(world, client_for):
    client_for("break_glass").get(reverse("dossier_detail", args=[world.dossier.pk]))
    entry = AuditEntry.objects.filter(action="read", actor_id=world.break_glass.pk).latest("sequence")
    assert entry.purpose == "break_glass"
    assert entry.reason == world.grant.reason
    assert entry.role == "behavioural_scientist"


def test_login_failures_and_logins_are_logged(world, client):
    client.post(reverse("login"), {"username": "circle", "password": "wrong password"})
    client.post(reverse("login"), {"username": "circle", "password": "correct horse battery staple"})
    actions = list(
        AuditEntry.objects.filter(actor_username="circle")
        .order_by("sequence")
        .values_list("action", "outcome")
    )
    assert actions[-2:] == [("login_failed", "denied"), ("login", "allowed")]


def test_chain_verifies_when_intact(world, client_for):
    client_for("circle_member").get(reverse("dossier_detail", args=[world.dossier.pk]))
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert "intact" in out.getvalue()


def test_privacy_officer_filters_and_exports(world, client_for):
    client_for("circle_member").get(reverse("dossier_detail", args=[world.dossier.pk]))
    client_for("other_team").get(reverse("dossier_detail", args=[world.dossier.pk]))
    officer = client_for("privacy_officer")

    page = officer.get(reverse("audit_log"), {"dossier_reference": "KR-NL-2026-0042", "outcome": "denied"})
    assert page.status_code == 200
    assert page.context["page_obj"].paginator.count == 1
    assert "zuid" in page.content.decode()

    export = officer.get(reverse("audit_export"), {"dossier_reference": "KR-NL-2026-0042"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert {(row["actor_username"], row["outcome"]) for row in rows} >= {
        ("circle", "allowed"),
        ("zuid", "denied"),
    }
    assert export["Content-Type"].startswith("text/csv")
    assert AuditEntry.objects.filter(action="export", actor_id=world.privacy_officer.pk).exists()


def test_privacy_officer_sees_only_own_organisations_entries(world, client_for):
    outsider = MembershipFactory(role="privacy_officer", user__username="fg-elders").user
    client_for("circle_member").get(reverse("dossier_detail", args=[world.dossier.pk]))
    client = client_for("anonymous")
    client.force_login(outsider)
    page = client.get(reverse("audit_log"), {"dossier_reference": "KR-NL-2026-0042"})
    assert page.status_code == 200
    assert page.context["page_obj"].paginator.count == 0


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+31 6", "'+31 6"),
        ("@x", "'@x"),
        ("-", "'-"),
        ("anna", "anna"),
        (None, ""),
    ],
)
def test_export_neutralises_spreadsheet_formulas(value, written):
    assert _csv_safe(value) == written


def test_an_invalid_filter_shows_and_exports_nothing(world, client_for):
    client_for("circle_member").get(reverse("dossier_detail", args=[world.dossier.pk]))
    officer = client_for("privacy_officer")
    bad = {"date_from": "2026-05-02", "date_to": "2026-05-01"}
    page = officer.get(reverse("audit_log"), bad)
    assert page.status_code == 200
    assert page.context["page_obj"].paginator.count == 0
    assert page.context["form"].non_field_errors()
    export = officer.get(reverse("audit_export"), bad)
    assert export.status_code == 302
    assert not AuditEntry.objects.filter(action="export").exists()


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "2026-13-40", "gisteren"])
def test_impossible_dates_are_a_clear_error_not_a_crash(value, world, client_for):
    page = client_for("privacy_officer").get(reverse("audit_log"), {"date_from": value})
    assert page.status_code == 200
    assert page.context["form"].errors["date_from"]


def test_viewing_the_access_log_is_itself_logged(world, client_for):
    client_for("privacy_officer").get(reverse("audit_log"), {"username": "circle"})
    entry = AuditEntry.objects.filter(actor_id=world.privacy_officer.pk, action="read").latest("sequence")
    assert (entry.purpose, entry.fields, entry.reason) == ("oversight", ["audit_log"], "username=circle")


def test_someone_else_trying_the_access_log_is_logged_as_denied(world, client_for):
    assert client_for("team_lead").get(reverse("audit_log")).status_code == 404
    assert AuditEntry.objects.filter(
        actor_id=world.team_lead.pk, outcome="denied", fields=["audit_log"]
    ).exists()


@pytest.mark.parametrize(
    ("remote", "forwarded", "recorded"),
    [
        ("10.0.0.5", "", "10.0.0.5"),  # no proxy
        ("10.0.0.1", "198.51.100.7", "198.51.100.7"),  # through the trusted proxy
        ("10.0.0.1", "203.0.113.9, 198.51.100.7", "198.51.100.7"),  # a client cannot choose its address
        ("10.0.0.9", "198.51.100.7", "10.0.0.9"),  # an untrusted hop's header is ignored
    ],
)
def test_the_client_address_behind_a_trusted_proxy(remote, forwarded, recorded, world, client_for, settings):
    settings.KRING_TRUSTED_PROXIES = frozenset({"10.0.0.1"})
    client_for("circle_member").get(
        reverse("dossier_detail", args=[world.dossier.pk]), REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded
    )
    assert AuditEntry.objects.filter(action="read").latest("sequence").client_ip == recorded
