"""The dashboard while its figures are computed, in a real browser: the progress bar polls, and when the
worker is done the figures appear in place — no page reload, no CSP violation."""

import pytest
from playwright.sync_api import expect

from kring.insights.computed import insight_compute
from kring.insights.models import ComputedInsight

PASSWORD = "correct horse battery staple"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_figures_replace_the_progress_bar_without_a_reload(live_server, world, page, settings):
    settings.KRING_INSIGHTS_TASK_BACKEND = "default"  # the database queue: this test plays the worker
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill("lead")
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")

    page.goto(f"{live_server.url}/insights/team/")
    expect(page.locator("#insights-progress progress")).to_be_visible()
    page.evaluate("window.__sameDocument = true")  # gone if the page were reloaded
    assert insight_compute(ComputedInsight.objects.get().pk) == "done"

    expect(page.locator("#dashboard-table-1")).to_be_visible(timeout=8_000)
    expect(page.locator("#insights-progress")).to_have_count(0)
    assert page.evaluate("window.__sameDocument === true")
    assert violations == []
