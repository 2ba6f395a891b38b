"""Meta's Graph API: Conversions API events and Lead Ads leads, checked against the documented format.

`POST /{version}/{dataset_id}/events`: `access_token` (body or query), `data` of 1 to 1,000 events, each
with event_name, event_time (not more than 7 days old: otherwise the whole request is refused, as Meta
does), event_id, action_source (website events also need event_source_url and client_user_agent), and
user_data whose em/ph/external_id are SHA-256 hex (never plain), fbc/fbp in their documented form and
the client's IP and user agent unhashed; a Purchase needs custom_data value and currency. Meta takes a
request whole or refuses it whole. `(event_name, event_id)` seen before is deduplicated.

`GET /{version}/{leadgen_id}`: a lead registered with `add_lead`, with its field_data.

Facebook Login and the ad account edges (`dialog/oauth`, `oauth/access_token`, `me/adaccounts`,
`act_<id>/adspixels`, `DELETE me/permissions`) are devstack.fakes.meta_login, served here too.
"""

from __future__ import annotations

import ipaddress
import itertools
import re
import threading
import time
from typing import Any

from devstack.fakes.base import FakeAnswer, FakeRequest, FakeServer
from devstack.fakes.meta_login import MetaLogin
from devstack.fakes.meta_login import graph_error as _graph_error

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_FBC = re.compile(r"^fb\.\d\.\d{13}\..+$")
_FBP = re.compile(r"^fb\.\d\.\d{13}\.\d+$")
_EVENTS = re.compile(r"^/(v\d+\.\d+)/(\d+)/events$")
_NODE = re.compile(r"^/(v\d+\.\d+)/([^/]+)$")
_SOURCES = {
    "website",
    "app",
    "email",
    "phone_call",
    "chat",
    "physical_store",
    "system_generated",
    "business_messaging",
    "other",
}
_MATCH_KEYS = ("em", "ph", "external_id", "fbc", "fbp", "lead_id", "client_ip_address")
SEVEN_DAYS = 7 * 24 * 3600


