"""The Google Ads API's conversion uploads and the reads that connect an account, checked against their
documented request formats (Google's OAuth endpoints are devstack.fakes.google_oauth).

Google Ads: `POST /{version}/customers/{id}:uploadClickConversions` and `:uploadConversionAdjustments`,
JSON, with `Authorization: Bearer` (a token the OAuth fake issued), `developer-token`, and digits-only
ids (customer id, `login-customer-id`). Rows are checked one by one and refused rows come back as a
partial failure located at `conversions[i]` / `conversionAdjustments[i]`. A gclid starting with
`INVALID` is unparseable, one starting with `EXPIRED` is too old, a conversion action not in
`conversion_actions` (when that set is not empty) is not found; an order id seen before is in use.

Reads, with the same headers: `GET /{version}/customers:listAccessibleCustomers` and
`POST /{version}/customers/{id}/googleAds:search` over the accounts in `directory`
(devstack.fakes.google_ads_accounts).
"""

from __future__ import annotations

import itertools
import re
import threading
from datetime import UTC, datetime
from typing import Any

from devstack.fakes.base import FakeAnswer, FakeRequest, FakeServer
from devstack.fakes.google_ads_accounts import AccountDirectory
from devstack.fakes.google_oauth import GoogleOAuthFake

__all__ = ["GoogleAdsFake", "GoogleOAuthFake"]

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
_ACTION = re.compile(r"^customers/(\d+)/conversionActions/(\d+)$")
_PATH = re.compile(r"^/(v\d+)/customers/([^/:]+):(uploadClickConversions|uploadConversionAdjustments)$")
_READ_PATH = re.compile(r"^/(v\d+)/customers(?::(listAccessibleCustomers)|/([^/:]+)/googleAds:search)$")
_CONSENT = {"GRANTED", "DENIED", "UNSPECIFIED"}


