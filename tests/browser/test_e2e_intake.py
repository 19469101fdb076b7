"""A new case from scratch, in a real browser: on a database with only an organisation and its people, a
case worker opens a dossier with two children and two parents, records who holds authority and the first
measure; the mother, who holds authority, consents; the dossier page shows it all."""

import pytest
import time_machine
from playwright.sync_api import expect

from kring.accounts.models import Role
from kring.cases.models import Authority, Consent, Dossier, Measure

from ..factories import MembershipFactory, OrganisationFactory, TeamFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def organisation(db):
    """Only organisations and users: Jeugdbescherming Wijland with a team, its case worker and team lead."""
    wijland = OrganisationFactory(name="Jeugdbescherming Wijland")
    noord = TeamFactory(organisation=wijland, name="Team Noord")
    worker = MembershipFactory(team=noord, user__username="anna", user__first_name="Anna")
    MembershipFactory(team=noord, role=Role.TEAM_LEAD, user__username="marieke")
    return {"team": noord, "worker": worker.user}


def _fill_person(page, prefix: str, first: str, last: str, born: str) -> None:
    page.locator(f"#id_{prefix}-first_name").fill(first)
    page.locator(f"#id_{prefix}-last_name").fill(last)
    page.locator(f"#id_{prefix}-date_of_birth").fill(born)


def _authority(page, row: int, child: int, holder: int, source: str, started: str) -> None:
    page.locator(f"#id_authority-{row}-child").select_option(str(child))
    page.locator(f"#id_authority-{row}-holder").select_option(str(holder))
    page.locator(f"#id_authority-{row}-source").select_option(source)
    page.locator(f"#id_authority-{row}-started_on").fill(started)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_case_worker_opens_a_new_case_and_a_parent_with_authority_consents(
    live_server, organisation, page, artifacts_dir
):
    assert not Dossier.objects.exists()
    page.set_default_navigation_timeout(30_000)  # a long form on a loaded CI machine
    with time_machine.travel("2026-11-16 10:00 +01:00", tick=True):
        page.goto(f"{live_server.url}/login/")
        page.locator("input[name=username]").fill("anna")
        page.locator("input[name=password]").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("input[name=password]").press("Enter")

        page.goto(f"{live_server.url}/dossiers/")
        page.get_by_role("link", name="Nieuw dossier").click()
        expect(page.get_by_role("heading", name="Nieuw dossier", level=1)).to_be_visible()

        page.locator("#id_title").fill("Gezin Jansen")
        page.locator("#id_origin_kind").select_option("board_request")
        page.locator("#id_origin_on").fill("2026-11-10")
        page.locator("#id_case_role").fill("gezinsvoogd")
        page.locator("#id_assignment").fill("Voert de ondertoezichtstelling uit.")

        _fill_person(page, "children-0", "Lisa", "Jansen", "2012-03-04")
        page.locator("#id_children-0-gender").select_option("female")
        page.locator("#id_children-0-school").fill("Het Baken")
        _fill_person(page, "children-1", "Tim", "Jansen", "2016-09-21")
        page.locator("#id_children-1-lvb").check()
        _fill_person(page, "carers-0", "Sandra", "Jansen", "1984-05-05")
        page.locator("#id_carers-0-relation").fill("moeder")
        _fill_person(page, "carers-1", "Mark", "de Boer", "1982-01-12")
        page.locator("#id_carers-1-relation").fill("vader")

        _authority(page, 0, child=0, holder=0, source="by_law", started="2012-03-04")
        _authority(page, 1, child=1, holder=0, source="by_law", started="2016-09-21")
        _authority(page, 2, child=1, holder=1, source="court_decision", started="2018-02-01")

        page.locator("#id_measure_kind").select_option("nl_ots")
        page.locator("#id_measure_child").select_option("all")
        page.locator("#id_measure_started_on").fill("2026-11-12")
        page.locator("#id_measure_planned_end_on").fill("2027-11-12")
        page.locator("#id_measure_decided_by").fill("Kinderrechter Wijland, 12 november 2026")
        page.screenshot(path=str(artifacts_dir / "intake-form.png"), full_page=True)
        with page.expect_navigation():
            page.get_by_role("button", name="Dossier openen").click()

        expect(page.get_by_role("heading", name="Gezin Jansen", level=1)).to_be_visible()
        dossier = Dossier.objects.get()
        assert dossier.reference == "KR-NL-2026-0001"
        expect(page.locator("p.kring-muted").first).to_contain_text("KR-NL-2026-0001")
        authority = page.locator("section", has=page.get_by_role("heading", name="Gezag"))
        expect(authority).to_contain_text("Sandra Jansen")
        expect(authority).to_contain_text("Mark de Boer")
        expect(page.locator("body")).to_contain_text("Anna")  # the opener sits in the circle
        assert Authority.objects.count() == 3
        assert Measure.objects.filter(dossier=dossier, kind="nl_ots").count() == 2

        page.goto(f"{live_server.url}/dossiers/{dossier.pk}/consent/")
        page.locator("#give-heading + details > summary").click()
        page.locator("#id_consent_step").select_option("1")
        page.locator("#id_consent_scope").fill("Betrokken zijn bij de hulp")
        page.locator("#id_consent_given_by").select_option(label="Sandra Jansen")
        page.locator("#id_consent_given_on").fill("2026-11-16")
        with page.expect_navigation():
            page.get_by_role("button", name="Toestemming vastleggen").click()
        expect(page.locator("body")).to_contain_text("Betrokken zijn bij de hulp")
        consent = Consent.objects.get()
        assert consent.given_by.first_name == "Sandra"

        page.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
        expect(page.locator("body")).to_contain_text("verzoek van de Raad voor de Kinderbescherming")
        page.screenshot(path=str(artifacts_dir / "intake-dossier.png"), full_page=True)
