"""Google Ads over REST: offline click conversions, their adjustments (retractions, restatements), and
the OAuth token they need.

`POST {base}/{version}/customers/{id}:uploadClickConversions` and `:uploadConversionAdjustments`, with
`Authorization: Bearer <access token>`, `developer-token` and (through a manager account)
`login-customer-id`. `partialFailure` is always true: each failed row comes back in
`partialFailureError.details[].errors[]`, located by `fieldPathElements[0].index`, and is mapped back to
the row sent at that index. The access token comes from the OAuth token endpoint's refresh_token grant
and is kept until shortly before it expires.

Connecting an account reads with the same credentials:
`GET {base}/{version}/customers:listAccessibleCustomers` and
`POST {base}/{version}/customers/{id}/googleAds:search` (GAQL over customer, customer_client and
conversion_action).
"""

from __future__ import annotations

import hashlib
import time
import urllib.parse
from collections.abc import Callable
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

MAX_ROWS = 2000  # "Upload fewer than 2001 events in a single request"
_TOKEN_MARGIN_SECONDS = 120

# Error codes (the enum names inside `errorCode`) that say something other than "rejected".
_ALREADY_THERE = frozenset(
    {
        "ORDER_ID_ALREADY_IN_USE",
        "CLICK_CONVERSION_ALREADY_EXISTS",
        "DUPLICATE_ORDER_ID",
        "CONVERSION_ALREADY_RETRACTED",
    }
)
_EXPIRED = frozenset({"EXPIRED_EVENT", "EXPIRED_CALL", "CONVERSION_EXPIRED"})
_LATER = frozenset(
    {"TOO_RECENT_EVENT", "TOO_RECENT_CONVERSION_ACTION", "TOO_RECENT_CALL", "TOO_RECENT_CONVERSION"}
)
_TRANSIENT_KINDS = frozenset({"internalError", "quotaError"})
# A validate-only probe with a made-up click id gets one of these when the account and action are fine.
_CLICK_ID_ERRORS = frozenset({"UNPARSEABLE_GCLID", "CLICK_NOT_FOUND", "INVALID_CUSTOMER_FOR_CLICK"})


@dataclass(frozen=True)
class GoogleAdsCredentials:
    customer_id: str  # digits only
    conversion_action_id: str
    developer_token: str
    client_id: str
    client_secret: str
    refresh_token: str
    login_customer_id: str | None = None

    @property
    def conversion_action(self) -> str:
        return f"customers/{self.customer_id}/conversionActions/{self.conversion_action_id}"


@dataclass(frozen=True)
class RowError:
    kind: str  # the errorCode's key, e.g. conversionUploadError
    code: str  # its value, e.g. UNPARSEABLE_GCLID
    message: str

    def describe(self) -> str:
        return f"{self.kind}.{self.code}: {self.message}"


class _TokenFailure(Exception):
    def __init__(self, outcome: Outcome):
        super().__init__(outcome.message)
        self.outcome = outcome


class GoogleAdsApiError(Exception):
    """A read (accounts, conversion actions) that did not answer rows. `transient`: trying again later
    may help; `grant_refused`: Google refused the OAuth grant itself (connect again)."""

    def __init__(self, message: str, *, transient: bool = False, grant_refused: bool = False):
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.grant_refused = grant_refused


