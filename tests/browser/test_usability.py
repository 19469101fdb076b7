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
