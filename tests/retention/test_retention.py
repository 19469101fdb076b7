from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from kring.accounts.models import Role
from kring.audit.models import AuditEntry
from kring.cases.models import Dossier, DossierStatus, Person
from kring.retention.models import RetentionRule
from kring.retention.selectors import retention_report

from ..factories import DossierFactory, MeasureFactory, MembershipFactory, ParticipantFactory


@pytest.fixture
def admin(world):
    return MembershipFactory(
        team=None,
        organisation=world.dossier.owning_team.organisation,
        role=Role.FUNCTIONAL_ADMIN,
        user__username="fb",
    ).user


def _closed(
    world, *, child_born: date, kind: str, ended_on: date, reference: str, jurisdiction: str = "NL"
) -> Dossier:
    dossier = DossierFactory(
        owning_team=world.dossier.owning_team,
        reference=reference,
        status=DossierStatus.CLOSED,
        jurisdiction=jurisdiction,
        opened_on=date(2000, 1, 1),
    )
    child = dossier.children.get()
    child.date_of_birth = child_born
    child.save()
    MeasureFactory(
        dossier=dossier,
        child=child,
        kind=kind,
        started_on=date(2000, 1, 1),
        ended_on=ended_on,
        end_reason="goals_reached",
    )
    return dossier


def test_the_default_rules_are_installed(db):
    rules = {
        (r.jurisdiction, r.measure_kind): (r.years_after_end, r.until_age)
        for r in RetentionRule.objects.all()
    }
    assert rules == {("NL", ""): (20, None), ("NL", "nl_guardianship"): (None, 38), ("BE", ""): (None, 35)}


def test_periods_follow_the_rule_of_the_frame_and_jurisdiction(world, admin):
    ots = _closed(
        world,
        child_born=date(1995, 5, 1),
        kind="nl_ots",
        ended_on=date(2004, 6, 30),
        reference="KR-NL-2000-0001",
    )
    guardianship = _closed(
        world,
        child_born=date(1995, 5, 1),
        kind="nl_guardianship",
        ended_on=date(2004, 6, 30),
        reference="KR-NL-2000-0002",
    )
    flemish = _closed(
        world,
        child_born=date(1995, 5, 1),
        kind="be_mano",
        ended_on=date(2004, 6, 30),
        reference="KR-BE-2000-0001",
        jurisdiction="BE",
    )
    report = {row.dossier.reference: row for row in retention_report(user=admin, today=date(2026, 11, 23))}
    assert report[ots.reference].keep_until == date(2024, 6, 30)  # 20 years after the help ended
    assert report[guardianship.reference].keep_until == date(2033, 5, 1)  # until 38
    assert report[flemish.reference].keep_until == date(2030, 5, 1)  # until 35
    assert [r.dossier.reference for r in report.values() if r.past(date(2026, 11, 23))] == [ots.reference]
    assert world.dossier.reference not in report  # open dossiers are not in the report


def test_a_missing_date_of_birth_means_never_destroyed(world, admin):
    dossier = _closed(
        world,
        child_born=date(1995, 5, 1),
        kind="nl_guardianship",
        ended_on=date(2004, 6, 30),
        reference="KR-NL-2000-0003",
    )
    Person.objects.filter(dossiers=dossier).update(date_of_birth=None)
    (row,) = retention_report(user=admin, today=date(2090, 1, 1))
    assert row.keep_until is None and not row.past(date(2090, 1, 1))


def test_destruction_needs_confirmation_and_keeps_the_audit_chain(world, admin, client):
    dossier = _closed(
        world,
        child_born=date(1980, 5, 1),
        kind="nl_ots",
        ended_on=date(1998, 6, 30),
        reference="KR-NL-2000-0004",
    )
    shared_grandmother = Person.objects.create(first_name="Oma", last_name="Kok")
    for target in (dossier, world.dossier):
        ParticipantFactory(dossier=target, person=shared_grandmother, role="informal", relation="oma")
    child_pk = dossier.children.get().pk
    client.force_login(admin)
    url = reverse("retention_destroy", args=[dossier.pk])

    client.post(url, {"confirm_reference": "KR-NL-2000-9999"})
    assert Dossier.objects.filter(pk=dossier.pk).exists()

    response = client.post(url, {"confirm_reference": "kr-nl-2000-0004"})
    assert response.status_code == 302
    assert not Dossier.objects.filter(pk=dossier.pk).exists()
    assert not Person.objects.filter(pk=child_pk).exists()  # only in this dossier: removed
    assert Person.objects.filter(pk=shared_grandmother.pk).exists()  # still in another family's dossier
    entry = AuditEntry.objects.filter(action="delete", dossier_reference="KR-NL-2000-0004").get()
    assert entry.purpose == "administration" and "retention period passed" in entry.reason
    call_command("verify_audit_chain")  # earlier entries about the dossier are still there and verify


def test_a_dossier_within_its_period_is_not_destroyed(world, admin, client):
    dossier = _closed(
        world,
        child_born=date(2010, 5, 1),
        kind="nl_ots",
        ended_on=date(2025, 6, 30),
        reference="KR-NL-2000-0005",
    )
    client.force_login(admin)
    client.post(reverse("retention_destroy", args=[dossier.pk]), {"confirm_reference": dossier.reference})
    assert Dossier.objects.filter(pk=dossier.pk).exists()


def test_never_automatic(world, admin):
    """Nothing destroys a dossier by itself: time passing only changes the report."""
    dossier = _closed(
        world,
        child_born=date(1980, 5, 1),
        kind="nl_ots",
        ended_on=date(1998, 6, 30),
        reference="KR-NL-2000-0006",
    )
    with time_machine.travel(date(2090, 1, 1)):
        retention_report(user=admin, today=date(2090, 1, 1))
    assert Dossier.objects.filter(pk=dossier.pk).exists()


def test_another_organisations_admin_cannot_destroy(world, client):
    dossier = _closed(
        world,
        child_born=date(1980, 5, 1),
        kind="nl_ots",
        ended_on=date(1998, 6, 30),
        reference="KR-NL-2000-0007",
    )
    outsider = MembershipFactory(team=None, role=Role.FUNCTIONAL_ADMIN, user__username="fb-elders").user
    client.force_login(outsider)
    assert (
        client.post(
            reverse("retention_destroy", args=[dossier.pk]), {"confirm_reference": dossier.reference}
        ).status_code
        == 404
    )
    assert Dossier.objects.filter(pk=dossier.pk).exists()


def test_the_report_page_lists_references_not_names(world, admin, client):
    _closed(
        world,
        child_born=date(1980, 5, 1),
        kind="nl_ots",
        ended_on=date(1998, 6, 30),
        reference="KR-NL-2000-0008",
    )
    client.force_login(admin)
    body = client.get(reverse("retention_report")).content.decode()
    assert "KR-NL-2000-0008" in body
    assert "de Jong" not in body
