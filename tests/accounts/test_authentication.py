from datetime import timedelta

import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts.services import user_disable
from kring.audit.models import AuditEntry

PASSWORD = "correct horse battery staple"


def _login(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def test_production_hashes_passwords_with_argon2():
    from kring.config import settings as production_settings  # the tests use a cheap hasher for speed

    assert production_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_wrong_password_gives_a_clear_dutch_message(world, client):
    response = _login(client, "circle", "verkeerd")
    assert response.status_code == 200
    assert "De gebruikersnaam of het wachtwoord klopt niet" in response.content.decode()


def test_login_gives_a_new_session_key(world, client):
    client.get(reverse("login"))
    client.cookies[settings.SESSION_COOKIE_NAME] = "abcdefghijklmnopqrstuvwxyz123456"
    _login(client, "circle")
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != "abcdefghijklmnopqrstuvwxyz123456"
    assert client.get(reverse("dossier_list")).status_code == 200


def test_lockout_after_repeated_failures(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "circle", "verkeerd")
    response = _login(client, "circle")  # even the right password is refused now
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert AuditEntry.objects.filter(action="locked_out", actor_username="circle").exists()
    assert client.get(reverse("dossier_list")).status_code == 302


def test_lockout_is_per_username(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "circle", "verkeerd")
    assert _login(client, "lead").status_code == 302


def test_lockout_ends_after_the_cool_off(world, client):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client, "circle", "verkeerd")
        traveller.shift(settings.AXES_COOLOFF_TIME + timedelta(minutes=1))
        assert _login(client, "circle").status_code == 302


def test_totp_setup_and_verification(world, client):
    organisation = world.circle_member.memberships.get().organisation
    organisation.require_mfa = True
    organisation.save()

    response = _login(client, "circle")
    assert response["Location"] == reverse("home")  # the start page by role (access.policy.start_page)
    response = client.get(reverse("dossier_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_setup"))
    # the API refuses the unverified session as well
    assert client.get(reverse("api:me")).status_code == 401

    setup = client.get(response["Location"])
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=world.circle_member, confirmed=False)
    assert setup.context["secret"]

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        wrong = client.post(
            reverse("mfa_setup"), {"token": "000000" if _code(device) != "000000" else "111111"}
        )
        assert wrong.status_code == 200
        assert "Die code klopt niet" in wrong.content.decode()
        # a wrong code slows further attempts down (django-otp throttling): even the right one, at once
        assert client.post(reverse("mfa_setup"), {"token": _code(device)}).status_code == 200
        traveller.shift(timedelta(seconds=30))
        done = client.post(reverse("mfa_setup"), {"token": _code(device), "next": "/dossiers/"})
        assert done["Location"] == "/dossiers/"
    assert client.get(reverse("dossier_list")).status_code == 200
    assert client.get(reverse("api:me")).status_code == 200

    # next login: a code is asked, and only the right one lets the professional in
    other = Client()
    _login(other, "circle")
    assert other.get(reverse("dossier_list"))["Location"].startswith(reverse("mfa_verify"))
    with time_machine.travel(timezone.now() + timedelta(seconds=90), tick=False):
        assert (
            "Die code klopt niet" in other.post(reverse("mfa_verify"), {"token": "12345x"}).content.decode()
        )
        device.refresh_from_db()
        assert other.post(reverse("mfa_verify"), {"token": _code(device)}).status_code == 302
        assert other.get(reverse("dossier_list")).status_code == 200
    actions = set(AuditEntry.objects.filter(actor_id=world.circle_member.pk).values_list("action", flat=True))
    assert {"mfa_setup", "mfa_verified", "mfa_failed"} <= actions


def test_a_verified_user_cannot_skip_to_a_new_device_without_verifying(world, client):
    device = TOTPDevice.objects.create(user=world.circle_member, name="app", confirmed=True)
    _login(client, "circle")
    assert client.get(reverse("mfa_setup"))["Location"].startswith(reverse("mfa_verify"))
    assert TOTPDevice.objects.filter(user=world.circle_member).count() == 1
    assert device.confirmed


