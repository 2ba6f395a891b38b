"""Seeding many leads through the real API without moto's transaction cost.

moto backs up the whole table (a deep copy) for every item of a TransactWriteItems, so each
transaction costs time and memory in proportion to the table, and seeding hundreds of leads with
transactions grows quadratically. While seeding, each transaction the app sends is replayed as the
same writes without the transaction: its puts as BatchWriteItem, its updates as UpdateItem. The
items stored are exactly the ones the app wrote; only the all-or-nothing guarantee is skipped,
which a fresh tenant's seed does not need.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from botocore.client import BaseClient

BATCH_WRITE_MAX = 25
_UPDATE_FIELDS = (
    "TableName",
    "Key",
    "UpdateExpression",
    "ConditionExpression",
    "ExpressionAttributeNames",
    "ExpressionAttributeValues",
)


def _replay(
    call: Callable[..., dict[str, Any]], client: BaseClient, params: dict[str, Any]
) -> dict[str, Any]:
    puts: dict[str, list[dict[str, Any]]] = {}
    for entry in params["TransactItems"]:
        (action, request), *_ = entry.items()
        table = request["TableName"]
        if action == "Put":
            puts.setdefault(table, []).append({"PutRequest": {"Item": request["Item"]}})
        elif action == "Delete":
            puts.setdefault(table, []).append({"DeleteRequest": {"Key": request["Key"]}})
        elif action == "Update":
            call(client, "UpdateItem", {k: request[k] for k in _UPDATE_FIELDS if k in request})
        # A ConditionCheck writes nothing.
    for table, writes in puts.items():
        for start in range(0, len(writes), BATCH_WRITE_MAX):
            chunk = writes[start : start + BATCH_WRITE_MAX]
            unprocessed = call(client, "BatchWriteItem", {"RequestItems": {table: chunk}}).get(
                "UnprocessedItems"
            )
            if unprocessed:
                raise RuntimeError(f"seeding left unprocessed items: {unprocessed}")
    return {}


@contextmanager
def without_transactions() -> Iterator[None]:
    """Inside, TransactWriteItems calls are replayed as plain writes (see the module docstring)."""
    original = BaseClient._make_api_call

    def make_api_call(client: BaseClient, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        if operation == "TransactWriteItems":
            return _replay(original, client, params)
        return original(client, operation, params)

    BaseClient._make_api_call = make_api_call
    try:
        yield
    finally:
        BaseClient._make_api_call = original
