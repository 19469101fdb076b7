"""A chain case with two partners, end to end in a real browser: the police bring it in and ask the child
protection board for context, the board answers, the police record the decision — and Halt, a third partner
at the same table, cannot read the request."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.accounts.models import OrganisationKind, Role
from kring.chain.models import ChainCase, ChainTable, ContextRequest, Stage

from ..factories import MembershipFactory, OrganisationFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def table(db):
    orgs, users = {}, {}
    for key, name, kind in (
        ("police", "Politie Kustland", OrganisationKind.POLICE),
        ("board", "Raad Kustland", OrganisationKind.CHILD_PROTECTION_BOARD),
        ("halt", "Halt Kustland", OrganisationKind.HALT),
        ("om", "OM Kustland", OrganisationKind.PROSECUTION),
    ):
        orgs[key] = OrganisationFactory(name=name, kind=kind)
        users[key] = MembershipFactory(
            team=None, organisation=orgs[key], role=Role.CHAIN_PARTNER, user__username=f"e2e_{key}"
        ).user
    chain_table = ChainTable.objects.create(name="ZSM Kustland", chair=orgs["om"])
    chain_table.members.set(orgs.values())
    return {"orgs": orgs, "users": users, "table": chain_table}


def _login(browser, live_server, username):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chain_case_with_two_partners_end_to_end(live_server, browser, table, artifacts_dir):
    # --- the police bring in a case -------------------------------------------------------------------
    police = _login(browser, live_server, "e2e_police")
    police.goto(f"{live_server.url}/chain/")
    police.get_by_role("link", name="Zaak inbrengen").click()
    expect(police.get_by_role("heading", name="Zaak inbrengen")).to_be_visible()
    police.get_by_label("Kenmerk", exact=True).fill("ZSM-KL-2026-0001")
    police.get_by_label("Incident", exact=True).fill(
        "Jongen van 15 aangehouden voor diefstal. Gaat niet naar school, grote problemen thuis."
    )
    today = timezone.localdate()
    police.get_by_label("Datum van het incident").fill((today - timedelta(days=1)).isoformat())
    police.get_by_label("Juridische status").select_option("suspect")
    police.locator("#id_persons-0-role").select_option("suspect")
    police.locator("#id_persons-0-name").fill("Kevin de Wit")
    police.locator("#id_persons-0-birth_date").fill((today - timedelta(days=15 * 365 + 100)).isoformat())
    police.locator("#id_persons-0-problems").fill("4")
    police.locator("#id_persons-0-problems").dispatch_event("change")
    # htmx: the intake rules flag the trigger while typing, in a live region
    preview = police.locator("#intake-triggers")
    expect(preview).to_have_attribute("aria-live", "polite")
    expect(preview).to_contain_text("jongere met veel problemen")
    # another row for a person, keeping what was typed (htmx swaps the form)
    police.get_by_role("button", name="Nog een persoon toevoegen").click()
    expect(police.locator("#id_persons-3-role")).to_be_visible()
    expect(police.locator("#id_persons-0-name")).to_have_value("Kevin de Wit")
    police.locator("#id_persons-1-role").select_option("other")
    police.locator("#id_persons-1-name").fill("Monique de Wit")
    police.locator("#id_persons-1-birth_date").fill("1980-02-02")
    police.get_by_role("button", name="Zaak op de lijst zetten").click()
    expect(police.get_by_role("heading", name="ZSM-KL-2026-0001 — ZSM Kustland")).to_be_visible()
    expect(police.locator("#triggers")).to_contain_text("jongere met veel problemen")
    case = ChainCase.objects.get(reference="ZSM-KL-2026-0001")
    assert case.persons.count() == 2

    # --- deepening: a context request to the child protection board -----------------------------------
    police.get_by_role("button", name="Deze zaak verdiepen").click()
    expect(police.locator('.chain-steps [aria-current="step"]')).to_have_text("verdieping")
    police.get_by_label("Vraag aan").select_option(label="Raad Kustland")
    police.get_by_label("Kevin de Wit (verdachte", exact=False).check()
    police.get_by_label("Vraag", exact=True).fill("Wat weet de gezinsvoogd en wat adviseert die?")
    police.get_by_label("Waarom de tafel dit moet weten").fill("Kiezen tussen straf en dagbesteding.")
    due = timezone.localtime() + timedelta(hours=6)
    police.get_by_label("Antwoord vóór").fill(due.strftime("%Y-%m-%dT%H:%M"))
    police.get_by_role("button", name="Vraag versturen").click()
    expect(police.get_by_role("status")).to_contain_text("De vraag is verstuurd")
    request = ContextRequest.objects.get(case=case)
    assert request.addressee == table["orgs"]["board"]

    # --- the board answers on its daily list ----------------------------------------------------------
    board = _login(browser, live_server, "e2e_board")
    board.goto(f"{live_server.url}/chain/")
    incoming = board.locator(f"#request-{request.pk}")
    expect(incoming).to_contain_text("Wat weet de gezinsvoogd")
    expect(incoming).to_contain_text("Kevin de Wit")
    incoming.get_by_label("Antwoord", exact=True).fill(
        "Hij wordt binnenkort uit huis geplaatst; dagbesteding is dringend."
    )
    incoming.get_by_role("button", name="Antwoord versturen").click()
    expect(board.get_by_role("status")).to_contain_text("Uw antwoord is naar de ketentafel gestuurd")
    board.screenshot(path=str(artifacts_dir / "chain-board-answered.png"), full_page=True)

    # --- Halt sits at the same table but cannot read the request -------------------------------------
    halt = _login(browser, live_server, "e2e_halt")
    halt.goto(f"{live_server.url}/chain/cases/{case.pk}/")
    step = halt.locator("#step-context")
    expect(step).to_contain_text("Raad Kustland")
    expect(step).to_contain_text("beantwoord")
    expect(step).to_contain_text("Alleen de vragende partner, de voorzitter en de gevraagde partner")
    expect(step).not_to_contain_text("gezinsvoogd")
    expect(step).not_to_contain_text("uit huis geplaatst")
    halt.goto(f"{live_server.url}/chain/")
    expect(halt.locator("#incoming-heading")).to_be_visible()
    expect(halt.locator("main")).not_to_contain_text("Wat weet de gezinsvoogd")
    api = halt.request.get(f"{live_server.url}/api/v1/chain/requests").json()
    assert [(r["id"], r["question"], r["answer"]) for r in api] == [(request.pk, None, None)]

    # --- the police read the answer and record the decision -----------------------------------------
    police.reload()
    expect(police.locator("#step-context")).to_contain_text("uit huis geplaatst")
    police.locator("#step-decision summary").click()
    police.get_by_label("Halt-uren").check()
    police.get_by_label("correctiegesprek").check()
    police.get_by_label("Wie doet wat").fill(
        "Halt: start direct met de maximale uren.\nOM: correctiegesprek morgen."
    )
    police.get_by_label("Plandatum om terug te kijken").fill((today + timedelta(days=90)).isoformat())
    police.get_by_role("button", name="Besluit vastleggen").last.click()
    expect(police.get_by_role("status")).to_contain_text("Het besluit is vastgelegd")
    expect(police.locator('.chain-steps [aria-current="step"]')).to_have_text("besloten")
    expect(police.locator("#step-decision")).to_contain_text("OM: correctiegesprek morgen.")
    police.screenshot(path=str(artifacts_dir / "chain-case-decided.png"), full_page=True)
    case.refresh_from_db()
    assert case.stage == Stage.DECIDED and case.decision_measures == ["corrective_talk", "halt"]
