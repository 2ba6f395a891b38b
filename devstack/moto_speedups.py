"""Keeps moto's TransactWriteItems and Query fast as the local table grows.

moto 5.2 deep-copies every table a transaction touches (items, and the stream's records) so it can
roll back a cancelled transaction; that makes each write O(table size) and a seeded local stack slow.
This keeps the same all-or-nothing behaviour with an undo log of only the items the transaction
names: before the write it remembers each of them (or their absence) and the stream's length, and
on cancellation puts them back.

moto's Query also reads the whole table, sorted, to find one partition's items (and an index's: it
sorts the table, then the matches again). A Query of the table here reads its one partition, and a
Query of an index reads the table's items unsorted (the matches are still sorted by the index's
keys, as before).

Three costs every request paid grow with the stack's use, not its work: moto's server looks up the
backend for a request's host by listing its modules on disk each time (remembered here per host);
an SQS ReceiveMessage or SendMessage reads every attribute of the queue, and the message counts
among them walk all the queue's messages (here a receive reads the retention period alone, and the
counts are only walked when asked for); and a rule's delivery to SQS builds a JSONPath parser per
path per event (the parsed paths are remembered). DynamoDB's item operations answer their result
as JSON directly: moto's shape-driven serializer, which walks every attribute value of every item
against the API model, gives the same document (binary values in base64) at a multiple of the
cost. Applied once per process by the local stack and
the tests.
"""

from __future__ import annotations

import base64
import calendar
import copy
import datetime
import functools
import inspect
import json
import threading
import types
import uuid
from collections import deque
from collections.abc import Callable
from typing import Any

from moto.core.responses import ActionResult
from moto.dynamodb import comparisons as dynamodb_comparisons
from moto.dynamodb import models as dynamodb_models
from moto.dynamodb import responses as dynamodb_responses
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.dynamodbstreams import responses as streams_responses
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto.sqs import models as sqs_models

_applied = False


def _passthrough_deepcopy(value: Any, memo: dict[int, Any] | None = None) -> Any:
    # The table snapshot moto takes is replaced by the undo log below; everything else copies as before.
    return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def _key_of(table: Table, operation: dict[str, Any]) -> tuple[DynamoType, DynamoType | None] | None:
    key = operation.get("Key") or operation.get("Item")
    if not key or table.hash_key_attr not in key:
        return None
    range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr in key else None
    return DynamoType(key[table.hash_key_attr]), range_value


def _remember(backend: Any, transact_items: list[dict[str, Any]]) -> tuple[list[Any], dict[str, int]]:
    undo: list[tuple[Table, DynamoType, DynamoType | None, Any]] = []
    stream_lengths: dict[str, int] = {}
    for wrapper in transact_items:
        operation: dict[str, Any] = next(iter(wrapper.values()), {})
        table = backend.tables.get(operation.get("TableName", ""))
        key = _key_of(table, operation) if table is not None else None
        if table is None or key is None:
            continue
        previous = table.get_item(*key)
        undo.append((table, key[0], key[1], copy.deepcopy(previous)))
        if table.stream_shard is not None:
            stream_lengths.setdefault(table.name, len(table.stream_shard.items))
    return undo, stream_lengths


def _roll_back(backend: Any, undo: list[Any], stream_lengths: dict[str, int]) -> None:
    for table, hash_value, range_value, previous in reversed(undo):
        if range_value is not None:
            if previous is None:
                table.items.get(hash_value, {}).pop(range_value, None)
            else:
                table.items[hash_value][range_value] = previous
        elif previous is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = previous
    for name, length in stream_lengths.items():
        del backend.tables[name].stream_shard.items[length:]


def _items_of(table: Table, hash_key: DynamoType | None) -> list[Any]:
    """The items a Query can match: the partition's when it names one of the table, else all, unsorted."""
    if hash_key is not None:
        partition = table.items.get(hash_key)
        if partition is None:
            return []
        return list(partition.values()) if table.range_key_attr else [partition]
    found: list[Any] = []
    # Copies taken in C, holding the GIL: another request thread may add a partition meanwhile
    for hash_set in list(table.items.values()):
        found.extend(list(hash_set.values()) if table.range_key_attr else [hash_set])
    return found


# The items the current thread's Query reads, per table: moto's server answers requests on threads.
_reading = threading.local()


def _all_items(original: Callable[[Table], list[Any]]) -> Callable[[Table], list[Any]]:
    def all_items(self: Table) -> list[Any]:
        current = getattr(_reading, "items", None)
        if current is not None and current[0] is self:
            return list(current[1])
        return original(self)

    return all_items


def _fast_query(original: Callable[..., Any]) -> Callable[..., Any]:
    signature = inspect.signature(original)

    def query(self: Table, hash_key: DynamoType | None, *args: Any, **kwargs: Any) -> Any:
        named = signature.bind(self, hash_key, *args, **kwargs).arguments
        base = named.get("index_name") is None
        previous = getattr(_reading, "items", None)
        _reading.items = (self, _items_of(self, hash_key if base else None))
        try:
            return original(self, hash_key, *args, **kwargs)
        finally:
            _reading.items = previous

    return query


def _remembered_backends(original: Callable[[Any, str | None], Any]) -> Callable[[Any, str | None], Any]:
    found: dict[str | None, Any] = {}

    def get_backend_for_host(self: Any, host: str | None) -> Any:
        if host not in found:
            found[host] = original(self, host)
        return found[host]

    return get_backend_for_host


# SendMessage reads the queue's attributes for its content-based deduplication flag alone.
_without_counts = threading.local()


