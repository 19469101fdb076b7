"""Journey (a), seed 004: a Flemish urgent case from intake to closure, in a real browser, on a database with
only an organisation and its people. A consulent of the Sociale Dienst Jeugdrechtbank opens the dossier after
the jeugdrechter's urgency order (hoogdringendheid), starts the 6-week module and places the 17-year-old in
crisis care; after the hearing she records the judge's bottom lines, a danger statement and a safety goal;
the day-6 decision sends Jana home; at the first network meeting three adults of the network join, the safety
is mapped, and a plan carried by those three adults is signed; contacts are registered; at the end the
mother fills in the EXIT questionnaire on her phone through a one-time link; the consulent writes the advice
to the judge on day 41, the team lead approves and signs it (the PDF downloads), the module and the measure
end, the consulent proposes closure and the team lead confirms it. The frozen clock moves between the steps;
the pages speak Flemish (consulent, jeugdrechter)."""

import pytest
import time_machine
from django.apps import apps
from playwright.sync_api import expect

from kring.accounts.models import Country, OrganisationKind, Role
from kring.cases.models import Authority, Contact, Dossier, Measure, Participant, Placement
from kring.feedback.models import Administration, EntryMode
from kring.feedback.shipping import ship
from kring.pathways.loader import load_templates
from kring.pathways.models import Pathway, PathwayState, PathwayTemplate, TemplateStep
from kring.safety.models import BottomLine, DangerStatement, JudgeAdvice, Mapping, SafetyGoal, SafetyPlan

from ..factories import MembershipFactory, OrganisationFactory, TeamFactory
from .helpers import days_later, htmx_settled, login, submit

PHONE = {"width": 390, "height": 844}
# Seed 004, case 1: the three adults of the network who carry the plan (name, relation, date of birth).
NETWORK_ADULTS = (
    ("Rita", "Verstraete", "grootmoeder", "1956-02-11"),
    ("Lieke", "Claes", "tante", "1979-07-30"),
    ("Eddy", "Wouters", "buurman", "1968-12-03"),
)
# Seed 004, case 1: the parents' EXIT answers (grade 10, result 3.8, process 4.0).
EXIT_ANSWERS = {
    "grade": 10,
    "r1": 4,
    "r2": 4,
    "r3": 4,
    "r4": 4,
    "r5": 3,
    "p1": 4,
    "p2": 4,
    "p3": 4,
    "p4": 4,
    "p5": 4,
}


