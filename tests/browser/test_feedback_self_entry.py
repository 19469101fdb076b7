"""A parent fills in a questionnaire on a phone through a one-time link: keyboard only, every input labelled,
a plain-language message for a forgotten question, and the thank-you page. Real Chromium, phone viewport."""

import pytest
from playwright.sync_api import expect

from kring.feedback.models import Administration, EntryMode, Instrument
from kring.feedback.self_entry import self_entry_link_create
from kring.feedback.services import administration_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# Seed 004, case 1: the parents' EXIT answers (grade 10, result 3.8, process 4.0).
ANSWERS = {"grade": 10, "r1": 4, "r2": 4, "r3": 4, "r4": 4, "r5": 3, "p1": 4, "p2": 4, "p3": 4, "p4": 4}
FORGOTTEN = ("p5", 4)

UNLABELLED = """() => {
  const problems = [];
  for (const el of document.querySelectorAll('input:not([type=hidden]), textarea, select')) {
    const label = el.labels && el.labels[0];
    if (!label || !label.textContent.trim()) problems.push(el.id || el.name);
    if (el.type === 'radio') {
      const legend = el.closest('fieldset') && el.closest('fieldset').querySelector('legend');
      if (!legend || !legend.textContent.trim()) problems.push('no legend for ' + el.name);
    }
  }
  return problems;
}"""


@pytest.fixture
def shipped(transactional_db):
    """The instruments a migration ships: a transactional test before this one may have flushed them."""
    from django.apps import apps

    from kring.feedback.definitions import INSTRUMENTS
    from kring.feedback.shipping import ship

    ship(apps, [definition["slug"] for definition in INSTRUMENTS])


def _tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the field `name` has the focus (the way a keyboard user gets there)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached {name}")


def _choose(page, name: str, value: int, low: int) -> None:
    """In a radio group: Space chooses the focused first option, each arrow key the next one."""
    _tab_to(page, name)
    page.keyboard.press("Space")
    for _ in range(value - low):
        page.keyboard.press("ArrowRight")
    assert page.evaluate(f"document.querySelector('input[name={name}]:checked').value") == str(value)


def test_a_parent_fills_in_on_a_phone_with_the_keyboard(shipped, live_server, world, browser, artifacts_dir):
    exit_instrument = Instrument.objects.get(slug="exit", version=1)
    planned = administration_plan(
        actor=None,
        instrument=exit_instrument,
        dossier=world.dossier,
        respondent_type="parent",
        respondent_label="Fatma",
    )
    token = self_entry_link_create(actor=None, administration=planned).token

    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/f/{token}/")
        expect(page.locator("h1")).to_have_text("Terugkijken op de hulp")
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        assert page.evaluate(UNLABELLED) == []
        assert page.locator("fieldset legend").count() == 11 and page.locator("textarea").count() == 1
        # made for the phone: nothing sticks out sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert world.dossier.title not in page.content()

        _choose(page, "grade", ANSWERS["grade"], 1)
        for key, value in ANSWERS.items():
            if key != "grade":
                _choose(page, key, value, 1)
        _tab_to(page, "comment")
        page.keyboard.type("Dank jullie wel.")
        page.screenshot(path=str(artifacts_dir / "feedback-self-entry-phone.png"), full_page=True)
        _tab_to(page, "")  # the send button has no name
        assert page.evaluate("document.activeElement.type") == "submit"
        with page.expect_navigation():
            page.keyboard.press("Enter")

        # the forgotten question is named in plain language; the other answers stay filled in
        expect(page.locator("[role=alert]")).to_be_visible()
        expect(page.locator("#q-p5-error")).to_contain_text("Geef antwoord op de vraag")
        assert page.evaluate("document.querySelector('input[name=r5]:checked').value") == "3"
        assert page.evaluate("document.querySelector('textarea[name=comment]').value") == "Dank jullie wel."
        page.screenshot(path=str(artifacts_dir / "feedback-self-entry-phone-error.png"), full_page=True)
        _choose(page, *FORGOTTEN, low=1)
        _tab_to(page, "")
        with page.expect_navigation():
            page.keyboard.press("Enter")

        expect(page.locator("h1")).to_have_text("Dank je wel!")
        page.screenshot(path=str(artifacts_dir / "feedback-self-entry-thanks.png"), full_page=True)
    finally:
        context.close()

    planned.refresh_from_db()
    assert planned.entry_mode == EntryMode.SELF_ENTRY
    stored = {key: int(value) for key, value in planned.answers_by_key().items() if key != "comment"}
    assert stored == {**ANSWERS, FORGOTTEN[0]: FORGOTTEN[1]}
    assert planned.answers_by_key()["comment"] == "Dank jullie wel."
    assert Administration.objects.submitted().count() == 1
