"""Journey (b), seeds 001 and 003: a Dutch SAVE case of a gezinsvoogd under a supervision order (OTS), from
intake to closure, in a real browser, on a database with only an organisation and its people. The gezinsvoogd
opens the dossier after the court order, records the authority of both parents, seats the behavioural
scientist in the circle, the mother consents, a safety plan is made and signed by both parents, the SAVE
pathway starts; months later the pathway ends (and with it the OTS), the gezinsvoogd proposes closure and the
team lead confirms it. The frozen clock moves between the steps; the pages speak Dutch-Netherlands words."""

import pytest
import time_machine
from playwright.sync_api import expect

from kring.accounts.models import Role
from kring.cases.models import Authority, CircleMember, Consent, Dossier, Measure, Participant
from kring.pathways.loader import load_templates
from kring.pathways.models import Pathway, PathwayState, PathwayTemplate, TemplateStep
from kring.safety.models import SafetyPlan

from ..factories import MembershipFactory, OrganisationFactory, TeamFactory
from .helpers import days_later, login, submit


@pytest.fixture
def wijland(db):
    """Only organisations and users: a Dutch certified institution with a gezinsvoogd, a behavioural scientist
    and a team lead (and the shipped pathway templates, which a flushed test database lacks)."""
    if not PathwayTemplate.objects.exists():
        load_templates(PathwayTemplate, TemplateStep)
    organisation = OrganisationFactory(name="Jeugdbescherming Wijland")
    team = TeamFactory(organisation=organisation, name="Team Noord")
    MembershipFactory(team=team, user__username="anna", user__first_name="Anna", user__last_name="de Vries")
    MembershipFactory(
        team=team,
        role=Role.BEHAVIOURAL_SCIENTIST,
        user__username="bert",
        user__first_name="Bert",
        user__last_name="Smit",
    )
    MembershipFactory(team=team, role=Role.TEAM_LEAD, user__username="marieke", user__first_name="Marieke")
    return team


def _person(page, prefix: str, first: str, last: str, born: str) -> None:
    page.locator(f"#id_{prefix}-first_name").fill(first)
    page.locator(f"#id_{prefix}-last_name").fill(last)
    page.locator(f"#id_{prefix}-date_of_birth").fill(born)