class GoogleAdsClient:
    """Uploads rows and reports one Outcome per row, in the order they were given."""

    def __init__(
        self,
        http: HttpClient | None = None,
        settings: Settings | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = http or PooledHttpClient()
        self._settings = settings or get_settings()
        self._clock = clock
        self._tokens: dict[str, tuple[str, float]] = {}

    # Uploads -------------------------------------------------------------------------------------

    def upload_click_conversions(
        self, credentials: GoogleAdsCredentials, conversions: list[dict[str, Any]]
    ) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for start in range(0, len(conversions), MAX_ROWS):
            chunk = conversions[start : start + MAX_ROWS]
            body = {"conversions": chunk, "partialFailure": True}
            outcomes += self._upload(credentials, "uploadClickConversions", body, len(chunk))
        return outcomes

    def upload_adjustments(
        self, credentials: GoogleAdsCredentials, adjustments: list[dict[str, Any]]
    ) -> list[Outcome]:
        """Retractions and restatements, one request per 2,000."""
        outcomes: list[Outcome] = []
        for start in range(0, len(adjustments), MAX_ROWS):
            chunk = adjustments[start : start + MAX_ROWS]
            body = {"conversionAdjustments": chunk, "partialFailure": True}
            outcomes += self._upload(credentials, "uploadConversionAdjustments", body, len(chunk))
        return outcomes

    def check_connection(self, credentials: GoogleAdsCredentials, probe: dict[str, Any]) -> Outcome:
        """A validate-only upload of one made-up conversion: Google checks the token, the developer
        token, the account and the conversion action, and records nothing. SENT means connected."""
        body = {"conversions": [probe], "partialFailure": True, "validateOnly": True}
        try:
            response = self._post(credentials, "uploadClickConversions", body)
        except _TokenFailure as failure:
            return failure.outcome
        except TransportError:
            return retrying("Google Ads did not answer in time")
        request_id = response.header("request-id")
        if response.status != 200:
            return _request_outcomes(response, 1)[0]
        errors = row_errors(response.json())
        error = errors.get(0)
        if error is None or error.code in _CLICK_ID_ERRORS:
            return Outcome(
                Status.SENT, "Google Ads accepted the credentials and the conversion action", request_id
            )
        return Outcome(Status.REJECTED, error.describe(), request_id)

    def _upload(
        self, credentials: GoogleAdsCredentials, method: str, body: dict[str, Any], rows: int
    ) -> list[Outcome]:
        try:
            response = self._post(credentials, method, body)
        except _TokenFailure as failure:
            return [failure.outcome] * rows
        except TransportError:
            return [retrying("Google Ads did not answer in time")] * rows
        if response.status != 200:
            return _request_outcomes(response, rows)
        return _row_outcomes(response, rows)

    def _post(self, credentials: GoogleAdsCredentials, method: str, body: dict[str, Any]) -> HttpResponse:
        settings = self._settings
        base = settings.google_ads_api_base.rstrip("/")
        url = f"{base}/{settings.google_ads_api_version}/customers/{credentials.customer_id}:{method}"
        for fresh in (False, True):
            token = self._token(credentials, fresh=fresh)
            headers = {
                "Authorization": f"Bearer {token}",
                "developer-token": credentials.developer_token,
                "Content-Type": "application/json",
            }
            if credentials.login_customer_id:
                headers["login-customer-id"] = credentials.login_customer_id
            response = self._http.request(
                "POST", url, headers=headers, body=json_body(body), timeout=settings.ads_http_timeout_seconds
            )
            if response.status != 401 or fresh:
                return response
            # A cached token may have been revoked or expired early: mint one and try once more.
        return response

    # Reads: the accounts a consent reaches and their conversion actions -----------------------------

    def list_accessible_customers(self, credentials: GoogleAdsCredentials) -> list[str]:
        """The ids (digits) of the customers the consenting user reaches directly
        (`GET {base}/{version}/customers:listAccessibleCustomers`)."""
        answer = self._read(credentials, "GET", "customers:listAccessibleCustomers", None, None)
        names = answer.get("resourceNames") or []
        return [str(name).removeprefix("customers/") for name in names]

    def search(
        self,
        credentials: GoogleAdsCredentials,
        customer_id: str,
        query: str,
        login_customer_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """GoogleAdsService.Search (`POST {base}/{version}/customers/{id}/googleAds:search`): every row of
        every page. `login_customer_id` names the manager a client account is reached through."""
        rows: list[dict[str, Any]] = []
        page_token: str | None = None
        for _ in range(20):  # 10,000 rows a page: 20 pages is far beyond any account list
            body: dict[str, Any] = {"query": query, **({"pageToken": page_token} if page_token else {})}
            answer = self._read(
                credentials, "POST", f"customers/{customer_id}/googleAds:search", body, login_customer_id
            )
            rows += answer.get("results") or []
            page_token = answer.get("nextPageToken")
            if not page_token:
                break
        return rows

    def _read(
        self,
        credentials: GoogleAdsCredentials,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        login_customer_id: str | None,
    ) -> dict[str, Any]:
        settings = self._settings
        url = f"{settings.google_ads_api_base.rstrip('/')}/{settings.google_ads_api_version}/{path}"
        try:
            for fresh in (False, True):
                headers = {
                    "Authorization": f"Bearer {self._token(credentials, fresh=fresh)}",
                    "developer-token": credentials.developer_token,
                }
                if body is not None:
                    headers["Content-Type"] = "application/json"
                if login_customer_id:
                    headers["login-customer-id"] = login_customer_id
                response = self._http.request(
                    method,
                    url,
                    headers=headers,
                    body=json_body(body) if body is not None else None,
                    timeout=settings.ads_http_timeout_seconds,
                )
                if response.status != 401 or fresh:
                    break
        except _TokenFailure as failure:
            outcome = failure.outcome
            raise GoogleAdsApiError(
                outcome.message, transient=outcome.transient, grant_refused=not outcome.transient
            ) from None
        except TransportError:
            raise GoogleAdsApiError("Google Ads did not answer in time", transient=True) from None
        answer: dict[str, Any] = response.json()
        if response.status == 200:
            return answer
        raise _read_error(response)

    # OAuth ---------------------------------------------------------------------------------------

    def _token(self, credentials: GoogleAdsCredentials, *, fresh: bool) -> str:
        key = hashlib.sha256(f"{credentials.client_id}\x1f{credentials.refresh_token}".encode()).hexdigest()
        cached = self._tokens.get(key)
        if cached and not fresh and cached[1] > self._clock():
            return cached[0]
        form = urllib.parse.urlencode(
            {
                "grant_type": "refresh_token",
                "client_id": credentials.client_id,
                "client_secret": credentials.client_secret,
                "refresh_token": credentials.refresh_token,
            }
        ).encode()
        try:
            response = self._http.request(
                "POST",
                self._settings.google_oauth_token_url,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                body=form,
                timeout=self._settings.ads_http_timeout_seconds,
            )
        except TransportError:
            raise _TokenFailure(retrying("Google's OAuth token endpoint did not answer in time")) from None
        answer = response.json()
        if response.status == 200 and answer.get("access_token"):
            lifetime = int(answer.get("expires_in") or 3600)
            self._tokens[key] = (
                str(answer["access_token"]),
                self._clock() + max(0, lifetime - _TOKEN_MARGIN_SECONDS),
            )
            return str(answer["access_token"])
        if response.status == 429 or response.status >= 500:
            raise _TokenFailure(retrying(f"Google's OAuth token endpoint answered {response.status}"))
        reason = answer.get("error_description") or answer.get("error") or f"HTTP {response.status}"
        raise _TokenFailure(
            Outcome(
                Status.REJECTED,
                f"Google refused the OAuth credentials ({answer.get('error', 'error')}: {reason})",
            )
        )


def _read_error(response: HttpResponse) -> GoogleAdsApiError:
    error = response.json().get("error") or {}
    failure = _failure_errors(error.get("details") or [])
    described = failure[0].describe() if failure else str(error.get("message") or f"HTTP {response.status}")
    transient = response.status == 429 or response.status >= 500
    return GoogleAdsApiError(f"Google Ads answered {response.status}: {described}", transient=transient)


def _request_outcomes(response: HttpResponse, rows: int) -> list[Outcome]:
    """The whole request failed: the same outcome for every row."""
    request_id = response.header("request-id")
    error = response.json().get("error") or {}
    failure = _failure_errors(error.get("details") or [])
    described = failure[0].describe() if failure else str(error.get("message") or f"HTTP {response.status}")
    request_id = request_id or _failure_request_id(error.get("details") or [])
    if response.status == 429 or response.status >= 500 or (failure and failure[0].kind in _TRANSIENT_KINDS):
        after = retry_after_seconds(response.header("retry-after"))
        return [retrying(f"Google Ads answered {response.status}: {described}", request_id, after)] * rows
    return [Outcome(Status.REJECTED, described, request_id)] * rows


def _row_outcomes(response: HttpResponse, rows: int) -> list[Outcome]:
    request_id = response.header("request-id")
    errors = row_errors(response.json())
    outcomes = []
    for index in range(rows):
        error = errors.get(index)
        outcomes.append(_row_outcome(error, request_id))
    return outcomes


def _row_outcome(error: RowError | None, request_id: str | None) -> Outcome:
    if error is None:
        return Outcome(Status.SENT, "Google Ads accepted the upload", request_id)
    if error.code in _ALREADY_THERE:
        return Outcome(Status.SENT, f"Google Ads already has it ({error.code})", request_id)
    if error.code in _EXPIRED:
        return Outcome(Status.EXPIRED, error.describe(), request_id)
    if error.code in _LATER or error.kind in _TRANSIENT_KINDS:
        return retrying(error.describe(), request_id)
    return Outcome(Status.REJECTED, error.describe(), request_id)


def row_errors(answer: dict[str, Any]) -> dict[int, RowError]:
    """Each failed row's first error, by the index of the row in the request."""
    partial = answer.get("partialFailureError") or {}
    found: dict[int, RowError] = {}
    for detail in partial.get("details") or []:
        for error in detail.get("errors") or []:
            elements = (error.get("location") or {}).get("fieldPathElements") or []
            index = elements[0].get("index") if elements else None
            if isinstance(index, int) and index not in found:
                found[index] = _row_error(error)
    return found


def _row_error(error: dict[str, Any]) -> RowError:
    code = error.get("errorCode") or {}
    kind, value = next(iter(code.items()), ("unknownError", "UNKNOWN"))
    return RowError(str(kind), str(value), str(error.get("message") or ""))


def _failure_errors(details: list[dict[str, Any]]) -> list[RowError]:
    return [_row_error(error) for detail in details for error in detail.get("errors") or []]


def _failure_request_id(details: list[dict[str, Any]]) -> str | None:
    return next((str(d["requestId"]) for d in details if d.get("requestId")), None)
