"""OpenID Connect against a real local provider (oidc-provider-mock, in a thread): authorize → callback →
token → userinfo run for real. A broker subject is linked only through a valid invitation."""

from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from django.test import Client, override_settings
from django.urls import reverse
from oidc_provider_mock import run_server_in_thread

from kring.audit.models import AuditAction, AuditEntry
from kring.portal import services
from kring.portal.models import BrokerIdentity, FamilyAccount, FamilySignature, LoginMethod


@pytest.fixture(scope="module")
def provider():
    with run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def broker(provider):
    with override_settings(
        OIDC_RP_CLIENT_ID="kring-test",
        OIDC_RP_CLIENT_SECRET="secret",
        OIDC_OP_AUTHORIZATION_ENDPOINT=f"{provider}/oauth2/authorize",
        OIDC_OP_TOKEN_ENDPOINT=f"{provider}/oauth2/token",
        OIDC_OP_USER_ENDPOINT=f"{provider}/userinfo",
        OIDC_OP_JWKS_ENDPOINT=f"{provider}/jwks",
        KRING_OIDC_ISSUER=provider,
        KRING_OIDC_LABEL="DigiD",
        OIDC_VERIFY_KID=False,  # the test provider signs with one key and names no `kid`
    ):
        yield provider


def _log_in_at_broker(client: Client, subject: str):
    """The browser's round trip: kring → the provider's authorize form → back to kring's callback."""
    start = client.get(reverse("portal_oidc_start"), {"next": reverse("portal_home")})
    assert start.status_code == 302
    authorize = start["Location"]
    query = parse_qs(urlparse(authorize).query)
    assert query["redirect_uri"] == ["http://testserver" + reverse("portal_oidc_callback")]
    assert "code_challenge" in query and "nonce" in query
    answer = httpx.post(authorize, data={"sub": subject})
    assert answer.status_code == 302
    back = urlparse(answer.headers["location"])
    assert back.path == reverse("portal_oidc_callback")
    return client.get(back.path, parse_qs(back.query))


def _invite(world, family, person, kind):
    FamilyAccount.objects.filter(person=person).delete()
    return services.invitation_create(
        actor=world.circle_member, dossier=family.dossier, person=person, kind=kind
    )


def test_off_without_settings(db):
    assert Client().get(reverse("portal_oidc_start")).status_code == 404
    assert "landelijk" not in Client().get(reverse("portal_login")).content.decode()


def test_first_login_through_an_invitation_links_the_subject(world, family, broker):
    new = _invite(world, family, family.foster.person, "foster_parent")
    client = Client()
    assert client.get(reverse("portal_invitation_link", args=[new.token])).status_code == 302
    page = client.get(reverse("portal_invitation_accept")).content.decode()
    assert "Inloggen met DigiD" in page

    response = _log_in_at_broker(client, "digid-anja")

    assert response.status_code == 302 and response["Location"] == reverse("portal_home")
    identity = BrokerIdentity.objects.get(subject="digid-anja")
    account = FamilyAccount.objects.get(person=family.foster.person, revoked_at__isnull=True)
    assert account.user == identity.user and identity.issuer == broker
    assert not identity.user.has_usable_password()
    # the broker's login is both steps: the family's pages open
    assert client.get(reverse("portal_plan", args=[family.dossier.pk])).status_code == 200
    signed = client.post(
        reverse("portal_sign", args=[family.dossier.pk, family.version.pk]), {"agree": "yes"}
    )
    assert signed.status_code == 302
    assert FamilySignature.objects.get(account=account).login_method == LoginMethod.OIDC
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN, actor_id=identity.user.pk).exists()

    # later: the same subject logs in without an invitation
    again = _log_in_at_broker(Client(), "digid-anja")
    assert again.status_code == 302 and again["Location"] == reverse("portal_home")
    assert BrokerIdentity.objects.count() == 1


def test_unknown_subject_without_invitation_is_refused_and_audited(family, broker):
    client = Client()
    response = _log_in_at_broker(client, "digid-stranger")

    assert response.status_code == 302 and response["Location"] == reverse("portal_login")
    assert not BrokerIdentity.objects.exists()
    assert "_auth_user_id" not in client.session
    failed = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).last()
    assert failed.reason == "oidc: no account linked and no invitation"


def test_matching_email_does_not_link(world, family, broker, provider):
    """The provider says the e-mail address of an existing login: no link, no login."""
    user = family.user("parent_authority")
    user.email = "fatima@example.org"
    user.save()
    httpx.put(f"{provider}/users/digid-fatima", json={"email": "fatima@example.org"}).raise_for_status()
    client = Client()
    _log_in_at_broker(client, "digid-fatima")
    assert "_auth_user_id" not in client.session
    assert not BrokerIdentity.objects.exists()


def test_used_invitation_is_refused(world, family, broker):
    new = _invite(world, family, family.foster.person, "foster_parent")
    client = Client()
    client.get(reverse("portal_invitation_link", args=[new.token]))
    new.invitation.used_at = new.invitation.created_at
    new.invitation.save()

    response = _log_in_at_broker(client, "digid-anja")

    assert response["Location"] == reverse("portal_login")
    assert not BrokerIdentity.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).last().reason == "invitation: used"


def test_refused_at_the_broker_is_audited(family, broker):
    client = Client()
    start = client.get(reverse("portal_oidc_start"))
    answer = httpx.post(start["Location"], data={"action": "deny"})
    back = urlparse(answer.headers["location"])
    assert "error" in parse_qs(back.query)
    response = client.get(back.path, parse_qs(back.query))
    assert response["Location"] == reverse("portal_login")
    assert (
        AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).last().reason
        == "oidc: refused at the broker"
    )
