"""Throttling that protects instead of locking out (issue 19, item 5): a stranger's failures do not lock the
owner out; one address that fails often, or everybody when a spray is going on, waits longer and longer;
API calls are limited per token; a token is only made after the password (and code) are given again."""

import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts.models import ApiToken
from kring.accounts.services import api_token_create

from ..factories import MembershipFactory

PASSWORD = "correct horse battery staple"
STRANGER, OWNER = "203.0.113.7", "198.51.100.20"
SLOW = {"KRING_LOGIN_ADDRESS_FREE": 3, "KRING_LOGIN_GLOBAL_LIMIT": 1000, "KRING_LOGIN_MAX_DELAY_SECONDS": 60}


def _login(username: str, password: str = PASSWORD, address: str = OWNER):
    return Client(REMOTE_ADDR=address).post(reverse("login"), {"username": username, "password": password})


def setup_function():
    cache.clear()


def test_a_strangers_failures_do_not_lock_the_owner_out(world):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        _login("circle", "verkeerd", address=STRANGER)
    assert _login("circle", address=STRANGER).status_code == 429  # the stranger's address is locked
    assert _login("circle", address=OWNER).status_code == 302  # the owner, elsewhere, is not


@override_settings(**SLOW)
def test_spraying_from_one_address_is_slowed_with_growing_delays(world):
    users = [MembershipFactory(user__username=f"collega{i}").user for i in range(20)]
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        answers = [_login(u.username, "Welkom2026!", address=STRANGER).status_code for u in users[:4]]
        assert answers == [200, 200, 200, 200]  # the free failures: a person who mistypes notices nothing
        slowed = _login(users[4].username, "Welkom2026!", address=STRANGER)
        assert slowed.status_code == 429 and slowed["Retry-After"] == "2"
        assert "Te veel mislukte aanmeldingen vanaf uw netwerk" in slowed.content.decode()
        assert _login("circle", address=STRANGER).status_code == 429  # also the right password waits
        assert _login("circle", address=OWNER).status_code == 302  # another address does not
        traveller.shift(2)
        assert _login(users[5].username, "Welkom2026!", address=STRANGER).status_code == 200
        assert _login(users[6].username, "Welkom2026!", address=STRANGER)["Retry-After"] == "4"  # doubled
        traveller.shift(4)
        assert _login("circle", address=STRANGER).status_code == 302  # after the wait the owner gets in


@override_settings(KRING_LOGIN_ADDRESS_FREE=10, KRING_LOGIN_GLOBAL_LIMIT=5)
def test_a_spray_from_many_addresses_slows_every_failing_address_but_not_the_others(world):
    with time_machine.travel(timezone.now(), tick=False):
        for i in range(6):
            _login("circle", "verkeerd", address=f"192.0.2.{i}")
        _login("lead", "verkeerd", address="192.0.2.100")
        assert _login("lead", address="192.0.2.100").status_code == 429  # one failure is enough now
        assert _login("lead", address=OWNER).status_code == 302  # an address without failures is not slowed


def _api(plain: str):
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plain}")


@override_settings(KRING_API_RATE="3/m")
def test_api_calls_are_limited_per_token(world):
    _, first = api_token_create(user=world.circle_member, name="script", verified=True)
    _, second = api_token_create(user=world.circle_member, name="ander script", verified=True)
    assert [_api(first).status_code for _ in range(3)] == [200, 200, 200]
    refused = _api(first)
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert refused.json() == {"detail": "Te veel aanroepen met dit token. Wacht even en probeer opnieuw."}
    assert _api(second).status_code == 200  # the limit is per token


def _account(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_token_needs_the_password_again(world):
    client = _account(world.circle_member)
    before = ApiToken.objects.count()
    for body in ({"name": "rapportage"}, {"name": "rapportage", "password": "verkeerd"}):
        response = client.post(reverse("api_token_create"), body)
        assert response.status_code == 400 and response.context["new_token"] is None
    assert "Dat wachtwoord klopt niet" in response.content.decode()
    assert ApiToken.objects.count() == before
    made = client.post(reverse("api_token_create"), {"name": "rapportage", "password": PASSWORD})
    assert made.status_code == 200 and made.context["new_token"]


def test_a_token_needs_the_code_when_two_factor_login_is_set_up(world):
    device = TOTPDevice.objects.create(user=world.circle_member, name="app", confirmed=True)
    client = _account(world.circle_member)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # the session passed two-factor login
    session.save()
    before = ApiToken.objects.count()
    without = client.post(reverse("api_token_create"), {"name": "x", "password": PASSWORD})
    assert without.status_code == 400 and ApiToken.objects.count() == before
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    made = client.post(reverse("api_token_create"), {"name": "x", "password": PASSWORD, "otp_token": code})
    assert made.status_code == 200 and ApiToken.objects.count() == before + 1