def test_idle_session_expires(world, client):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _login(client, "circle")
        assert client.get(reverse("dossier_list")).status_code == 200
        traveller.shift(timedelta(minutes=settings.KRING_SESSION_IDLE_MINUTES + 1))
        response = client.get(reverse("dossier_list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        page = client.get(response["Location"])
        assert "Je sessie is afgelopen" in page.content.decode()


def test_absolute_session_limit(world, client):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _login(client, "circle")
        steps = settings.KRING_SESSION_ABSOLUTE_HOURS * 60 // 20
        for _ in range(steps):
            traveller.shift(timedelta(minutes=20))
            assert client.get(reverse("dossier_list")).status_code == 200
        traveller.shift(timedelta(minutes=20))
        assert client.get(reverse("dossier_list")).status_code == 302


def test_expired_session_on_htmx_or_api_gets_401(world, client):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _login(client, "circle")
        traveller.shift(timedelta(minutes=settings.KRING_SESSION_IDLE_MINUTES + 1))
        response = client.get(reverse("dossier_list"), headers={"HX-Request": "true"})
        assert response.status_code == 401
        assert response.json()["detail"] == "Je sessie is afgelopen. Log opnieuw in."


def test_disabling_an_account_ends_its_sessions(world):
    first, second = Client(), Client()
    _login(first, "circle")
    _login(second, "circle")
    assert Session.objects.count() == 2
    user_disable(user=world.circle_member, actor=world.team_lead)
    assert Session.objects.count() == 0
    assert first.get(reverse("dossier_list")).status_code == 302
    assert second.get(reverse("api:me")).status_code == 401


def test_logout_everywhere_keeps_only_this_session(world):
    here, elsewhere = Client(), Client()
    _login(elsewhere, "circle")
    _login(here, "circle")
    response = here.post(reverse("logout_everywhere"))
    assert response.status_code == 302
    assert here.get(reverse("dossier_list")).status_code == 200
    assert elsewhere.get(reverse("dossier_list")).status_code == 302


def test_csrf_rejects_a_forged_htmx_post(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.circle_member)
    forged = client.post(reverse("logout_everywhere"), headers={"HX-Request": "true"})
    assert forged.status_code == 403
    client.get(reverse("account"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    genuine = client.post(reverse("logout_everywhere"), headers={"HX-Request": "true", "X-CSRFToken": token})
    assert genuine.status_code == 302


def test_csrf_rejects_a_forged_api_post_with_a_session(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.circle_member)
    # the API has no writes yet; the logout form stands in for any session-authenticated POST
    assert client.post(reverse("logout")).status_code == 403


def test_api_token_authenticates_and_revocation_stops_it(world, client_for):
    client = client_for("circle_member")
    body = {"name": "rapportage", "password": PASSWORD}
    plain = client.post(reverse("api_token_create"), body).context["new_token"]
    assert plain.startswith("kr_")
    assert plain not in client.get(reverse("account")).content.decode()  # shown once
    api = Client()
    me = api.get(reverse("api:me"), headers={"Authorization": f"Bearer {plain}"})
    assert me.status_code == 200
    assert me.json()["username"] == "circle"
    token = world.circle_member.api_tokens.get(name="rapportage")
    assert token.digest != plain
    client.post(reverse("api_token_revoke", args=[token.pk]))
    assert api.get(reverse("api:me"), headers={"Authorization": f"Bearer {plain}"}).status_code == 401


def test_passwords_are_not_stored_in_plain_text(db):
    user = get_user_model().objects.create_user("nieuw", password="een heel geheim wachtwoord")
    assert "een heel geheim" not in user.password


def test_staff_must_use_two_factor_login(world, client):
    staff = world.team_lead
    staff.is_staff = True
    staff.save()
    _login(client, "lead")
    assert client.get("/admin/")["Location"].startswith(reverse("mfa_setup"))


def test_each_setup_attempt_gets_its_own_secret(world):
    first, second = Client(), Client()
    for client in (first, second):
        _login(client, "circle")
    assert (
        first.get(reverse("mfa_setup")).context["secret"]
        != second.get(reverse("mfa_setup")).context["secret"]
    )
    # reloading keeps the secret of this attempt
    assert (
        first.get(reverse("mfa_setup")).context["secret"] == first.get(reverse("mfa_setup")).context["secret"]
    )


def test_confirming_a_device_removes_the_others_and_tells_the_user(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    _login(client, "circle")
    client.get(reverse("mfa_setup"))
    other = Client()
    _login(other, "circle")
    other.get(reverse("mfa_setup"))
    device = TOTPDevice.objects.get(pk=client.session["kring_pending_totp_device"])
    session_key = client.session.session_key
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_setup"), {"token": _code(device)})
    assert list(TOTPDevice.objects.filter(user=world.circle_member).values_list("pk", flat=True)) == [
        device.pk
    ]
    assert client.session.session_key != session_key
    assert [m.to for m in mailoutbox] == [[world.circle_member.email]]


def test_login_with_next_pointing_at_login_does_not_loop(world, client):
    _login(client, "circle")
    response = client.get(reverse("login"), {"next": reverse("login")})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_session_without_login_stamps_has_expired(world, client):
    _login(client, "circle")
    session = client.session
    del session["kring_auth_at"]
    session.save()
    assert client.get(reverse("dossier_list")).status_code == 302


def test_admin_changes_join_the_audit_chain(world, client):
    admin_user = get_user_model().objects.create_superuser("beheer", "beheer@example.org", PASSWORD)
    TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    client.force_login(admin_user)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=admin_user).persistent_id
    session.save()
    organisation = world.dossier.owning_team.organisation
    organisation.require_mfa = True
    organisation.save()
    response = client.post(
        reverse("admin:accounts_organisation_change", args=[organisation.pk]),
        {"name": organisation.name, "kind": organisation.kind, "country": organisation.country},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.require_mfa is False
    entry = AuditEntry.objects.filter(purpose="administration").latest("sequence")
    assert (entry.actor_username, entry.action, entry.object_type) == (
        "beheer",
        "update",
        "accounts.organisation",
    )
    assert entry.object_id == str(organisation.pk)
    assert entry.fields == ["Require two-factor login"]  # names of the changed fields, never their values


def test_tokens_cannot_be_made_or_reassigned_in_the_admin(world, client):
    admin_user = get_user_model().objects.create_superuser("beheer", "beheer@example.org", PASSWORD)
    TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    client.force_login(admin_user)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=admin_user).persistent_id
    session.save()
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    change = client.post(
        reverse("admin:accounts_apitoken_change", args=[world.token.pk]), {"user": admin_user.pk}
    )
    assert change.status_code in (302, 403)
    world.token.refresh_from_db()
    assert world.token.user == world.circle_member
