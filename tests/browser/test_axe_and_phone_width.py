"""axe-core and the phone width, in a real Chromium, on every kind of page a professional reaches by crawling
the product (tests/ui/crawl.py), on a family's self-entry pages, and on the family portal in its five
languages.

At 1280 and 390 px wide each page is loaded once; axe (vendored for the tests only, run from its file)
checks WCAG 2.1 A and AA, and at 390 px the document must not be wider than the screen (a wide table
scrolls inside its own region, the page itself never sideways; right to left, nothing sticks out on the left
either), the first screen shows the page's title and the start of its content, and a dossier's tabs are one
menu.

Lean on purpose (CI time): each persona's crawl reads every URL pattern once, and a page goes to the browser
only for a pattern no earlier persona brought (plus each persona's start page, which differs per persona).
The portal is checked per language on the pages a parent and a young person reach.
"""

import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from kring.access.policy import start_page
from kring.accounts.models import Country, OrganisationKind, Role
from kring.feedback.models import Instrument
from kring.feedback.self_entry import self_entry_link_create
from kring.feedback.services import administration_plan

from ..factories import (
    CircleMemberFactory,
    DossierFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)
from ..portal import conftest as portal_fixtures
from ..ui.crawl import crawl, fill_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "src/kring/ui/static/vendor/axe/axe.min.js"
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = ({"width": 1280, "height": 900}, {"width": 390, "height": 844})

# Reviewed exceptions: axe rule id -> why it does not apply. Keep this empty unless a rule misfires.
EXCEPTIONS: dict[str, str] = {}

# The professionals whose pages are checked, in this order: the case worker first (most pages), then whoever
# reaches URL patterns the ones before did not (see _professional_visits).
PERSONAS = ("circle_member", "team_lead", "break_glass", "privacy_officer", "other_org")
# Chain partners of the other kinds, beside the world's police (other_org): they start at the chain table.
CHAIN_KINDS = (
    OrganisationKind.PROSECUTION,
    OrganisationKind.CHILD_PROTECTION_BOARD,
    OrganisationKind.HALT,
    OrganisationKind.VEILIG_THUIS,
)
# The family portal's languages (settings.KRING_PORTAL_LANGUAGES), and who reads them.
PORTAL_LANGUAGES = ("nl", "en", "ar", "tr", "pl")
FAMILY = ("parent_authority", "young_12")

RUN_AXE = """async (rules) => {
  const options = {runOnly: {type: 'tag', values: rules}, resultTypes: ['violations']};
  const result = await axe.run(document, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
  }));
}"""

# What sticks out: the innermost elements past the right edge (or, right to left, the left edge) that no
# scrolling region on the screen holds.
STICKING_OUT = """() => {
  const edge = document.documentElement.clientWidth + 1;
  const inside = (rect) => rect.right <= edge && rect.left >= -1;
  const held = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const clips = ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX);
      if (clips && inside(p.getBoundingClientRect())) return true;
    }
    return false;
  };
  const out = (el) => el.checkVisibility() && !inside(el.getBoundingClientRect()) && !held(el);
  const found = [...document.body.querySelectorAll('*')].filter(el => out(el) && ![...el.children].some(out));
  return found.slice(0, 3).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' ' + Math.round(el.getBoundingClientRect().left) + '..' + Math.round(el.getBoundingClientRect().right)
    + 'px');
}"""

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
LANGUAGE = "() => [document.documentElement.lang, document.documentElement.dir]"


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


@dataclass
class Visit:
    """One browser session's pages: whose they are, the session, and the language the pages must declare."""

    who: str
    client: Client
    pages: list[tuple[str, str]]  # (URL, pattern name)
    lang: str = "nl"
    direction: str = "ltr"

    @property
    def session(self) -> str:
        return self.client.cookies[settings.SESSION_COOKIE_NAME].value


@dataclass
class Findings:
    violations: dict[str, list[str]] = field(default_factory=dict)
    too_wide: list[str] = field(default_factory=list)
    first_screen: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    pages: int = 0
    timings: dict[str, float] = field(default_factory=lambda: {"load": 0.0, "axe": 0.0})

    def assert_none(self) -> None:
        print(
            f"{self.pages} pages; loading {self.timings['load']:.0f} s, "
            f"axe and width {self.timings['axe']:.0f} s"
        )
        report = "\n".join(
            f"{rule}:\n  " + "\n  ".join(lines) for rule, lines in sorted(self.violations.items())
        )
        assert not self.violations, f"axe found WCAG 2.1 A/AA violations:\n{report}"
        assert not self.language, "pages that declare the wrong language:\n" + "\n".join(self.language)
        assert not self.too_wide, "pages wider than a 390 px phone:\n" + "\n".join(self.too_wide)
        assert not self.first_screen, "a phone's first screen:\n" + "\n".join(self.first_screen)


