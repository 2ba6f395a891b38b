"""Keeps moto's Query from reading the whole table, for benches that store a million items.

moto 5.2 answers every Query by sorting every item of the table (`Table.all_items`), keeping the
partition asked for and testing each of its items against the key condition, with its DynamoType
wrappers throughout: one Query costs seconds with a million items, and a backfill making three
Queries per lead in a partition of many thousand search entries would take hours. This hands
`Table.query` only the items that can match, in the same thread:

* a table Query: the partition's items whose sort key passes the key condition, found by bisection
  in the partition's sort keys (kept in order as moto puts and deletes items, dropped whenever a
  transaction is rolled back or the count disagrees) and tested with moto's own comparison;
* an index Query: the items holding the index's partition key, in one pass.

moto then sorts, tests and pages those as before (the order it returns is its own sort of them, not
the order of `all_items`), so the items, the order, the pages and LastEvaluatedKey are the same; only
the time changes. The sort of an index's items compares the key values themselves instead of their
wrappers (the same order: a DynamoType compares by that value). Like devstack/moto_speedups.py, it
changes how long moto takes, never what it answers. Installed after that module's partition Query,
it wraps it: its narrower set of items is what moto reads.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable
from typing import Any

from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.comparisons import get_comparison_func
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table

_candidates = threading.local()
_applied = False


class _SortKeys:
    """Each partition's string sort keys in order, by table and partition key."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: dict[tuple[int, DynamoType], list[str]] = {}

    def of(self, table: Table, hash_key: DynamoType, stored: dict[DynamoType, Any]) -> list[str] | None:
        """The partition's keys in order, or None when one is not a string."""
        with self._lock:
            keys = self._keys.get((id(table), hash_key))
            if keys is None or len(keys) != len(stored):
                if any(key.type != "S" for key in stored):
                    return None
                keys = self._keys[(id(table), hash_key)] = sorted(key.value for key in stored)
            return keys

    def added(self, table: Table, hash_key: DynamoType, range_key: DynamoType) -> None:
        with self._lock:
            keys = self._keys.get((id(table), hash_key))
            if keys is not None:
                if range_key.type == "S":
                    bisect.insort(keys, range_key.value)
                else:
                    del self._keys[(id(table), hash_key)]

    def removed(self, table: Table, hash_key: DynamoType, range_key: DynamoType) -> None:
        with self._lock:
            keys = self._keys.get((id(table), hash_key))
            if keys is not None:
                at = bisect.bisect_left(keys, range_key.value) if range_key.type == "S" else len(keys)
                if at < len(keys) and keys[at] == range_key.value:
                    del keys[at]
                else:
                    del self._keys[(id(table), hash_key)]

    def forget(self) -> None:
        with self._lock:
            self._keys.clear()


_SORT_KEYS = _SortKeys()


def _window(keys: list[str], comparison: str, bounds: list[str]) -> tuple[int, int]:
    """The slice of `keys` (sorted) that can pass the condition: a superset, tested afterwards."""
    first = bounds[0]
    if comparison == "BEGINS_WITH":
        low = high = bisect.bisect_left(keys, first)
        while high < len(keys) and keys[high].startswith(first):
            high += 1
        return low, high
    if comparison == "BETWEEN":
        return bisect.bisect_left(keys, first), bisect.bisect_right(keys, bounds[1])
    if comparison in ("EQ", "="):
        return bisect.bisect_left(keys, first), bisect.bisect_right(keys, first)
    if comparison in ("LT", "<", "LE", "<="):
        return 0, bisect.bisect_right(keys, first)
    if comparison in ("GT", ">", "GE", ">="):
        return bisect.bisect_left(keys, first), len(keys)
    return 0, len(keys)


def _partition(
    table: Table, hash_key: DynamoType | None, comparison: str | None, bounds: list[DynamoType]
) -> list[Any]:
    """The partition's items whose sort key passes the key condition (moto tests it again)."""
    if hash_key is None:
        return table.all_items()
    stored: Any = table.items.get(hash_key, {})
    if not isinstance(stored, dict):  # a table without a sort key: the partition is one item
        return [stored]
    test = get_comparison_func(comparison) if comparison else None
    keys = _SORT_KEYS.of(table, hash_key, stored) if test is not None else None
    if test is None or keys is None or any(bound.type != "S" for bound in bounds):
        return list(stored.values())
    plain = [bound.value for bound in bounds]
    low, high = _window(keys, str(comparison), plain)
    return [stored[DynamoType({"S": key})] for key in keys[low:high] if test(key, *plain)]


