"""Which sender a tenant's mail goes out through: its own SMTP server (from its email settings, the
password opened with KMS) or the platform's default transport; and the message it sends, with a
template's files attached and, for email to a contact, its unsubscribe link and List-Unsubscribe headers.

Apart from the settings API (convertly.notifications.email_settings) so that the functions that only send
mail (the reminder run) do not load the API's request and response models (bench/imports.py).
"""

from __future__ import annotations

import html as html_escape
import re
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

from convertly.notifications import keys
from convertly.notifications.items import EmailSettingsItem
from convertly.platform.config import get_settings
from convertly.platform.mail.message import MailMessage
from convertly.platform.mail.transport import MailTransport, SmtpTransport, platform_transport
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store import keys as platform_keys

PASSWORD_PURPOSE = "smtp_password"  # noqa: S105 - the KMS encryption context purpose, not a secret
UNSUBSCRIBE_PATH = "/unsubscribe/"  # the web app's page and the API's public route (messaging)


@dataclass(frozen=True)
class FilePart:
    """An attachment's bytes, as the email carries them."""

    file_name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class RichMailMessage(MailMessage):
    """A message with attachments (multipart/mixed around the text and HTML) and extra headers."""

    attachments: tuple[FilePart, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()

    def to_mime(self) -> EmailMessage:
        message = super().to_mime()
        for name, value in self.headers:
            message[name] = value
        for part in self.attachments:
            maintype, _, subtype = part.content_type.partition("/")
            message.add_attachment(
                part.data,
                maintype=maintype or "application",
                subtype=subtype or "octet-stream",
                filename=part.file_name,
            )
        return message


@dataclass(frozen=True)
class UnsubscribeLinks:
    """Where a contact unsubscribes: the web app's page (the link in the email) and the URL of the
    List-Unsubscribe header, which is the API's own route when its public URL is configured, so a mail
    app's one-click POST (RFC 8058) reaches it."""

    page: str
    header: str
    one_click: bool

    def headers(self) -> tuple[tuple[str, str], ...]:
        found: tuple[tuple[str, str], ...] = (("List-Unsubscribe", f"<{self.header}>"),)
        if self.one_click:
            found += (("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),)
        return found


def unsubscribe_links(token: str) -> UnsubscribeLinks:
    settings = get_settings()
    page = f"{settings.web_app_url.rstrip('/')}{UNSUBSCRIBE_PATH}{token}"
    if settings.public_api_url:
        return UnsubscribeLinks(page, f"{settings.public_api_url.rstrip('/')}{UNSUBSCRIBE_PATH}{token}", True)
    return UnsubscribeLinks(page, page, False)


_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


def with_unsubscribe(text: str, html: str | None, link: str) -> tuple[str, str | None]:
    """The text and HTML parts with the unsubscribe link at their end (in the HTML, before `</body>`)."""
    text = f"{text.rstrip()}\n\n--\nTo stop receiving these emails, unsubscribe: {link}\n"
    if html is None:
        return text, None
    footer = (
        '<p style="margin-top:24px;font-size:12px;color:#6b7280">Don\'t want these emails? '
        f'<a href="{html_escape.escape(link)}">Unsubscribe</a></p>'
    )
    ends = list(_BODY_END.finditer(html))
    if ends:
        at = ends[-1].start()
        return text, f"{html[:at]}{footer}{html[at:]}"
    return text, f"{html}\n{footer}"


@dataclass(frozen=True)
class Sender:
    """A transport and the From it sends as."""

    transport: MailTransport
    from_address: str
    from_name: str | None = None

    def message(
        self,
        to: str,
        subject: str,
        text: str,
        message_key: str | None = None,
        html: str | None = None,
        *,
        attachments: tuple[FilePart, ...] = (),
        headers: tuple[tuple[str, str], ...] = (),
    ) -> MailMessage:
        if attachments or headers:
            return RichMailMessage(
                to=to,
                subject=subject,
                text=text,
                from_address=self.from_address,
                from_name=self.from_name,
                message_key=message_key,
                html=html,
                attachments=attachments,
                headers=headers,
            )
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