@pytest.fixture
def sdj(db):
    """Only organisations and users: a Flemish court social service with a consulent and a team lead (and
    the shipped pathway templates and EXIT questionnaire, which a flushed test database lacks)."""
    if not PathwayTemplate.objects.exists():
        load_templates(PathwayTemplate, TemplateStep)
    ship(apps, ["exit"])
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

        # Day 0: the 6-week safety-planning module starts on the day of the urgent claim.
        els.goto(f"{dossier_url}/pathway/")
        start = els.locator("form[action$='/pathway/start/']")
        start.locator("select[name=template]").select_option(
            str(PathwayTemplate.objects.get(slug="safety-planning-urgency-be").pk)
        )
        start.locator("input[name=started_on]").fill("2026-03-02")
        with els.expect_navigation():
            start.locator("button[type=submit]").click()
        assert Pathway.objects.get(dossier=dossier).state == PathwayState.RUNNING

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

        # Day 3: the hearing. The jeugdrechter sets the frame and the bottom lines (the plan must be carried
        # by at least three adults of the network); right after, the danger statement and the safety goal.
        (els,) = days_later(browser, url, clock, "2026-03-05 15:00 +01:00", (els, "els"))
        _bottom_lines_danger_statement_and_goal(els, dossier_url)
        lines = list(BottomLine.objects.filter(dossier=dossier).order_by("pk"))
        assert [(line.set_by_kind, line.min_network_adults) for line in lines] == [("judge", 3)] * 2
        assert "vader Ilse slaat" in DangerStatement.objects.get(dossier=dossier).text
        assert SafetyGoal.objects.get(dossier=dossier).danger_statement is not None
        _register_contact(els, dossier_url, "2026-03-05", 90, "office", "Zitting en uitleg aan Jana en Ilse.")

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

        # Day 14: the first network meeting. Three adults of the network join; the safety is mapped with
        # them; the plan they carry is signed by them and by the mother (on paper, recorded by the consulent).
        (els,) = days_later(browser, url, clock, "2026-03-16 18:00 +01:00", (els, "els"))
        adults = _add_network_adults(els, dossier_url, dossier)
        _map_safety(els, dossier_url, adults)
        mapping = Mapping.objects.get(dossier=dossier)
        assert mapping.safety_scale == 6 and mapping.participants.count() == 3
        assert sorted(mapping.items.values_list("element", flat=True)) == [
            "danger",
            "safety_goal",
            "strength",
        ]
        _safety_plan_carried_and_signed(els, dossier_url, dossier, adults, lines)
        version = SafetyPlan.objects.get(dossier=dossier).versions.get()
        assert version.signed_at is not None
        signers = set(version.signatures.values_list("participant__person__first_name", flat=True))
        assert signers == {"Ilse", "Rita", "Lieke", "Eddy"}
        _register_contact(els, dossier_url, "2026-03-16", 120, "network_meeting", "Eerste netwerkberaad.")
        assert Contact.objects.filter(dossier=dossier).count() == 2
        els.goto(f"{dossier_url}/contacts/")
        expect(els.locator("body")).to_contain_text("3 u 30 min")  # 90 + 120 minutes of direct contact

        # Day 40: the second network meeting. The mother fills in the EXIT questionnaire on her own phone.
        (els,) = days_later(browser, url, clock, "2026-04-11 10:00 +02:00", (els, "els"))
        _exit_questionnaire_on_a_phone(browser, els, dossier_url)
        exit_answers = Administration.objects.submitted().get(dossier=dossier)
        assert exit_answers.entry_mode == EntryMode.SELF_ENTRY
        assert exit_answers.instrument.slug == "exit" and exit_answers.respondent_type == "parent"
        assert {k: int(v) for k, v in exit_answers.answers_by_key().items() if k != "comment"} == EXIT_ANSWERS

        # Day 41: the advice to the judge.
        (els,) = days_later(browser, url, clock, "2026-04-12 10:00 +02:00", (els, "els"))
        els.goto(f"{dossier_url}/advice/")
        expect(els.get_by_role("heading", level=1)).to_contain_text("jeugdrechter")
        els.locator("#id_addressed_to").fill("De jeugdrechter van Gent")
        submit(els, els.locator("form[action$='/advice/add/']"), "Concept samenstellen")
        advice = JudgeAdvice.objects.get()
        edit = els.locator("form[action$='/edit/']")
        expect(edit.locator("#id_frame")).to_contain_text("hoogdringendheid")
        # the draft is composed from the safety work of the weeks before
        expect(edit.locator("#id_bottom_lines")).to_contain_text("minstens drie volwassenen uit het netwerk")
        expect(edit.locator("#id_safety_plan")).to_contain_text("Rita Verstraete")
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

        # Day 43: the module ends, and the measure with it (referred to voluntary care); the consulent
        # proposes closure.
        els, koen = days_later(browser, url, clock, "2026-04-14 09:00 +02:00", (els, "els"), (koen, "koen"))
        els.goto(f"{dossier_url}/pathway/")
        close = els.locator("form[action$='/pathway/close/']")
        close.locator("select[name=end_reason]").select_option("scaled_down")
        close.locator(f"input[name=measures][value='{measure.pk}']").check()
        with els.expect_navigation():
            close.locator("button[type=submit]").click()
        assert Pathway.objects.get(dossier=dossier).state != PathwayState.RUNNING
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


