"""A circle member works a pathway in a real browser: the schedule chart, a reflection, ending the pathway
and its case script (page and PDF), and the team agenda. Checks rely on structure (ids, data attributes,
names the test wrote itself), not on the wording of the catalogue."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.pathways.loader import load_templates
from kring.pathways.models import Pathway, PathwayState, PathwayTemplate, TemplateStep
from kring.pathways.services import pathway_start

PASSWORD = "correct horse battery staple"  # set by tests/factories.py UserFactory
QUESTION = "Wie kan een vertrouwensfiguur zijn voor Noor?"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def running(world):
    if (
        not PathwayTemplate.objects.exists()
    ):  # a transactional test before may have flushed the migration's data
        load_templates(PathwayTemplate, TemplateStep)
    today = timezone.localdate()
    world.dossier.opened_on = today - timedelta(days=30)
    world.dossier.save(update_fields=["opened_on"])
    template = PathwayTemplate.objects.get(slug="safety-planning-urgency-be")
    return pathway_start(
        actor=None, dossier=world.dossier, template=template, started_on=today - timedelta(days=10)
    )


def _login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")


def test_reflect_end_the_pathway_and_read_its_case_script(live_server, world, running, page, artifacts_dir):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _login(page, live_server, "circle")
    page.goto(f"{live_server.url}/dossiers/{world.dossier.pk}/pathway/")

    chart = page.locator(".kring-chart svg")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 300
    expect(page.locator("#step-court-hearing")).to_be_visible()
    expect(page.locator('[data-reminder-state="pending"]').first).to_be_attached()

    # A reflection, typed into labelled fields.
    reflections = page.locator("#reflections-heading").locator("xpath=..")
    reflections.locator("textarea[name=question]").fill(QUESTION)
    with page.expect_navigation():
        reflections.locator("button[type=submit]").click()
    expect(page.locator("#reflections-heading").locator("xpath=..")).to_contain_text(QUESTION)
    page.screenshot(path=str(artifacts_dir / "pathway.png"), full_page=True)
    question_id = page.locator("textarea[name=question]").get_attribute("id")
    assert page.locator(f'label[for="{question_id}"]').count() == 1

    # End the pathway without a reason: refused on the form, nothing changes.
    closing = page.locator("#close-heading").locator("xpath=..")
    with page.expect_navigation():
        closing.locator("button[type=submit]").click()
    expect(page.locator("#close-heading").locator("xpath=..").locator("[role=alert]")).to_be_visible()
    assert Pathway.objects.get(pk=running.pk).state == PathwayState.RUNNING

    closing = page.locator("#close-heading").locator("xpath=..")
    closing.locator("select[name=end_reason]").select_option("goals_reached")
    with page.expect_navigation():
        closing.locator("button[type=submit]").click()
    alerts = page.locator("[role=alert]").all_inner_texts()
    assert page.url.endswith(f"/pathway/{running.pk}/script/"), (
        alerts + page.locator(".utrecht-form-field-error-message").all_inner_texts()
    )
    assert Pathway.objects.get(pk=running.pk).state == PathwayState.ENDED

    for section in (
        "script-steps",
        "script-circle",
        "script-contacts",
        "script-reflections",
        "script-safety",
    ):
        expect(page.locator(f"#{section}")).to_be_visible()
    expect(page.locator("#script-reflections").locator("xpath=..")).to_contain_text(QUESTION)
    for role in ("case_worker", "care_provider", "network", "judge"):
        expect(page.locator(f'[data-role="{role}"]')).to_be_visible()
    expect(page.locator("[data-no-safety-plan]")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "case-script.png"), full_page=True)

    with page.expect_download() as download_info:
        page.locator(f'a[href$="/pathway/{running.pk}/script.pdf"]').click()
    download = download_info.value
    assert download.suggested_filename == f"{world.dossier.reference.lower()}-case-script-{running.pk}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert not errors, errors


def test_the_team_lead_sees_the_steps_of_the_team(live_server, world, running, page, artifacts_dir):
    _login(page, live_server, "lead")
    page.goto(f"{live_server.url}/agenda/team/")
    overdue = page.locator("#overdue-heading").locator("xpath=..")
    expect(overdue.locator(f"text={world.dossier.reference}").first).to_be_visible()
    # the responsible person is named in the team view
    expect(overdue).to_contain_text(world.circle_member.get_full_name())
    with page.expect_navigation():
        overdue.locator(f"a:has-text('{world.dossier.reference}')").first.click()
    assert "/pathway/" in page.url
    page.screenshot(path=str(artifacts_dir / "team-agenda-step.png"), full_page=True)