def _axe_source(browser) -> str:
    """axe's script, after checking that zero violations means axe looked: on a picture without a text
    alternative it reports one."""
    source = AXE.read_text() + "\n;true"
    page = browser.new_page()
    try:
        page.set_content('<!DOCTYPE html><html lang="nl"><title>t</title><main><img src="data:,"></main>')
        page.evaluate(source)
        assert "image-alt" in {found["id"] for found in page.evaluate(RUN_AXE, WCAG_21_A_AA)}
    finally:
        page.close()
    return source


def _check(browser, live_server, visit: Visit, findings: Findings, axe_source: str, *, after=None) -> None:
    """Load each page of `visit` once: checked wide, then narrowed to a phone's width and checked again.
    `after(page)`, if given, runs at the end in the same browser session (e.g. to send a form and check the
    page that answers it)."""
    wide, phone = WIDTHS
    context = browser.new_context(locale="nl-NL", viewport=wide)
    context.set_default_timeout(15_000)
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": visit.session, "url": live_server.url}]
    )
    page = context.new_page()

    def check_loaded(name: str, url: str) -> None:
        where = f"{visit.who} {name} {url}"
        lang, direction = page.evaluate(LANGUAGE)
        if (lang, direction) != (visit.lang, visit.direction):
            findings.language.append(f"{where}: lang={lang!r} dir={direction!r}")
        page.evaluate(axe_source)  # through DevTools: the page's CSP (script-src 'self') stays on
        for viewport in (wide, phone):
            started = time.monotonic()
            if viewport is phone:
                page.set_viewport_size(phone)
                page.evaluate(NEXT_FRAMES)  # the page's resize handlers (ui/regions.js) have run
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > phone["width"]:
                    findings.too_wide.append(f"{where}: {width} px: {page.evaluate(STICKING_OUT)}")
                if problem := page.evaluate(FIRST_SCREEN):
                    findings.first_screen.append(f"{where}: {problem}")
            for found in page.evaluate(RUN_AXE, WCAG_21_A_AA):
                if found["id"] not in EXCEPTIONS:
                    line = f"{where} @{viewport['width']}: {found['help']} ({found['impact']})"
                    line += f" {found['targets']}"
                    findings.violations.setdefault(found["id"], []).append(line)
            findings.timings["axe"] += time.monotonic() - started
        findings.pages += 1

    try:
        for url, name in visit.pages:
            started = time.monotonic()
            page.set_viewport_size(wide)
            page.goto(f"{live_server.url}{url}")
            findings.timings["load"] += time.monotonic() - started
            check_loaded(name, url)
        if after is not None:
            page.set_viewport_size(wide)
            name, url = after(page)
            check_loaded(name, url)
    finally:
        context.close()


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _flemish_consulent(world):
    """A consulent of a Flemish court social service with a Flemish dossier: the pages speak nl-be."""
    gent = OrganisationFactory(
        name="SDJ Gent", country=Country.BE, kind=OrganisationKind.COURT_SOCIAL_SERVICE
    )
    team = TeamFactory(organisation=gent, name="Team Hoogdringend")
    dossier = DossierFactory(owning_team=team, jurisdiction="BE", reference="KR-BE-2026-0007")
    seat = CircleMemberFactory(
        dossier=dossier, membership=MembershipFactory(team=team, user__username="els"), case_role="consulent"
    )
    return seat.user, dossier


def _professional_visits(world) -> list[Visit]:
    """The case worker's crawled pages and the family's self-entry pages; then, persona after persona, the
    pages of URL patterns not checked yet, and the persona's start page (what it shows differs per persona).
    Whoever has the role of someone crawled before (the other chain partners, the Flemish consulent) reaches
    the same patterns: only their start page is checked (and the consulent's dossier, in nl-be), uncrawled.
    """
    fill_world(world)
    functional_admin = MembershipFactory(
        team=None, organisation=world.dossier.owning_team.organisation, role=Role.FUNCTIONAL_ADMIN
    ).user
    chain_partners = [
        MembershipFactory(
            team=None,
            organisation=OrganisationFactory(name=f"{kind.label} Noordkust", kind=kind),
            role=Role.CHAIN_PARTNER,
        ).user
        for kind in CHAIN_KINDS
    ]
    consulent, flemish_dossier = _flemish_consulent(world)
    crawled = [(persona, world.user(persona)) for persona in PERSONAS] + [
        ("functional_admin", functional_admin)
    ]

    visits: list[Visit] = []
    checked: set[str] = set()
    for who, user in crawled:
        started = time.monotonic()
        client = _logged_in(user)
        pages = crawl(client, user, dossier=world.dossier, per_pattern=1).pages
        print(f"{who}: crawled {len(pages)} pages in {time.monotonic() - started:.0f} s")
        assert pages, f"{who} reads no page at all"
        new = [(url, name) for index, (url, name) in enumerate(pages) if index == 0 or name not in checked]
        checked.update(name for _url, name in new)
        visits.append(Visit(who, client, new))
    for kind, user in zip(CHAIN_KINDS, chain_partners, strict=True):
        start = start_page(user)
        visits.append(Visit(f"chain_partner {kind}", _logged_in(user), [(reverse(start), start)]))
    start = start_page(consulent)
    flemish = [
        (reverse(start), start),
        (reverse("dossier_detail", args=[flemish_dossier.pk]), "dossier_detail"),
    ]
    visits.append(Visit("flemish consulent", _logged_in(consulent), flemish, lang="nl-be"))

    planned = administration_plan(
        actor=None,
        instrument=Instrument.objects.get(slug="exit", version=1),
        dossier=world.dossier,
        respondent_type="parent",
        respondent_label="Fatma",
    )
    token = self_entry_link_create(actor=None, administration=planned).token
    visits[0].pages += [(f"/f/{token}/", "self_entry"), ("/f/done/", "self_entry_done")]
    return visits


