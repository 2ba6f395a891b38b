"""Meta over the Graph API: Conversions API events and Lead Ads leads.

`POST {base}/{version}/{dataset_id}/events` with `data[]` (at most 1,000 events), `access_token` and,
while testing, `test_event_code`; the answer carries `events_received` and `fbtrace_id`. Meta takes or
refuses a request whole, so when a request of several events is refused for a reason that is not the
token's, each event is sent alone to find the one at fault. `GET {base}/{version}/{leadgen_id}` reads a
Lead Ads lead with its `field_data`.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Any

from convertly.conversions.adapters.http import (
    HttpClient,
    HttpResponse,
    PooledHttpClient,
    TransportError,
    json_body,
)
from convertly.conversions.adapters.outcome import Outcome, Status, retry_after_seconds, retrying
from convertly.platform.config import Settings, get_settings

MAX_EVENTS = 1000
# Graph error codes: throttling and temporary trouble (retry), and a token that no longer works.
_TRANSIENT_CODES = frozenset({1, 2, 4, 17, 32, 341, 613, 80004})
_TOKEN_CODES = frozenset({102, 190})
LEAD_FIELDS = "id,created_time,ad_id,adset_id,campaign_id,form_id,field_data,is_organic"


@dataclass(frozen=True)
class MetaCredentials:
    dataset_id: str
    access_token: str
    test_event_code: str | None = None


class MetaGraphError(Exception):
    def __init__(self, message: str, *, transient: bool):
        super().__init__(message)
        self.transient = transient


class MetaClient:
    def __init__(self, http: HttpClient | None = None, settings: Settings | None = None) -> None:
        self._http = http or PooledHttpClient()
        self._settings = settings or get_settings()

    def _url(self, path: str) -> str:
        settings = self._settings
        return f"{settings.meta_graph_api_base.rstrip('/')}/{settings.meta_graph_api_version}/{path}"

    # Conversions API -----------------------------------------------------------------------------

    def send_events(self, credentials: MetaCredentials, events: list[dict[str, Any]]) -> list[Outcome]:
        """One Outcome per event, in order; one request per 1,000 events while all goes well."""
        outcomes: list[Outcome] = []
        for start in range(0, len(events), MAX_EVENTS):
            outcomes += self._send(credentials, events[start : start + MAX_EVENTS], isolate=True)
        return outcomes

    def _send(
        self, credentials: MetaCredentials, events: list[dict[str, Any]], *, isolate: bool
    ) -> list[Outcome]:
        body: dict[str, Any] = {"data": events, "access_token": credentials.access_token}
        if credentials.test_event_code:
            body["test_event_code"] = credentials.test_event_code
        try:
            response = self._http.request(
                "POST",
                self._url(f"{credentials.dataset_id}/events"),
                headers={"Content-Type": "application/json"},
                body=json_body(body),
                timeout=self._settings.ads_http_timeout_seconds,
            )
        except TransportError:
            return [retrying("Meta did not answer in time")] * len(events)
        answer = response.json()
        if response.status == 200:
            received = answer.get("events_received", len(events))
            message = f"Meta received the event ({received} in the request)"
            return [Outcome(Status.SENT, message, answer.get("fbtrace_id"))] * len(events)
        outcome = _error_outcome(response)
        if outcome.status is Status.REJECTED and isolate and len(events) > 1 and not _token_error(response):
            return [self._send(credentials, [event], isolate=False)[0] for event in events]
        return [outcome] * len(events)

    def check_connection(self, credentials: MetaCredentials, probe: dict[str, Any]) -> Outcome:
        """Send one test event with the test event code (it shows in Events Manager's Test events)."""
        return self._send(credentials, [probe], isolate=False)[0]

    # Lead Ads ------------------------------------------------------------------------------------

    def fetch_lead(self, access_token: str, leadgen_id: str) -> dict[str, Any]:
        query = urllib.parse.urlencode({"fields": LEAD_FIELDS, "access_token": access_token})
        try:
            response = self._http.request(
                "GET",
                f"{self._url(urllib.parse.quote(leadgen_id, safe=''))}?{query}",
                timeout=self._settings.ads_http_timeout_seconds,
            )
        except TransportError:
            raise MetaGraphError("Meta did not answer in time", transient=True) from None
        if response.status == 200:
            lead: dict[str, Any] = response.json()
            return lead
        outcome = _error_outcome(response)
        raise MetaGraphError(outcome.message, transient=outcome.transient)


def _graph_error(response: HttpResponse) -> dict[str, Any]:
    error = response.json().get("error")
    return error if isinstance(error, dict) else {}


def _token_error(response: HttpResponse) -> bool:
    return response.status == 401 or _graph_error(response).get("code") in _TOKEN_CODES


def _error_outcome(response: HttpResponse) -> Outcome:
    error = _graph_error(response)
    trace = error.get("fbtrace_id") or response.header("x-fb-trace-id")
    text = error.get("error_user_msg") or error.get("message") or f"HTTP {response.status}"
    code = error.get("code")
    described = f"{error.get('type', 'Error')} {code}: {text}" if code is not None else str(text)
    if (
        response.status == 429
        or response.status >= 500
        or error.get("is_transient")
        or code in _TRANSIENT_CODES
    ):
        return retrying(described, trace, retry_after_seconds(response.header("retry-after")))
    return Outcome(Status.REJECTED, described, trace)