def _authority(page, row: int, holder: int) -> None:
    page.locator(f"#id_authority-{row}-child").select_option("0")
    page.locator(f"#id_authority-{row}-holder").select_option(str(holder))
    page.locator(f"#id_authority-{row}-source").select_option("by_law")
    page.locator(f"#id_authority-{row}-started_on").fill("2013-06-01")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_e2e_dutch_save_case_under_an_ots_from_intake_to_closure(
    live_server, wijland, browser, artifacts_dir
):
    url = live_server.url
    with time_machine.travel("2026-11-16 10:00 +01:00", tick=True) as clock:
        anna = login(browser, url, "anna")
        anna.goto(f"{url}/dossiers/new/")
        expect(anna.locator("body")).to_contain_text("gezinsvoogd")
        anna.locator("#id_title").fill("Gezin Jansen")
        anna.locator("#id_origin_kind").select_option("court_order")
        anna.locator("#id_origin_on").fill("2026-11-12")
        anna.locator("#id_origin_note").fill("Beschikking kinderrechter Wijland")
        anna.locator("#id_case_role").fill("gezinsvoogd")
        _person(anna, "children-0", "Lisa", "Jansen", "2013-06-01")
        anna.locator("#id_children-0-gender").select_option("female")
        _person(anna, "carers-0", "Sandra", "Jansen", "1984-05-05")
        anna.locator("#id_carers-0-relation").fill("moeder")
        _person(anna, "carers-1", "Mark", "de Boer", "1982-01-12")
        anna.locator("#id_carers-1-relation").fill("vader")
        _authority(anna, 0, holder=0)
        _authority(anna, 1, holder=1)
        anna.locator("#id_measure_kind").select_option("nl_ots")
        anna.locator("#id_measure_child").select_option("all")
        anna.locator("#id_measure_started_on").fill("2026-11-12")
        anna.locator("#id_measure_planned_end_on").fill("2027-11-12")
        anna.locator("#id_measure_decided_by").fill("Kinderrechter Wijland, 12 november 2026")
        with anna.expect_navigation():
            anna.get_by_role("button", name="Dossier openen").click()
        expect(anna.get_by_role("heading", name="Gezin Jansen", level=1)).to_be_visible()
        dossier = Dossier.objects.get()
        assert dossier.reference == "KR-NL-2026-0001"
        assert sorted(Authority.objects.values_list("holder__first_name", flat=True)) == ["Mark", "Sandra"]
        expect(anna.locator("body")).to_contain_text("rechterlijke uitspraak")
        dossier_url = f"{url}/dossiers/{dossier.pk}"
        sandra = Participant.objects.get(person__first_name="Sandra")
        mark = Participant.objects.get(person__first_name="Mark")

        # The circle: the behavioural scientist joins.
        anna.goto(f"{dossier_url}/circle/")
        seat = anna.locator("form[action$='/circle/add/']")
        seat.locator("#id_membership option", has_text="Bert").first.wait_for(state="attached")
        bert_value = seat.locator("#id_membership option", has_text="Bert").first.get_attribute("value")
        seat.locator("#id_membership").select_option(bert_value)
        seat.locator("#id_case_role").fill("gedragswetenschapper")
        seat.locator("#id_started_on").fill("2026-11-16")
        submit(anna, seat, "Toevoegen aan de kring")
        assert CircleMember.objects.filter(dossier=dossier, user__username="bert").exists()

        # The mother, who holds authority, consents.
        anna.goto(f"{dossier_url}/consent/")
        anna.locator("#give-heading + details > summary").click()
        anna.locator("#id_consent_step").select_option("1")
        anna.locator("#id_consent_scope").fill("Samenwerken aan een veiligheidsplan")
        anna.locator("#id_consent_given_by").select_option(label="Sandra Jansen")
        anna.locator("#id_consent_given_on").fill("2026-11-16")
        with anna.expect_navigation():
            anna.get_by_role("button", name="Toestemming vastleggen").click()
        assert Consent.objects.get().given_by_id == sandra.person_id

        # A safety plan, carried and signed by both parents.
        anna.goto(f"{dossier_url}/safety/")
        make = anna.locator("form[action$='/safety/plans/add/']")
        make.locator("input[name=title]").fill("Veiligheidsplan gezin Jansen")
        make.locator("input[name=check_network_adults]").uncheck()
        with anna.expect_navigation():
            make.locator("button[type=submit]").click()
        plan = SafetyPlan.objects.get()
        anna.locator(f"details:has(form[action$='/plans/{plan.pk}/rules/add/']) > summary").click()
        rule = anna.locator(f"form[action$='/plans/{plan.pk}/rules/add/']")
        rule.locator("textarea[name=text]").fill("Bij ruzie gaat Lisa naar oma; Sandra belt Mark.")
        rule.locator(f"input[name=participants][value='{sandra.pk}']").check()
        rule.locator(f"input[name=participants][value='{mark.pk}']").check()
        with anna.expect_navigation():
            rule.locator("button[type=submit]").click()
        for parent in (sandra, mark):
            sign = anna.locator(f"form[action$='/plans/{plan.pk}/sign/']")
            sign.locator("select[name=signer]").select_option(f"p:{parent.pk}")
            with anna.expect_navigation():
                sign.locator("button[type=submit]").click()
        version = plan.versions.get()
        assert version.signed_at is not None
        assert version.signatures.count() == 2

        # The SAVE pathway starts.
        anna.goto(f"{dossier_url}/pathway/")
        start = anna.locator("form[action$='/pathway/start/']")
        start.locator("select[name=template]").select_option(
            str(PathwayTemplate.objects.get(slug="save-guidance-nl").pk)
        )
        with anna.expect_navigation():
            start.locator("button[type=submit]").click()
        assert Pathway.objects.get(dossier=dossier).state == PathwayState.RUNNING

        # Eight months later: the goals are reached; the pathway ends, and the OTS with it.
        anna, marieke = days_later(
            browser, url, clock, "2027-07-15 09:00 +02:00", (anna, "anna"), (None, "marieke")
        )
        anna.goto(f"{dossier_url}/closure/")
        expect(anna.locator("[data-testid=open-items]")).to_contain_text("SAVE")
        anna.goto(f"{dossier_url}/pathway/")
        close = anna.locator("form[action$='/pathway/close/']")
        close.locator("select[name=end_reason]").select_option("goals_reached")
        close.locator("input[name=measures]").first.check()
        with anna.expect_navigation():
            close.locator("button[type=submit]").click()
        assert Pathway.objects.get(dossier=dossier).state != PathwayState.RUNNING
        assert Measure.objects.get(dossier=dossier).end_reason == "goals_reached"

        anna.goto(f"{dossier_url}/closure/")
        anna.locator("#id_summary").fill("Lisa is veilig thuis; het netwerk draagt het plan.")
        submit(anna, anna.locator("form[action$='/closure/propose/']"), "Afsluiten voorstellen")
        marieke.goto(f"{dossier_url}/closure/")
        submit(marieke, marieke.locator("form[action$='/confirm/']"), "Bevestigen: dossier sluiten")
        dossier.refresh_from_db()
        assert dossier.status == "closed"
        marieke.goto(f"{dossier_url}/")
        expect(marieke.get_by_role("status")).to_contain_text("Dit dossier is gesloten")
        marieke.screenshot(path=str(artifacts_dir / "journey-dutch-closed.png"), full_page=True)
        anna.context.close()
        marieke.context.close()