def _bottom_lines_danger_statement_and_goal(page, dossier_url: str) -> None:
    page.goto(f"{dossier_url}/safety/")
    add = page.locator("form[action$='/safety/bottom-lines/add/']")
    page.locator("details", has=add).locator("summary").click()
    add.locator("textarea[name=text]").fill(
        "Er is geen geweld meer in het bijzijn van Jana.\n"
        "Het veiligheidsplan wordt gedragen door minstens drie volwassenen uit het netwerk."
    )
    add.locator("select[name=set_by_kind]").select_option("judge")
    add.locator("input[name=set_by_name]").fill("Jeugdrechter Gent")
    add.locator("input[name=set_on]").fill("2026-03-05")
    add.locator("input[name=min_network_adults]").fill("3")
    submit(page, add, "Bodemeis opslaan")

    page.goto(f"{dossier_url}/safety/statements/")
    danger = page.locator("form[action$='/statements/danger/add/']")
    page.locator("details", has=danger).locator("summary").click()
    danger.locator("#id_danger-who_is_worried").fill("De jeugdrechter, Els (consulent) en grootmoeder Rita")
    danger.locator("#id_danger-by_whom").fill("vader")
    danger.locator("#id_danger-behaviour").fill("Ilse slaat als hij gedronken heeft")
    danger.get_by_label("Jana").check()
    danger.locator("#id_danger-impact").fill("Jana durft 's avonds niet meer thuis te zijn")
    danger.locator("#id_danger-could_happen").fill("Jana gewond raakt of weer wegloopt")
    with page.expect_navigation():
        danger.locator("button.utrecht-button--primary-action").click()

    goal = page.locator("form[action$='/statements/goals/add/']")
    page.locator("details", has=goal).locator("summary").click()
    goal.locator("#id_goal-who_is_worried").fill("De jeugdrechter, Els (consulent) en grootmoeder Rita")
    goal.get_by_label("Jana").check()
    goal.locator("#id_goal-what_to_see").fill(
        "er altijd een volwassene is die Jana beschermt als het misgaat"
    )
    goal.locator("#id_goal-over_time").fill("elke avond, de komende zes weken")
    goal.locator("#id_goal-danger_statement").select_option(index=1)
    with page.expect_navigation():
        goal.locator("button.utrecht-button--primary-action").click()


def _register_contact(page, dossier_url: str, day: str, minutes: int, kind: str, note: str) -> None:
    page.goto(f"{dossier_url}/contacts/")
    add = page.locator("form[action$='/contacts/add/']")
    page.locator("details", has=add).locator("summary").click()
    add.locator("input[name=occurred_on]").fill(day)
    add.locator("input[name=minutes]").fill(str(minutes))
    add.locator("select[name=kind]").select_option(kind)
    for box in add.locator("input[name=people]").all():
        box.check()  # the whole family and network took part
    add.locator("[name=note]").fill(note)
    with page.expect_navigation():
        add.locator("button[type=submit]").click()


def _add_network_adults(page, dossier_url: str, dossier) -> list:
    """The three adults join the network (on the network page, which answers without a reload)."""
    page.goto(f"{dossier_url}/network/")
    for first, last, relation, born in NETWORK_ADULTS:
        htmx_settled(page)
        add = page.locator("form[action$='/network/participants/']")
        add.locator("input[name=first_name]").fill(first)
        add.locator("input[name=last_name]").fill(last)
        add.locator("input[name=date_of_birth]").fill(born)
        add.locator("select[name=role]").select_option("informal")
        add.locator("input[name=relation]").fill(relation)
        add.locator("select[name=closeness]").select_option("inner")
        add.locator("button[type=submit]").click()
        expect(page.locator("#network-status")).to_contain_text(f"{first} {last}")
    adults = list(
        Participant.objects.filter(dossier=dossier, role="informal").select_related("person").order_by("pk")
    )
    assert [adult.person.first_name for adult in adults] == [first for first, *_rest in NETWORK_ADULTS]
    return adults


