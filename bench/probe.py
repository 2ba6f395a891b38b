"""Reads the stored items around each measured DynamoDB call, for the capacity computation.

A write's cost depends on the item it replaces (the larger of before and after, and whether index
keys appear, change or go), which the request alone does not carry; a filtered Query is billed for
the items it read, not the ones it returned. The probe reads those with its own client while the
meter is paused, at the moment of the call, before later writes in the same request change them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bench.capacity import WRITE_OPERATIONS, Item, Observation, TableKeys, WriteTarget, write_keys

_PLACEHOLDER = re.compile(r"[#:][A-Za-z0-9_]+")


class DynamoProbe:
    """The meter's probe for DynamoDB: item images around writes, unfiltered pages for reads."""

    def __init__(self, client: Any, schema: Mapping[str, TableKeys]) -> None:
        self._client = client
        self._schema = schema

    def _get(self, table: str, key: dict[str, Any]) -> Item | None:
        item: Item | None = self._client.get_item(TableName=table, Key=key, ConsistentRead=True).get("Item")
        return item

    def before(self, service: str, operation: str, params: dict[str, Any]) -> Any:
        if service != "dynamodb" or operation not in WRITE_OPERATIONS:
            return None
        targets = write_keys(operation, params, self._schema)
        return [(action, table, key, self._get(table, key)) for action, table, key in targets]

    def after(
        self, service: str, operation: str, params: dict[str, Any], response: dict[str, Any], state: Any
    ) -> Observation | None:
        if service != "dynamodb":
            return None
        if operation in WRITE_OPERATIONS and state is not None:
            failed = "Error" in response
            writes = [
                WriteTarget(action, table, before, before if failed else self._get(table, key))
                for action, table, key, before in state
            ]
            return Observation(writes=writes)
        if operation in ("Query", "Scan") and _narrowed(params, response):
            return Observation(scanned=self._read_unfiltered(operation, params))
        if operation == "GetItem" and "ProjectionExpression" in params:
            return Observation(
                scanned=[item] if (item := self._get(params["TableName"], params["Key"])) else []
            )
        return None

    def _read_unfiltered(self, operation: str, params: dict[str, Any]) -> list[Item]:
        """The same page again without filter or projection: the items DynamoDB read and billed."""
        request = {
            k: v for k, v in params.items() if k not in ("FilterExpression", "ProjectionExpression", "Select")
        }
        request.pop("ReturnConsumedCapacity", None)
        used = set(_PLACEHOLDER.findall(request.get("KeyConditionExpression", "")))
        for name in ("ExpressionAttributeNames", "ExpressionAttributeValues"):
            kept = {k: v for k, v in request.get(name, {}).items() if k in used}
            if kept:
                request[name] = kept
            else:
                request.pop(name, None)
        items: list[Item] = getattr(self._client, _snake(operation))(**request).get("Items", [])
        return items


def _narrowed(params: Mapping[str, Any], response: Mapping[str, Any]) -> bool:
    return "ProjectionExpression" in params or response.get("ScannedCount", 0) != response.get("Count", 0)


def _snake(operation: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()
