"""The strict Content-Security-Policy in a real browser: key pages load, htmx works and the charts draw
without a single CSP violation (no inline script, style or event handler anywhere). A self-check at the end
proves that the detector catches a violation."""

from datetime import date

import pytest
from playwright.sync_api import expect

from kring.cases.services import history
from kring.safety import mapping as services

PASSWORD = "correct horse battery staple"
# Registered before any page script runs; CDP-injected, so the policy does not block the listener itself.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def _violations(page, console: list[str]) -> list[str]:
    return console + page.evaluate("window.__cspViolations || []")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_key_pages_work_under_the_policy_without_violations(live_server, world, page):
    services.mapping_create(actor=None, dossier=world.dossier, held_on=date(2026, 10, 22))
    circle = world.circle_member
    history.contact_register(
        actor=circle,
        dossier=world.dossier,
        occurred_on=date(2026, 4, 1),
        minutes=60,
        kind="home_visit",
        people=[],
    )
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(LISTEN)

    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill("circle")
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")

    dossier = f"{live_server.url}/dossiers/{world.dossier.pk}"
    response = page.goto(f"{dossier}/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "camera=()" in response.headers["permissions-policy"]
    expect(page.locator("h1")).to_contain_text(world.dossier.title)
    assert _violations(page, console) == []

    # the safety mapping: an item added through htmx (a swap, no page load)
    page.goto(f"{dossier}/safety/mapping/")
    field = page.locator("#id_worries-text")
    field.fill("Niemand thuis na school.")
    field.press("Enter")
    expect(page.locator("#column-worries .kring-mapping__text").first).to_have_text(
        "Niemand thuis na school."
    )
    assert _violations(page, console) == []

    # a chart page: the contact-time chart (server-side SVG)
    page.goto(f"{dossier}/contacts/")
    expect(page.locator(".kring-chart__canvas svg").first).to_be_visible()
    page.goto(f"{dossier}/timeline/")
    assert _violations(page, console) == []

    # the detector works: an inline event handler is refused and reported
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=\"/healthz\" onload=\"1\">')")
    page.wait_for_timeout(500)
    assert any("script-src" in v or "Content Security Policy" in v for v in _violations(page, console))
