from datetime import date

import pytest
from django.urls import reverse
from icalendar import Calendar

from kring.pathways.models import CalendarFeed, PathwayTemplate
from kring.pathways.services import calendar_feed_create, pathway_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(world):
    world.dossier.opened_on = date(2026, 1, 1)
    world.dossier.save(update_fields=["opened_on"])
    template = PathwayTemplate.objects.get(slug="safety-planning-urgency-be")
    return pathway_start(actor=None, dossier=world.dossier, template=template, started_on=date(2026, 3, 2))


def test_feed_parses_with_icalendar_and_has_no_names(running, world, client):
    token = calendar_feed_create(user=world.circle_member)
    assert not CalendarFeed.objects.filter(token_hash=token).exists()  # only the hash is stored
    response = client.get(reverse("agenda_ical", args=[token]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert events
    text = response.content.decode()
    user = world.circle_member
    for name in [world.dossier.title, "Visser", user.username, user.first_name, user.last_name]:
        if name:
            assert name not in text
    for event in events:
        assert str(event["summary"]).startswith(world.dossier.reference + " · ")


def test_feed_is_revocable_and_a_new_one_replaces_the_old(running, world, client, client_for):
    old = calendar_feed_create(user=world.circle_member)
    new = calendar_feed_create(user=world.circle_member)
    assert client.get(reverse("agenda_ical", args=[old])).status_code == 404
    assert client.get(reverse("agenda_ical", args=[new])).status_code == 200
    client_for("circle_member").post(reverse("agenda_feed_revoke"))
    assert client.get(reverse("agenda_ical", args=[new])).status_code == 404


def test_feed_of_someone_without_steps_is_empty(running, world, client):
    token = calendar_feed_create(user=world.other_team)
    calendar = Calendar.from_ical(client.get(reverse("agenda_ical", args=[token])).content)
    assert not list(calendar.walk("VEVENT"))
