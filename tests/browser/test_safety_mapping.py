"""The mapping's quick forms in a real browser: type, press Enter, the item appears and the cursor stays
in the field for the next one (htmx); without JavaScript the same form posts and the page comes back."""

from datetime import date

import pytest
from playwright.sync_api import expect

from kring.safety import mapping as services
from kring.safety.models import MappingItem

from .helpers import htmx_settled

PASSWORD = "correct horse battery staple"


def _login(page, live_server):
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill("circle")
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_items_are_added_with_the_keyboard_during_a_meeting(live_server, world, page, artifacts_dir):
    mapping = services.mapping_create(actor=None, dossier=world.dossier, held_on=date(2026, 10, 22))
    _login(page, live_server)
    page.goto(f"{live_server.url}/dossiers/{world.dossier.pk}/safety/mapping/")

    field = page.get_by_role("textbox", name="Nieuw punt").first  # the first column: worries
    field.focus()
    field.fill("Emma en Louis waren 's nachts alleen thuis.")
    field.press("Enter")
    worries = page.locator("#column-worries")
    expect(worries.locator("[data-element=past_harm] .kring-mapping__text")).to_have_text(
        "Emma en Louis waren 's nachts alleen thuis."
    )
    field = page.locator("#id_worries-text")
    expect(field).to_be_focused()
    expect(field).to_have_value("")
    expect(page.locator("#mapping-status")).to_contain_text("Toegevoegd onder")

    # the next item of another kind: choose the element with the keyboard, type, Enter
    page.locator("#id_worries-element").select_option("danger")
    field = page.locator("#id_worries-text")
    field.fill("Louis kan iets overkomen als niemand hem hoort.")
    field.press("Enter")
    expect(page.locator("#column-worries [data-element=danger] .kring-mapping__text")).to_have_count(1)
    expect(page.locator("#id_worries-text")).to_be_focused()
    expect(page.locator("#id_worries-element")).to_have_value("danger")

    # an empty field: a message at the field, nothing saved, the cursor still there (once htmx has settled
    # the last swap: an Enter during the swap reached the field that was being replaced)
    htmx_settled(page)
    page.locator("#id_worries-text").press("Enter")
    expect(page.locator("#column-worries .utrecht-form-field-error-message")).to_contain_text("Schrijf iets")
    expect(page.locator("#id_worries-text")).to_be_focused()
    assert MappingItem.objects.filter(mapping=mapping).count() == 2
    page.screenshot(path=str(artifacts_dir / "safety-mapping.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_quick_form_works_without_javascript(live_server, world, browser):
    services.mapping_create(actor=None, dossier=world.dossier, held_on=date(2026, 10, 22))
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    try:
        page = context.new_page()
        _login(page, live_server)
        page.goto(f"{live_server.url}/dossiers/{world.dossier.pk}/safety/mapping/")
        field = page.locator("#id_working_well-text")
        field.fill("Oma Rita wil helpen.")
        with page.expect_navigation():
            field.press("Enter")
        expect(page.locator("#column-working_well [data-element=strength] li").first).to_contain_text(
            "Oma Rita wil helpen."
        )
        expect(page.locator(".kring-messages")).to_contain_text("Toegevoegd onder")
    finally:
        context.close()
