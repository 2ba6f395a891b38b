"""A tenant's email settings: its own SMTP server (host, port, TLS mode, user, a KMS-sealed password,
from address) and the test email. Which sender a tenant's mail goes out through is
convertly.notifications.senders.

Without settings of its own, a tenant's mail goes through the platform's default (SES on AWS, the
local stack's mail sink locally). The password is sealed with the tenant in the KMS encryption
context, is never returned (only whether one is stored) and never logged.
"""

from __future__ import annotations

import ipaddress

from convertly.notifications import keys
from convertly.notifications.domain.mail import (
    PASSWORD_MASK,
    EmailSettings,
    EmailSettingsUpdate,
    EmailTest,
    EmailTestResult,
)
from convertly.notifications.items import EmailSettingsItem
from convertly.notifications.senders import PASSWORD_PURPOSE, Senders, stored_settings
from convertly.platform.clock import iso
from convertly.platform.config import get_settings
from convertly.platform.errors import ValidationError
from convertly.platform.principal import Principal
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store import keys as platform_keys


def _platform_name() -> str:
    return "smtp" if get_settings().mail_transport == "smtp" else "ses"


def to_settings(item: EmailSettingsItem | None) -> EmailSettings:
    if item is None:
        return EmailSettings(configured=False, platform_transport=_platform_name())  # type: ignore[arg-type]
    return EmailSettings(
        configured=True,
        platform_transport=_platform_name(),  # type: ignore[arg-type]
        host=item.host,
        port=int(item.port),
        tls_mode=item.tls_mode,  # type: ignore[arg-type]
        username=item.username,
        password=PASSWORD_MASK if item.password_sealed else None,
        password_set=bool(item.password_sealed),
        from_address=item.from_address,
        from_name=item.from_name,
        updated_at=item.updated_at,
        updated_by=item.updated_by,
    )


def get_email_settings(principal: Principal) -> EmailSettings:
    return to_settings(stored_settings(principal.tenant_id))


def _check_host(host: str) -> None:
    """On AWS a tenant's server must be a public one: never a private, loopback or link-local address."""
    if get_settings().environment == "local":
        return
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return
    if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
        raise ValidationError("Some fields are not valid", fields={"host": "must be a public mail server"})


def put_email_settings(
    principal: Principal, request: EmailSettingsUpdate, secrets: SecretBox | None = None
) -> EmailSettings:
    """Store the tenant's SMTP server; `password` absent keeps the stored one, "" removes it."""
    _check_host(request.host)
    existing = stored_settings(principal.tenant_id)
    sealed = existing.password_sealed if existing is not None else None
    if request.password is not None:
        sealed = (
            (secrets or KmsSecretBox()).seal(request.password, principal.tenant_id, PASSWORD_PURPOSE)
            if request.password
            else None
        )
    item = EmailSettingsItem(
        platform_keys.tenant(principal.tenant_id),
        keys.EMAIL_SETTINGS_SK,
        host=request.host,
        port=request.port,
        tls_mode=request.tls_mode,
        username=request.username or None,
        password_sealed=sealed,
        from_address=request.from_address,
        from_name=request.from_name or None,
        updated_at=iso(),
        updated_by=principal.user_id,
    )
    item.save()
    return to_settings(item)


def delete_email_settings(principal: Principal) -> EmailSettings:
    """Back to the platform's default."""
    EmailSettingsItem(platform_keys.tenant(principal.tenant_id), keys.EMAIL_SETTINGS_SK).delete()
    return to_settings(None)


TEST_SUBJECT = "Convertly test email"


def send_test_email(
    principal: Principal, request: EmailTest, senders: Senders | None = None
) -> EmailTestResult:
    """Send a test email now through the tenant's settings (or the platform's default); a server
    that does not take it is a 502 saying why."""
    to = request.to or principal.email
    sender = (senders or Senders()).for_tenant(principal.tenant_id, consistent=True)
    text = (
        f"Hello {principal.name},\n\nThis is a test email from Convertly. If you can read it, "
        "email from your account is working: follow-up and task reminders will reach your team.\n"
    )
    sender.transport.send(sender.message(to, TEST_SUBJECT, text))
    return EmailTestResult(sent=True, to=to, transport=sender.transport.name)  # type: ignore[arg-type]
