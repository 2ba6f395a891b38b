"""DynamoDB capacity units computed from the real request and response payloads.

moto answers every call with a constant ConsumedCapacity, so the units are worked out here from
DynamoDB's documented rules instead:

* Item size: "DynamoDB item sizes and formats",
  https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
* Read and write units: "DynamoDB read and write operations",
  https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
* Transactions (every item costs twice): "Capacity management for transactions",
  https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html
* Index writes: "Provisioned throughput considerations for Global Secondary Indexes",
  https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html

Two choices the guides leave open: a ConditionCheck inside TransactWriteItems is counted as a
transactional write of the item it checks (which is how DynamoDB bills it), and index maintenance
is counted at the ordinary rate, since a transaction's changes reach the GSIs after it completes.

Items are in DynamoDB's wire format ({"S": ...}, {"N": ...}), as botocore sends and parses them.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

KB = 1024
WRITE_UNIT_BYTES = KB  # one WCU writes up to 1 KB
READ_UNIT_BYTES = 4 * KB  # one RCU reads up to 4 KB strongly consistently
TRANSACTION_FACTOR = 2  # prepare + commit: every transactional item costs twice

Item = Mapping[str, Mapping[str, Any]]

READ_OPERATIONS = frozenset({"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"})
WRITE_OPERATIONS = frozenset({"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"})


def number_size(text: str) -> int:
    """1 byte per two significant digits, plus 1; leading and trailing zeros do not count."""
    mantissa = text.strip().lstrip("+-").upper().split("E")[0]
    digits = mantissa.replace(".", "").strip("0")
    return (max(1, len(digits)) + 1) // 2 + 1


def _binary_size(value: Any) -> int:
    # botocore hands over bytes; a str is the base64 text of the wire format.
    return len(value) if isinstance(value, bytes | bytearray) else len(base64.b64decode(value))


def value_size(value: Mapping[str, Any]) -> int:
    """The size of one attribute value, without its name.

    Strings count their UTF-8 bytes, binaries their raw bytes, numbers `number_size`, null and
    booleans 1 byte. A list or map costs 3 bytes plus its elements, and each element 1 byte more;
    a map element also counts its key. Sets are the sum of their members.
    """
    (kind, content), *_ = value.items()
    if kind == "S":
        return len(content.encode("utf-8"))
    if kind == "N":
        return number_size(content)
    if kind == "B":
        return _binary_size(content)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(len(member.encode("utf-8")) for member in content)
    if kind == "NS":
        return sum(number_size(member) for member in content)
    if kind == "BS":
        return sum(_binary_size(member) for member in content)
    if kind == "L":
        return 3 + sum(1 + value_size(element) for element in content)
    if kind == "M":
        return 3 + sum(1 + len(key.encode("utf-8")) + value_size(element) for key, element in content.items())
    raise ValueError(f"unknown attribute type {kind!r}")


def item_size(item: Item | None) -> int:
    """The sum of every attribute's name length (UTF-8 bytes) and value size."""
    return sum(len(name.encode("utf-8")) + value_size(value) for name, value in (item or {}).items())


def write_units(size: int) -> int:
    """Writes round each item up to the next 1 KB; even an absent item costs one unit."""
    return max(1, math.ceil(size / WRITE_UNIT_BYTES))


def read_units(size: int, consistent: bool) -> float:
    """Reads round up to the next 4 KB (minimum one unit); eventually consistent reads cost half."""
    units = max(1, math.ceil(size / READ_UNIT_BYTES))
    return float(units) if consistent else units / 2


@dataclass(frozen=True)
class TableKeys:
    """The key attributes of a table and of each of its global secondary indexes (ALL projection)."""

    partition_key: str
    sort_key: str | None
    indexes: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)

    def key_of(self, item: Item) -> dict[str, Any]:
        names = [self.partition_key] + ([self.sort_key] if self.sort_key else [])
        return {name: item[name] for name in names}


@dataclass
class WriteTarget:
    """One item a write touched: the action, and the stored item before and after the call."""

    action: str  # Put | Update | Delete | ConditionCheck
    table: str
    before: Item | None
    after: Item | None


@dataclass
class Observation:
    """What the probe saw around a call: written items' images, or every item a read scanned."""

    writes: list[WriteTarget] = field(default_factory=list)
    scanned: list[Item] | None = None  # items read before a filter or projection applied


@dataclass
class Capacity:
    rcu: float = 0.0
    wcu: float = 0.0

    def __add__(self, other: Capacity) -> Capacity:
        return Capacity(self.rcu + other.rcu, self.wcu + other.wcu)


def index_write_units(keys: TableKeys, before: Item | None, after: Item | None) -> int:
    """Index maintenance for one table write, per the GSI guide's write rules.

    An index gains an entry (1 write) when the item newly has its keys, loses one (1 write) when the
    keys go, changes it with a delete and a put (2 writes) when a key value changes, and rewrites it
    (1 write) when only projected attributes change. An item without the keys before and after
    costs the index nothing. With ALL projection an entry is as large as the item.
    """
    total = 0
    for partition_key, sort_key in keys.indexes.values():
        names = [partition_key] + ([sort_key] if sort_key else [])
        old = [before.get(n) for n in names] if before else None
        new = [after.get(n) for n in names] if after else None
        had = old is not None and all(v is not None for v in old)
        has = new is not None and all(v is not None for v in new)
        if had and has and old != new:
            total += write_units(item_size(before)) + write_units(item_size(after))
        elif had and has:
            total += write_units(item_size(after)) if before != after else 0
        elif has:
            total += write_units(item_size(after))
        elif had:
            total += write_units(item_size(before))
    return total


