"""The child's space on a phone (390 px wide), keyboard only, in a real browser: the young person says how
they are doing, reads their own story one part per screen, and finds the "read aloud" button — which stays
hidden in a browser without speech synthesis. No Content-Security-Policy violation on the way."""

import pytest
from playwright.sync_api import expect

from kring.portal.models import FamilyAccount
from kring.safety.childvoice.models import HowAmIDoing, Panel, Story

from .test_portal import LISTEN, PASSWORD, PHONE, _code, _keyboard_submit, kitchen_table  # noqa: F401

# A stand-in for the browser's voice: it records what it was asked to say, in which language, and never ends
# by itself (so that "reading" can be seen and stopped).
FAKE_SPEECH = """
window.__spoken = [];
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
  speak: (u) => window.__spoken.push({text: u.text, lang: u.lang}),
  cancel: () => window.__spoken.push({cancelled: true}),
  getVoices: () => [],
}});
"""
NO_SPEECH = "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});"


def _log_in(live_server, context, device):
    page = context.new_page()
    page.goto(f"{live_server.url}/login/?next=/gezin/")
    page.locator("input[name=username]").fill("e2e_noor")
    page.locator("input[name=password]").fill(PASSWORD)
    _keyboard_submit(page, page.locator("input[name=password]"))
    page.get_by_label("Code uit de app op je telefoon").fill(_code(device))
    _keyboard_submit(page, page.get_by_label("Code uit de app op je telefoon"))
    return page


def _enter(page, locator) -> None:
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_young_person_says_how_they_are_doing_and_reads_their_story_on_a_phone(
    live_server,
    browser,
    kitchen_table,  # noqa: F811
    artifacts_dir,
):
    dossier = kitchen_table["dossier"]
    account = FamilyAccount.objects.get(user__username="e2e_noor")
    story = Story.objects.create(dossier=dossier, child=account.person)
    Panel.objects.create(story=story, position=1, text="Thuis was er vaak ruzie.")
    Panel.objects.create(story=story, position=2, text="Nu helpt tante Esra als het misgaat.")
    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    context.add_init_script(LISTEN)
    child = _log_in(live_server, context, kitchen_table["child_device"])

    _enter(child, child.get_by_role("link", name="Hoe gaat het met mij?"))
    read_aloud = child.get_by_role("button", name="Voorlezen")
    expect(read_aloud).to_be_visible()  # Chromium can speak: the script shows the button
    expect(read_aloud).to_have_attribute("aria-pressed", "false")
    child.get_by_role("radio", name="Goed", exact=True).focus()
    child.keyboard.press("Space")
    expect(child.get_by_role("radio", name="Goed", exact=True)).to_be_checked()
    child.get_by_label("Wil je er iets over zeggen?").fill("Vandaag gevoetbald.")
    assert child.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    child.screenshot(path=str(artifacts_dir / "portal-how-am-i-doing-390.png"), full_page=True)
    _keyboard_submit(child, child.get_by_role("button", name="Versturen"))
    expect(child.get_by_text("Dank je. Je hulpverlener ziet hoe het met je gaat.")).to_be_visible()
    expect(child.get_by_text("Vandaag gevoetbald.")).to_be_visible()

    child.goto(f"{live_server.url}/gezin/{dossier.pk}/mijn-verhaal/")
    expect(child.get_by_text("Thuis was er vaak ruzie.")).to_be_visible()
    expect(child.get_by_text("tante Esra")).to_have_count(0)  # one part per screen
    _enter(child, child.get_by_role("link", name="Verder"))
    expect(child.get_by_text("Nu helpt tante Esra als het misgaat.")).to_be_visible()
    expect(child.get_by_text("Deel 2 van 2")).to_be_visible()
    assert child.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    child.screenshot(path=str(artifacts_dir / "portal-story-390.png"), full_page=True)
    assert child.evaluate("window.__cspViolations") == []

    answer = HowAmIDoing.objects.get()
    assert (answer.child_id, answer.feeling, answer.words) == (account.person_id, 4, "Vandaag gevoetbald.")
    logged_in = context.storage_state()  # the same session: an authenticator code works only once
    context.close()

    # a browser that cannot speak: no button that does nothing
    quiet = browser.new_context(
        locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True, storage_state=logged_in
    )
    quiet.add_init_script(NO_SPEECH)
    page = quiet.new_page()
    page.goto(f"{live_server.url}/gezin/{dossier.pk}/mijn-verhaal/")
    expect(page.get_by_text("Thuis was er vaak ruzie.")).to_be_visible()
    expect(page.locator("button[data-read-aloud]")).to_be_hidden()
    quiet.close()

    # "read aloud" reads the part on the screen in the page's language, and a second press stops it
    speaking = browser.new_context(
        locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True, storage_state=logged_in
    )
    speaking.add_init_script(FAKE_SPEECH)
    page = speaking.new_page()
    page.goto(f"{live_server.url}/gezin/{dossier.pk}/mijn-verhaal/")
    button = page.get_by_role("button", name="Voorlezen")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Stop met voorlezen")).to_have_attribute("aria-pressed", "true")
    spoken = [said for said in page.evaluate("window.__spoken") if "text" in said]
    assert len(spoken) == 1 and spoken[0]["lang"] == "nl"
    assert "Thuis was er vaak ruzie." in spoken[0]["text"] and "Voorlezen" not in spoken[0]["text"]
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Voorlezen")).to_have_attribute("aria-pressed", "false")
    speaking.close()
