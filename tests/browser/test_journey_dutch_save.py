"""Journey (b), seeds 001 and 003: a Dutch voluntary SAVE case that scales up to a supervision order (OTS)
and changes team, in a real browser, on a database with only organisations and their people — and, at each
step, who may see what. The SAVE worker of a certified institution opens the dossier on a referral by the
local team, records the authority of both parents and seats the local-team worker (another organisation) in
the circle. The parents consent step by step: the first step shares nothing, the second opens "what happened
so far" to the local team, the third the safety plan, which both parents sign. The mother withdraws the third
consent: the local team no longer sees the plan. The judge orders an OTS: the SAVE pathway and frame end as
escalated, the institution takes over the lead, and the compulsory measure opens the plan to the local team
again, without consent. The team lead hands the dossier to the OTS team: its lead now sees it, she no longer
does, and the SAVE worker keeps her seat (the same worker stays on across the step into a measure). A year
later the OTS ends, the worker proposes closure and the new team's lead confirms it. The frozen clock moves
between the steps; the pages speak Dutch-Netherlands words."""

import pytest
import time_machine
from playwright.sync_api import expect

from kring.accounts.models import OrganisationKind, Role, Team
from kring.cases.models import Authority, CircleMember, Consent, Dossier, Lead, Measure, Participant
from kring.pathways.loader import load_templates
from kring.pathways.models import Pathway, PathwayState, PathwayTemplate, TemplateStep
from kring.safety.models import SafetyPlan

from ..factories import MembershipFactory, OrganisationFactory, TeamFactory
from .helpers import days_later, login, submit


@pytest.fixture
def wijland(db):
    """Only organisations and users: a Dutch certified institution with a SAVE team (worker, team lead) and an
    OTS team (team lead), and a local team with one worker (and the shipped pathway templates, which a
    flushed test database lacks)."""
    if not PathwayTemplate.objects.exists():
        load_templates(PathwayTemplate, TemplateStep)
    organisation = OrganisationFactory(name="Jeugdbescherming Wijland")
    save_team = TeamFactory(organisation=organisation, name="Team SAVE Noord")
    MembershipFactory(
        team=save_team, user__username="anna", user__first_name="Anna", user__last_name="de Vries"
    )
    MembershipFactory(
        team=save_team, role=Role.TEAM_LEAD, user__username="marieke", user__first_name="Marieke"
    )
    ots_team = TeamFactory(organisation=organisation, name="Team OTS Zuid")
    MembershipFactory(team=ots_team, role=Role.TEAM_LEAD, user__username="joost", user__first_name="Joost")
    local_team = OrganisationFactory(name="Wijkteam Oost", kind=OrganisationKind.LOCAL_TEAM)
    MembershipFactory(
        team=TeamFactory(organisation=local_team, name="Wijkteam Oost"),
        user__username="wim",
        user__first_name="Wim",
        user__last_name="Bakker",
    )
    return save_team


def _person(page, prefix: str, first: str, last: str, born: str) -> None:
    page.locator(f"#id_{prefix}-first_name").fill(first)
    page.locator(f"#id_{prefix}-last_name").fill(last)
    page.locator(f"#id_{prefix}-date_of_birth").fill(born)


def _authority(page, row: int, holder: int) -> None:
    page.locator(f"#id_authority-{row}-child").select_option("0")
    page.locator(f"#id_authority-{row}-holder").select_option(str(holder))
    page.locator(f"#id_authority-{row}-source").select_option("by_law")
    page.locator(f"#id_authority-{row}-started_on").fill("2013-06-01")


def _status(page, url: str) -> int:
    """The HTTP status of a page as this user opens it (a refused dossier or section answers 404)."""
    response = page.goto(url)
    assert response is not None
    assert "/login/" not in page.url, "the session ended: log in again (days_later)"
    return response.status


def _sees(page, dossier_url: str) -> set[str]:
    """Which of these pages of the dossier this user may open: the dossier (whom they work with), the
    timeline, the safety plan and the consents."""
    pages = {"dossier": "", "timeline": "timeline/", "safety": "safety/", "consent": "consent/"}
    return {name for name, path in pages.items() if _status(page, f"{dossier_url}/{path}") == 200}


