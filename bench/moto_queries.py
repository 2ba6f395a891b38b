"""Keeps moto's Query from reading the whole table, for benches that store a million items.

moto 5.2 answers every Query by sorting every item of the table (`Table.all_items`), keeping the
partition asked for and testing each of its items against the key condition, with its DynamoType
wrappers throughout: one Query costs seconds with a million items, and a backfill making three
Queries per lead in a partition of many thousand search entries would take hours. This hands
`Table.query` only the items that can match, in the same thread:

* a table Query: the partition's items whose sort key passes the key condition, found by bisection
  in the partition's sort keys (kept in order as moto puts and deletes items, dropped whenever a
  transaction is rolled back or the count disagrees) and tested with moto's own comparison;
* an index Query: the items holding the index's partition key value, from an inverted index of the
  indexes' partition-key attributes (built in one pass at a table's first index Query, then kept in
  step with every put, update, delete and transaction, rolled back or not).

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


class _IndexKeys:
    """Per table: for each attribute that is an index's partition key, the keys of the items holding
    each value, and per item the values it was filed under. Built at the table's first index Query;
    every write refiles the item it names (`refile`), so a Query's candidates are never fewer than the
    items that match (a stale extra one is tested and dropped by moto as before)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._values: dict[int, dict[tuple[str, str, Any], set[tuple[Any, Any]]]] = {}
        self._filed: dict[int, dict[tuple[Any, Any], list[tuple[str, str, Any]]]] = {}

    @staticmethod
    def _names(table: Table) -> list[str]:
        names = []
        for index in [*table.global_indexes, *table.indexes]:
            names += [key["AttributeName"] for key in index.schema if key["KeyType"] == "HASH"]
        return sorted(set(names))

    def _file(self, table: Table, key: tuple[Any, Any], item: Any, names: list[str]) -> None:
        values, filed = self._values[id(table)], self._filed[id(table)]
        entries = []
        for name in names:
            value = item.attrs.get(name) if item is not None else None
            if value is not None and value.type in ("S", "N", "B"):  # what a key attribute can be
                entry = (name, value.type, value.value)
                values.setdefault(entry, set()).add(key)
                entries.append(entry)
        if entries:
            filed[key] = entries

    def _build(self, table: Table) -> None:
        self._values[id(table)], self._filed[id(table)] = {}, {}
        names = self._names(table)
        for hash_key, stored in table.items.items():
            if table.range_key_attr:
                for range_key, item in stored.items():
                    self._file(table, (hash_key, range_key), item, names)
            else:
                self._file(table, (hash_key, None), stored, names)

    def refile(self, table: Table, hash_key: Any, range_key: Any) -> None:
        """The item under this key changed (or went): file it again under what it holds now."""
        with self._lock:
            if id(table) not in self._values:
                return  # not built yet: the first index Query reads the table as it is
            key = (hash_key, range_key)
            values = self._values[id(table)]
            for entry in self._filed[id(table)].pop(key, []):
                holders = values.get(entry)
                if holders is not None:
                    holders.discard(key)
            self._file(table, key, table.get_item(hash_key, range_key), self._names(table))

    def candidates(self, table: Table, conditions: list[tuple[str, DynamoType]]) -> list[Any]:
        """The items holding every named partition-key attribute with its value."""
        with self._lock:
            if id(table) not in self._values:
                self._build(table)
            name, value = conditions[0]
            holders = list(self._values[id(table)].get((name, value.type, value.value), ()))
        found = []
        wanted = [(n, v.type, v.value) for n, v in conditions]
        for hash_key, range_key in holders:
            stored: Any = table.items.get(hash_key)
            item = stored.get(range_key) if table.range_key_attr and stored is not None else stored
            if item is not None and all(
                (v := item.attrs.get(n)) is not None and v.type == kind and v.value == raw
                for n, kind, raw in wanted
            ):
                found.append(item)
        return found

    def forget(self, table: Table | None = None) -> None:
        with self._lock:
            if table is None:
                self._values.clear()
                self._filed.clear()
            else:
                self._values.pop(id(table), None)
                self._filed.pop(id(table), None)


_INDEX_KEYS = _IndexKeys()


def _with_index_key(table: Table, conditions: list[tuple[str, DynamoType]]) -> list[Any]:
    """The items holding every named partition-key attribute with its value (from the inverted index)."""
    return _INDEX_KEYS.candidates(table, conditions)


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
    """Keep the sort keys and the index entries in step with every put and delete."""
    original_put: Callable[..., Any] = Table.put_item
    original_delete: Callable[..., Any] = Table.delete_item

    def put_item(self: Table, item_attrs: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        keys = None
        if self.range_key_attr and self.hash_key_attr in item_attrs and self.range_key_attr in item_attrs:
            keys = DynamoType(item_attrs[self.hash_key_attr]), DynamoType(item_attrs[self.range_key_attr])
        new = keys is not None and keys[1] not in self.items.get(keys[0], {})
        stored = original_put(self, item_attrs, *args, **kwargs)
        if new and keys is not None:
            _SORT_KEYS.added(self, *keys)
        if self.hash_key_attr in item_attrs:
            _INDEX_KEYS.refile(
                self,
                DynamoType(item_attrs[self.hash_key_attr]),
                DynamoType(item_attrs[self.range_key_attr]) if self.range_key_attr else None,
            )
        return stored

    def delete_item(self: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Any:
        deleted = original_delete(self, hash_key, range_key)
        if deleted is not None and range_key is not None:
            _SORT_KEYS.removed(self, hash_key, range_key)
        _INDEX_KEYS.refile(self, hash_key, range_key)
        return deleted

    Table.put_item = put_item  # type: ignore[method-assign]
    Table.delete_item = delete_item  # type: ignore[method-assign]


def _follow_backend_writes() -> None:
    """Forget the sort keys when a transaction fails, and file again each item a transaction or an
    update names: a rollback puts items back, and an update changes one in place, behind the table's
    methods."""
    original_transact: Callable[..., Any] = dynamodb_models.DynamoDBBackend.transact_write_items
    original_update: Callable[..., Any] = dynamodb_models.DynamoDBBackend.update_item

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        try:
            original_transact(self, transact_items)
        except Exception:
            _SORT_KEYS.forget()
            raise
        finally:
            for wrapper in transact_items:
                _refile_named(self, next(iter(wrapper.values()), {}))

    def update_item(self: Any, table_name: str, key: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return original_update(self, table_name, key, *args, **kwargs)
        finally:
            _refile_named(self, {"TableName": table_name, "Key": key})

    dynamodb_models.DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
    dynamodb_models.DynamoDBBackend.update_item = update_item  # type: ignore[method-assign]


def _refile_named(backend: Any, operation: dict[str, Any]) -> None:
    """File again the item a write names (by its table and key), whatever became of the write."""
    table = backend.tables.get(operation.get("TableName", ""))
    key = operation.get("Key") or operation.get("Item")
    if table is None or not key or table.hash_key_attr not in key:
        return
    range_key = DynamoType(key[table.range_key_attr]) if table.range_key_attr in key else None
    _INDEX_KEYS.refile(table, DynamoType(key[table.hash_key_attr]), range_key)


def apply() -> None:
    """Install the narrowed Query in moto's DynamoDB tables (idempotent)."""
    global _applied
    if _applied:
        return
    _narrow_queries()
    _follow_writes()
    _follow_backend_writes()
    _applied = True
