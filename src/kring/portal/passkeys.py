"""Passkeys (django-otp-webauthn) for the portal: the relying party is the host the person reached kring at
(checked against ALLOWED_HOSTS by Django before any view runs); the origins allowed are
OTP_WEBAUTHN_ALLOWED_ORIGINS (KRING_PASSKEY_ORIGINS, default KRING_BASE_URL)."""

from django.http import HttpRequest


def relying_party_id(request: HttpRequest) -> str:
    return (
        request.get_host().rsplit(":", 1)[0] if not request.get_host().startswith("[") else request.get_host()
    )


def has_passkey(user) -> bool:
    from django_otp_webauthn.models import WebAuthnCredential

    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
