"""The words-and-pictures story in a real browser: a panel with a picture added, then moved with the keyboard
only, and the picture drawn from the authorised view."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from kring.safety.childvoice import services

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_story_panel_with_picture_and_keyboard_reordering(live_server, world, page, artifacts_dir, tmp_path):
    child = world.dossier.children.get()
    services.panel_add(actor=None, dossier=world.dossier, child=child, text="Eerst was alles gewoon.")
    services.panel_add(
        actor=None, dossier=world.dossier, child=child, text="Toen kwam de politie.", revision=1
    )
    drawing = tmp_path / "tekening.png"
    Image.new("RGB", (120, 80), (200, 60, 60)).save(drawing, "PNG")

    _login(page, live_server, "circle")
    page.goto(f"{live_server.url}/dossiers/{world.dossier.pk}/child-voice/children/{child.pk}/")
    page.get_by_text("Een deel toevoegen aan het eind van het verhaal").click()
    page.locator("#id_add_text").fill("Nu slaap je een tijdje bij De Kajuit.")
    page.locator("#id_add_image").set_input_files(str(drawing))
    page.locator("#id_add_image_alt").fill("Een groot huis")
    with page.expect_navigation():
        page.get_by_role("button", name="Deel toevoegen").click()
    expect(page.locator(".utrecht-alert, .kring-messages").first).to_contain_text("toegevoegd")

    picture = page.locator("img.kring-story__picture")
    expect(picture).to_have_attribute("alt", "Een groot huis")
    # served and decoded: wait for the browser to finish loading it before reading its size
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
    assert page.evaluate("img => img.naturalWidth", picture.element_handle()) == 120

    # keyboard only: focus the "move panel 3 up" button and press Enter
    button = page.get_by_role("button", name="Deel 3 omhoog verplaatsen")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    texts = page.locator("[data-testid=panel-text]").all_inner_texts()
    assert texts == [
        "Eerst was alles gewoon.",
        "Nu slaap je een tijdje bij De Kajuit.",
        "Toen kwam de politie.",
    ]
    page.screenshot(path=str(artifacts_dir / "childvoice-story.png"), full_page=True)
