"""The network map and the timeline chart, as a browser draws them: structure, not pixels."""

import pytest
from playwright.sync_api import expect

from kring.cases.models import FamilyTimelineEntry, Participant, Person

PASSWORD = "correct horse battery staple"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_network_map_and_timeline_render(live_server, world, page, artifacts_dir):
    for first, relation, closeness in (("Fatma", "moeder", "inner"), ("Lieke", "tante", "wider")):
        person = Person.objects.create(first_name=first, last_name="Visser")
        Participant.objects.create(
            dossier=world.dossier, person=person, role="informal", relation=relation, closeness=closeness
        )
    for line, year, text in (
        ("good", 2014, "Geboren"),
        ("worries", 2022, "Diefstal"),
        ("legal", 2023, "OTS"),
    ):
        FamilyTimelineEntry.objects.create(dossier=world.dossier, line=line, year=year, text=text)

    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill("circle")
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")

    page.goto(f"{live_server.url}/dossiers/{world.dossier.pk}/network/")
    network_map = page.locator("svg.kring-map")
    expect(network_map).to_be_visible()
    expect(network_map).to_have_attribute("role", "img")
    rings = page.locator("svg.kring-map .kring-map__ring")
    assert rings.count() >= 3  # inner circle, wider network, professionals
    # one node per person: the child, the two relatives and the professional in the circle
    assert page.locator("svg.kring-map .kring-map__node").count() == 4
    assert page.locator("svg.kring-map .kring-map__node--professional").count() == 1
    box = network_map.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    page.screenshot(path=str(artifacts_dir / "network-map.png"), full_page=True)

    page.goto(f"{live_server.url}/dossiers/{world.dossier.pk}/timeline/")
    chart = page.locator(".kring-chart svg")
    expect(chart).to_be_visible()
    for text in ("Geboren", "Diefstal", "OTS"):
        assert chart.locator("text", has_text=text).count() >= 1, text
    assert chart.bounding_box()["width"] > 300
    page.screenshot(path=str(artifacts_dir / "timeline.png"), full_page=True)
