"""Unsubscribe links: a token naming the tenant and the contact, signed with the platform's key
(HMAC-SHA256, so it cannot be forged or altered, and needs no expiry), and what following one does:
the contact's `consent.email_marketing` becomes denied through the contacts capability (its change
log says the contact did it). Repeating it changes nothing; a token that does not verify is a 404.

The key is a platform secret: on AWS the Secrets Manager secret named by UNSUBSCRIBE_SECRET_ARN (JSON
`signing_key`), read once per container and kept five minutes; locally the settings carry it, or a
fixed local key. Rotating it voids the links of email already sent.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import threading
import time
from typing import Any

from convertly.accounts import service as accounts
from convertly.contacts import service as contacts
from convertly.messaging.domain import UnsubscribeStatus
from convertly.platform.config import Settings, get_settings
from convertly.platform.errors import NotFoundError, ServiceUnavailableError
from convertly.platform.store.items import plain

PURPOSE = "email_marketing"
_VERSION = "u1"
_MAC_BYTES = 16
_LOCAL_KEY = "convertly-local-unsubscribe-key"  # the local stack's key, never used on AWS
_KEEP_SECONDS = 300.0
_kept: dict[int, tuple[float, bytes]] = {}  # by settings object: a new one (a test's) reads afresh
_lock = threading.Lock()


def _read_key(settings: Settings) -> bytes:
    if settings.unsubscribe_secret_arn:
        import boto3

        client = boto3.client("secretsmanager", region_name=settings.aws_region)
        secret = json.loads(client.get_secret_value(SecretId=settings.unsubscribe_secret_arn)["SecretString"])
        return str(secret["signing_key"]).encode()
    if settings.unsubscribe_signing_key:
        return settings.unsubscribe_signing_key.encode()
    if settings.environment == "local":
        return _LOCAL_KEY.encode()
    raise ServiceUnavailableError(
        "Unsubscribe links are not configured, so email to contacts cannot be sent",
        code="unsubscribe_not_configured",
    )


def signing_key() -> bytes:
    """The platform's key for unsubscribe links, kept five minutes per container."""
    settings = get_settings()
    with _lock:
        kept = _kept.get(id(settings))
        if kept is not None and kept[0] > time.monotonic():
            return kept[1]
    key = _read_key(settings)
    with _lock:
        _kept.clear()
        _kept[id(settings)] = (time.monotonic() + _KEEP_SECONDS, key)
    return key


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, payload: bytes) -> bytes:
    """The signature covers the purpose too: a token of another purpose never verifies here."""
    return hmac.new(key, PURPOSE.encode() + b"|" + payload, hashlib.sha256).digest()[:_MAC_BYTES]


def _payload(tenant_id: str, contact_id: str) -> bytes:
    return f"{_VERSION}|{tenant_id}|{contact_id}|".encode()


def sign(tenant_id: str, contact_id: str, key: bytes | None = None) -> str:
    """The token of a contact's unsubscribe link: one URL-safe segment (no dot, so no path reads it as
    a file's extension) holding the version, tenant and contact, then their signature."""
    payload = _payload(tenant_id, contact_id)
    return _b64(payload + _mac(key or signing_key(), payload))


def verify(token: str, key: bytes | None = None) -> tuple[str, str] | None:
    """(tenant, contact) of a token this platform signed, else None (forged, altered, malformed)."""
    if not token or len(token) > 300:
        return None
    try:
        raw = _unb64(token)
    except (binascii.Error, ValueError):
        return None
    payload, given = raw[:-_MAC_BYTES], raw[-_MAC_BYTES:]
    try:
        version, tenant_id, contact_id, rest = payload.decode().split("|")
    except (UnicodeDecodeError, ValueError):
        return None
    if (version, rest) != (_VERSION, "") or not tenant_id or not contact_id:
        return None
    if not hmac.compare_digest(given, _mac(key or signing_key(), payload)):
        return None
    return tenant_id, contact_id


def token_for(tenant_id: str, contact_id: str) -> str:
    """The unsubscribe token an email to the contact carries (the mail outbox makes the link)."""
    return sign(tenant_id, contact_id)


def _masked(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


def _subject(token: str) -> tuple[str, str, Any]:
    found = verify(token)
    contact = contacts.get_contact(*found) if found else None
    if found is None or contact is None:
        raise NotFoundError("This unsubscribe link is not valid", code="unsubscribe_link_not_found")
    return found[0], found[1], contact


def _company(tenant_id: str) -> str:
    tenant = accounts.get_tenant(tenant_id)
    return str(tenant.name) if tenant is not None else "this company"


def status(token: str) -> UnsubscribeStatus:
    """Whose link it is, and whether the contact has unsubscribed (404: not a link of ours)."""
    tenant_id, _, contact = _subject(token)
    denied = plain(contact.consent).get("email_marketing") == "denied"
    return UnsubscribeStatus(company=_company(tenant_id), email=_masked(contact.email), unsubscribed=denied)


def unsubscribe(token: str) -> tuple[UnsubscribeStatus, bool]:
    """Unsubscribe the link's contact from email; True when this call changed it (a repeat: False)."""
    tenant_id, contact_id, contact = _subject(token)
    changed = contacts.deny_email_marketing(tenant_id, contact_id)
    if changed is None:
        raise NotFoundError("This unsubscribe link is not valid", code="unsubscribe_link_not_found")
    shown = UnsubscribeStatus(company=_company(tenant_id), email=_masked(contact.email), unsubscribed=True)
    return shown, changed