class GoogleAdsFake(FakeServer):
    name = "google-ads"

    def __init__(self, oauth: GoogleOAuthFake, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host, port)
        self.oauth = oauth
        self.directory = AccountDirectory()  # the accounts the consenting user reaches (reads)
        self.conversion_actions: set[str] = set()  # when set, only these action ids exist
        self.conversions: dict[str, dict[str, Any]] = {}  # order id -> the row recorded
        self.retracted: set[str] = set()
        self.restated: dict[str, list[dict[str, Any]]] = {}  # order id -> its RESTATEMENT rows, in order
        self.order_ids_resent = 0  # rows refused ORDER_ID_ALREADY_IN_USE: a resend of what Google has
        self._ids = itertools.count(1)
        self._store = threading.Lock()

    def state(self) -> dict[str, Any]:
        """The click conversions Google Ads counts (order id -> gclid, value, currency, time), their
        retractions and restatements, and how many rows came again for an order id it already had."""
        with self._store:
            return {
                "conversions": {
                    order_id: {
                        "gclid": row.get("gclid"),
                        "conversion_action": row.get("conversionAction"),
                        "value": row.get("conversionValue"),
                        "currency": row.get("currencyCode"),
                        "conversion_date_time": row.get("conversionDateTime"),
                    }
                    for order_id, row in self.conversions.items()
                },
                "retracted": sorted(self.retracted),
                "restated": {order_id: len(rows) for order_id, rows in self.restated.items()},
                "order_ids_resent": self.order_ids_resent,
            }

    def error_body(self, status: int) -> Any:
        kind = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}.get(status, "UNKNOWN")
        code = {"quotaError": "RESOURCE_EXHAUSTED"} if status == 429 else {"internalError": "INTERNAL_ERROR"}
        return _rpc_error(status, kind, code, f"scripted {status}", f"req-{next(self._ids)}")

    def answer(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        request_id = f"req-{next(self._ids)}"
        read = _READ_PATH.match(request.path)
        if read is not None and request.method == ("GET" if read.group(2) else "POST"):
            return self._read(request, read.group(2), read.group(3), request_id)
        match = _PATH.match(request.path)
        if request.method != "POST" or match is None:
            return FakeAnswer(
                404,
                _rpc_error(
                    404, "NOT_FOUND", {"requestError": "RESOURCE_NOT_FOUND"}, "no such method", request_id
                ),
            ), [f"{request.method} {request.path}: no such method"]
        refused = self._refuse_request(request, match.group(2), request_id)
        if refused is not None:
            return refused
        body = request.json()
        if match.group(3) == "uploadClickConversions":
            return self._conversions(body, request_id)
        return self._adjustments(body, request_id)

    def _read(
        self, request: FakeRequest, listing: str | None, customer_id: str | None, request_id: str
    ) -> tuple[FakeAnswer, list[str]]:
        """customers:listAccessibleCustomers (GET, no body) or googleAds:search (POST, JSON query)."""
        refused = self._refuse_request(request, customer_id or "0", request_id, json_body=not listing)
        if refused is not None:
            return refused
        if listing:
            return self.directory.list_accessible(request_id)
        assert customer_id is not None
        login = request.headers.get("login-customer-id")
        return self.directory.search(customer_id, login, request.json(), request_id)

    def _refuse_request(
        self, request: FakeRequest, customer_id: str, request_id: str, *, json_body: bool = True
    ) -> tuple[FakeAnswer, list[str]] | None:
        headers = request.headers
        token = headers.get("authorization", "").removeprefix("Bearer ")
        if not headers.get("authorization", "").startswith("Bearer ") or token not in self.oauth.issued:
            problem = "Authorization: Bearer <access token from the OAuth endpoint> is missing or unknown"
            return FakeAnswer(
                401,
                _rpc_error(
                    401,
                    "UNAUTHENTICATED",
                    {"authenticationError": "OAUTH_TOKEN_INVALID"},
                    problem,
                    request_id,
                ),
            ), [problem]
        problems = []
        if not headers.get("developer-token"):
            problems.append("the developer-token header is missing")
        if not customer_id.isdigit():
            problems.append(f"customer id {customer_id!r} must be digits only")
        login = headers.get("login-customer-id")
        if login is not None and not login.isdigit():
            problems.append("login-customer-id must be digits only")
        if json_body and not headers.get("content-type", "").startswith("application/json"):
            problems.append("the body must be JSON")
        if problems:
            code = (
                {"authenticationError": "DEVELOPER_TOKEN_PARAMETER_MISSING"}
                if "developer-token" in problems[0]
                else {"requestError": "INVALID_INPUT"}
            )
            return FakeAnswer(
                400, _rpc_error(400, "INVALID_ARGUMENT", code, "; ".join(problems), request_id)
            ), problems
        return None

    # uploadClickConversions -------------------------------------------------------------------------

    def _conversions(self, body: Any, request_id: str) -> tuple[FakeAnswer, list[str]]:
        rows = body.get("conversions") if isinstance(body, dict) else None
        shape = self._request_shape(body, rows, "conversions")
        if shape:
            return FakeAnswer(
                400,
                _rpc_error(
                    400, "INVALID_ARGUMENT", {"requestError": "INVALID_INPUT"}, "; ".join(shape), request_id
                ),
            ), shape
        errors: list[dict[str, Any]] = []
        results: list[dict[str, Any]] = []
        problems: list[str] = []
        seen: set[str] = set()
        assert isinstance(rows, list)
        with self._store:
            for index, row in enumerate(rows):
                error, problem = self._conversion_error(row, seen)
                if problem:
                    problems.append(f"conversions[{index}]: {problem}")
                if error is not None:
                    errors.append(_row_error(error, "conversions", index))
                    results.append({})
                    continue
                seen.add(row["orderId"])
                if not body.get("validateOnly"):
                    self.conversions[row["orderId"]] = row
                results.append(
                    {
                        k: row.get(k)
                        for k in (
                            "conversionAction",
                            "conversionDateTime",
                            "gclid",
                            "gbraid",
                            "wbraid",
                            "orderId",
                        )
                        if row.get(k)
                    }
                )
        answer: dict[str, Any] = {"jobId": str(next(self._ids))}
        if not body.get("validateOnly"):
            answer["results"] = results
        if errors:
            answer["partialFailureError"] = _partial(errors, request_id)
        return FakeAnswer(200, answer, {"request-id": request_id}), problems

    def _request_shape(self, body: Any, rows: Any, name: str) -> list[str]:
        if not isinstance(body, dict):
            return ["the body must be a JSON object"]
        problems = []
        if body.get("partialFailure") is not True:
            problems.append("partialFailure must be true")
        if not isinstance(rows, list) or not 1 <= len(rows) <= 2000:
            problems.append(f"{name} must hold 1 to 2000 rows")
        return problems

    def _action_error(self, action: Any) -> tuple[tuple[str, str, str] | None, str | None]:
        match = _ACTION.match(str(action or ""))
        if match is None:
            return (
                "fieldError",
                "INVALID_VALUE",
                "conversion_action must be customers/{id}/conversionActions/{id}",
            ), "bad conversionAction"
        if self.conversion_actions and match.group(2) not in self.conversion_actions:
            return (
                "conversionUploadError",
                "NO_CONVERSION_ACTION_FOUND",
                "The conversion action cannot be found.",
            ), None
        return None, None

    def _conversion_error(self, row: Any, seen: set[str]) -> tuple[tuple[str, str, str] | None, str | None]:
        """(the platform's error, the request-format problem), each None when there is none."""
        if not isinstance(row, dict):
            return ("fieldError", "INVALID_VALUE", "not an object"), "a row must be an object"
        error, problem = self._action_error(row.get("conversionAction"))
        if error is not None:
            return error, problem
        problem = _format_problem(row)
        if problem:
            return ("fieldError", "INVALID_VALUE", problem), problem
        order_id = row["orderId"]
        if order_id in seen:
            return ("conversionUploadError", "DUPLICATE_ORDER_ID", "Duplicate order id in the request."), None
        if order_id in self.conversions:
            self.order_ids_resent += 1
            return (
                "conversionUploadError",
                "ORDER_ID_ALREADY_IN_USE",
                "The order id is already in use.",
            ), None
        gclid = str(row.get("gclid") or "")
        if gclid.startswith("INVALID"):
            return (
                "conversionUploadError",
                "UNPARSEABLE_GCLID",
                "The imported gclid could not be decoded.",
            ), None
        if gclid.startswith("EXPIRED"):
            return (
                "conversionUploadError",
                "EXPIRED_EVENT",
                "The click occurred before the click-through window.",
            ), None
        return None, None

    # uploadConversionAdjustments --------------------------------------------------------------------

    def _adjustments(self, body: Any, request_id: str) -> tuple[FakeAnswer, list[str]]:
        rows = body.get("conversionAdjustments") if isinstance(body, dict) else None
        shape = self._request_shape(body, rows, "conversionAdjustments")
        if shape:
            return FakeAnswer(
                400,
                _rpc_error(
                    400, "INVALID_ARGUMENT", {"requestError": "INVALID_INPUT"}, "; ".join(shape), request_id
                ),
            ), shape
        errors: list[dict[str, Any]] = []
        results: list[dict[str, Any]] = []
        problems: list[str] = []
        assert isinstance(rows, list)
        with self._store:
            for index, row in enumerate(rows):
                error, problem = self._adjustment_error(row)
                if problem:
                    problems.append(f"conversionAdjustments[{index}]: {problem}")
                if error is not None:
                    errors.append(_row_error(error, "conversionAdjustments", index))
                    results.append({})
                    continue
                if row["adjustmentType"] == "RETRACTION":
                    self.retracted.add(row["orderId"])
                elif row["adjustmentType"] == "RESTATEMENT":
                    self.restated.setdefault(row["orderId"], []).append(row)
                results.append({"orderId": row["orderId"], "adjustmentType": row["adjustmentType"]})
        answer: dict[str, Any] = {"results": results, "jobId": str(next(self._ids))}
        if errors:
            answer["partialFailureError"] = _partial(errors, request_id)
        return FakeAnswer(200, answer, {"request-id": request_id}), problems

    def _adjustment_error(self, row: Any) -> tuple[tuple[str, str, str] | None, str | None]:
        if not isinstance(row, dict):
            return ("fieldError", "INVALID_VALUE", "not an object"), "a row must be an object"
        error, problem = self._action_error(row.get("conversionAction"))
        if error is not None:
            return error, problem
        if row.get("adjustmentType") not in ("RETRACTION", "RESTATEMENT", "ENHANCEMENT"):
            return (
                "fieldError",
                "INVALID_VALUE",
                "adjustment_type",
            ), "adjustmentType must be RETRACTION, RESTATEMENT or ENHANCEMENT"
        if not _DATE_TIME.match(str(row.get("adjustmentDateTime") or "")):
            return (
                "dateError",
                "INVALID_FIELD_VALUES_IN_DATE_TIME",
                "adjustment_date_time",
            ), "adjustmentDateTime must be yyyy-mm-dd hh:mm:ss+hh:mm"
        order_id = str(row.get("orderId") or "")
        if not order_id:
            return (
                "conversionAdjustmentUploadError",
                "MISSING_ORDER_ID_FOR_WEBPAGE",
                "order id",
            ), "orderId is missing"
        if order_id in self.retracted:
            return (
                "conversionAdjustmentUploadError",
                "CONVERSION_ALREADY_RETRACTED",
                "The conversion was already retracted.",
            ), None
        if order_id not in self.conversions:
            return (
                "conversionAdjustmentUploadError",
                "CONVERSION_NOT_FOUND",
                "The conversion can't be found.",
            ), None
        if row["adjustmentType"] == "RESTATEMENT":
            return self._restatement_error(row, order_id)
        return None, None

    def _restatement_error(
        self, row: dict[str, Any], order_id: str
    ) -> tuple[tuple[str, str, str] | None, str | None]:
        """A RESTATEMENT carries `restatementValue.adjustedValue` (and may carry its currency); its
        adjustmentDateTime must follow the conversion's and every earlier adjustment's of the order."""
        restated = row.get("restatementValue")
        value = restated.get("adjustedValue") if isinstance(restated, dict) else None
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            return (
                "conversionAdjustmentUploadError",
                "RESTATEMENT_VALUE_MISSING",
                "A restatement needs restatementValue.adjustedValue.",
            ), "restatementValue.adjustedValue must be a number >= 0"
        at = _utc(str(row["adjustmentDateTime"]))
        earlier = [_utc(str(self.conversions[order_id].get("conversionDateTime", "")))]
        earlier += [_utc(str(r["adjustmentDateTime"])) for r in self.restated.get(order_id, [])]
        if any(at <= then for then in earlier if then):
            return (
                "conversionAdjustmentUploadError",
                "ADJUSTMENT_PRECEDES_CONVERSION",
                "The adjustment date time must be later than the conversion's and earlier adjustments'.",
            ), None
        return None, None

    def held_value(self, order_id: str) -> float:
        """The value Google Ads counts for an order now: its conversion, restated, or 0 if retracted."""
        if order_id in self.retracted or order_id not in self.conversions:
            return 0.0
        restated = self.restated.get(order_id)
        if restated:
            return float(restated[-1]["restatementValue"]["adjustedValue"])
        return float(self.conversions[order_id].get("conversionValue") or 0)


def _utc(google_time: str) -> str:
    """`yyyy-mm-dd hh:mm:ss+hh:mm` as a comparable UTC ISO string ("" when it is not one)."""
    try:
        return datetime.strptime(google_time, "%Y-%m-%d %H:%M:%S%z").astimezone(UTC).isoformat()
    except ValueError:
        return ""


def _format_problem(row: dict[str, Any]) -> str | None:
    """What in a click conversion row breaks the documented format."""
    if not _DATE_TIME.match(str(row.get("conversionDateTime") or "")):
        return "conversionDateTime must be yyyy-mm-dd hh:mm:ss+hh:mm"
    if not isinstance(row.get("conversionValue"), int | float) or row["conversionValue"] < 0:
        return "conversionValue must be a number of 0 or more"
    if not re.fullmatch(r"[A-Z]{3}", str(row.get("currencyCode") or "")):
        return "currencyCode must be three capital letters"
    if not row.get("orderId"):
        return "orderId is missing (it deduplicates the conversion)"
    ids = [name for name in ("gclid", "gbraid", "wbraid") if row.get(name)]
    identifiers = row.get("userIdentifiers")
    if len(ids) > 1:
        return f"only one of gclid, gbraid, wbraid may be set (got {', '.join(ids)})"
    if not ids and not identifiers:
        return "a conversion needs a gclid, gbraid, wbraid or userIdentifiers"
    if identifiers is not None:
        problem = _identifiers_problem(identifiers)
        if problem:
            return problem
    consent = row.get("consent") or {}
    if any(value not in _CONSENT for value in consent.values()):
        return "consent values must be GRANTED, DENIED or UNSPECIFIED"
    return None


def _identifiers_problem(identifiers: Any) -> str | None:
    if not isinstance(identifiers, list) or not 1 <= len(identifiers) <= 5:
        return "userIdentifiers must hold 1 to 5 identifiers"
    for identifier in identifiers:
        values = [identifier.get(k) for k in ("hashedEmail", "hashedPhoneNumber") if identifier.get(k)]
        if len(values) != 1 or not _HEX64.match(str(values[0])):
            return (
                "each user identifier needs one hashedEmail or hashedPhoneNumber: 64 lower-case hex (SHA-256)"
            )
    return None


def _row_error(error: tuple[str, str, str], field: str, index: int) -> dict[str, Any]:
    kind, code, message = error
    return {
        "errorCode": {kind: code},
        "message": message,
        "location": {"fieldPathElements": [{"fieldName": field, "index": index}]},
    }


def _partial(errors: list[dict[str, Any]], request_id: str) -> dict[str, Any]:
    return {
        "code": 3,
        "message": f"{len(errors)} row(s) failed",
        "details": [
            {
                "@type": "type.googleapis.com/google.ads.googleads.v23.errors.GoogleAdsFailure",
                "errors": errors,
                "requestId": request_id,
            }
        ],
    }


def _rpc_error(status: int, name: str, code: dict[str, str], message: str, request_id: str) -> dict[str, Any]:
    failure = {
        "@type": "type.googleapis.com/google.ads.googleads.v23.errors.GoogleAdsFailure",
        "errors": [{"errorCode": code, "message": message}],
        "requestId": request_id,
    }
    return {"error": {"code": status, "message": message, "status": name, "details": [failure]}}
