"""The Google Ads fake's accounts: what `customers:listAccessibleCustomers` and
`GoogleAdsService.Search` (`googleAds:search`) answer, and how they refuse what the real API refuses.

The consenting user reaches some accounts directly (`accessible`); a manager account reaches its
clients only with `login-customer-id` naming the manager. Search takes a GAQL query over `customer`,
`customer_client` or `conversion_action`, checks it as the API does (SELECT and FROM present, known
resource and fields, WHERE conditions with known operators, enum constants and typed values, LIMIT) and
answers rows in the REST shape: nested camelCase objects, int64 values as strings, the resource's
`resourceName` always included, and `fieldMask`. `pageSize` is refused (PAGE_SIZE_NOT_SUPPORTED).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from devstack.fakes.base import FakeAnswer

_STATUS = ("ENABLED", "CANCELED", "SUSPENDED", "CLOSED")
_ACTION_STATUS = ("ENABLED", "REMOVED", "HIDDEN")
_ACTION_TYPES = (
    "AD_CALL",
    "CLICK_TO_CALL",
    "GOOGLE_PLAY_DOWNLOAD",
    "GOOGLE_PLAY_IN_APP_PURCHASE",
    "UPLOAD_CALLS",
    "UPLOAD_CLICKS",
    "WEBPAGE",
    "WEBSITE_CALL",
    "STORE_SALES",
)
# Each resource's fields: kind (INT64, STRING, BOOLEAN, RESOURCE_NAME) or the enum's constants.
_FIELDS: dict[str, dict[str, Any]] = {
    "customer": {
        "id": "INT64",
        "descriptive_name": "STRING",
        "manager": "BOOLEAN",
        "test_account": "BOOLEAN",
        "currency_code": "STRING",
        "time_zone": "STRING",
        "status": _STATUS,
        "resource_name": "RESOURCE_NAME",
    },
    "customer_client": {
        "client_customer": "RESOURCE_NAME",
        "id": "INT64",
        "descriptive_name": "STRING",
        "manager": "BOOLEAN",
        "level": "INT64",
        "hidden": "BOOLEAN",
        "test_account": "BOOLEAN",
        "currency_code": "STRING",
        "time_zone": "STRING",
        "status": _STATUS,
        "resource_name": "RESOURCE_NAME",
    },
    "conversion_action": {
        "id": "INT64",
        "name": "STRING",
        "status": _ACTION_STATUS,
        "type": _ACTION_TYPES,
        "category": "STRING",
        "include_in_conversions_metric": "BOOLEAN",
        "resource_name": "RESOURCE_NAME",
    },
}
_ATTRIBUTED = {"customer": (), "customer_client": ("customer",), "conversion_action": ("customer",)}
_QUERY = re.compile(
    r"^\s*SELECT\s+(?P<select>.+?)\s+FROM\s+(?P<resource>\S+)"
    r"(?:\s+WHERE\s+(?P<where>.+?))?(?:\s+ORDER\s+BY\s+(?P<order>.+?))?(?:\s+LIMIT\s+(?P<limit>\S+))?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_CONDITION = re.compile(r"^([a-z_.]+)\s*(!=|>=|<=|=|>|<|NOT\s+IN|IN)\s*(.+)$", re.IGNORECASE | re.DOTALL)
_DENIED = (
    "User doesn't have permission to access customer. Note: If you're accessing a client customer, the "
    "manager's customer id must be set in the 'login-customer-id' header."
)


@dataclass
class FakeCustomer:
    customer_id: str
    name: str
    manager: bool = False
    clients: tuple[str, ...] = ()
    status: str = "ENABLED"
    actions: list[dict[str, str]] = field(default_factory=list)  # id, name, status, type


class QueryError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class AccountDirectory:
    """The accounts one consenting Google user reaches (the local stack's and the tests' default)."""

    def __init__(self) -> None:
        self.customers: dict[str, FakeCustomer] = {}
        self.accessible: list[str] = []
        self.reset()

    def reset(self) -> None:
        """A direct account, and a manager with two client accounts and a cancelled one."""
        action = _action
        self.customers = {
            c.customer_id: c
            for c in (
                FakeCustomer(
                    "1234567890",
                    "Summit Roofing",
                    actions=[
                        action("987654321", "Closed won (offline)", "UPLOAD_CLICKS"),
                        action("987654322", "Website quote form", "WEBPAGE"),
                        action("987654323", "Old offline import", "UPLOAD_CLICKS", "REMOVED"),
                    ],
                ),
                FakeCustomer(
                    "1112223333",
                    "Ridgeline Agency",
                    manager=True,
                    clients=("4445556666", "7778889999", "9990001111"),
                ),
                FakeCustomer(
                    "4445556666",
                    "Peak Roofing Co",
                    actions=[
                        action("555000111", "Signed contract", "UPLOAD_CLICKS"),
                        action("555000112", "Qualified lead", "UPLOAD_CLICKS", "HIDDEN"),
                    ],
                ),
                FakeCustomer(
                    "7778889999", "Gutter Pros", actions=[action("555000211", "Job booked", "UPLOAD_CLICKS")]
                ),
                FakeCustomer("9990001111", "Closed Roofing", status="CANCELED"),
            )
        }
        self.accessible = ["1234567890", "1112223333"]

    # The two methods ----------------------------------------------------------------------------

    def list_accessible(self, request_id: str) -> tuple[FakeAnswer, list[str]]:
        names = [f"customers/{c}" for c in self.accessible]
        return FakeAnswer(200, {"resourceNames": names}, {"request-id": request_id}), []

    def search(
        self, customer_id: str, login: str | None, body: Any, request_id: str
    ) -> tuple[FakeAnswer, list[str]]:
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            problem = "the body must be a JSON object with a query"
            return _refused(400, "INVALID_ARGUMENT", {"requestError": "INVALID_INPUT"}, problem, request_id)
        if "pageSize" in body:
            problem = "pageSize is not supported since v17"
            return _refused(
                400, "INVALID_ARGUMENT", {"requestError": "PAGE_SIZE_NOT_SUPPORTED"}, problem, request_id
            )
        if not self._reachable(customer_id, login):
            denied = {"authorizationError": "USER_PERMISSION_DENIED"}
            return _refused(403, "PERMISSION_DENIED", denied, _DENIED, request_id)
        try:
            resource, selected, conditions, limit = _parse(body["query"])
        except QueryError as error:
            return _refused(400, "INVALID_ARGUMENT", {"queryError": error.code}, error.message, request_id)
        rows = [row for row in self._rows(resource, customer_id) if _matches(row, conditions)][:limit]
        answer = {
            "results": [_shaped(row, resource, selected) for row in rows],
            "fieldMask": ",".join(_camel(name) for name in selected),
            "requestId": request_id,
        }
        return FakeAnswer(200, answer, {"request-id": request_id}), []

    def _reachable(self, customer_id: str, login: str | None) -> bool:
        if customer_id not in self.customers:
            return False
        if login is None:
            return customer_id in self.accessible
        manager = self.customers.get(login)
        if login not in self.accessible or manager is None:
            return False
        return customer_id == login or (manager.manager and customer_id in self._below(login))

    def _below(self, manager_id: str, level: int = 1) -> dict[str, int]:
        """Every client under a manager, with its level (1 = a direct client)."""
        found: dict[str, int] = {}
        for client in self.customers[manager_id].clients:
            found.setdefault(client, level)
            if self.customers[client].manager:
                for deeper, depth in self._below(client, level + 1).items():
                    found.setdefault(deeper, depth)
        return found

    def _rows(self, resource: str, customer_id: str) -> list[dict[str, Any]]:
        customer = self.customers[customer_id]
        own = _customer_fields("customer", customer)
        if resource == "customer":
            return [own]
        if resource == "conversion_action":
            return [
                {
                    **own,
                    **{f"conversion_action.{k}": v for k, v in a.items()},
                    "conversion_action.resource_name": f"customers/{customer_id}/conversionActions/{a['id']}",
                }
                for a in customer.actions
            ]
        levels = {customer_id: 0, **(self._below(customer_id) if customer.manager else {})}
        rows = []
        for client_id, level in levels.items():
            client = self.customers[client_id]
            row = {**own, **_customer_fields("customer_client", client), "customer_client.level": level}
            row["customer_client.client_customer"] = f"customers/{client_id}"
            row["customer_client.resource_name"] = f"customers/{customer_id}/customerClients/{client_id}"
            rows.append(row)
        return rows


def _action(action_id: str, name: str, kind: str, status: str = "ENABLED") -> dict[str, str]:
    return {"id": action_id, "name": name, "type": kind, "status": status}


def _customer_fields(prefix: str, customer: FakeCustomer) -> dict[str, Any]:
    return {
        f"{prefix}.id": customer.customer_id,
        f"{prefix}.descriptive_name": customer.name,
        f"{prefix}.manager": customer.manager,
        f"{prefix}.test_account": False,
        f"{prefix}.hidden": False,
        f"{prefix}.currency_code": "USD",
        f"{prefix}.time_zone": "America/New_York",
        f"{prefix}.status": customer.status,
        f"{prefix}.resource_name": f"customers/{customer.customer_id}",
    }


# GAQL ------------------------------------------------------------------------------------------------


def _parse(query: str) -> tuple[str, list[str], list[tuple[str, str, Any]], int | None]:
    if not re.match(r"^\s*SELECT\s", query, re.IGNORECASE):
        raise QueryError("EXPECTED_SELECT", "SELECT is missing at the beginning of query.")
    if not re.search(r"\sFROM\s", query, re.IGNORECASE):
        raise QueryError("EXPECTED_FROM", "Missing FROM clause.")
    match = _QUERY.match(query)
    if match is None:
        raise QueryError("UNEXPECTED_INPUT", "Query has an unexpected extra part.")
    resource = match["resource"].lower()
    if resource not in _FIELDS:
        raise QueryError("BAD_RESOURCE_TYPE_IN_FROM_CLAUSE", f"Invalid resource type {resource!r}.")
    selected = [name.strip() for name in match["select"].split(",")]
    for name in selected:
        _kind(resource, name, "SELECT")
    conditions = [_condition(resource, part) for part in _split_and(match["where"])] if match["where"] else []
    for name in (match["order"] or "").split(","):
        if name.strip():
            _kind(resource, name.strip().split()[0], "ORDER BY")
    return resource, selected, conditions, _limit(match["limit"])


def _limit(text: str | None) -> int | None:
    if text is None:
        return None
    if not text.isdigit():
        raise QueryError("BAD_LIMIT_VALUE", "Limit value is invalid.")
    if int(text) < 1:
        raise QueryError("LIMIT_VALUE_TOO_LOW", "The value passed to the limit clause is too low.")
    return int(text)


def _split_and(where: str) -> list[str]:
    return [part.strip() for part in re.split(r"\s+AND\s+", where, flags=re.IGNORECASE)]


def _kind(resource: str, name: str, clause: str) -> Any:
    owner, _, attribute = name.partition(".")
    if owner not in _FIELDS or attribute not in _FIELDS[owner]:
        raise QueryError("UNRECOGNIZED_FIELD", f"Unrecognized field in the query: '{name}'.")
    if owner != resource and owner not in _ATTRIBUTED[resource]:
        code = "PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE" if clause == "SELECT" else "BAD_FIELD_NAME"
        raise QueryError(code, f"'{name}' cannot be used with resource '{resource}' in {clause}.")
    return _FIELDS[owner][attribute]


def _condition(resource: str, text: str) -> tuple[str, str, Any]:
    match = _CONDITION.match(text)
    if match is None:
        raise QueryError("BAD_OPERATOR", f"Invalid operator in condition '{text}'.")
    name, operator, raw = match[1], re.sub(r"\s+", " ", match[2].upper()), match[3].strip()
    kind = _kind(resource, name, "WHERE")
    if operator in ("IN", "NOT IN"):
        if not (raw.startswith("(") and raw.endswith(")")):
            raise QueryError("EXPECTED_LIST", f"The operator {operator} needs a list of values.")
        values = [_value(kind, item.strip(), name) for item in raw[1:-1].split(",") if item.strip()]
        if not values:
            raise QueryError("PROHIBITED_EMPTY_LIST_IN_CONDITION", "A condition has an empty list.")
        return name, operator, values
    return name, operator, _value(kind, raw, name)


def _value(kind: Any, raw: str, name: str) -> Any:
    quoted = len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\""
    text = raw[1:-1] if quoted else raw
    if isinstance(kind, tuple):
        if text not in kind:
            raise QueryError("BAD_ENUM_CONSTANT", f"Invalid enum constant {raw} for '{name}'.")
        return text
    if kind == "BOOLEAN":
        if quoted or text.upper() not in ("TRUE", "FALSE"):
            raise QueryError("BAD_VALUE", f"'{name}' takes TRUE or FALSE.")
        return text.upper() == "TRUE"
    if kind == "INT64":
        if quoted or not re.fullmatch(r"-?\d+", text):
            raise QueryError("BAD_NUMBER", f"'{name}' takes a number.")
        return int(text)
    if not quoted:
        raise QueryError("INVALID_STRING_VALUE", f"'{name}' takes a quoted string.")
    return text


_CHECKS: dict[str, Any] = {
    "=": lambda have, value: have == value,
    "!=": lambda have, value: have != value,
    ">": lambda have, value: have is not None and have > value,
    ">=": lambda have, value: have is not None and have >= value,
    "<": lambda have, value: have is not None and have < value,
    "<=": lambda have, value: have is not None and have <= value,
    "IN": lambda have, value: have in value,
    "NOT IN": lambda have, value: have not in value,
}


def _matches(row: dict[str, Any], conditions: list[tuple[str, str, Any]]) -> bool:
    return all(_CHECKS[operator](_like(row.get(name), value), value) for name, operator, value in conditions)


def _like(have: Any, value: Any) -> Any:
    """The row's value as the condition's type (ids are kept as strings, compared as numbers)."""
    sample = value[0] if isinstance(value, list) else value
    if isinstance(sample, int) and not isinstance(sample, bool) and have is not None:
        return int(have)
    return have


def _shaped(row: dict[str, Any], resource: str, selected: list[str]) -> dict[str, Any]:
    """The REST GoogleAdsRow: {"customerClient": {"descriptiveName": ...}}, int64 as strings."""
    shaped: dict[str, dict[str, Any]] = {}
    for name in [*selected, f"{resource}.resource_name"]:
        owner, _, attribute = name.partition(".")
        value = row.get(name)
        if _FIELDS[owner][attribute] == "INT64" and value is not None:
            value = str(value)
        shaped.setdefault(_camel(owner), {})[_camel(attribute)] = value
    return shaped


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    camel = head + "".join(part.title() for part in rest)
    return ".".join(_camel(part) for part in name.split(".")) if "." in name else camel


def _refused(
    status: int, name: str, code: dict[str, str], message: str, request_id: str
) -> tuple[FakeAnswer, list[str]]:
    failure = {
        "@type": "type.googleapis.com/google.ads.googleads.v23.errors.GoogleAdsFailure",
        "errors": [{"errorCode": code, "message": message}],
        "requestId": request_id,
    }
    body = {"error": {"code": status, "message": message, "status": name, "details": [failure]}}
    return FakeAnswer(status, body, {"request-id": request_id}), []
