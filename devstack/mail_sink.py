"""The local stack's mail sink: an SMTP server that keeps every message it receives, and a page
listing them, so reminder emails (and test emails) can be read without sending anything anywhere.
Each message keeps its text and HTML parts, the links in it, its List-Unsubscribe headers and its
attachments (listed, and downloadable from the message's page).

Locally the platform's default mail transport is SMTP to this sink (`environment()`), the way SES is
on AWS; a tenant's own SMTP settings may point at it as well. Each message is also logged.
"""

from __future__ import annotations

import html
import json
import logging
import re
import socket
import ssl
import threading
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any
from urllib.parse import quote, urlsplit

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from devstack.fakes.base import is_loopback, script_answer
from devstack.fakes.script import Script

log = logging.getLogger("devstack.mail")

KEEP = 5000  # the newest messages kept in memory (a chaos run counts hundreds)


@dataclass(frozen=True)
class ReceivedAttachment:
    file_name: str
    content_type: str
    size: int


@dataclass(frozen=True)
class ReceivedMail:
    id: int
    received_at: str
    mail_from: str
    to: list[str]
    subject: str
    text: str
    message_id: str | None
    html: str | None = None
    links: list[str] = field(default_factory=list)  # the HTML part's links (else the text's URLs)
    attachments: list[ReceivedAttachment] = field(default_factory=list)
    list_unsubscribe: str | None = None
    list_unsubscribe_post: str | None = None


def _text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    return str(part.get_content()) if part is not None else ""


def _html(message: EmailMessage) -> str | None:
    part = message.get_body(preferencelist=("html",))
    return str(part.get_content()) if part is not None else None


_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"')]+")


def _links(text: str, markup: str | None) -> list[str]:
    found = _HREF.findall(markup) if markup else _URL.findall(text)
    return list(dict.fromkeys(html.unescape(link) for link in found))


def _files(message: EmailMessage) -> list[tuple[ReceivedAttachment, bytes]]:
    files = []
    for part in message.iter_attachments():
        data = part.get_payload(decode=True)
        payload = data if isinstance(data, bytes) else b""
        name = part.get_filename() or "attachment"
        files.append((ReceivedAttachment(name, part.get_content_type(), len(payload)), payload))
    return files


def _header(message: EmailMessage, name: str) -> str | None:
    value = message.get(name)
    return str(value) if value is not None else None


class MailStore:
    """The received messages, newest first; safe to use from the SMTP and HTTP threads."""

    def __init__(self, keep: int = KEEP) -> None:
        self._messages: deque[ReceivedMail] = deque(maxlen=keep)
        self._files: dict[int, list[bytes]] = {}  # each kept message's attachments' bytes
        self._ids = count(1)
        self._lock = threading.Lock()

    def add(self, mail_from: str, to: list[str], raw: bytes) -> ReceivedMail:
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        text, markup, files = _text(parsed), _html(parsed), _files(parsed)
        with self._lock:
            mail = ReceivedMail(
                id=next(self._ids),
                received_at=datetime.now(UTC).isoformat(timespec="seconds"),
                mail_from=mail_from,
                to=list(to),
                subject=str(parsed.get("Subject", "")),
                text=text,
                message_id=parsed.get("Message-ID"),
                html=markup,
                links=_links(text, markup),
                attachments=[attachment for attachment, _ in files],
                list_unsubscribe=_header(parsed, "List-Unsubscribe"),
                list_unsubscribe_post=_header(parsed, "List-Unsubscribe-Post"),
            )
            if len(self._messages) == self._messages.maxlen:
                self._files.pop(self._messages[-1].id, None)
            self._messages.appendleft(mail)
            self._files[mail.id] = [data for _, data in files]
        return mail

    def messages(self) -> list[ReceivedMail]:
        with self._lock:
            return list(self._messages)

    def get(self, mail_id: int) -> ReceivedMail | None:
        return next((m for m in self.messages() if m.id == mail_id), None)

    def attachment(self, mail_id: int, index: int) -> tuple[ReceivedAttachment, bytes] | None:
        mail = self.get(mail_id)
        with self._lock:
            files = self._files.get(mail_id, [])
        if mail is None or not 0 <= index < len(files):
            return None
        return mail.attachments[index], files[index]


