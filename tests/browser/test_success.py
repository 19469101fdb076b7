"""Signs of Success in a real browser: the Klaar mee?! chart on the overview, and a positive early closure
proposed by the worker and confirmed by the team lead, ending in the report to the child protection board."""

from datetime import date

import pytest
from playwright.sync_api import expect

from kring.cases.models import Measure
from kring.safety.success import services

PASSWORD = "correct horse battery staple"


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_desistance_chart_and_positive_early_closure(live_server, world, page, artifacts_dir):
    d = world.dossier
    measure = Measure.objects.create(
        dossier=d,
        child=d.children.get(),
        kind="nl_youth_probation",
        started_on=date(2026, 3, 2),
        planned_end_on=date(2027, 3, 2),
    )
    services.book_ends_save(
        actor=None, dossier=d, greatest_worry="Nieuwe inbraken.", success_goal="Naar school."
    )
    services.ik_plan_save(actor=None, dossier=d, goals="Mijn diploma halen.", written_by="young_person")
    for on, stage, view, relapse in (
        (date(2026, 4, 6), "preparing", "young_person", ""),
        (date(2026, 6, 1), "recognising", "young_person", "Weer meegegaan met de oude vrienden."),
        (date(2026, 10, 5), "stopping", "young_person", ""),
        (date(2026, 10, 5), "stopping", "worker", ""),
    ):
        services.desistance_record_add(
            actor=None,
            dossier=d,
            recorded_on=on,
            stage=stage,
            view=view,
            relapse=bool(relapse),
            relapse_note=relapse,
        )

    _login(page, live_server, "circle")
    page.goto(f"{live_server.url}/dossiers/{d.pk}/success/")
    chart = page.locator("#desistance ~ figure.kring-chart svg, figure.kring-chart svg").first
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    assert chart.locator("text", has_text="Stopper").count() >= 1
    assert chart.bounding_box()["width"] > 300
    page.screenshot(path=str(artifacts_dir / "success-desistance.png"), full_page=True)

    page.get_by_role("link", name="Wat waar moet zijn, voorstellen en besluiten").click()
    expect(page.get_by_test_id("closure-checks").first).not_to_contain_text("✗")
    page.get_by_text("Positief afsluiten voorleggen aan de teamleider").click()
    page.get_by_label("De maatregel eindigt op").fill("2026-11-16")
    page.get_by_label("Wat de jongere heeft bereikt").fill("Weer elke dag naar school en werk gevonden.")
    page.get_by_label("In de eigen woorden van de jongere").fill("Ik ben monteur, geen inbreker.")
    with page.expect_navigation():
        page.get_by_role("button", name="Afsluiten voorstellen").click()
    expect(page.get_by_role("heading", name="Wacht op de teamleider", exact=False)).to_be_visible()

    _login(page, live_server, "lead")
    page.goto(f"{live_server.url}/dossiers/{d.pk}/success/early-closure/")
    page.locator("textarea[id^=confirm-note]").fill("Akkoord.")
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen: maatregel eerder en positief beëindigen").click()
    expect(
        page.get_by_role("heading", name="Positieve terugmelding aan de Raad voor de Kinderbescherming")
    ).to_be_visible()
    expect(page.get_by_test_id("closes-on")).to_contain_text("16 november 2026")
    expect(page.locator("figure, .chart").locator("svg").first).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "success-closure-report.png"), full_page=True)
    measure.refresh_from_db()
    assert measure.end_reason == "early_positive_closure" and measure.ended_on == date(2026, 11, 16)
