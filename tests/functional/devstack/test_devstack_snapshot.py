"""A snapshot taken under the gate is consistent while requests keep writing."""

from __future__ import annotations

import pickle
import threading
import uuid
from collections.abc import Iterator

import pytest

from convertly.platform.specs import IndexSpec, TableSpec
from devstack.aws import LocalAws
from devstack.bootstrap.table import ensure_table
from devstack.moto_server import MotoServer
from devstack.snapshot import Snapshot, capture


@pytest.fixture(scope="module")
def server() -> Iterator[MotoServer]:
    moto = MotoServer("127.0.0.1", 0)
    moto.start()
    yield moto
    moto.stop()


def test_snapshots_under_the_gate_never_split_an_item_from_its_stream_record(server: MotoServer) -> None:
    # Given a table and a writer thread putting new items as fast as it can
    aws = LocalAws(server.url)
    name = f"test-{uuid.uuid4().hex[:8]}"
    ensure_table(
        aws.client("dynamodb"),
        TableSpec(name, "PK", "SK", (IndexSpec("GSI1", "GPK", "GSK"),), "ttl", "NEW_IMAGE"),
    )
    stop, started = threading.Event(), threading.Event()
    dynamodb = aws.client("dynamodb")

    def write() -> None:
        while not stop.is_set():
            dynamodb.put_item(TableName=name, Item={"PK": {"S": uuid.uuid4().hex}, "SK": {"S": "X"}})
            started.set()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        # When snapshots are taken while it writes
        assert started.wait(5)
        snapshots = []
        for _ in range(12):
            with server.gate.exclusive(timeout=5):
                snapshots.append(capture({"marker": 1}, services=("dynamodb",)))
            stop.wait(0.02)
    finally:
        stop.set()
        writer.join()

    # Then in every snapshot each item has exactly its one INSERT record
    counts = []
    for data in snapshots:
        snapshot = pickle.loads(data)  # noqa: S301
        assert isinstance(snapshot, Snapshot) and snapshot.runner == {"marker": 1}
        table = snapshot.backends["dynamodb"]["123456789012"]["us-east-1"].tables[name]
        items = sum(len(by_range) for by_range in table.items.values())
        assert len(table.stream_shard.items) == items
        counts.append(items)
    assert counts[0] > 0 and counts[-1] > counts[0]
