"""The family's own kring on a phone (390 px wide), keyboard only, in a real browser: a case worker invites
the mother with a code at the kitchen table; she makes her account with password and authenticator app, reads
the plan, signs it and writes in the safety journal; her daughter (13) presses "I don't feel safe" and the
case worker sees it on their start page."""

from base64 import b32decode
from datetime import date

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from kring.cases.models import Authority, AuthorityKind, Participant
from kring.portal.models import FamilyAccount, FamilyKind, FamilySignature
from kring.safety import services as safety
from kring.safety.models import JournalEntry

from ..factories import CircleMemberFactory, DossierFactory, MembershipFactory, PersonFactory, UserFactory

PASSWORD = "correct horse battery staple"
PHONE = {"width": 390, "height": 844}
# Registered before any page script runs (as in test_content_security_policy): the passkey scripts must run
# under the strict Content-Security-Policy.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _make_account(phone, username: str) -> None:
    """On the invitation's account page: a username and a password, then on to the second step."""
    phone.get_by_label("Kies een gebruikersnaam").fill(username)
    for label in ("Kies een wachtwoord", "Typ het wachtwoord nog een keer"):
        phone.get_by_label(label).fill("mijn kinderen zijn mijn alles")
    _keyboard_submit(phone, phone.get_by_label("Typ het wachtwoord nog een keer"))
    expect(phone.get_by_role("heading", name="De tweede stap")).to_be_visible()