def _map_safety(page, dossier_url: str, adults: list) -> None:
    """The mapping of the network meeting: who took part, the scale, and an item in each column."""
    page.goto(f"{dossier_url}/safety/mapping/")
    new = page.locator("form[action$='/safety/mapping/add/']")
    new.locator("input[name=new-held_on]").fill("2026-03-16")
    new.locator("input[name=new-meeting]").fill("Eerste netwerkberaad")
    for adult in adults:
        new.locator(f"input[name=new-participants][value='{adult.pk}']").check()
    new.locator("input[name=new-safety_scale]").fill("6")
    submit(page, new, "Mapping beginnen")
    for column, element, text in (
        ("worries", "danger", "Vader kan opnieuw slaan als hij drinkt."),
        ("working_well", "strength", "Oma Rita komt elke dag langs en Jana vertrouwt haar."),
        ("needs", "safety_goal", "Er is altijd een volwassene die Jana kan bellen."),
    ):
        htmx_settled(page)
        page.locator(f"#id_{column}-element").select_option(element)
        field = page.locator(f"#id_{column}-text")
        field.fill(text)
        field.press("Enter")
        expect(page.locator(f"#column-{column} [data-element={element}] .kring-mapping__text")).to_have_text(
            text
        )


def _safety_plan_carried_and_signed(page, dossier_url: str, dossier, adults: list, lines: list) -> None:
    page.goto(f"{dossier_url}/safety/")
    make = page.locator("form[action$='/safety/plans/add/']")
    make.locator("input[name=title]").fill("Veiligheidsplan Jana")
    make.locator("input[name=check_safety_goals]").check()
    with page.expect_navigation():
        make.locator("button[type=submit]").click()
    plan = SafetyPlan.objects.get(dossier=dossier)
    rules = page.locator(f"form[action$='/plans/{plan.pk}/rules/add/']")
    page.locator("details", has=rules).locator("summary").click()
    rules.locator("textarea[name=text]").fill(
        "Als vader gedronken heeft, belt Jana oma Rita; Rita haalt haar op, Lieke of Eddy als Rita niet kan."
    )
    rules.locator("input[name=when]").fill("elke avond")
    rules.locator("input[name=monitoring]").fill("Rita belt de consulent elke vrijdag.")
    for adult in adults:
        rules.locator(f"input[name=participants][value='{adult.pk}']").check()
    for line in lines:
        rules.locator(f"input[name=bottom_lines][value='{line.pk}']").check()
    rules.locator("input[name=safety_goals]").first.check()
    with page.expect_navigation():
        rules.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("3 van minstens 3")
    mother = Participant.objects.get(dossier=dossier, person__first_name="Ilse")
    for participant in (*adults, mother):
        sign = page.locator(f"form[action$='/plans/{plan.pk}/sign/']")
        sign.locator("select[name=signer]").select_option(f"p:{participant.pk}")
        with page.expect_navigation():
            sign.locator("button[type=submit]").click()
        expect(page.locator(".kring-messages")).not_to_contain_text("kan nog niet")


def _exit_questionnaire_on_a_phone(browser, page, dossier_url: str) -> None:
    """The consulent plans the EXIT questionnaire for the mother and makes a one-time link; the mother opens
    it on her phone (390 px wide), answers and sends it."""
    page.goto(f"{dossier_url}/feedback/new/?instrument=exit")
    plan = page.locator("form[action$='/feedback/new/']")
    plan.locator("select[name=respondent_type]").select_option("parent")
    plan.locator("input[name=respondent_label]").fill("Ilse")
    submit(page, plan, "Verder")
    make_link = page.locator("form[action$='/link/']")
    submit(page, make_link, "Maak een link en QR-code")
    link = page.locator("#new-link-url").input_value()

    phone = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True)
    phone.set_default_timeout(15_000)
    try:
        ilse = phone.new_page()
        ilse.goto(link)
        expect(ilse.locator("h1")).to_have_text("Terugkijken op de hulp")
        assert ilse.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert "Verstraete" not in ilse.content()  # nothing of the dossier but the first name chosen
        for key, value in EXIT_ANSWERS.items():
            ilse.locator(f"input[name={key}][value='{value}']").check()
        ilse.locator("textarea[name=comment]").fill("Dank jullie wel.")
        with ilse.expect_navigation():
            ilse.get_by_role("button", name="Verstuur mijn antwoorden").click()
        expect(ilse.locator("h1")).to_have_text("Dank je wel!")
    finally:
        phone.close()
