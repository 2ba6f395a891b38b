"""One outgoing email, plain text (and an HTML part when it has one), with a Message-ID that stays
the same on every attempt."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate

MESSAGE_ID_DOMAIN = "convertly.mail"


@dataclass(frozen=True)
class MailMessage:
    to: str
    subject: str
    text: str
    from_address: str
    from_name: str | None = None
    # Stable across retries: a mail client shows a resent copy as the same message.
    message_key: str | None = None
    html: str | None = None  # the HTML part, beside the text (a template's email)

    def to_mime(self) -> EmailMessage:
        message = EmailMessage()
        message["From"] = formataddr((self.from_name or "", self.from_address))
        message["To"] = self.to
        message["Subject"] = self.subject
        message["Date"] = formatdate(usegmt=True)
        if self.message_key:
            message["Message-ID"] = f"<{self.message_key}@{MESSAGE_ID_DOMAIN}>"
        message.set_content(self.text)
        if self.html:
            message.add_alternative(self.html, subtype="html")
        return message