def _with_index_key(table: Table, conditions: list[tuple[str, DynamoType]]) -> list[Any]:
    """The items holding every named partition-key attribute with its value (one pass, no sort)."""
    wanted = [(name, value.type, value.value) for name, value in conditions]
    found = []
    for stored in table.items.values():
        items: Any = stored.values() if table.range_key_attr else (stored,)
        for item in items:
            attrs = item.attrs
            if all(
                (v := attrs.get(name)) is not None and v.type == kind and v.value == raw
                for name, kind, raw in wanted
            ):
                found.append(item)
    return found


def _plain(value: DynamoType) -> Any:
    """What a DynamoType compares by (its `cast_value`), without the wrapper's cost for a string."""
    return value.value if value.type == "S" else value.cast_value


def _narrow_queries() -> None:
    original_query: Callable[..., Any] = Table.query
    original_all: Callable[[Table], list[Any]] = Table.all_items
    original_sorted: Callable[..., list[Any]] = Table.sorted_items

    def all_items(self: Table) -> list[Any]:
        narrowed = getattr(_candidates, "items", None)
        return narrowed if narrowed is not None else original_all(self)

    def query(self: Table, hash_key: DynamoType | None, *args: Any, **kwargs: Any) -> Any:
        index_name = kwargs.get("index_name", args[6] if len(args) > 6 else None)
        conditions = kwargs.get("hash_key_conditions") or []
        if index_name and conditions:
            _candidates.items = _with_index_key(self, conditions)
        elif not index_name:
            comparison = kwargs.get("range_comparison", args[0] if args else None)
            bounds = kwargs.get("range_objs", args[1] if len(args) > 1 else [])
            _candidates.items = _partition(self, hash_key, comparison, bounds)
        try:
            return original_query(self, hash_key, *args, **kwargs)
        finally:
            _candidates.items = None

    def sorted_items(
        self: Table, hash_key_attrs: list[str], range_key_attrs: list[str | None], items: list[Any]
    ) -> list[Any]:
        names = self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs)
        try:
            items.sort(key=lambda item: tuple(_plain(item.attrs[name]) for name in names))
        except TypeError:  # values of different types under one name: moto's own comparison
            return original_sorted(self, hash_key_attrs, range_key_attrs, items)
        return items

    Table.all_items = all_items  # type: ignore[method-assign]
    Table.query = query  # type: ignore[method-assign]
    Table.sorted_items = sorted_items  # type: ignore[method-assign]


def _follow_writes() -> None:
    """Keep the sort keys in step with every put and delete; forget them when a transaction fails
    (moto, or devstack/moto_speedups.py, puts the table back behind the table's methods)."""
    original_put: Callable[..., Any] = Table.put_item
    original_delete: Callable[..., Any] = Table.delete_item
    original_transact: Callable[..., Any] = dynamodb_models.DynamoDBBackend.transact_write_items

    def put_item(self: Table, item_attrs: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        keys = None
        if self.range_key_attr and self.hash_key_attr in item_attrs and self.range_key_attr in item_attrs:
            keys = DynamoType(item_attrs[self.hash_key_attr]), DynamoType(item_attrs[self.range_key_attr])
        new = keys is not None and keys[1] not in self.items.get(keys[0], {})
        stored = original_put(self, item_attrs, *args, **kwargs)
        if new and keys is not None:
            _SORT_KEYS.added(self, *keys)
        return stored

    def delete_item(self: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Any:
        deleted = original_delete(self, hash_key, range_key)
        if deleted is not None and range_key is not None:
            _SORT_KEYS.removed(self, hash_key, range_key)
        return deleted

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        try:
            original_transact(self, transact_items)
        except Exception:
            _SORT_KEYS.forget()
            raise

    Table.put_item = put_item  # type: ignore[method-assign]
    Table.delete_item = delete_item  # type: ignore[method-assign]
    dynamodb_models.DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]


def apply() -> None:
    """Install the narrowed Query in moto's DynamoDB tables (idempotent)."""
    global _applied
    if _applied:
        return
    _narrow_queries()
    _follow_writes()
    _applied = True