class _SmtpHandler:
    """aiosmtpd's handler: take every message (unless the script refuses it), keep it, log one line."""

    def __init__(self, store: MailStore, script: Script) -> None:
        self._store = store
        self._script = script

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        refusal = self._script.next()
        if refusal is not None:
            log.info("mail to %s refused on cue: %d", ", ".join(envelope.rcpt_tos), refusal.status)
            return f"{refusal.status} {_REFUSALS.get(refusal.status, 'Refused on cue by the mail sink')}"
        mail = self._store.add(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content))
        log.info("mail to %s: %s", ", ".join(mail.to), mail.subject)
        return "250 Message accepted for delivery"


# What a mail server says with each code (RFC 5321), so a refusal reads like one
_REFUSALS = {
    421: "Service not available, closing transmission channel",
    450: "Requested mail action not taken: mailbox unavailable",
    451: "Requested action aborted: local error in processing",
    452: "Requested action not taken: insufficient system storage",
    550: "Requested action not taken: mailbox unavailable",
    552: "Requested mail action aborted: exceeded storage allocation",
    554: "Transaction failed",
}


def _page(messages: list[ReceivedMail]) -> bytes:
    rows = "".join(
        f"<tr><td>{html.escape(m.received_at)}</td><td>{html.escape(', '.join(m.to))}</td>"
        f"<td>{html.escape(m.mail_from)}</td>"
        f"<td><a href='/messages/{m.id}'>{html.escape(m.subject)}</a></td></tr>"
        for m in messages
    )
    body = rows or "<tr><td colspan='4'>No mail yet. Reminder emails show up here.</td></tr>"
    return (
        "<!doctype html><html><head><meta charset='utf-8'><meta http-equiv='refresh' content='5'>"
        "<title>Convertly local mail</title><style>body{font-family:sans-serif;margin:2rem}"
        "table{border-collapse:collapse}"
        "td,th{border-bottom:1px solid #ddd;padding:.4rem .8rem;text-align:left}"
        "</style></head><body><h1>Mail received by the local stack</h1>"
        "<table><tr><th>Received (UTC)</th><th>To</th><th>From</th><th>Subject</th></tr>"
        f"{body}</table><p><a href='/api/messages'>JSON</a></p></body></html>"
    ).encode()


def _message_page(mail: ReceivedMail) -> bytes:
    links = "".join(f"<li><a href='{html.escape(link)}'>{html.escape(link)}</a></li>" for link in mail.links)
    files = "".join(
        f"<li><a href='/messages/{mail.id}/attachments/{index}' download='{html.escape(a.file_name)}'>"
        f"{html.escape(a.file_name)}</a> ({html.escape(a.content_type)}, {a.size} bytes)</li>"
        for index, a in enumerate(mail.attachments)
    )
    headers = "".join(
        f"<dt>{name}</dt><dd>{html.escape(value)}</dd>"
        for name, value in (
            ("List-Unsubscribe", mail.list_unsubscribe),
            ("List-Unsubscribe-Post", mail.list_unsubscribe_post),
        )
        if value
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>"
        f"{html.escape(mail.subject)}</title></head><body style='font-family:sans-serif;margin:2rem'>"
        f"<p><a href='/'>All mail</a></p><h1>{html.escape(mail.subject)}</h1>"
        f"<p>From {html.escape(mail.mail_from)} to {html.escape(', '.join(mail.to))}, "
        f"{html.escape(mail.received_at)}</p><pre>{html.escape(mail.text)}</pre>"
        + (
            f"<section aria-label='Attachments'><h2>Attachments</h2><ul>{files}</ul></section>"
            if files
            else ""
        )
        + (f"<section aria-label='Links'><h2>Links</h2><ul>{links}</ul></section>" if links else "")
        + (f"<section aria-label='Headers'><h2>Headers</h2><dl>{headers}</dl></section>" if headers else "")
        + "</body></html>"
    ).encode()


_ATTACHMENT_PATH = re.compile(r"/messages/(\d+)/attachments/(\d+)")


