"""axe-core and the phone width, in a real Chromium, on every page a case worker reaches by crawling the
product (tests/ui/crawl.py) and on a family's self-entry pages.

At 1280 and 390 px wide each page is loaded once; axe (vendored for the tests only, run from its file)
checks WCAG 2.1 A and AA, and at 390 px the document must not be wider than the screen (a wide table
scrolls inside its own region, the page itself never sideways), the first screen shows the page's title and
the start of its content, and a dossier's tabs are one menu.
"""

import time
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from kring.feedback.models import Instrument
from kring.feedback.self_entry import self_entry_link_create
from kring.feedback.services import administration_plan

from ..ui.crawl import crawl, fill_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "src/kring/ui/static/vendor/axe/axe.min.js"
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = ({"width": 1280, "height": 900}, {"width": 390, "height": 844})

# Reviewed exceptions: axe rule id -> why it does not apply. Keep this empty unless a rule misfires.
EXCEPTIONS: dict[str, str] = {}

RUN_AXE = """async (rules) => {
  const options = {runOnly: {type: 'tag', values: rules}, resultTypes: ['violations']};
  const result = await axe.run(document, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
  }));
}"""

# What sticks out: the innermost elements past the right edge that no scrolling region on the screen holds.
STICKING_OUT = """() => {
  const edge = document.documentElement.clientWidth + 1;
  const held = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const clips = ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX);
      if (clips && p.getBoundingClientRect().right <= edge) return true;
    }
    return false;
  };
  const out = (el) => el.checkVisibility() && el.getBoundingClientRect().right > edge && !held(el);
  const found = [...document.body.querySelectorAll('*')].filter(el => out(el) && ![...el.children].some(out));
  return found.slice(0, 3).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
}"""


@pytest.fixture
def shipped(transactional_db):
    """What migrations ship (pathway templates, questionnaires): a transactional test before this one may
    have flushed it."""
    from django.apps import apps

    from kring.feedback.definitions import INSTRUMENTS
    from kring.feedback.shipping import ship
    from kring.pathways.loader import load_templates
    from kring.pathways.models import PathwayTemplate, TemplateStep

    ship(apps, [definition["slug"] for definition in INSTRUMENTS])
    if not PathwayTemplate.objects.exists():
        load_templates(PathwayTemplate, TemplateStep)


@pytest.fixture
def clock():
    with time_machine.travel("2026-11-20 10:00 +01:00", tick=True):
        yield


def _pages(world) -> tuple[list[tuple[str, str]], str]:
    """The case worker's crawled pages and their session cookie; then the self-entry pages of a parent."""
    fill_world(world)
    client = Client()
    client.force_login(world.circle_member)
    pages = crawl(client, world.circle_member, dossier=world.dossier, per_pattern=1).pages
    planned = administration_plan(
        actor=None,
        instrument=Instrument.objects.get(slug="exit", version=1),
        dossier=world.dossier,
        respondent_type="parent",
        respondent_label="Fatma",
    )
    token = self_entry_link_create(actor=None, administration=planned).token
    family = [(f"/f/{token}/", "self_entry"), ("/f/done/", "self_entry_done")]
    return [*pages, *family], client.cookies[settings.SESSION_COOKIE_NAME].value


# On a phone the first screen shows the page's title with some of its content below it, and a dossier's pages
# are one menu button, not rows of tabs. Returns what is wrong, or "".
FIRST_SCREEN = """() => {
  const title = document.querySelector('main h1');
  if (!title) return 'no h1 in main';
  const bottom = title.getBoundingClientRect().bottom;
  if (bottom + 80 > window.innerHeight) return 'the title ends at ' + Math.round(bottom) + ' px';
  const tabs = document.querySelector('.kring-dossier-nav');
  if (tabs && tabs.checkVisibility()) return "the dossier's tabs show as rows";
  return '';
}"""

NEXT_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _axe_finds_a_planted_violation(browser, axe_source: str) -> None:
    """Zero violations must mean axe looked: on a picture without a text alternative it reports one."""
    page = browser.new_page()
    try:
        page.set_content('<!DOCTYPE html><html lang="nl"><title>t</title><main><img src="data:,"></main>')
        page.evaluate(axe_source)
        assert "image-alt" in {found["id"] for found in page.evaluate(RUN_AXE, WCAG_21_A_AA)}
    finally:
        page.close()


def test_every_crawled_page_passes_axe_and_fits_a_phone(shipped, clock, world, live_server, browser):
    pages, session = _pages(world)
    assert len(pages) > 40, pages  # the crawl reached the product, not only a login page
    axe_source = AXE.read_text() + "\n;true"
    _axe_finds_a_planted_violation(browser, axe_source)
    violations: dict[str, list[str]] = {}
    too_wide: list[str] = []
    first_screen: list[str] = []
    timings: dict[str, float] = {"load": 0.0, "axe": 0.0}
    wide, phone = WIDTHS
    context = browser.new_context(locale="nl-NL", viewport=wide)
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    page = context.new_page()
    try:
        for url, name in pages:
            # each page is loaded once: checked wide, then narrowed to a phone's width and checked again
            started = time.monotonic()
            page.set_viewport_size(wide)
            page.goto(f"{live_server.url}{url}")
            timings["load"] += time.monotonic() - started
            page.evaluate(axe_source)  # through DevTools: the page's CSP (script-src 'self') stays on
            for viewport in (wide, phone):
                started = time.monotonic()
                if viewport is phone:
                    page.set_viewport_size(phone)
                    page.evaluate(NEXT_FRAMES)  # the page's resize handlers (ui/regions.js) have run
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > phone["width"]:
                        too_wide.append(f"{name} {url}: {width} px: {page.evaluate(STICKING_OUT)}")
                    if problem := page.evaluate(FIRST_SCREEN):
                        first_screen.append(f"{name} {url}: {problem}")
                for found in page.evaluate(RUN_AXE, WCAG_21_A_AA):
                    if found["id"] not in EXCEPTIONS:
                        where = f"{name} @{viewport['width']}: {found['help']} ({found['impact']})"
                        violations.setdefault(found["id"], []).append(f"{where} {found['targets']}")
                timings["axe"] += time.monotonic() - started
    finally:
        context.close()
    print(f"{len(pages)} pages; loading {timings['load']:.0f} s, axe and width {timings['axe']:.0f} s")
    report = "\n".join(f"{rule}:\n  " + "\n  ".join(lines) for rule, lines in sorted(violations.items()))
    assert not violations, f"axe found WCAG 2.1 A/AA violations:\n{report}"
    assert not too_wide, "pages wider than a 390 px phone:\n" + "\n".join(too_wide)
    assert not first_screen, "a phone's first screen:\n" + "\n".join(first_screen)