def write_target_units(target: WriteTarget, keys: TableKeys | None, factor: int) -> int:
    if target.action == "ConditionCheck":
        # Billed as a write of the checked item (see the module docstring).
        return write_units(item_size(target.before)) * factor
    if target.action == "Delete":
        size = item_size(target.before)
    else:
        # Put and Update cost the larger of the item before and after the write.
        size = max(item_size(target.before), item_size(target.after))
    units = write_units(size) * factor
    if keys is not None and target.before != target.after:
        # Index entries follow after the commit, as ordinary writes (see the module docstring).
        units += index_write_units(keys, target.before, target.after)
    return units


def _query_capacity(
    params: Mapping[str, Any], response: Mapping[str, Any], observation: Observation | None
) -> float:
    """A Query or Scan sums the sizes of every item it read (before any filter), rounding once.

    Index reads are always eventually consistent.
    """
    scanned = (
        observation.scanned if observation and observation.scanned is not None else response.get("Items", [])
    )
    consistent = bool(params.get("ConsistentRead")) and "IndexName" not in params
    return read_units(sum(item_size(item) for item in scanned), consistent)


def _batch_get_capacity(params: Mapping[str, Any], response: Mapping[str, Any]) -> float:
    """BatchGetItem is one GetItem per key: each item rounds up on its own, an absent one costs one."""
    total = 0.0
    for table, request in params.get("RequestItems", {}).items():
        consistent = bool(request.get("ConsistentRead"))
        found = list(response.get("Responses", {}).get(table, []))
        unprocessed = len(response.get("UnprocessedKeys", {}).get(table, {}).get("Keys", []))
        missing = len(request.get("Keys", [])) - len(found) - unprocessed
        total += sum(read_units(item_size(item), consistent) for item in found)
        total += max(0, missing) * read_units(0, consistent)
    return total


def _get_capacity(
    params: Mapping[str, Any], response: Mapping[str, Any], observation: Observation | None
) -> float:
    item = observation.scanned[0] if observation and observation.scanned else response.get("Item")
    return read_units(item_size(item), bool(params.get("ConsistentRead")))


def call_capacity(
    operation: str,
    params: Mapping[str, Any],
    response: Mapping[str, Any],
    observation: Observation | None,
    schema: Mapping[str, TableKeys],
) -> Capacity:
    """The units one DynamoDB call consumes (0 for calls that are not item reads or writes)."""
    if operation in ("Query", "Scan"):
        return Capacity(rcu=_query_capacity(params, response, observation))
    if operation == "GetItem":
        return Capacity(rcu=_get_capacity(params, response, observation))
    if operation == "BatchGetItem":
        return Capacity(rcu=_batch_get_capacity(params, response))
    if operation == "TransactGetItems":
        items = [entry.get("Item") for entry in response.get("Responses", [])]
        return Capacity(rcu=sum(read_units(item_size(item), True) * TRANSACTION_FACTOR for item in items))
    if operation in WRITE_OPERATIONS and observation is not None:
        factor = TRANSACTION_FACTOR if operation == "TransactWriteItems" else 1
        return Capacity(
            wcu=sum(write_target_units(t, schema.get(t.table), factor) for t in observation.writes)
        )
    return Capacity()


def reported_capacity(operation: str, response: Mapping[str, Any]) -> Capacity | None:
    """What the service put in ConsumedCapacity (a dict, or a list for batches and transactions);
    None when the response carries none (moto answers TransactWriteItems with an empty list)."""
    consumed = response.get("ConsumedCapacity")
    if not consumed:
        return None
    entries: Iterable[Mapping[str, Any]] = consumed if isinstance(consumed, list) else [consumed]
    units = sum(float(entry.get("CapacityUnits", 0)) for entry in entries)
    if operation in READ_OPERATIONS:
        return Capacity(rcu=units)
    if operation in WRITE_OPERATIONS:
        return Capacity(wcu=units)
    return None


def write_keys(
    operation: str, params: Mapping[str, Any], schema: Mapping[str, TableKeys]
) -> list[tuple[str, str, dict[str, Any]]]:
    """(action, table, key) of every item a write call addresses, in request order."""
    targets: list[tuple[str, str, dict[str, Any]]] = []

    def add(action: str, request: Mapping[str, Any], table: str) -> None:
        key = dict(request["Key"]) if "Key" in request else schema[table].key_of(request["Item"])
        targets.append((action, table, key))

    if operation == "TransactWriteItems":
        for entry in params.get("TransactItems", []):
            (action, request), *_ = entry.items()
            add(action, request, request["TableName"])
    elif operation == "BatchWriteItem":
        for table, requests in params.get("RequestItems", {}).items():
            for request in requests:
                if "PutRequest" in request:
                    add("Put", request["PutRequest"], table)
                else:
                    add("Delete", request["DeleteRequest"], table)
    elif operation in ("PutItem", "UpdateItem", "DeleteItem"):
        add(operation.removesuffix("Item"), params, params["TableName"])
    return targets