class _WebHandler(BaseHTTPRequestHandler):
    store: MailStore
    script: Script

    def do_POST(self) -> None:
        self._script()

    def do_DELETE(self) -> None:
        self._script()

    def _script(self) -> None:
        """`/__script` (devstack.fakes.script): refuse the next messages on cue; loopback only."""
        if urlsplit(self.path).path != "/__script":
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found")
            return
        if not is_loopback(str(self.client_address[0])):
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"Loopback only")
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"null") if length else None
        except ValueError:
            body = None
        answer = script_answer(self.script, self.command, body)
        self._send(HTTPStatus(answer.status), "application/json", json.dumps(answer.body).encode())

    def do_GET(self) -> None:
        path = urlsplit(self.path).path.rstrip("/") or "/"
        if path == "/__script":
            self._script()
        elif path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", _page(self.store.messages()))
        elif path == "/api/messages":
            payload = json.dumps([asdict(m) for m in self.store.messages()]).encode()
            self._send(HTTPStatus.OK, "application/json", payload)
        elif (found := _ATTACHMENT_PATH.fullmatch(path)) is not None:
            self._attachment(int(found.group(1)), int(found.group(2)))
        elif path.startswith("/messages/") and path.rsplit("/", 1)[1].isdigit():
            mail = self.store.get(int(path.rsplit("/", 1)[1]))
            if mail is None:
                self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"No such message")
            else:
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", _message_page(mail))
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found")

    def _attachment(self, mail_id: int, index: int) -> None:
        found = self.store.attachment(mail_id, index)
        if found is None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"No such attachment")
            return
        attachment, data = found
        disposition = f"attachment; filename*=UTF-8''{quote(attachment.file_name)}"
        self._send(HTTPStatus.OK, attachment.content_type, data, disposition)

    def _send(
        self, status: HTTPStatus, content_type: str, body: bytes, disposition: str | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if disposition:
            self.send_header("Content-Disposition", disposition)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug(format, *args)


def free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class MailSink:
    """SMTP on `smtp_port` and the page on `web_port` (0 picks a free port).

    `tls_context` offers STARTTLS; `implicit_tls` serves SMTPS with it instead; `credentials`
    (user -> password) requires AUTH and checks it. These are for tests of a tenant's SMTP settings;
    the local stack's sink speaks plain SMTP and takes anyone's mail.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        smtp_port: int = 1025,
        web_port: int = 8025,
        *,
        tls_context: ssl.SSLContext | None = None,
        implicit_tls: bool = False,
        credentials: dict[str, str] | None = None,
    ) -> None:
        self.host = host
        self.smtp_port = smtp_port or free_port(host)
        self.web_port = web_port or free_port(host)
        self.store = MailStore()
        # SMTP codes: 4xx asks the sender to try again later, 5xx refuses for good
        self.script = Script(allow_stall=False, lowest=400, highest=599)
        options: dict[str, Any] = {}
        if tls_context is not None:
            options = {"ssl_context": tls_context} if implicit_tls else {"tls_context": tls_context}
        self.logins: list[str] = []
        if credentials is not None:
            # Plain-text AUTH is allowed only because the sink listens on loopback, for tests.
            options.update(
                authenticator=self._authenticator(credentials), auth_required=True, auth_require_tls=False
            )
        self._smtp = Controller(
            _SmtpHandler(self.store, self.script),
            hostname=host,
            port=self.smtp_port,
            ready_timeout=10,
            **options,
        )
        self._web: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def _authenticator(self, credentials: dict[str, str]) -> Any:
        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            if isinstance(data, LoginPassword):
                user, password = data.login.decode(), data.password.decode()
                if credentials.get(user) == password:
                    self.logins.append(user)
                    return AuthResult(success=True)
            return AuthResult(success=False, handled=False)

        return authenticate

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.web_port}/"

    def start(self) -> MailSink:
        # aiosmtpd logs every connection at INFO; the sink's own line per message says what matters.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self._smtp.start()
        handler = type("MailSinkPage", (_WebHandler,), {"store": self.store, "script": self.script})
        self._web = ThreadingHTTPServer((self.host, self.web_port), handler)
        self._web.daemon_threads = True
        self._thread = threading.Thread(target=self._web.serve_forever, name="mail-sink-web", daemon=True)
        self._thread.start()
        log.info("mail sink: SMTP %s:%d, page %s", self.host, self.smtp_port, self.url)
        return self

    def stop(self) -> None:
        if self._web is not None:
            self._web.shutdown()
            self._web.server_close()
        self._smtp.stop()

    def messages(self) -> list[ReceivedMail]:
        return self.store.messages()

    def environment(self) -> dict[str, str]:
        """The functions' settings that make this sink the platform's mail transport."""
        return {
            "MAIL_TRANSPORT": "smtp",
            "PLATFORM_SMTP_HOST": self.host,
            "PLATFORM_SMTP_PORT": str(self.smtp_port),
        }
