"""A tenant's email settings: its own SMTP server (host, port, TLS mode, user, a KMS-sealed password,
from address), the test email, and which sender a tenant's mail goes out through.

Without settings of its own, a tenant's mail goes through the platform's default (SES on AWS, the
local stack's mail sink locally). The password is sealed with the tenant in the KMS encryption
context, is never returned (only whether one is stored) and never logged.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass

from convertly.clock import iso
from convertly.config import get_settings
from convertly.data import keys
from convertly.data.models import EmailSettingsItem
from convertly.domain.mail import (
    PASSWORD_MASK,
    EmailSettings,
    EmailSettingsUpdate,
    EmailTest,
    EmailTestResult,
)
from convertly.domain.principal import Principal
from convertly.errors import ValidationError
from convertly.mail.message import MailMessage
from convertly.mail.transport import MailTransport, SmtpTransport, platform_transport
from convertly.secret_box import KmsSecretBox, SecretBox

PASSWORD_PURPOSE = "smtp_password"  # noqa: S105 - the KMS encryption context purpose, not a secret


@dataclass(frozen=True)
class Sender:
    """A transport and the From it sends as."""

    transport: MailTransport
    from_address: str
    from_name: str | None = None

    def message(self, to: str, subject: str, text: str, message_key: str | None = None) -> MailMessage:
        return MailMessage(
            to=to,
            subject=subject,
            text=text,
            from_address=self.from_address,
            from_name=self.from_name,
            message_key=message_key,
        )


def _get(tenant_id: str, *, consistent: bool = True) -> EmailSettingsItem | None:
    try:
        return EmailSettingsItem.get(
            keys.tenant(tenant_id), keys.EMAIL_SETTINGS_SK, consistent_read=consistent
        )
    except EmailSettingsItem.DoesNotExist:
        return None


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
    return to_settings(_get(principal.tenant_id))


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
    existing = _get(principal.tenant_id)
    sealed = existing.password_sealed if existing is not None else None
    if request.password is not None:
        sealed = (
            (secrets or KmsSecretBox()).seal(request.password, principal.tenant_id, PASSWORD_PURPOSE)
            if request.password
            else None
        )
    item = EmailSettingsItem(
        keys.tenant(principal.tenant_id),
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
    EmailSettingsItem(keys.tenant(principal.tenant_id), keys.EMAIL_SETTINGS_SK).delete()
    return to_settings(None)


def tenant_sender(tenant_id: str, item: EmailSettingsItem, secrets: SecretBox) -> Sender:
    sealed = item.password_sealed
    password = secrets.open(sealed, tenant_id, PASSWORD_PURPOSE) if sealed else None
    transport = SmtpTransport(
        item.host,
        int(item.port),
        item.tls_mode,  # type: ignore[arg-type]
        item.username,
        password,
        name="tenant_smtp",
    )
    return Sender(transport, item.from_address, item.from_name)


class Senders:
    """Which sender each tenant's mail goes out through, looked up once per tenant."""

    def __init__(
        self,
        secrets: SecretBox | None = None,
        platform: Callable[[], MailTransport] = platform_transport,
    ) -> None:
        self._secrets = secrets
        self._platform_factory = platform
        self._platform: MailTransport | None = None
        self._by_tenant: dict[str, Sender] = {}

    def platform(self) -> Sender:
        if self._platform is None:
            self._platform = self._platform_factory()
        return Sender(self._platform, get_settings().mail_from, "Convertly")

    def for_tenant(self, tenant_id: str, *, consistent: bool = False) -> Sender:
        """The tenant's sender. The reminder run reads settings eventually consistently (a change
        made a second ago may be missed once); the test email reads them as just saved."""
        if tenant_id not in self._by_tenant:
            item = _get(tenant_id, consistent=consistent)
            if item is None:
                self._by_tenant[tenant_id] = self.platform()
            else:
                self._secrets = self._secrets or KmsSecretBox()
                self._by_tenant[tenant_id] = tenant_sender(tenant_id, item, self._secrets)
        return self._by_tenant[tenant_id]


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
