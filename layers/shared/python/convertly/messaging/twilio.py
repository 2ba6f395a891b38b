"""Twilio's Programmable Messaging REST API (2010-04-01): send a text, check an account and its number.

The client speaks form-encoded requests with HTTP Basic auth (Account SID : Auth Token) to
`<base>/2010-04-01/Accounts/<sid>/...` and maps every answer to what the sender does next:
- `sent`: Twilio took the message (its sid `SM...` and the parts it counted);
- `refused`: a 4xx that trying again cannot change, with Twilio's code and a reason in words (a number
  that is not valid 21211, a recipient who replied STOP 21610, a sending number not of the account
  21606, wrong credentials 20003 ...);
- `transient`: 429, a 5xx, a timeout or no connection: worth another try later. `uncertain` says
  the request may have reached Twilio (a timeout, a 5xx): the next try first looks for the message.

Stdlib only (urllib), like the captcha client: one request a message, nothing pooled. Nothing here
logs a URL, a number, a body or a token.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal
from urllib.parse import quote, urlencode

from convertly.platform.config import get_settings

API_VERSION = "2010-04-01"
TIMEOUT_SECONDS = 8.0

# Twilio's codes a person can act on, in words; any other code keeps Twilio's own message.
REASONS: dict[int, str] = {
    20003: "Twilio refused the Account SID and Auth Token",
    20404: "Twilio has no such account",
    21211: "The phone number is not a valid number",
    21408: "Texting this country is not enabled on the Twilio account",
    21602: "The message is empty",
    21604: "There is no phone number to text",
    21606: "The sending number is not a number of this Twilio account that can send texts",
    21610: "The recipient replied STOP to the sending number: Twilio sends them nothing more",
    21612: "Twilio cannot route a text to this number",
    21614: "The phone number is not a mobile number",
    21617: "The message is longer than 1,600 characters",
    21705: "The Messaging Service is not one of this Twilio account",
}

Kind = Literal["sent", "refused", "transient"]


@dataclass(frozen=True)
class TwilioAccount:
    """What the tenant connected: the credentials and who the texts come from (a number or a service)."""

    account_sid: str
    auth_token: str
    from_number: str | None = None
    messaging_service_sid: str | None = None


@dataclass(frozen=True)
class SmsOutcome:
    kind: Kind
    message: str  # what happened, in words
    sid: str | None = None
    segments: int | None = None
    code: int | None = None  # Twilio's error code
    status: int | None = None  # the HTTP status, when there was an answer
    retry_after: int | None = None  # seconds Twilio asked to wait (429)
    uncertain: bool = False  # the request may have reached Twilio

    @property
    def reason(self) -> str:
        """The refusal in words, with Twilio's code."""
        return f"{self.message} (Twilio error {self.code})" if self.code else self.message


@dataclass(frozen=True)
class AccountCheck:
    ok: bool
    message: str
    friendly_name: str | None = None
    code: int | None = None
    transient: bool = False  # Twilio could not be asked: nothing is known of the credentials