class MetaGraphFake(FakeServer):
    name = "meta-graph"

    def __init__(
        self, host: str = "127.0.0.1", port: int = 0, app_id: str = "", app_secret: str = ""
    ) -> None:
        super().__init__(host, port)
        self.revoked: set[str] = set()  # access tokens that answer OAuthException 190
        self.login = MetaLogin(app_id, app_secret, self.revoked, self._trace)
        self.events: dict[tuple[str, str], dict[str, Any]] = {}  # (event_name, event_id) -> event
        self.deduplicated = 0
        self.test_events: list[dict[str, Any]] = []
        self.leads: dict[str, dict[str, Any]] = {}
        self._traces = itertools.count(1)
        self._store = threading.Lock()

    def add_lead(self, leadgen_id: str, **fields: Any) -> None:
        self.leads[leadgen_id] = {"id": leadgen_id, **fields}

    def state(self) -> dict[str, Any]:
        """The events Meta counts, per dataset (event_name, event_id, time, value, the fbc and the
        hashed external_id it matched on), and how many arrived again with an (event_name, event_id)
        already counted."""
        with self._store:
            events = [
                {
                    "dataset_id": event["dataset_id"],
                    "event_name": name,
                    "event_id": event_id,
                    "event_time": event.get("event_time"),
                    "value": (event.get("custom_data") or {}).get("value"),
                    "currency": (event.get("custom_data") or {}).get("currency"),
                    "fbc": (event.get("user_data") or {}).get("fbc"),
                    "external_id": _first((event.get("user_data") or {}).get("external_id")),
                }
                for (name, event_id), event in self.events.items()
            ]
            return {"events": events, "deduplicated": self.deduplicated}

    def error_body(self, status: int) -> Any:
        return _graph_error(f"scripted {status}", 2, "OAuthException", self._trace(), transient=True)

    def _trace(self) -> str:
        return f"AfakeTrace{next(self._traces)}"

    def answer(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        if self.login.handles(request.path):
            return self.login.answer(request)
        events = _EVENTS.match(request.path)
        if request.method == "POST" and events:
            return self._events(request, events.group(2))
        node = _NODE.match(request.path)
        if request.method == "GET" and node:
            return self._lead(request, node.group(2))
        return FakeAnswer(
            400, _graph_error("Unknown path components", 2500, "OAuthException", self._trace())
        ), [f"{request.method} {request.path}: no such edge"]

    def _token(self, request: FakeRequest, body: dict[str, Any]) -> tuple[str | None, FakeAnswer | None]:
        token = body.get("access_token") or request.query.get("access_token")
        if not token:
            return None, FakeAnswer(
                400,
                _graph_error(
                    "An access token is required to request this resource.",
                    104,
                    "OAuthException",
                    self._trace(),
                ),
            )
        if token in self.revoked:
            return None, FakeAnswer(
                400,
                _graph_error(
                    "Error validating access token: the session has been invalidated.",
                    190,
                    "OAuthException",
                    self._trace(),
                ),
            )
        return str(token), None

    def _events(self, request: FakeRequest, dataset_id: str) -> tuple[FakeAnswer, list[str]]:
        body = (
            request.json()
            if request.headers.get("content-type", "").startswith("application/json")
            else request.form()
        )
        if not isinstance(body, dict):
            return FakeAnswer(
                400, _graph_error("The body must be a JSON object", 100, "OAuthException", self._trace())
            ), ["the body must be a JSON object"]
        _, refused = self._token(request, body)
        if refused is not None:
            return refused, ["access_token missing or revoked"]
        data = body.get("data")
        if not isinstance(data, list) or not 1 <= len(data) <= 1000:
            return self._invalid("data must hold 1 to 1000 events")
        problems = [f"data[{i}]: {p}" for i, event in enumerate(data) for p in _event_problems(event)]
        if problems:
            return self._invalid(problems[0], problems)
        with self._store:
            for event in data:
                key = (str(event["event_name"]), str(event["event_id"]))
                if key in self.events:
                    self.deduplicated += 1
                    continue
                if body.get("test_event_code"):
                    self.test_events.append(event)
                else:
                    self.events[key] = {**event, "dataset_id": dataset_id}
        return FakeAnswer(
            200, {"events_received": len(data), "messages": [], "fbtrace_id": self._trace()}
        ), []

    def _invalid(self, message: str, problems: list[str] | None = None) -> tuple[FakeAnswer, list[str]]:
        body = _graph_error(
            f"Invalid parameter: {message}", 100, "OAuthException", self._trace(), subcode=2804003
        )
        return FakeAnswer(400, body), problems or [message]

    def _lead(self, request: FakeRequest, leadgen_id: str) -> tuple[FakeAnswer, list[str]]:
        _, refused = self._token(request, {})
        if refused is not None:
            return refused, ["access_token missing or revoked"]
        lead = self.leads.get(leadgen_id)
        if lead is None:
            message = f"Unsupported get request. Object with ID '{leadgen_id}' does not exist"
            return FakeAnswer(
                400, _graph_error(message, 100, "GraphMethodException", self._trace(), subcode=33)
            ), []
        fields = [f for f in request.query.get("fields", "").split(",") if f]
        return FakeAnswer(200, {k: v for k, v in lead.items() if not fields or k in fields or k == "id"}), []


def _event_problems(event: Any) -> list[str]:
    if not isinstance(event, dict):
        return ["an event must be an object"]
    problems = [f"{name} is required" for name in ("event_name", "event_id") if not event.get(name)]
    problems += _time_problems(event.get("event_time"))
    source = event.get("action_source")
    if source not in _SOURCES:
        problems.append("action_source is required and must be a documented value")
    user = event.get("user_data")
    if not isinstance(user, dict):
        return [*problems, "user_data is required"]
    if source == "website" and not (event.get("event_source_url") and user.get("client_user_agent")):
        problems.append("website events need event_source_url and user_data.client_user_agent")
    problems += _user_problems(user)
    if event.get("event_name") == "Purchase":
        custom = event.get("custom_data") or {}
        if not isinstance(custom.get("value"), int | float) or not re.fullmatch(
            r"[A-Z]{3}", str(custom.get("currency") or "")
        ):
            problems.append("a Purchase needs custom_data.value (a number) and custom_data.currency")
    return problems


def _time_problems(event_time: Any) -> list[str]:
    if not isinstance(event_time, int):
        return ["event_time must be Unix seconds"]
    if event_time < time.time() - SEVEN_DAYS:
        return ["event_time is more than 7 days ago"]
    if event_time > time.time() + 60:
        return ["event_time is in the future"]
    return []


def _user_problems(user: dict[str, Any]) -> list[str]:
    problems = []
    for name in ("em", "ph", "external_id"):
        values = user.get(name)
        if values is None:
            continue
        values = values if isinstance(values, list) else [values]
        if not all(isinstance(v, str) and _HEX64.match(v) for v in values):
            problems.append(f"user_data.{name} must be SHA-256 hex of the normalised value, never plain")
    if user.get("fbc") is not None and not _FBC.match(str(user["fbc"])):
        problems.append("user_data.fbc must be fb.<subdomain index>.<creation time ms>.<fbclid>")
    if user.get("fbp") is not None and not _FBP.match(str(user["fbp"])):
        problems.append("user_data.fbp must be fb.<subdomain index>.<creation time ms>.<random number>")
    if user.get("client_ip_address") is not None:
        try:
            ipaddress.ip_address(str(user["client_ip_address"]))
        except ValueError:
            problems.append("user_data.client_ip_address must be a plain IP address (not hashed)")
    if user.get("lead_id") is not None and not isinstance(user["lead_id"], int):
        problems.append("user_data.lead_id must be the Lead Ads lead id as a number")
    if not any(user.get(name) for name in _MATCH_KEYS):
        problems.append("user_data has no customer information parameter to match on")
    return problems


def _first(value: Any) -> Any:
    """A user_data key's value: Meta takes a list or a single value."""
    return value[0] if isinstance(value, list) and value else value