def test_every_kind_of_professional_page_passes_axe_and_fits_a_phone(
    shipped, clock, world, live_server, browser
):
    started = time.monotonic()
    visits = _professional_visits(world)
    crawled = time.monotonic() - started
    assert len(visits[0].pages) > 40, visits[0].pages  # the crawl reached the product, not only a login page
    axe_source = _axe_source(browser)
    findings = Findings()
    for visit in visits:
        _check(browser, live_server, visit, findings, axe_source)
    print(f"crawling {crawled:.0f} s; " + ", ".join(f"{visit.who}: {len(visit.pages)}" for visit in visits))
    findings.assert_none()


# The family around the world's dossier (tests/portal/conftest.py): a mother with authority, Noor (12), Sami …
family = portal_fixtures.family


def _portal_visits(family) -> list[Visit]:
    """Per language: the portal's pages that a parent with authority and a young person (12) reach from the
    portal's start (crawled once per person: the links do not depend on the language), and the login pages
    for whoever is not logged in yet. Each language is its own session, switched by the portal's switch."""
    reached = {}
    for persona in FAMILY:
        user = family.user(persona)
        client = portal_fixtures.verified_client(user)
        crawled = crawl(client, user, dossier=family.dossier, per_pattern=1, start=reverse("portal_home"))
        reached[persona] = [(url, name) for url, name in crawled.pages if name.startswith("portal_")]
    # a second device: the parent opens the second step's page again to make another passkey (docs/portal.md)
    reached["parent_authority"].append((reverse("portal_second_step"), "portal_second_step"))
    anonymous = [
        (reverse("portal_login"), "portal_login"),
        (reverse("portal_invitation_code"), "portal_invitation_code"),
        # the password login a family passes through: in the portal's layout and language
        (reverse("login") + "?next=/gezin/", "login"),
    ]
    visits = []
    for language in PORTAL_LANGUAGES:
        direction = "rtl" if language == "ar" else "ltr"
        for persona, pages in reached.items():
            client = portal_fixtures.verified_client(family.user(persona))
            client.post(reverse("portal_language"), {"language": language, "next": "/gezin/"})
            visits.append(Visit(f"{persona} ({language})", client, pages, lang=language, direction=direction))
        visitor = Client()
        visitor.post(reverse("portal_language"), {"language": language, "next": "/gezin/inloggen/"})
        visits.append(Visit(f"visitor ({language})", visitor, anonymous, lang=language, direction=direction))
    return visits


def test_the_family_portal_passes_axe_and_fits_a_phone_in_every_language(clock, family, live_server, browser):
    visits = _portal_visits(family)
    parent, young = visits[0], visits[1]
    assert {
        "portal_dossier",
        "portal_plan",
        "portal_journal",
        "portal_file_openings",
        "portal_who_sees_what",
    } <= {name for _url, name in parent.pages}, parent.pages
    assert "portal_three_houses" in {name for _url, name in young.pages}, young.pages
    start = live_server.url + reverse("portal_dossier", args=[family.dossier.pk])

    def press_unsafe(page) -> tuple[str, str]:
        """The young person presses "I don't feel safe" on the start page; the page that answers."""
        page.goto(start)
        with page.expect_navigation():
            page.locator("form.kring-portal__unsafe button").click()
        return "portal_unsafe", page.url

    print("; ".join(f"{visit.who}: {', '.join(name for _url, name in visit.pages)}" for visit in visits[:3]))
    axe_source = _axe_source(browser)
    findings = Findings()
    for visit in visits:
        after = press_unsafe if visit.who.startswith("young_12") else None
        _check(browser, live_server, visit, findings, axe_source, after=after)
    findings.assert_none()
