"""The scaling questions' chart in a real browser: an SVG drawn on the server, and controls that swap the
chart (htmx) without reloading the page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from kring.safety import scales

from ..safety.conftest import seat
from .test_safety_mapping import _login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_chart_shows_every_rater_and_the_controls_swap_it(live_server, world, page, artifacts_dir):
    seat(world.dossier, "Nathalie", "parent", "mama")
    raters = {r.key[0]: r for r in scales.dossier_raters(world.dossier)}
    for question, day, family, professional in (
        ("safety", date(2026, 10, 21), 8, 2),
        ("safety", date(2026, 11, 4), 8, 6),
        ("progress", date(2026, 11, 4), 7, 4),
    ):
        scales.scale_ratings_record(
            actor=None,
            dossier=world.dossier,
            question=question,
            rated_on=day,
            scores=[(raters["k"], family), (raters["p"], family), (raters["c"], professional)],
        )
    _login(page, live_server)
    page.goto(f"{live_server.url}/dossiers/{world.dossier.pk}/safety/scales/")
    chart = page.locator("#scales-chart svg")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    assert chart.bounding_box()["width"] > 400
    assert chart.locator("text", has_text="Nathalie").count() >= 1
    expect(page.locator("[data-testid=large-gaps]")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "safety-scales.png"), full_page=True)

    page.evaluate("window.kringMarker = 'same page'")
    page.locator("#scales-question").select_option("progress")
    expect(page.locator("#scales-chart h2")).to_contain_text("Voortgang")
    expect(page.locator("#scales-chart svg")).to_be_visible()
    assert page.evaluate("window.kringMarker") == "same page"  # swapped in place, not reloaded
    assert "question=progress" in page.url

    page.locator("#scales-question").select_option("safety")
    page.locator("#scales-gap").fill("7")
    page.locator("#scales-gap").press("Enter")
    expect(page.locator("#scales-chart h2")).to_contain_text("Veiligheid")
    expect(page.locator("[data-testid=large-gaps]")).to_have_count(0)
    assert page.evaluate("window.kringMarker") == "same page"
