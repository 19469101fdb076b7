"""Usability from the walkthrough, in a real browser: fold-outs that look clickable, success messages that
are seen. Checks rely on structure and computed style, not on the wording of the catalogue."""

import pytest
from playwright.sync_api import expect

from .test_pathways import _login, running  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _look(summary) -> dict:
    return summary.evaluate(
        """el => {
            const style = getComputedStyle(el);
            return {cursor: style.cursor, border: style.borderTopWidth,
                    height: el.getBoundingClientRect().height,
                    marker: getComputedStyle(el, '::before').content};
        }"""
    )


@pytest.mark.usefixtures("running")
def test_fold_outs_look_clickable_and_their_marker_turns(live_server, world, page):
    _login(page, live_server, "circle")
    page.goto(f"{live_server.url}/dossiers/{world.dossier.pk}/pathway/")
    summary = page.locator("#step-court-hearing details > summary")
    closed = _look(summary)
    assert closed["cursor"] == "pointer" and closed["border"] != "0px" and closed["height"] >= 44
    assert closed["marker"] == '"▸"'
    summary.click()
    assert _look(summary)["marker"] == '"▾"'
    expect(page.locator("#step-court-hearing input[name=done_on]")).to_be_visible()


@pytest.mark.usefixtures("running")
def test_after_a_write_focus_moves_to_the_success_message(live_server, world, page):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _login(page, live_server, "circle")
    page.goto(f"{live_server.url}/dossiers/{world.dossier.pk}/pathway/")
    row = page.locator("#step-court-hearing")
    row.locator("details > summary").click()
    with page.expect_navigation():
        row.locator("form").first.locator("button[type=submit]").click()
    messages = page.locator("#kring-messages")
    expect(messages.locator(".utrecht-alert--ok")).to_be_visible()
    expect(messages).to_be_focused()
    assert messages.get_attribute("tabindex") == "-1"
    assert not errors
    # a page without messages leaves focus where the browser puts it
    page.goto(f"{live_server.url}/dossiers/{world.dossier.pk}/pathway/")
    assert page.locator("#kring-messages").count() == 0
