"""The intake page on a 390 px phone: the document is never wider than the screen (docs/ui.md), also with the
people search's results shown."""

import pytest
import time_machine

from kring.cases.models import Participant, Person

from ..factories import (
    CircleMemberFactory,
    DossierFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)
from .helpers import login
from .test_axe_and_phone_width import STICKING_OUT

PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_intake_page_fits_a_phone(live_server, browser):
    OrganisationFactory(
        name="Stichting Gecertificeerde Instelling Jeugdbescherming en Jeugdreclassering Wijland"
    )
    team = TeamFactory(organisation=OrganisationFactory(name="Jeugdbescherming Wijland"), name="Team Noord")
    anna = MembershipFactory(team=team, user__username="anna")
    known = DossierFactory(owning_team=team)
    CircleMemberFactory(dossier=known, membership=anna)
    riet = Person.objects.create(first_name="Riet", last_name="Bakker-Oosterhuisveldhoven")
    Participant.objects.create(dossier=known, person=riet, role="informal", relation="oma")

    with time_machine.travel("2026-11-16 10:00 +01:00", tick=True):
        page = login(browser, live_server.url, "anna", viewport=PHONE)
        try:
            page.goto(f"{live_server.url}/dossiers/new/")
            page.locator("#people-results").wait_for(state="attached")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{width} px: {page.evaluate(STICKING_OUT)}"

            page.locator("form[action$='/new/people/'] input[name=q]").fill("Riet")
            page.locator("form[action$='/new/people/'] button[type=submit]").click()
            page.locator("#people-results table").wait_for()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"with results, {width} px: {page.evaluate(STICKING_OUT)}"

            # a refused intake shows what is wrong above the form, and keeps what was typed
            page.locator("#id_title").fill("Gezin met een heel erg lange naam die niet op een telefoon past")
            with page.expect_navigation():
                page.get_by_role("button", name="Dossier openen").click()
            page.locator(".utrecht-form-field-error-message, [role=alert]").first.wait_for()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"with errors, {width} px: {page.evaluate(STICKING_OUT)}"
        finally:
            page.context.close()
