"""The audit log's MAC keys: read from the environment (`KRING_AUDIT_KEY` or the file named by
`KRING_AUDIT_KEY_FILE`), never stored in the database.

The setting holds one or more `ID:SECRET` pairs separated by whitespace or commas. The first pair signs new
entries; the others only verify entries signed earlier, so that a key can be rotated (docs/operations.md).
Without a setting (only allowed with KRING_DEBUG=True) a key derived from SECRET_KEY is used.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
MIN_SECRET_LENGTH = 32
DEVELOPMENT_KEY_ID = "dev"


@dataclass(frozen=True)
class AuditKeys:
    current_id: str
    secrets: dict[str, bytes]

    def sign(self, key_id: str, message: str) -> str | None:
        """The HMAC-SHA256 of `message` under key `key_id`, or None when that key is not configured."""
        secret = self.secrets.get(key_id)
        if secret is None:
            return None
        return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


def parse_keys(value: str) -> AuditKeys:
    """`ID:SECRET[ ID:SECRET …]`, the first one current. Refuses short secrets and repeated ids."""
    secrets: dict[str, bytes] = {}
    current = ""
    for item in re.split(r"[\s,]+", value.strip()):
        if not item:
            continue
        key_id, separator, secret = item.partition(":")
        if not separator or not KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                "KRING_AUDIT_KEY must hold ID:SECRET pairs (an id of letters, digits, '.', '_' or '-')."
            )
        if len(secret) < MIN_SECRET_LENGTH:
            raise ImproperlyConfigured(
                f"The audit key {key_id!r} is too short: use at least {MIN_SECRET_LENGTH} random characters."
            )
        if key_id in secrets:
            raise ImproperlyConfigured(f"The audit key id {key_id!r} is given twice.")
        secrets[key_id] = secret.encode()
        current = current or key_id
    if not secrets:
        raise ImproperlyConfigured("KRING_AUDIT_KEY is empty.")
    return AuditKeys(current_id=current, secrets=secrets)


@cache
def _keys_for(value: str | None, secret_key: str, debug: bool) -> AuditKeys:
    if value:
        return parse_keys(value)
    if not debug:
        raise ImproperlyConfigured("Set KRING_AUDIT_KEY or KRING_AUDIT_KEY_FILE (the audit log's MAC key).")
    derived = hmac.new(secret_key.encode(), b"kring audit development key", hashlib.sha256).digest()
    return AuditKeys(current_id=DEVELOPMENT_KEY_ID, secrets={DEVELOPMENT_KEY_ID: derived})


def audit_keys() -> AuditKeys:
    return _keys_for(settings.KRING_AUDIT_KEY, settings.SECRET_KEY, settings.DEBUG)
