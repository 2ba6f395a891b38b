"""A snapshot taken under the gate is consistent while requests keep writing."""

from __future__ import annotations

import multiprocessing
import pickle
import threading
import uuid

from convertly.platform.specs import IndexSpec, TableSpec
from devstack.aws import LocalAws
from devstack.bootstrap.table import ensure_table
from devstack.moto_server import MotoServer
from devstack.snapshot import Snapshot, capture


def _snapshot_sizes() -> list[tuple[int, int]]:
    """In a process of its own (moto's state is per process, and a worker's is large): a writer
    thread puts new items as fast as it can while 12 snapshots are taken under the gate; each
    snapshot's (items, stream records) of the table."""
    server = MotoServer("127.0.0.1", 0)
    server.start()
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
    snapshots = []
    try:
        assert started.wait(5)
        for _ in range(12):
            with server.gate.exclusive(timeout=5):
                snapshots.append(capture({"marker": 1}, services=("dynamodb",)))
            stop.wait(0.02)
    finally:
        stop.set()
        writer.join()
        server.stop()
    sizes = []
    for data in snapshots:
        snapshot = pickle.loads(data)  # noqa: S301
        assert isinstance(snapshot, Snapshot) and snapshot.runner == {"marker": 1}
        table = snapshot.backends["dynamodb"]["123456789012"]["us-east-1"].tables[name]
        sizes.append((sum(len(by_range) for by_range in table.items.values()), len(table.stream_shard.items)))
    return sizes


def test_snapshots_under_the_gate_never_split_an_item_from_its_stream_record() -> None:
    # Given a table and a writer thread, when snapshots are taken while it writes
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        sizes = pool.apply(_snapshot_sizes)

    # Then in every snapshot each item has exactly its one INSERT record, and the table grew
    assert len(sizes) == 12
    assert all(items == records for items, records in sizes), sizes
    assert sizes[0][0] > 0 and sizes[-1][0] > sizes[0][0]
