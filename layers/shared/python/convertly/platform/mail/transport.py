"""Mail transports: SMTP (a tenant's own server, or the local stack's sink) and SES (the platform's
default on AWS). Each says whether a failure is worth retrying; none ever logs a password."""

from __future__ import annotations

import smtplib
import ssl
from abc import ABC, abstractmethod
from typing import Any, Literal

from convertly.platform.aws_clients import aws_client
from convertly.platform.config import get_settings
from convertly.platform.errors import MailDeliveryError
from convertly.platform.mail.message import MailMessage

TlsMode = Literal["starttls", "ssl", "none"]


class MailTransport(ABC):
    name: str

    @abstractmethod
    def send(self, message: MailMessage) -> None:
        """Hand the message over; MailDeliveryError (with `permanent`) when it was not accepted."""


class SmtpTransport(MailTransport):
    """smtplib over plain TCP, STARTTLS or implicit TLS (SMTPS); logs in when a user is set."""

    def __init__(
        self,
        host: str,
        port: int,
        tls_mode: TlsMode = "starttls",
        username: str | None = None,
        password: str | None = None,
        *,
        name: str = "smtp",
        timeout: float | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.name = name
        self._host, self._port, self._tls_mode = host, port, tls_mode
        self._username, self._password = username, password
        self._timeout = timeout if timeout is not None else get_settings().smtp_timeout_seconds
        self._ssl_context = ssl_context

    def _context(self) -> ssl.SSLContext:
        return self._ssl_context or ssl.create_default_context()

    def _connect(self) -> smtplib.SMTP:
        if self._tls_mode == "ssl":
            return smtplib.SMTP_SSL(self._host, self._port, timeout=self._timeout, context=self._context())
        client = smtplib.SMTP(self._host, self._port, timeout=self._timeout)
        if self._tls_mode == "starttls":
            client.starttls(context=self._context())
        return client

    def send(self, message: MailMessage) -> None:
        try:
            with self._connect() as client:
                if self._username:
                    client.login(self._username, self._password or "")
                client.send_message(message.to_mime())
        except smtplib.SMTPAuthenticationError as error:
            raise MailDeliveryError(
                "The SMTP server refused the user name or password", permanent=True
            ) from error
        except smtplib.SMTPNotSupportedError as error:
            raise MailDeliveryError(
                f"The SMTP server does not support this: {error}", permanent=True
            ) from error
        except smtplib.SMTPRecipientsRefused as error:
            raise MailDeliveryError(
                f"The SMTP server refused the recipient {message.to}", permanent=True
            ) from error
        except smtplib.SMTPResponseException as error:
            # 5xx: the server will not take it; 4xx: try again later.
            permanent = 500 <= error.smtp_code < 600
            raise MailDeliveryError(
                f"The SMTP server answered {error.smtp_code}", permanent=permanent
            ) from error
        except ssl.SSLCertVerificationError as error:
            raise MailDeliveryError(
                f"The SMTP server's TLS certificate is not trusted ({error.verify_message})", permanent=True
            ) from error
        except (smtplib.SMTPException, ssl.SSLError, OSError) as error:
            raise MailDeliveryError(
                f"Could not reach the SMTP server {self._host}:{self._port} ({type(error).__name__})",
                permanent=False,
            ) from error


class SesTransport(MailTransport):
    """SES v2 SendEmail with the raw message (so the Message-ID header goes through)."""

    name = "platform_ses"

    def __init__(self, client: Any = None) -> None:
        self._client = client or aws_client("sesv2")

    def send(self, message: MailMessage) -> None:
        try:
            self._client.send_email(
                FromEmailAddress=message.from_address,
                Destination={"ToAddresses": [message.to]},
                Content={"Raw": {"Data": message.to_mime().as_bytes()}},
            )
        except self._client.exceptions.MessageRejected as error:
            raise MailDeliveryError("SES rejected the message", permanent=True) from error
        except self._client.exceptions.ClientError as error:
            code = str(error.response.get("Error", {}).get("Code", ""))
            permanent = code in {"MailFromDomainNotVerifiedException", "AccountSuspendedException"}
            raise MailDeliveryError(f"SES did not take the message ({code})", permanent=permanent) from error


def platform_transport() -> MailTransport:
    """The platform's default: SES on AWS, the configured SMTP server (the local sink) locally."""
    settings = get_settings()
    if settings.mail_transport == "smtp":
        return SmtpTransport(
            settings.platform_smtp_host, settings.platform_smtp_port, "none", name="platform_smtp"
        )
    return SesTransport()
