"""Contacts with the client system: registered through the service, checked, audited, refused to outsiders."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from kring.audit.models import AuditEntry
from kring.cases.models import Contact, ContactKind
from kring.cases.services.history import contact_register

from ..factories import PersonFactory

TODAY = "2026-11-20 12:00 +01:00"


@pytest.fixture
def family(world):
    child = PersonFactory(first_name="Mila", last_name="Visser")
    world.dossier.children.add(child)
    world.dossier.opened_on = date(2026, 9, 1)
    world.dossier.save()
    return child


@time_machine.travel(TODAY)
def test_a_circle_member_registers_a_home_visit_with_the_child(world, family):
    contact = contact_register(
        actor=world.circle_member,
        dossier=world.dossier,
        occurred_on=date(2026, 11, 18),
        minutes=90,
        kind=ContactKind.HOME_VISIT,
        people=[family],
        note="Eerste huisbezoek na de zitting.",
    )
    assert contact.worker == world.circle_member
    assert list(contact.people.all()) == [family]
    entry = AuditEntry.objects.filter(object_type="cases.contact").get()
    assert entry.dossier_id == world.dossier.pk
    assert "minutes" in entry.fields
    assert "Eerste huisbezoek" not in str(entry.fields)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"minutes": 0}, "minutes"),
        ({"minutes": 24 * 60 + 1}, "minutes"),
        ({"occurred_on": date(2026, 11, 21)}, "occurred_on"),  # tomorrow
        ({"occurred_on": date(2026, 8, 31)}, "occurred_on"),  # before the dossier was opened
        ({"kind": "carrier_pigeon"}, "kind"),
    ],
)
@time_machine.travel(TODAY)
def test_bad_contacts_are_refused_with_a_message_and_nothing_is_saved(world, family, changes, field):
    values = {"occurred_on": date(2026, 11, 18), "minutes": 60, "kind": ContactKind.PHONE} | changes
    with pytest.raises(ValidationError) as refused:
        contact_register(actor=world.circle_member, dossier=world.dossier, people=[family], **values)
    assert field in refused.value.message_dict
    assert not Contact.objects.exists()


@time_machine.travel(TODAY)
def test_a_person_from_another_family_cannot_be_named_in_a_contact(world, family):
    stranger = PersonFactory(first_name="Bram", last_name="Smit")
    with pytest.raises(ValidationError) as refused:
        contact_register(
            actor=world.circle_member,
            dossier=world.dossier,
            occurred_on=date(2026, 11, 18),
            minutes=30,
            kind=ContactKind.PHONE,
            people=[stranger],
        )
    assert "Bram Smit" in refused.value.message_dict["people"][0]
    assert not Contact.objects.exists()


@pytest.mark.parametrize("persona", ["other_team", "other_org", "break_glass", "privacy_officer"])
@time_machine.travel(TODAY)
def test_who_does_not_work_on_the_dossier_cannot_register_a_contact(world, family, persona):
    with pytest.raises(PermissionDenied):
        contact_register(
            actor=world.user(persona),
            dossier=world.dossier,
            occurred_on=date(2026, 11, 18),
            minutes=30,
            kind=ContactKind.PHONE,
        )
    assert not Contact.objects.exists()
    assert AuditEntry.objects.filter(outcome="denied", dossier_id=world.dossier.pk).exists()