def _consent(page, dossier_url: str, step: int, scope: str, parent: str, sections: tuple[str, ...]) -> None:
    """A parent gives one SAVE step; `sections` are shared with the local team by it."""
    page.goto(f"{dossier_url}/consent/")
    page.locator("#give-heading + details > summary").click()
    give = page.locator("form[action$='/consent/give/']")
    give.locator("#id_consent_step").select_option(str(step))
    give.locator("#id_consent_scope").fill(scope)
    give.locator("#id_consent_given_by").select_option(label=parent)
    if sections:
        give.locator("#id_consent_shared_with").select_option(label="Wijkteam Oost")
        for section in sections:
            give.locator(f"input[name=sections][value={section}]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Toestemming vastleggen").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_e2e_dutch_voluntary_save_case_scales_up_to_an_ots_and_changes_team(
    live_server, wijland, browser, artifacts_dir
):
    url = live_server.url
    with time_machine.travel("2026-11-16 10:00 +01:00", tick=True) as clock:
        anna = login(browser, url, "anna")
        anna.goto(f"{url}/dossiers/new/")
        anna.locator("#id_title").fill("Gezin Jansen")
        anna.locator("#id_origin_kind").select_option("local_team")
        anna.locator("#id_origin_on").fill("2026-11-12")
        anna.locator("#id_origin_note").fill("Aanmelding door Wijkteam Oost, met instemming van de ouders")
        anna.locator("#id_case_role").fill("jeugdbeschermer SAVE")
        _person(anna, "children-0", "Lisa", "Jansen", "2013-06-01")
        anna.locator("#id_children-0-gender").select_option("female")
        _person(anna, "carers-0", "Sandra", "Jansen", "1984-05-05")
        anna.locator("#id_carers-0-relation").fill("moeder")
        _person(anna, "carers-1", "Mark", "de Boer", "1982-01-12")
        anna.locator("#id_carers-1-relation").fill("vader")
        _authority(anna, 0, holder=0)
        _authority(anna, 1, holder=1)
        anna.locator("#id_measure_kind").select_option("nl_save")
        anna.locator("#id_measure_child").select_option("all")
        anna.locator("#id_measure_started_on").fill("2026-11-16")
        anna.locator("#id_measure_planned_end_on").fill("2027-03-16")
        with anna.expect_navigation():
            anna.get_by_role("button", name="Dossier openen").click()
        expect(anna.get_by_role("heading", name="Gezin Jansen", level=1)).to_be_visible()
        dossier = Dossier.objects.get()
        assert dossier.reference == "KR-NL-2026-0001"
        assert sorted(Authority.objects.values_list("holder__first_name", flat=True)) == ["Mark", "Sandra"]
        save_measure = Measure.objects.get(dossier=dossier)
        assert save_measure.kind == "nl_save" and not save_measure.is_compulsory
        dossier_url = f"{url}/dossiers/{dossier.pk}"
        sandra = Participant.objects.get(person__first_name="Sandra")
        mark = Participant.objects.get(person__first_name="Mark")

        # The circle: the local-team worker stays on beside the SAVE worker (another organisation).
        anna.goto(f"{dossier_url}/circle/")
        seat = anna.locator("form[action$='/circle/add/']")
        wim_value = seat.locator("#id_membership option", has_text="Wim").first.get_attribute("value")
        seat.locator("#id_membership").select_option(wim_value)
        seat.locator("#id_case_role").fill("wijkteammedewerker")
        seat.locator("#id_started_on").fill("2026-11-16")
        submit(anna, seat, "Toevoegen aan de kring")
        assert CircleMember.objects.filter(dossier=dossier, user__username="wim").exists()

        # Step 1: the mother agrees to be involved. It shares nothing: the local team sees whom it works with.
        _consent(anna, dossier_url, 1, "Betrokken worden bij SAVE", "Sandra Jansen", ())
        wim = login(browser, url, "wim")
        assert _sees(wim, dossier_url) == {"dossier"}

        # Step 2: the father agrees to the safety conversation; what happened so far is shared with the local
        # team, which may now tell what it knows.
        _consent(anna, dossier_url, 2, "Gesprek over veiligheid; informanten", "Mark de Boer", ("timeline",))
        # Step 3: the mother agrees to work on conditions; the safety plan is shared with the local team.
        _consent(anna, dossier_url, 3, "Werken aan voorwaarden", "Sandra Jansen", ("safety_plan",))
        assert list(Consent.objects.order_by("step").values_list("step", "given_by__first_name")) == [
            (1, "Sandra"),
            (2, "Mark"),
            (3, "Sandra"),
        ]

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

        # The local team now sees what the consents share, and still nothing else.
        assert _sees(wim, dossier_url) == {"dossier", "timeline", "safety"}
        wim.goto(f"{dossier_url}/safety/")
        expect(wim.locator("body")).to_contain_text("Veiligheidsplan gezin Jansen")

        # A month later the mother withdraws the third step: from that day the local team no longer sees the
        # plan; the father's second step still shares what happened so far.
        anna, wim = days_later(browser, url, clock, "2026-12-16 11:00 +01:00", (anna, "anna"), (wim, "wim"))
        anna.goto(f"{dossier_url}/consent/")
        third = Consent.objects.get(step=3)
        withdraw = anna.locator(f"form[action$='/consent/{third.pk}/withdraw/']")
        anna.locator("details", has=withdraw).locator("summary").click()
        withdraw.locator("[name=note]").fill("Sandra wil niet meer dat het wijkteam het plan ziet.")
        with anna.expect_navigation():
            withdraw.locator("button[type=submit]").click()
        third.refresh_from_db()
        assert str(third.withdrawn_on) == "2026-12-16"
        assert _sees(wim, dossier_url) == {"dossier", "timeline"}

        # Two months later the safety is not reached in the voluntary frame: the judge orders an OTS. The SAVE
        # pathway and frame end as escalated, the OTS starts, the institution takes over the lead.
        anna, wim = days_later(browser, url, clock, "2027-01-20 09:00 +01:00", (anna, "anna"), (wim, "wim"))
        anna.goto(f"{dossier_url}/pathway/")
        close = anna.locator("form[action$='/pathway/close/']")
        close.locator("select[name=end_reason]").select_option("escalated")
        close.locator(f"input[name=measures][value='{save_measure.pk}']").check()
        with anna.expect_navigation():
            close.locator("button[type=submit]").click()
        assert Pathway.objects.get(dossier=dossier).state != PathwayState.RUNNING
        save_measure.refresh_from_db()
        assert save_measure.end_reason == "escalated"

        anna.goto(f"{dossier_url}/measures/")
        scale = anna.locator("form[action$='/scale/']")
        anna.locator("details", has=scale).locator("summary").click()
        scale.locator("input[name=direction][value=up]").check()
        scale.locator("[name=note]").fill(
            "Opschalen naar een OTS: de veiligheid wordt vrijwillig niet bereikt."
        )
        with anna.expect_navigation():
            scale.locator("button[type=submit]").click()
        start = anna.locator("form[action$='/measures/start/']")
        anna.locator("details", has=start).locator("summary").click()
        start.locator("select[name=kind]").select_option("nl_ots")
        start.locator("input[name=started_on]").fill("2027-01-20")
        start.locator("input[name=planned_end_on]").fill("2028-01-20")
        start.locator("input[name=decided_by]").fill("Kinderrechter Wijland, 20 januari 2027")
        with anna.expect_navigation():
            start.locator("button[type=submit]").click()
        ots = Measure.objects.get(dossier=dossier, kind="nl_ots")
        assert ots.is_compulsory and ots.ended_on is None
        lead = anna.locator("form[action$='/lead/']")
        anna.locator("details", has=lead).locator("summary").click()
        lead.locator("select[name=organisation]").select_option(label="Jeugdbescherming Wijland")
        lead.locator("input[name=cooperation_model][value=transfer]").check()
        with anna.expect_navigation():
            lead.locator("button[type=submit]").click()
        assert Lead.objects.filter(dossier=dossier).first().cooperation_model == "transfer"

        # The compulsory measure opens the plan to the local team again, without the withdrawn consent; the
        # family's "who sees what" page gives the judge's decision as the reason.
        assert _sees(wim, dossier_url) == {"dossier", "timeline", "safety"}
        anna.goto(f"{dossier_url}/sharing/")
        local_team = anna.locator("section.kring-sharing-organisation", has_text="Wijkteam Oost")
        expect(local_team.locator("[data-basis=measure] [data-section=safety_plan]")).to_have_count(1)
        expect(local_team.locator("[data-basis=consent] [data-section=timeline]")).to_have_count(1)

        # The lead of the SAVE team hands the dossier to the OTS team.
        anna, wim, marieke, joost = days_later(
            browser,
            url,
            clock,
            "2027-01-21 10:00 +01:00",
            (anna, "anna"),
            (wim, "wim"),
            (None, "marieke"),
            (None, "joost"),
        )
        assert _status(joost, f"{dossier_url}/") == 404  # not yet his team's
        marieke.goto(f"{dossier_url}/edit/")
        transfer = marieke.locator("form[action$='/edit/team/']")
        transfer.locator("select[name=team]").select_option(str(Team.objects.get(name="Team OTS Zuid").pk))
        transfer.locator("input[name=reason]").fill("OTS: verder in het OTS-team")
        with marieke.expect_navigation():
            transfer.locator("button[type=submit]").click()
        dossier.refresh_from_db()
        assert dossier.owning_team.name == "Team OTS Zuid"

        # Now the OTS team's lead sees it in full and in his team's list; the SAVE team's lead no longer does;
        # the SAVE worker keeps her seat, and the local team sees what it saw.
        assert _sees(joost, dossier_url) == {"dossier", "timeline", "safety", "consent"}
        joost.goto(f"{url}/dossiers/team/")
        expect(joost.locator("main")).to_contain_text("Gezin Jansen")
        assert _status(marieke, f"{dossier_url}/") == 404
        marieke.goto(f"{url}/dossiers/team/")
        expect(marieke.locator("main")).not_to_contain_text("Gezin Jansen")
        assert _sees(anna, dossier_url) == {"dossier", "timeline", "safety", "consent"}
        assert _sees(wim, dossier_url) == {"dossier", "timeline", "safety"}
        wim.context.close()

        # A year later the OTS ends: the worker proposes closure; the new team's lead confirms it (four eyes).
        anna, joost = days_later(
            browser, url, clock, "2028-01-20 09:00 +01:00", (anna, "anna"), (joost, "joost")
        )
        anna.goto(f"{dossier_url}/measures/")
        end = anna.locator(f"form[action$='/measures/{ots.pk}/end/']")
        anna.locator("details", has=end).locator("summary").click()
        end.locator("select[name=end_reason]").select_option("goals_reached")
        with anna.expect_navigation():
            end.locator("button[type=submit]").click()
        ots.refresh_from_db()
        assert ots.end_reason == "goals_reached"
        anna.goto(f"{dossier_url}/closure/")
        anna.locator("#id_summary").fill("Lisa is veilig thuis; het netwerk draagt het plan.")
        submit(anna, anna.locator("form[action$='/closure/propose/']"), "Afsluiten voorstellen")
        joost.goto(f"{dossier_url}/closure/")
        submit(joost, joost.locator("form[action$='/confirm/']"), "Bevestigen: dossier sluiten")
        dossier.refresh_from_db()
        assert dossier.status == "closed"
        joost.goto(f"{dossier_url}/")
        expect(joost.get_by_role("status")).to_contain_text("Dit dossier is gesloten")
        joost.screenshot(path=str(artifacts_dir / "journey-dutch-closed.png"), full_page=True)
        for page in (anna, joost, marieke):
            page.context.close()
