"""Which sender a tenant's mail goes out through: its own SMTP server (from its email settings, the
password opened with KMS) or the platform's default transport.

Apart from the settings API (convertly.notifications.email_settings) so that the functions that only send
mail (the reminder run) do not load the API's request and response models (bench/imports.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from convertly.notifications import keys
from convertly.notifications.items import EmailSettingsItem
from convertly.platform.config import get_settings
from convertly.platform.mail.message import MailMessage
from convertly.platform.mail.transport import MailTransport, SmtpTransport, platform_transport
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store import keys as platform_keys

PASSWORD_PURPOSE = "smtp_password"  # noqa: S105 - the KMS encryption context purpose, not a secret


@dataclass(frozen=True)
class Sender:
    """A transport and the From it sends as."""

    transport: MailTransport
    from_address: str
    from_name: str | None = None

    def message(
        self, to: str, subject: str, text: str, message_key: str | None = None, html: str | None = None
    ) -> MailMessage:
        return MailMessage(
            to=to,
            subject=subject,
            text=text,
            from_address=self.from_address,
            from_name=self.from_name,
            message_key=message_key,
            html=html,
        )


def stored_settings(tenant_id: str, *, consistent: bool = True) -> EmailSettingsItem | None:
    try:
        return EmailSettingsItem.get(
            platform_keys.tenant(tenant_id), keys.EMAIL_SETTINGS_SK, consistent_read=consistent
        )
    except EmailSettingsItem.DoesNotExist:
        return None


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
            item = stored_settings(tenant_id, consistent=consistent)
            if item is None:
                self._by_tenant[tenant_id] = self.platform()
            else:
                self._secrets = self._secrets or KmsSecretBox()
                self._by_tenant[tenant_id] = tenant_sender(tenant_id, item, self._secrets)
        return self._by_tenant[tenant_id]