class TwilioClient:
    """One Twilio REST client for every tenant; `base_url` is Twilio's (or the local fake's)."""

    def __init__(self, base_url: str | None = None, timeout_seconds: float = TIMEOUT_SECONDS) -> None:
        self._base = (base_url or get_settings().twilio_api_base).rstrip("/")
        self._timeout = timeout_seconds

    # The API ------------------------------------------------------------------------------------

    def send(
        self, account: TwilioAccount, to: str, body: str, *, status_callback: str | None = None
    ) -> SmsOutcome:
        """Create the Message resource: Twilio queues the text for the carrier."""
        fields = {"To": to, "Body": body}
        if account.messaging_service_sid:
            fields["MessagingServiceSid"] = account.messaging_service_sid
        else:
            fields["From"] = account.from_number or ""
        if status_callback:
            fields["StatusCallback"] = status_callback
        answer = self._call(account, "POST", "/Messages.json", fields)
        if isinstance(answer, SmsOutcome):
            return answer
        status, payload = answer
        if 200 <= status < 300:
            return _sent(payload)
        return _failure(status, payload, uncertain=status >= 500)

    def find_sent(self, account: TwilioAccount, to: str, body: str, since: datetime) -> SmsOutcome | None:
        """The message to `to` with this body Twilio created since `since`, if any: after a try whose
        answer was lost, so a retry does not text the person twice. None when there is none, or when
        Twilio cannot be asked now (the caller then retries later rather than risk a second text)."""
        query: dict[str, str] = {"To": to, "PageSize": "50"}
        if account.from_number and not account.messaging_service_sid:
            query["From"] = account.from_number
        answer = self._call(account, "GET", "/Messages.json?" + urlencode(query))
        if isinstance(answer, SmsOutcome):
            return answer
        status, payload = answer
        if status != 200:
            return _failure(status, payload, uncertain=True)
        for message in payload.get("messages") or []:
            created = _rfc2822(message.get("date_created"))
            if (
                message.get("body") == body
                and created is not None
                and created >= since.replace(microsecond=0)
            ):
                return _sent(message)
        return None

    def check_account(self, account: TwilioAccount) -> AccountCheck:
        """Fetch the Account resource: the credentials work, and the account is active."""
        answer = self._call(account, "GET", ".json")
        if isinstance(answer, SmsOutcome):
            return AccountCheck(False, answer.message, transient=True)
        status, payload = answer
        if status == 200:
            if payload.get("status") not in (None, "active"):
                return AccountCheck(False, f"The Twilio account is {payload.get('status')}")
            return AccountCheck(True, "Connected", friendly_name=payload.get("friendly_name"))
        outcome = _failure(status, payload, uncertain=False)
        return AccountCheck(False, outcome.message, code=outcome.code, transient=outcome.kind == "transient")

    def owns_number(self, account: TwilioAccount, number: str) -> AccountCheck:
        """Whether `number` is one of the account's phone numbers (IncomingPhoneNumbers) that can text."""
        path = "/IncomingPhoneNumbers.json?" + urlencode({"PhoneNumber": number})
        answer = self._call(account, "GET", path)
        if isinstance(answer, SmsOutcome):
            return AccountCheck(False, answer.message, transient=True)
        status, payload = answer
        if status != 200:
            outcome = _failure(status, payload, uncertain=False)
            return AccountCheck(
                False, outcome.message, code=outcome.code, transient=outcome.kind == "transient"
            )
        for owned in payload.get("incoming_phone_numbers") or []:
            if owned.get("phone_number") == number:
                if (owned.get("capabilities") or {}).get("sms") is False:
                    return AccountCheck(False, f"{number} cannot send texts (it has no SMS capability)")
                return AccountCheck(True, "The number is the account's")
        return AccountCheck(False, f"{number} is not a phone number of this Twilio account")

    # HTTP ---------------------------------------------------------------------------------------

    def _call(
        self,
        account: TwilioAccount,
        method: str,
        path: str,
        fields: Mapping[str, str] | None = None,
    ) -> tuple[int, dict[str, Any]] | SmsOutcome:
        """(status, JSON body) of an answer, or a transient outcome when there was none. `path`
        follows the account's URL (`/Messages.json`, or `.json` for the account itself)."""
        url = f"{self._base}/{API_VERSION}/Accounts/{quote(account.account_sid, safe='')}{path}"
        if not url.startswith(("https://", "http://")):
            raise ValueError("only http(s) URLs are allowed")
        credentials = base64.b64encode(f"{account.account_sid}:{account.auth_token}".encode()).decode("ascii")
        headers = {"Authorization": f"Basic {credentials}", "Accept": "application/json"}
        data = None
        if fields is not None:
            data = urlencode(fields).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310
                return int(response.status), _json(response.read())
        except urllib.error.HTTPError as error:
            status = int(error.code)
            payload = _json(error.read())
            if status == 429:
                return status, {**payload, "_retry_after": error.headers.get("Retry-After")}
            return status, payload
        except TimeoutError:
            return SmsOutcome("transient", "Twilio did not answer in time", uncertain=method == "POST")
        except urllib.error.URLError as error:
            timed_out = isinstance(error.reason, TimeoutError)
            message = "Twilio did not answer in time" if timed_out else "Twilio could not be reached"
            return SmsOutcome("transient", message, uncertain=timed_out and method == "POST")
        except (OSError, http.client.HTTPException):
            return SmsOutcome("transient", "The connection to Twilio broke off", uncertain=method == "POST")


def _json(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _rfc2822(value: Any) -> datetime | None:
    try:
        return parsedate_to_datetime(str(value)) if value else None
    except (TypeError, ValueError):
        return None


def _sent(payload: Mapping[str, Any]) -> SmsOutcome:
    return SmsOutcome(
        "sent",
        f"Twilio took the text ({payload.get('status') or 'queued'})",
        sid=str(payload.get("sid") or "") or None,
        segments=_int(payload.get("num_segments")),
        status=201,
    )


def _failure(status: int, payload: Mapping[str, Any], *, uncertain: bool) -> SmsOutcome:
    code = _int(payload.get("code"))
    said = str(payload.get("message") or "").strip()
    if status == 429:
        return SmsOutcome(
            "transient",
            "Twilio asked to slow down (too many requests)",
            code=code,
            status=status,
            retry_after=_int(payload.get("_retry_after")),
        )
    if status >= 500:
        return SmsOutcome(
            "transient",
            f"Twilio had a problem of its own (HTTP {status})",
            code=code,
            status=status,
            uncertain=uncertain,
        )
    if status == 401:
        code = code or 20003
    message = REASONS.get(code or 0) or said or f"Twilio refused the request (HTTP {status})"
    return SmsOutcome("refused", message, code=code, status=status)
