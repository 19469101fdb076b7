"""The contacts page: register a contact, see the intensity in hours and minutes and as a chart."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.cases.models import Contact, ContactKind

TODAY = "2026-04-20 12:00 +02:00"


@pytest.fixture
def page(world):
    return reverse("dossier_contacts", kwargs={"dossier_id": world.dossier.pk})


@time_machine.travel(TODAY)
def test_a_case_worker_registers_a_contact_and_sees_the_intensity(world, client_for, page):
    client = client_for("circle_member")
    child = world.dossier.children.get()
    response = client.post(
        reverse("dossier_contact_add", kwargs={"dossier_id": world.dossier.pk}),
        {
            "occurred_on": "2026-04-14",
            "minutes": "95",
            "kind": ContactKind.HOME_VISIT,
            "people": [child.pk],
            "note": "Huisbezoek met oma erbij",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert (contact.minutes, list(contact.people.all()), contact.worker) == (95, [child], world.circle_member)
    html = client.get(page).content.decode()
    assert "Huisbezoek met oma erbij" in html
    assert "1 u 35 min" in html
    assert "<svg" in html and 'role="img"' in html
    assert AuditEntry.objects.filter(
        dossier_id=world.dossier.pk, action="read", actor_id=world.circle_member.pk
    ).exists()


@time_machine.travel(TODAY)
def test_bad_input_is_explained_and_nothing_is_saved(world, client_for):
    client = client_for("circle_member")
    url = reverse("dossier_contact_add", kwargs={"dossier_id": world.dossier.pk})
    for data in (
        {"occurred_on": "2026-04-14", "minutes": "0", "kind": ContactKind.PHONE},
        {"occurred_on": "2026-04-14", "minutes": "30", "kind": "pigeon"},
        {"occurred_on": "2026-05-01", "minutes": "30", "kind": ContactKind.PHONE},  # in the future
    ):
        response = client.post(url, data)
        assert response.status_code == 200
        assert 'class="utrecht-form-field-error-message"' in response.content.decode(), data
    assert not Contact.objects.exists()


@time_machine.travel(TODAY)
def test_a_period_that_runs_backwards_is_explained(world, client_for, page):
    html = (
        client_for("circle_member").get(page, {"start": "2026-04-10", "end": "2026-03-10"}).content.decode()
    )
    assert "De einde van de periode" in html or "ligt vóór" in html or "before its start" in html


@time_machine.travel(TODAY)
def test_the_intensity_counts_the_period_asked_for(world, client_for, page):
    start = date(2026, 3, 2)
    for day in range(0, 42, 7):
        Contact.objects.create(
            dossier=world.dossier,
            occurred_on=start + timedelta(days=day),
            minutes=330,
            kind=ContactKind.HOME_VISIT,
            worker=world.circle_member,
        )
    html = (
        client_for("circle_member").get(page, {"start": "2026-03-02", "end": "2026-04-12"}).content.decode()
    )
    assert "33 u 0 min" in html and "5 u 30 min" in html


@time_machine.travel(TODAY)
def test_the_intensity_defaults_to_the_pathway_or_else_the_measure(world, client_for, page):
    from kring.cases.services.history import measure_start
    from kring.pathways.models import PathwayTemplate
    from kring.pathways.services import pathway_start

    world.dossier.opened_on = date(2026, 1, 1)
    world.dossier.save(update_fields=["opened_on"])
    client = client_for("circle_member")
    assert client.get(page).context["intensity"].starts_on == date(2026, 1, 1)
    measure_start(
        actor=None,
        dossier=world.dossier,
        child=world.dossier.children.get(),
        kind="nl_ots",
        started_on=date(2026, 2, 1),
        planned_end_on=date(2027, 1, 31),
        decided_by="Kinderrechter Rotterdam",
    )
    response = client.get(page)
    intensity = response.context["intensity"]
    assert (intensity.starts_on, intensity.ends_on) == (date(2026, 2, 1), date(2026, 4, 20))
    assert 'value="2026-02-01"' in response.content.decode()  # the form shows the period it counts
    template = PathwayTemplate.objects.get(slug="safety-planning-urgency-be")
    pathway_start(
        actor=world.circle_member, dossier=world.dossier, template=template, started_on=date(2026, 3, 2)
    )
    response = client.get(page)
    assert response.context["intensity"].starts_on == date(2026, 3, 2)
    assert "data-default-period" in response.content.decode()
    assert "de periode van het traject" in response.content.decode()
    asked = client.get(page, {"start": "2026-01-05", "end": "2026-01-31"}).context["intensity"]
    assert (asked.starts_on, asked.ends_on) == (date(2026, 1, 5), date(2026, 1, 31))
