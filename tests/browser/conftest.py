"""Fixtures for the real-browser tests: the system Chromium, driven by Playwright's sync API.

No browser is downloaded: Playwright launches the Debian Chromium at CHROMIUM_PATH. When it is missing
the browser tests are skipped, unless KRING_REQUIRE_BROWSER=1 (as in CI), where a missing browser fails.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; without this, Django refuses ORM calls
# made by fixtures (such as `world`) while that loop exists. pytest-playwright users do the same.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


def _unavailable(reason: str) -> None:
    if os.environ.get("KRING_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (KRING_REQUIRE_BROWSER=1, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(f"{reason}; set KRING_REQUIRE_BROWSER=1 to make this a failure")


@pytest.fixture(scope="session")
def browser() -> Iterator["object"]:
    """A headless system Chromium (playwright.sync_api.Browser), shared by the session."""
    if not CHROMIUM_PATH.exists():
        _unavailable(f"No Chromium at {CHROMIUM_PATH}: install the Debian 'chromium' package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("The Python package 'playwright' is not installed")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    """A fresh page in its own context (no cookies), as a Dutch-speaking user's browser."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR
