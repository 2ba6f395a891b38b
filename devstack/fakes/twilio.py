"""Twilio's Programmable Messaging REST API (2010-04-01), checked against the documented format.

Every request needs HTTP Basic auth `AccountSid:AuthToken` of a known account, the same account as in
the path; otherwise 401 with Twilio's error 20003. Errors are Twilio's JSON `{code, message, more_info,
status}`.

`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded (never JSON): `To` in E.164
(21604 missing, 21211 not E.164), `From` a number of the account (21606) or `MessagingServiceSid`
`MG` + 32 hex of the account (21705), one of the two (21603), `Body` of 1 to 1,600 characters (21602,
21617), an optional `StatusCallback` http(s) URL (21609). A recipient who replied STOP is refused
with 21610. Answers 201 with the Message resource (`sid` `SM` + 32 hex, `status` queued, or accepted
through a Messaging Service, `num_segments` as Twilio counts GSM-7 and UCS-2 parts, `date_created`
in RFC 2822).

`GET /2010-04-01/Accounts/{AccountSid}.json`: the Account resource (checking credentials).
`GET .../Messages.json?To=&From=&PageSize=`: the account's messages, newest first.
`GET .../Messages/{Sid}.json`: one message.
`GET .../IncomingPhoneNumbers.json?PhoneNumber=`: the account's numbers (one, when filtered).

A request-format mistake (JSON instead of a form, a missing or malformed parameter, a parameter Twilio
does not know) is also kept in `problems`, so tests can assert the client never makes one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
import threading
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlsplit

from devstack.fakes.base import FakeAnswer, FakeRequest, FakeServer

API = "/2010-04-01/Accounts"
_ACCOUNT = re.compile(rf"^{API}/([^/]+)\.json$")
_MESSAGES = re.compile(rf"^{API}/([^/]+)/Messages\.json$")
_MESSAGE = re.compile(rf"^{API}/([^/]+)/Messages/([^/]+)\.json$")
_NUMBERS = re.compile(rf"^{API}/([^/]+)/IncomingPhoneNumbers\.json$")
E164 = re.compile(r"^\+[1-9]\d{1,14}$")
SERVICE_SID = re.compile(r"^MG[0-9a-f]{32}$")
MESSAGE_PARAMETERS = {
    "To",
    "From",
    "MessagingServiceSid",
    "Body",
    "StatusCallback",
    "MediaUrl",
    "ApplicationSid",
    "MaxPrice",
    "ProvideFeedback",
    "Attempt",
    "ValidityPeriod",
    "ForceDelivery",
    "ContentRetention",
    "AddressRetention",
    "SmartEncoded",
    "PersistentAction",
    "ShortenUrls",
    "ScheduleType",
    "SendAt",
    "SendAsMms",
    "ContentSid",
    "ContentVariables",
}
MAX_BODY = 1600

_GSM = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€")


def segments(body: str) -> int:
    """The parts a carrier sends: GSM-7 160 (153 each when split, the extension table counting two),
    else UCS-2 70 (67 each when split) in UTF-16 units."""
    if all(c in _GSM or c in _GSM_EXTENDED for c in body):
        length = sum(2 if c in _GSM_EXTENDED else 1 for c in body)
        return 1 if length <= 160 else -(-length // 153)
    units = len(body.encode("utf-16-le")) // 2
    return 1 if units <= 70 else -(-units // 67)


def twilio_error(status: int, code: int, message: str) -> dict[str, Any]:
    return {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


def _rfc2822(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=False).replace("-0000", "+0000")


class TwilioFake(FakeServer):
    name = "twilio"

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host, port)
        self.tokens: dict[str, str] = {}  # account sid -> auth token
        self.names: dict[str, str] = {}
        self.numbers: dict[str, set[str]] = {}  # account sid -> its SMS-capable numbers
        self.services: dict[str, set[str]] = {}  # account sid -> its Messaging Service sids
        self.unsubscribed: set[str] = set()  # recipients who replied STOP (21610)
        self.messages: list[dict[str, Any]] = []  # every message created, oldest first
        self._store = threading.Lock()

    def add_account(
        self,
        account_sid: str,
        auth_token: str,
        *,
        numbers: Iterable[str] = (),
        services: Iterable[str] = (),
        friendly_name: str = "Convertly local Twilio account",
    ) -> None:
        self.tokens[account_sid] = auth_token
        self.names[account_sid] = friendly_name
        self.numbers.setdefault(account_sid, set()).update(numbers)
        self.services.setdefault(account_sid, set()).update(services)

    def sent_to(self, number: str) -> list[dict[str, Any]]:
        """The messages created for `number`, oldest first."""
        return [m for m in self.messages if m["to"] == number]

    def reset(self) -> None:
        super().reset()
        with self._store:
            self.messages.clear()
            self.unsubscribed.clear()

    def error_body(self, status: int) -> Any:
        if status == 429:
            return twilio_error(429, 20429, "Too Many Requests")
        if status == 503:
            return twilio_error(503, 20503, "Service Unavailable")
        return twilio_error(status, 20500 if status >= 500 else status * 100, f"scripted {status}")

    # Serving --------------------------------------------------------------------------------------

    def answer(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        for pattern, method, serve in (
            (_ACCOUNT, "GET", self._account),
            (_MESSAGES, "POST", self._create),
            (_MESSAGES, "GET", self._list),
            (_MESSAGE, "GET", self._fetch),
            (_NUMBERS, "GET", self._numbers),
        ):
            found = pattern.match(request.path)
            if found and request.method == method:
                refused = self._authenticate(request, found.group(1))
                if refused is not None:
                    return refused
                return serve(request, *found.groups())
        message = f"The requested resource {request.path} was not found"
        return FakeAnswer(404, twilio_error(404, 20404, message)), [
            f"{request.method} {request.path}: no such resource"
        ]

    def _authenticate(self, request: FakeRequest, account_sid: str) -> tuple[FakeAnswer, list[str]] | None:
        header = request.headers.get("authorization", "")
        refused = FakeAnswer(
            401, twilio_error(401, 20003, "Authenticate"), {"WWW-Authenticate": 'Basic realm="Twilio API"'}
        )
        if not header.startswith("Basic "):
            return refused, ["no HTTP Basic Authorization header"]
        try:
            user, _, password = base64.b64decode(header[6:], validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return refused, ["the Authorization header is not Basic base64(sid:token)"]
        if (
            user != account_sid
            or self.tokens.get(user) is None
            or not secrets.compare_digest(self.tokens[user], password)
        ):
            return refused, []  # wrong credentials: what a person may type, not a client bug
        return None

    def _account(self, request: FakeRequest, account_sid: str) -> tuple[FakeAnswer, list[str]]:
        now = _rfc2822(datetime.now(UTC))
        return FakeAnswer(
            200,
            {
                "sid": account_sid,
                "owner_account_sid": account_sid,
                "friendly_name": self.names.get(account_sid, account_sid),
                "status": "active",
                "type": "Full",
                "date_created": now,
                "date_updated": now,
                "uri": f"{API}/{account_sid}.json",
                "subresource_uris": {
                    "messages": f"{API}/{account_sid}/Messages.json",
                    "incoming_phone_numbers": f"{API}/{account_sid}/IncomingPhoneNumbers.json",
                },
            },
        ), []

    def _create(self, request: FakeRequest, account_sid: str) -> tuple[FakeAnswer, list[str]]:
        if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return self._refuse(
                400, 21604, "A 'To' phone number is required.", "the body must be form-encoded, not JSON"
            )
        form = request.form()
        unknown = sorted(set(form) - MESSAGE_PARAMETERS)
        problems = [f"{name} is not a parameter of the Message resource" for name in unknown]
        refusal = self._check_message(account_sid, form)
        if refusal is not None:
            answer, more = refusal
            return answer, problems + more
        # Twilio ignores a parameter it does not know; the fake sends the text too, and keeps the mistake.
        message = self._message(account_sid, form)
        with self._store:
            self.messages.append(message)
        return FakeAnswer(201, message), problems

    def _check_message(
        self, account_sid: str, form: Mapping[str, str]
    ) -> tuple[FakeAnswer, list[str]] | None:
        to, sender, service = form.get("To", ""), form.get("From", ""), form.get("MessagingServiceSid", "")
        body = form.get("Body", "")
        if not to:
            return self._refuse(400, 21604, "A 'To' phone number is required.", "To is required")
        if not E164.match(to):
            return self._refuse(
                400, 21211, f"Invalid 'To' Phone Number: {to}", "To must be E.164 (+ and digits)"
            )
        if not sender and not service:
            return self._refuse(
                400,
                21603,
                "A 'From' or 'MessagingServiceSid' parameter is required to send a message",
                "From or MessagingServiceSid is required",
            )
        if service and (
            not SERVICE_SID.match(service) or service not in self.services.get(account_sid, set())
        ):
            problem = (
                [] if SERVICE_SID.match(service) else ["MessagingServiceSid must be MG and 32 hex digits"]
            )
            return FakeAnswer(400, twilio_error(400, 21705, "The Messaging Service Sid is invalid")), problem
        if sender and not service and sender not in self.numbers.get(account_sid, set()):
            problem = [] if E164.match(sender) else ["From must be E.164 (+ and digits)"]
            message = (
                f"The From phone number {sender} is not a valid, SMS-capable inbound phone number or "
                "short code for your account."
            )
            return FakeAnswer(400, twilio_error(400, 21606, message)), problem
        if not body.strip():
            return self._refuse(400, 21602, "Message body is required.", "Body is required")
        if len(body) > MAX_BODY:
            return self._refuse(
                400,
                21617,
                "The concatenated message body exceeds the 1600 character limit.",
                "Body is over 1,600 characters",
            )
        callback = form.get("StatusCallback")
        if callback is not None and urlsplit(callback).scheme not in ("http", "https"):
            return self._refuse(
                400,
                21609,
                f"The StatusCallback URL {callback} is not a valid URL.",
                "StatusCallback must be an http(s) URL",
            )
        if to in self.unsubscribed:
            return FakeAnswer(400, twilio_error(400, 21610, "Attempt to send to unsubscribed recipient")), []
        return None

    @staticmethod
    def _refuse(status: int, code: int, message: str, problem: str) -> tuple[FakeAnswer, list[str]]:
        return FakeAnswer(status, twilio_error(status, code, message)), [problem]

    def _message(self, account_sid: str, form: Mapping[str, str]) -> dict[str, Any]:
        sid = "SM" + secrets.token_hex(16)
        now = _rfc2822(datetime.now(UTC))
        service = form.get("MessagingServiceSid") or None
        return {
            "account_sid": account_sid,
            "api_version": "2010-04-01",
            "body": form["Body"],
            "date_created": now,
            "date_sent": None,
            "date_updated": now,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": None if service else form.get("From"),
            "messaging_service_sid": service,
            "num_media": "0",
            "num_segments": str(segments(form["Body"])),
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "status": "accepted" if service else "queued",
            "subresource_uris": {"media": f"{API}/{account_sid}/Messages/{sid}/Media.json"},
            "to": form["To"],
            "uri": f"{API}/{account_sid}/Messages/{sid}.json",
        }

    def _list(self, request: FakeRequest, account_sid: str) -> tuple[FakeAnswer, list[str]]:
        query = request.query
        size = int(query.get("PageSize") or 50) if (query.get("PageSize") or "50").isdigit() else 50
        with self._store:
            found = [
                m
                for m in reversed(self.messages)
                if m["account_sid"] == account_sid
                and (not query.get("To") or m["to"] == query["To"])
                and (not query.get("From") or m["from"] == query["From"])
            ][:size]
        uri = f"{API}/{account_sid}/Messages.json"
        return FakeAnswer(
            200,
            {
                "messages": found,
                "page": 0,
                "page_size": size,
                "start": 0,
                "end": max(0, len(found) - 1),
                "uri": uri,
                "first_page_uri": uri,
                "next_page_uri": None,
                "previous_page_uri": None,
            },
        ), []

    def _fetch(self, request: FakeRequest, account_sid: str, sid: str) -> tuple[FakeAnswer, list[str]]:
        found = next((m for m in self.messages if m["sid"] == sid and m["account_sid"] == account_sid), None)
        if found is None:
            return FakeAnswer(
                404, twilio_error(404, 20404, f"The requested resource {request.path} was not found")
            ), []
        return FakeAnswer(200, found), []

    def _numbers(self, request: FakeRequest, account_sid: str) -> tuple[FakeAnswer, list[str]]:
        wanted = request.query.get("PhoneNumber")
        owned = sorted(self.numbers.get(account_sid, set()))
        listed = [
            {
                "sid": "PN" + hashlib.sha256(f"{account_sid}{number}".encode()).hexdigest()[:32],
                "account_sid": account_sid,
                "phone_number": number,
                "friendly_name": number,
                "capabilities": {"sms": True, "mms": True, "voice": True, "fax": False},
            }
            for number in owned
            if not wanted or number == wanted
        ]
        uri = f"{API}/{account_sid}/IncomingPhoneNumbers.json"
        return FakeAnswer(
            200,
            {
                "incoming_phone_numbers": listed,
                "page": 0,
                "page_size": 50,
                "start": 0,
                "end": max(0, len(listed) - 1),
                "uri": uri,
                "first_page_uri": uri,
                "next_page_uri": None,
                "previous_page_uri": None,
            },
        ), []
