"""Journey (a), seed 004: a Flemish urgent case from intake to closure, in a real browser, on a database with
only an organisation and its people. A consulent of the Sociale Dienst Jeugdrechtbank opens the dossier after
the jeugdrechter's urgency order (hoogdringendheid: the 6-week module), places the 17-year-old in crisis care,
records the day-6 decision to return home, writes the advice to the judge on day 41, the team lead approves
and signs it (the PDF downloads), the measure ends, the consulent proposes closure and the team lead
confirms it. The frozen clock moves between the steps; the pages speak Flemish (consulent, jeugdrechter)."""

import pytest
import time_machine
from playwright.sync_api import expect

from kring.accounts.models import Country, OrganisationKind, Role
from kring.cases.models import Authority, Dossier, Measure, Placement
from kring.safety.models import JudgeAdvice

from ..factories import MembershipFactory, OrganisationFactory, TeamFactory
from .helpers import days_later, login, submit


@pytest.fixture
def sdj(db):
    """Only organisations and users: a Flemish court social service with a consulent and a team lead."""
    gent = OrganisationFactory(
        name="SDJ Gent", country=Country.BE, kind=OrganisationKind.COURT_SOCIAL_SERVICE
    )
    team = TeamFactory(organisation=gent, name="Team Hoogdringend")
    MembershipFactory(team=team, user__username="els", user__first_name="Els", user__last_name="Peeters")
    MembershipFactory(
        team=team, role=Role.TEAM_LEAD, user__username="koen", user__first_name="Koen", user__last_name="Maes"
    )
    return team


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_e2e_flemish_urgent_case_from_intake_to_closure(live_server, sdj, browser, artifacts_dir):
    url = live_server.url
    # Day 0: Monday 2 March 2026, the jeugdrechter orders the urgency procedure.
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=True) as clock:
        els = login(browser, url, "els")
        els.goto(f"{url}/dossiers/new/")
        body = els.locator("body")
        expect(body).to_contain_text("consulent")  # Flemish words for a Flemish user, already at intake

        els.locator("#id_title").fill("Gezin Verstraete")
        els.locator("#id_origin_kind").select_option("court_order")
        els.locator("#id_origin_on").fill("2026-03-02")
        els.locator("#id_origin_note").fill("Vordering hoogdringendheid, jeugdrechter Gent")
        els.locator("#id_case_role").fill("consulent")
        els.locator("#id_children-0-first_name").fill("Jana")
        els.locator("#id_children-0-last_name").fill("Verstraete")
        els.locator("#id_children-0-date_of_birth").fill("2008-09-14")
        els.locator("#id_children-0-gender").select_option("female")
        els.locator("#id_children-0-language").fill("Nederlands")
        els.locator("#id_carers-0-first_name").fill("Ilse")
        els.locator("#id_carers-0-last_name").fill("Verstraete")
        els.locator("#id_carers-0-relation").fill("moeder")
        els.locator("#id_authority-0-child").select_option("0")
        els.locator("#id_authority-0-holder").select_option("0")
        els.locator("#id_authority-0-source").select_option("by_law")
        els.locator("#id_authority-0-started_on").fill("2008-09-14")
        els.locator("#id_measure_kind").select_option("be_urgency")
        els.locator("#id_measure_child").select_option("all")
        els.locator("#id_measure_started_on").fill("2026-03-02")
        els.locator("#id_measure_planned_end_on").fill("2026-04-13")
        els.locator("#id_measure_decided_by").fill("Jeugdrechter Gent, 2 maart 2026")
        with els.expect_navigation():
            els.get_by_role("button", name="Dossier openen").click()

        expect(els.get_by_role("heading", name="Gezin Verstraete", level=1)).to_be_visible()
        dossier = Dossier.objects.get()
        assert dossier.reference == "KR-BE-2026-0001"
        assert dossier.jurisdiction == "BE"
        assert Authority.objects.get().holder.first_name == "Ilse"
        measure = Measure.objects.get(dossier=dossier)
        assert measure.kind == "be_urgency"
        dossier_url = f"{url}/dossiers/{dossier.pk}"

        # Day 0: the judge places Jana in crisis care.
        els.goto(f"{dossier_url}/placements/")
        add = els.locator(f'form[action="/dossiers/{dossier.pk}/placements/add/"]')
        expect(add).to_contain_text("de jeugdrechter")
        add.locator("#id_child").select_option(index=1)
        add.locator("#id_kind").select_option("crisis")
        add.locator("#id_place").fill("Crisisopvang De Cocon")
        add.locator("#id_planned_end_on").fill("2026-03-08")
        add.locator("input[name=decided_by][value=judge]").check()
        add.locator("#id_decided_by_name").fill("Jeugdrechter Gent")
        add.locator("#id_reason").fill("Hoogdringende plaatsing na geweld thuis.")
        submit(els, add, "Verblijf vastleggen")
        crisis = Placement.objects.get()
        assert crisis.kind == "crisis"

        # Day 6: the return-home decision.
        (els,) = days_later(browser, url, clock, "2026-03-08 14:00 +01:00", (els, "els"))
        els.goto(f"{dossier_url}/placements/")
        decide = els.locator(f'form[action="/dossiers/{dossier.pk}/placements/{crisis.pk}/crisis-decision/"]')
        els.locator("details", has=decide).locator("summary").click()
        decide.locator("input[name=decision][value=return_home]").check()
        decide.locator("input[name=decided_by][value=judge]").check()
        decide.locator("#id_home_place").fill("bij moeder")
        decide.locator("#id_reason").fill("Het netwerk draagt een veiligheidsplan; Jana gaat naar huis.")
        submit(els, decide, "Besluit vastleggen")
        stays = list(Placement.objects.order_by("started_on", "pk").values_list("kind", "ended_on"))
        assert [kind for kind, _ended in stays] == ["crisis", "at_home"]
        assert str(stays[0][1]) == "2026-03-08"

        # Day 41: the advice to the judge.
        (els,) = days_later(browser, url, clock, "2026-04-12 10:00 +02:00", (els, "els"))
        els.goto(f"{dossier_url}/advice/")
        expect(els.get_by_role("heading", level=1)).to_contain_text("jeugdrechter")
        els.locator("#id_addressed_to").fill("De jeugdrechter van Gent")
        submit(els, els.locator("form[action$='/advice/add/']"), "Concept samenstellen")
        advice = JudgeAdvice.objects.get()
        edit = els.locator("form[action$='/edit/']")
        expect(edit.locator("#id_frame")).to_contain_text("hoogdringendheid")
        edit.locator("#id_family_view").fill("Jana: 'Thuis is het nu rustiger, oma komt elke dag langs.'")
        edit.locator("#id_proposal").select_option("refer")
        edit.locator("#id_motivation").fill("Doorverwijzen naar vrijwillige hulp: de veiligheid is gedragen.")
        submit(els, edit, "Advies opslaan")
        advice.refresh_from_db()
        assert advice.proposal == "refer"

        koen = login(browser, url, "koen")
        koen.goto(f"{dossier_url}/advice/{advice.pk}/")
        submit(koen, koen.locator("form[action$='/approve/']"), "Goedkeuren en ondertekenen")
        with koen.expect_download() as download_info:
            koen.locator(f'a[href$="/advice/{advice.pk}/v1.pdf"]').first.click()
        with open(download_info.value.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"

        # Day 43: the module ended (referred to voluntary care); the consulent proposes closure.
        els, koen = days_later(browser, url, clock, "2026-04-14 09:00 +02:00", (els, "els"), (koen, "koen"))
        els.goto(f"{dossier_url}/measures/")
        end = els.locator(f'form[action="/dossiers/{dossier.pk}/measures/{measure.pk}/end/"]')
        els.locator("details", has=end).locator("summary").click()
        end.locator("select[name=end_reason]").select_option("scaled_down")
        with els.expect_navigation():
            end.locator("button[type=submit]").click()
        measure.refresh_from_db()
        assert measure.end_reason == "scaled_down"

        els.goto(f"{dossier_url}/closure/")
        els.locator("#id_summary").fill("Jana woont veilig thuis; vrijwillige hulp loopt via het CAW.")
        submit(els, els.locator("form[action$='/closure/propose/']"), "Afsluiten voorstellen")
        expect(els.locator("body")).not_to_contain_text("Bevestigen: dossier sluiten")  # never one's own

        # Day 44: the team lead confirms (four eyes).
        (koen,) = days_later(browser, url, clock, "2026-04-15 11:00 +02:00", (koen, "koen"))
        koen.goto(f"{dossier_url}/closure/")
        submit(koen, koen.locator("form[action$='/confirm/']"), "Bevestigen: dossier sluiten")
        dossier.refresh_from_db()
        assert dossier.status == "closed"
        assert str(dossier.closures.get().closed_on) == "2026-04-15"
        koen.goto(f"{dossier_url}/")
        expect(koen.locator("body")).to_contain_text("jeugdrechter")
        koen.screenshot(path=str(artifacts_dir / "journey-flemish-closed.png"), full_page=True)
        els.context.close()
        koen.context.close()