def _keyboard_submit(page, locator) -> None:
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.fixture
def kitchen_table(db):
    dossier = DossierFactory()
    seat = CircleMemberFactory(
        dossier=dossier, membership=MembershipFactory(team=dossier.owning_team, user__username="e2e_voogd")
    )
    dossier.children.clear()
    daughter = PersonFactory(first_name="Noor", last_name="Yilmaz", date_of_birth=date(2013, 2, 1))
    dossier.children.add(daughter)
    mother = Participant.objects.create(
        dossier=dossier,
        person=PersonFactory(first_name="Ayse", last_name="Yilmaz", date_of_birth=date(1988, 1, 1)),
        role="parent",
        relation="moeder",
    )
    Authority.objects.create(
        child=daughter, holder=mother.person, kind=AuthorityKind.PARENTAL, started_on=date(2013, 2, 1)
    )
    plan = safety.plan_create(
        actor=None,
        dossier=dossier,
        title="Veiligheidsplan Noor",
        check_bottom_lines=False,
        check_network_adults=False,
    )
    safety.rule_add(
        actor=None, plan=plan, text="Als het thuis misgaat, belt mama tante Esra.", participants=[mother]
    )
    child = FamilyAccount.objects.create(
        user=UserFactory(username="e2e_noor"), dossier=dossier, person=daughter, kind=FamilyKind.YOUNG_PERSON
    )
    device = TOTPDevice.objects.create(user=child.user, name="app", confirmed=True)
    return {"dossier": dossier, "worker": seat.user, "mother": mother, "child_device": device}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_parent_reads_signs_and_writes_and_a_child_is_heard(
    live_server, browser, kitchen_table, artifacts_dir
):
    dossier = kitchen_table["dossier"]
    # --- the case worker invites the mother and reads the code out at the kitchen table ---
    worker_context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    worker = worker_context.new_page()
    worker.goto(f"{live_server.url}/login/")
    worker.locator("input[name=username]").fill("e2e_voogd")
    worker.locator("input[name=password]").fill(PASSWORD)
    _keyboard_submit(worker, worker.locator("input[name=password]"))
    worker.goto(f"{live_server.url}/dossiers/{dossier.pk}/gezin/")
    worker.get_by_label("Wie nodig je uit?").select_option(label="Ayse Yilmaz")
    worker.get_by_label("Als", exact=True).select_option("parent")
    _keyboard_submit(worker, worker.get_by_role("button", name="Uitnodigen"))
    code = worker.get_by_test_id("invitation-code").inner_text().strip()
    assert len(code) == 10

    # --- the mother, on her phone ---
    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    phone = context.new_page()
    phone.goto(f"{live_server.url}/gezin/uitnodiging/")
    phone.get_by_label("Je uitnodigingscode").fill(f"{code[:5]}-{code[5:]}".lower())
    _keyboard_submit(phone, phone.get_by_label("Je uitnodigingscode"))
    expect(phone.get_by_text("Welkom, Ayse.")).to_be_visible()
    _make_account(phone, "ayse")
    # the second step: she chooses the authenticator app, which reads the key shown (here: computed from it)
    phone.get_by_role("link", name="Stel een authenticator-app in").focus()
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    secret = phone.locator(".kring-secret").inner_text().strip()
    device = TOTPDevice.objects.get(user__username="ayse", key=b32decode(secret).hex())
    phone.get_by_label("Code uit de app op je telefoon").fill(_code(device))
    _keyboard_submit(phone, phone.get_by_label("Code uit de app op je telefoon"))
    expect(phone.get_by_role("heading", name="Hallo Ayse")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling

    phone.get_by_role("link", name="Jouw plan").focus()
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    expect(phone.get_by_text("Als het thuis misgaat, belt mama tante Esra.")).to_be_visible()
    phone.get_by_label("Ik heb dit plan gelezen en ik ben het ermee eens.").focus()
    phone.keyboard.press("Space")
    _keyboard_submit(phone, phone.get_by_role("button", name="Onderteken het plan"))
    expect(phone.get_by_text("Je hebt het veiligheidsplan ondertekend.")).to_be_visible()
    expect(phone.get_by_text("Jij hebt deze versie ondertekend.")).to_be_visible()
    phone.screenshot(path=str(artifacts_dir / "portal-plan-signed-390.png"), full_page=True)

    phone.goto(f"{live_server.url}/gezin/{dossier.pk}/dagboek/")
    phone.get_by_label("Wat gebeurde er?").fill("Esra kwam meteen toen ik belde. Het ging goed.")
    _keyboard_submit(phone, phone.get_by_role("button", name="Opslaan"))
    expect(phone.get_by_text("Je bericht staat in het dagboek.")).to_be_visible()
    expect(phone.get_by_text("Esra kwam meteen toen ik belde. Het ging goed.")).to_be_visible()

    signature = FamilySignature.objects.get()
    assert signature.account.user.username == "ayse" and signature.login_method == "password_totp"
    assert JournalEntry.objects.get().said_by_participant == kitchen_table["mother"]

    # --- the daughter, on her own phone ---
    child_context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True)
    child_context.set_default_timeout(15_000)
    child = child_context.new_page()
    child.goto(f"{live_server.url}/login/?next=/gezin/")
    child.locator("input[name=username]").fill("e2e_noor")
    child.locator("input[name=password]").fill(PASSWORD)
    _keyboard_submit(child, child.locator("input[name=password]"))
    child.get_by_label("Code uit de app op je telefoon").fill(_code(kitchen_table["child_device"]))
    _keyboard_submit(child, child.get_by_label("Code uit de app op je telefoon"))
    _keyboard_submit(child, child.get_by_role("button", name="Ik voel me niet veilig"))
    expect(child.get_by_role("heading", name="Je bericht is verstuurd")).to_be_visible()
    child.screenshot(path=str(artifacts_dir / "portal-unsafe-390.png"), full_page=True)

    # --- the case worker sees it on their start page ---
    worker.goto(f"{live_server.url}/dossiers/")
    alert = worker.get_by_role("alert").filter(has_text="Een kind voelt zich niet veilig")
    expect(alert).to_contain_text("Noor")
    _keyboard_submit(worker, alert.get_by_role("button", name="Ik pak dit op"))
    expect(worker.get_by_text("Een kind voelt zich niet veilig")).to_have_count(0)
    for ctx in (context, child_context, worker_context):
        ctx.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_parent_sets_up_a_passkey_logs_in_with_it_and_signs(live_server, browser, kitchen_table, settings):
    from kring.portal import services

    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    dossier = kitchen_table["dossier"]
    new = services.invitation_create(
        actor=kitchen_table["worker"], dossier=dossier, person=kitchen_table["mother"].person, kind="parent"
    )
    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    context.add_init_script(LISTEN)
    phone = context.new_page()
    cdp = context.new_cdp_session(phone)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    phone.goto(f"{live_server.url}/gezin/uitnodiging/{new.token}/")
    _make_account(phone, "ayse")
    phone.get_by_role("button", name="Maak een passkey").focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("#passkey-register-status-message")).to_have_attribute("data-status-enum", "success")
    assert phone.evaluate("window.__cspViolations") == []
    # log out, and back in with the passkey alone
    _keyboard_submit(phone, phone.get_by_role("button", name="Uitloggen"))
    phone.goto(f"{live_server.url}/gezin/inloggen/?next=/gezin/")
    expect(phone.get_by_role("button", name="Log in met je passkey")).to_be_visible()
    assert phone.evaluate("window.__cspViolations") == []
    phone.get_by_role("button", name="Log in met je passkey").focus()
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", name="Hallo Ayse")).to_be_visible()
    phone.goto(f"{live_server.url}/gezin/{dossier.pk}/plan/")
    phone.get_by_label("Ik heb dit plan gelezen en ik ben het ermee eens.").focus()
    phone.keyboard.press("Space")
    _keyboard_submit(phone, phone.get_by_role("button", name="Onderteken het plan"))
    expect(phone.get_by_text("Jij hebt deze versie ondertekend.")).to_be_visible()
    assert FamilySignature.objects.get().login_method == "passkey"
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_young_person_scores_a_question_and_writes_their_ik_plan_on_a_phone(
    live_server, browser, kitchen_table, artifacts_dir
):
    """Keyboard only, 390 px: the question the case worker put to her waits on her start page; she gives a 7
    with a word, writes her IK-plan, and reads the question again in Arabic, right to left."""
    from kring.portal import services
    from kring.safety.models import ScaleRating
    from kring.safety.success.models import IkPlan

    dossier = kitchen_table["dossier"]
    account = FamilyAccount.objects.get(user__username="e2e_noor")
    services.scale_question_ask(actor=kitchen_table["worker"], account=account, question="safety")
    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    child = context.new_page()
    child.goto(f"{live_server.url}/login/?next=/gezin/")
    child.locator("input[name=username]").fill("e2e_noor")
    child.locator("input[name=password]").fill(PASSWORD)
    _keyboard_submit(child, child.locator("input[name=password]"))
    child.get_by_label("Code uit de app op je telefoon").fill(_code(kitchen_table["child_device"]))
    _keyboard_submit(child, child.get_by_label("Code uit de app op je telefoon"))
    expect(child.get_by_test_id("waiting-scale-questions")).to_contain_text("1")

    child.get_by_role("link", name="Vragen voor jou").focus()
    with child.expect_navigation():
        child.keyboard.press("Enter")
    expect(child.get_by_text("Hoe veilig zijn de kinderen nu?")).to_be_visible()
    child.get_by_label("7", exact=True).focus()
    child.keyboard.press("Space")
    child.get_by_label("Wil je er iets over zeggen?").fill("Thuis is het rustiger.")
    assert child.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    child.screenshot(path=str(artifacts_dir / "portal-scale-question-390.png"), full_page=True)
    _keyboard_submit(child, child.get_by_role("button", name="Stuur mijn cijfer"))
    expect(child.get_by_text("Je cijfer is bewaard. Dank je wel.")).to_be_visible()
    expect(child.get_by_text("Jouw cijfer: 7")).to_be_visible()

    child.goto(f"{live_server.url}/gezin/{dossier.pk}/ik-plan/")
    child.get_by_label("Mijn doelen: wat wil ik bereiken?").fill("Mijn diploma halen.")
    child.get_by_label("Wie helpt mij?").fill("Tante Esra")
    _keyboard_submit(child, child.get_by_role("button", name="Opslaan"))
    expect(child.get_by_text("Je IK-plan is bewaard. Je hulpverlener leest het.")).to_be_visible()
    assert child.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    child.goto(f"{live_server.url}/gezin/{dossier.pk}/schaalvragen/")
    child.locator("button[name=language][value=ar]").focus()
    with child.expect_navigation():
        child.keyboard.press("Enter")
    expect(child.locator("html")).to_have_attribute("dir", "rtl")
    expect(child.get_by_role("heading", name="أسئلة لك")).to_be_visible()
    assert child.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    child.screenshot(path=str(artifacts_dir / "portal-scale-question-ar-390.png"), full_page=True)

    rating = ScaleRating.objects.get()
    assert (rating.child_id, rating.score, rating.note) == (account.person_id, 7, "Thuis is het rustiger.")
    plan = IkPlan.objects.get()
    assert (plan.child_id, plan.goals, plan.recorded_by) == (
        account.person_id,
        "Mijn diploma halen.",
        account.user,
    )
    context.close()
