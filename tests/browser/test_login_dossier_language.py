"""A circle member logs in with the keyboard, opens a dossier and switches the interface to English.

Runs in a real Chromium against the live server. Text checks avoid Dutch wording (the Dutch catalogue
may not be compiled) and rely on structure: the lang attribute, the reference, the family name, ids.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

PASSWORD = "correct horse battery staple"  # set by tests/factories.py UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _is_static(url: str) -> bool:
    return urlsplit(url).path.startswith("/static/")


def test_login_open_dossier_and_switch_language(live_server, world, page, artifacts_dir):
    console_errors: list[str] = []
    failed_requests: list[str] = []
    static_responses: dict[str, int] = {}
    page.on(
        "console",
        lambda msg: console_errors.append(f"{msg.text} ({msg.location})") if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: console_errors.append(f"uncaught: {exc}"))
    page.on("requestfailed", lambda req: failed_requests.append(f"{req.method} {req.url}: {req.failure}"))

    def on_response(response) -> None:
        if _is_static(response.url):
            static_responses[urlsplit(response.url).path] = response.status

    page.on("response", on_response)

    # 1. Anonymous: the home page sends us to the login page, in Dutch by default.
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/login/\?next="))
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    # The stylesheets load and apply: the design tokens' font, not the browser's default serif.
    font_family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans" in font_family, f"kring's CSS did not apply to <body>: font-family is {font_family!r}"
    for stylesheet in (
        "/static/vendor/voorbeeld/design-tokens.css",
        "/static/vendor/utrecht/component-library.css",
        "/static/ui/kring.css",
    ):
        assert static_responses.get(stylesheet) == 200, f"{stylesheet}: {static_responses.get(stylesheet)}"

    # 2. Log in with the keyboard: Enter in the password field submits the form.
    page.locator("input[name=username]").fill("circle")
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")

    # 3. My dossiers: the dossier is listed, and the navigation marks this page as current.
    expect(page).to_have_url(f"{live_server.url}/dossiers/")
    expect(page.locator("nav.kring-nav a[aria-current=page]")).to_have_attribute("href", "/dossiers/")
    dossier_link = page.locator("table.kring-table a", has_text="Gezin Visser")
    expect(dossier_link).to_have_count(1)
    expect(
        page.locator("table.kring-table tbody tr", has=page.locator("a", has_text="Gezin Visser"))
    ).to_contain_text("KR-NL-2026-0042")

    # 4. Open the dossier; personal data must not be cached by the browser.
    with page.expect_navigation() as navigation:
        dossier_link.click()
    response = navigation.value
    assert response is not None and response.status == 200
    assert "no-store" in (response.headers.get("cache-control") or ""), response.headers
    dossier_url = page.url
    assert urlsplit(dossier_url).path == f"/dossiers/{world.dossier.pk}/"
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("main h1")).to_have_text("Gezin Visser")
    expect(page.locator("main")).to_contain_text("KR-NL-2026-0042")
    expect(page.locator("h2#circle-heading")).to_be_visible()
    page.screenshot(path=artifacts_dir / "dossier-nl.png", full_page=True)

    # 5. Switch to English with the language switch; we stay on the same dossier page.
    english = page.locator("form.kring-language-switch button[name=language][value=en]")
    expect(english).to_have_text("English")
    with page.expect_navigation():
        english.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url == dossier_url
    expect(page.locator("main h1")).to_have_text("Gezin Visser")
    expect(page.locator("h2#circle-heading")).to_have_text("The circle: professionals")
    expect(page.locator("form.kring-language-switch button[value=en]")).to_have_attribute(
        "aria-current", "true"
    )
    page.screenshot(path=artifacts_dir / "dossier-en.png", full_page=True)

    # 6. Keyboard: the first Tab stop from the top of the page is the skip link to the main content.
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "({tag: document.activeElement.tagName, href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"tag": "A", "href": "#main"}, focused

    # 7. Nothing went wrong along the way.
    assert failed_requests == [], failed_requests
    broken_static = {path: status for path, status in static_responses.items() if status >= 400}
    assert broken_static == {}, broken_static
    # Includes "Failed to load resource" for any 404, such as a missing /favicon.ico.
    assert console_errors == [], console_errors
