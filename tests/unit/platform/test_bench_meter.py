"""The benchmark's meter and its capacity arithmetic, checked against hand-worked figures."""

from __future__ import annotations

import threading
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from bench.capacity import (
    Capacity,
    Observation,
    TableKeys,
    WriteTarget,
    call_capacity,
    index_write_units,
    item_size,
    number_size,
    read_units,
    reported_capacity,
    write_units,
)
from bench.meter import Meter

KEYS = TableKeys("PK", "SK", {"GSI1": ("GSI1PK", "GSI1SK")})


def _item_of_size(size: int, **extra: Any) -> dict[str, Any]:
    """An item of exactly `size` bytes: "PK" (2 bytes) plus a string of size - 2 bytes."""
    return {"PK": {"S": "x" * (size - 2)}, **extra}


@pytest.mark.parametrize(
    ("item", "size"),
    [
        ({"PK": {"S": "T#1"}}, 2 + 3),
        ({"name": {"S": "Zoë"}}, 4 + 4),  # ë is two bytes in UTF-8
        ({"n": {"N": "12345"}}, 1 + 3 + 1),  # five significant digits: 3 bytes, plus 1
        ({"v": {"N": "100"}}, 1 + 1 + 1),  # trailing zeros do not count
        ({"x": {"N": "-0.0012"}}, 1 + 1 + 1),  # neither do leading ones, nor sign and point
        ({"ok": {"BOOL": True}}, 2 + 1),
        ({"gone": {"NULL": True}}, 4 + 1),
        ({"b": {"B": b"\x00\x01\x02"}}, 1 + 3),
        ({"tags": {"L": []}}, 4 + 3),
        ({"tags": {"L": [{"S": "ab"}, {"S": "c"}]}}, 4 + 3 + (1 + 2) + (1 + 1)),
        ({"m": {"M": {"k": {"S": "vv"}}}}, 1 + 3 + (1 + 1 + 2)),
        ({"ss": {"SS": ["a", "bc"]}}, 2 + 3),
    ],
)
def test_item_sizes_follow_the_documented_rules(item: dict[str, Any], size: int) -> None:
    assert item_size(item) == size


def test_a_number_costs_a_byte_per_two_digits_plus_one() -> None:
    assert [number_size(n) for n in ("0", "7", "42", "123", "1E+3")] == [2, 2, 2, 3, 2]


def test_units_round_up_per_kilobyte_for_writes_and_four_for_reads() -> None:
    assert [write_units(n) for n in (0, 1, 1024, 1025)] == [1, 1, 1, 2]
    assert [read_units(n, consistent=True) for n in (0, 4096, 4097)] == [1.0, 1.0, 2.0]
    assert read_units(4097, consistent=False) == 1.0


def test_a_query_sums_the_items_it_read_then_rounds_once() -> None:
    # Given three 1,500-byte items read strongly by one Query (4,500 bytes)
    items = [_item_of_size(1500) for _ in range(3)]
    query = call_capacity("Query", {"ConsistentRead": True}, {"Items": items}, None, {})
    # Then it costs 2 RCU, where three separate reads would cost 3 (1.5 eventually consistent)
    assert query.rcu == 2
    batch = call_capacity(
        "BatchGetItem",
        {"RequestItems": {"t": {"Keys": [{}, {}, {}]}}},
        {"Responses": {"t": items}},
        None,
        {},
    )
    assert batch.rcu == 1.5


def test_a_query_with_a_filter_pays_for_what_it_scanned() -> None:
    scanned = Observation(scanned=[_item_of_size(4000), _item_of_size(4000)])
    filtered = call_capacity("Query", {"IndexName": "GSI1"}, {"Items": []}, scanned, {})
    assert filtered.rcu == 1.0  # 8,000 bytes: 2 units, halved because index reads are eventual


def test_a_transactional_put_costs_twice_plus_its_index_entries() -> None:
    # Given a new 1,500-byte item with GSI1 keys, put in a transaction
    new = _item_of_size(1500, GSI1PK={"S": "a"}, GSI1SK={"S": "b"})
    size = item_size(new)
    observation = Observation(writes=[WriteTarget("Put", "t", None, new)])
    capacity = call_capacity("TransactWriteItems", {}, {}, observation, {"t": KEYS})
    # Then the table write is 2 WCU doubled, and the index entry one ordinary write of the item
    assert capacity.wcu == write_units(size) * 2 + write_units(size) == 6


def test_index_writes_follow_key_changes() -> None:
    small = {"PK": {"S": "p"}}
    keyed = {**small, "GSI1PK": {"S": "a"}, "GSI1SK": {"S": "b"}}
    moved = {**small, "GSI1PK": {"S": "c"}, "GSI1SK": {"S": "b"}}
    assert index_write_units(KEYS, None, small) == 0  # never in the index
    assert index_write_units(KEYS, None, keyed) == 1  # enters it
    assert index_write_units(KEYS, keyed, moved) == 2  # key changes: delete and put
    assert index_write_units(KEYS, keyed, small) == 1  # leaves it
    assert index_write_units(KEYS, keyed, {**keyed, "x": {"S": "y"}}) == 1  # projected change


def test_an_update_pays_for_the_larger_of_before_and_after() -> None:
    before, after = _item_of_size(2000), _item_of_size(900)
    observation = Observation(writes=[WriteTarget("Update", "t", before, after)])
    assert call_capacity("UpdateItem", {}, {}, observation, {"t": TableKeys("PK", None)}).wcu == 2


def test_moto_s_empty_consumed_capacity_counts_as_not_reported() -> None:
    assert reported_capacity("TransactWriteItems", {"ConsumedCapacity": []}) is None
    assert reported_capacity("GetItem", {"ConsumedCapacity": {"CapacityUnits": 0.5}}) == Capacity(rcu=0.5)


def _client() -> Any:
    return boto3.client("dynamodb", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")


def test_the_meter_counts_only_calls_made_inside_the_recording_on_its_thread() -> None:
    client = _client()
    request = {"TableName": "t", "Key": {"PK": {"S": "a"}}}
    meter = Meter()
    meter.install()
    try:
        with Stubber(client) as stub:
            for _ in range(3):
                stub.add_response("get_item", {"Item": {"PK": {"S": "a"}}}, request)
            client.get_item(**request)  # before the recording
            with meter.recording() as recording:
                client.get_item(**request)
                other = threading.Thread(target=lambda: client.get_item(**request))
                other.start()
                other.join()
    finally:
        meter.uninstall()
    assert recording.by_operation() == {"GetItem": 1}
    assert recording.calls[0].response["Item"] == {"PK": {"S": "a"}}


def test_the_meter_counts_calls_run_in_parallel_in_the_recordings_context() -> None:
    # Given the board's way of running queries at once (each in a copy of the caller's context)
    from convertly.platform.concurrency import in_parallel

    client = _client()
    request = {"TableName": "t", "Key": {"PK": {"S": "a"}}}
    meter = Meter()
    meter.install()
    try:
        with Stubber(client) as stub:
            for _ in range(4):
                stub.add_response("get_item", {"Item": {"PK": {"S": "a"}}}, request)
            with meter.recording() as recording:
                in_parallel([lambda: client.get_item(**request) for _ in range(3)])
            # A thread started without the recording's context is not billed to it
            other = threading.Thread(target=lambda: client.get_item(**request))
            with meter.recording() as elsewhere:
                other.start()
                other.join()
    finally:
        meter.uninstall()
    assert recording.by_operation() == {"GetItem": 3}
    assert elsewhere.by_operation() == {}