def _counted(original: property) -> property:
    def count(self: Any) -> int:
        return 0 if getattr(_without_counts, "on", False) else int(original.fget(self))  # type: ignore[misc]

    return property(count)


def _send_without_counts(original: Callable[..., Any]) -> Callable[..., Any]:
    def send_message(self: Any, *args: Any, **kwargs: Any) -> Any:
        _without_counts.on = True
        try:
            return original(self, *args, **kwargs)
        finally:
            _without_counts.on = False

    return send_message


def _retained(self: Any, queue_name: str, message: Any) -> bool:
    """moto's retention check, reading the one attribute it needs."""
    queue = self.get_queue(queue_name)
    retain_until = int(queue.message_retention_period) + message.sent_timestamp / 1000
    return bool(retain_until > sqs_models.unix_time())


def _cached_jsonpath() -> None:
    from jsonpath_ng import ext

    ext.parse = functools.lru_cache(maxsize=256)(ext.parse)


# The operations whose answer is items, keys and capacity: plain JSON once moto has made its values
# wire-shaped (DynamoResult); the table and backup operations keep moto's serializer.
_ITEM_OPERATIONS = frozenset(
    {
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "BatchWriteItem",
        "TransactGetItems",
        "TransactWriteItems",
    }
)


def _wire(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__name__} is not JSON")


def _plain_dynamo_result(original: Callable[..., Any]) -> Callable[..., Any]:
    def execute_result(self: Any, context: Any) -> Any:
        result = self.result
        if not isinstance(result, dict) or context.operation_model.name not in _ITEM_OPERATIONS:
            return original(self, context)
        headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-requestid": uuid.uuid4().hex}
        return 200, headers, json.dumps(result, default=_wire)

    return execute_result


def _stream_wire(value: Any) -> Any:
    """A stream record's creation time as moto's serializer writes it (epoch seconds, to the
    millisecond), and binary values in base64."""
    if isinstance(value, datetime.datetime):
        seconds = calendar.timegm(value.utctimetuple())
        return seconds + (value.microsecond // 1000) / 1000.0 if value.microsecond else seconds
    return _wire(value)


class _PlainRecords(ActionResult):
    def execute_result(self, context: Any) -> Any:
        headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-requestid": uuid.uuid4().hex}
        return 200, headers, json.dumps(self.result, default=_stream_wire)


def _plain_records(original: Callable[[Any], ActionResult]) -> Callable[[Any], ActionResult]:
    def get_records(self: Any) -> ActionResult:
        return _PlainRecords(original(self).result)

    return get_records


# Per expression text: its tokens as (nonterminal, kind, text, value); each parse gets fresh nodes.
_TOKENS_KEPT = 4096


def _lexed_once(original: Callable[[Any], Any]) -> Callable[[Any], Any]:
    tokens: dict[str, tuple[tuple[Any, Any, str, Any], ...]] = {}

    def lex(self: Any) -> Any:
        text = self.condition_expression
        known = tokens.get(text)
        if known is None:
            nodes = original(self)  # an expression it cannot read raises here, and is not kept
            if len(tokens) < _TOKENS_KEPT:
                tokens[text] = tuple((n.nonterminal, n.kind, n.text, n.value) for n in nodes)
            return nodes
        node = self.Node
        return deque(node(nonterminal=t[0], kind=t[1], text=t[2], value=t[3], children=[]) for t in known)

    return lex


def _apply_request_speedups() -> None:
    dynamodb_responses.DynamoResult.execute_result = _plain_dynamo_result(  # type: ignore[method-assign]
        dynamodb_responses.DynamoResult.execute_result
    )
    DomainDispatcherApplication.get_backend_for_host = _remembered_backends(  # type: ignore[method-assign,assignment]
        DomainDispatcherApplication.get_backend_for_host
    )
    for name in (
        "approximate_number_of_messages",
        "approximate_number_of_messages_not_visible",
        "approximate_number_of_messages_delayed",
    ):
        setattr(sqs_models.Queue, name, _counted(getattr(sqs_models.Queue, name)))
    sqs_models.SQSBackend.send_message = _send_without_counts(sqs_models.SQSBackend.send_message)  # type: ignore[method-assign]
    sqs_models.SQSBackend.is_message_valid_based_on_retention_period = _retained  # type: ignore[method-assign]
    _cached_jsonpath()
    streams_responses.DynamoDBStreamsHandler.get_records = _plain_records(  # type: ignore[method-assign,assignment]
        streams_responses.DynamoDBStreamsHandler.get_records
    )
    parser = dynamodb_comparisons.ConditionExpressionParser
    parser._lex_condition_expression = _lexed_once(parser._lex_condition_expression)  # type: ignore[method-assign,assignment]


def apply() -> None:
    """Install the undo-log transaction and the partition Query in moto's DynamoDB backend, and the
    per-request savings above (idempotent)."""
    global _applied
    if _applied:
        return
    _apply_request_speedups()
    Table.all_items = _all_items(Table.all_items)  # type: ignore[method-assign,assignment]
    Table.query = _fast_query(Table.query)  # type: ignore[method-assign]
    dynamodb_models.copy = types.SimpleNamespace(deepcopy=_passthrough_deepcopy)  # type: ignore[assignment]
    original: Callable[..., None] = dynamodb_models.DynamoDBBackend.transact_write_items

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        undo, stream_lengths = _remember(self, transact_items)
        try:
            original(self, transact_items)
        except Exception:
            _roll_back(self, undo, stream_lengths)
            raise

    dynamodb_models.DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
    _applied = True
