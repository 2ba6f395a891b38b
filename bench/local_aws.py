"""`python -m bench.local_aws`: what one AWS call costs the local stack, by how moto is served.

The local stack and each functional test worker serve moto in their own process, and every AWS call
of a handler goes to it over HTTP: the client's work (botocore), the server's (moto) and the
collector's all fall on the same process. Each configuration runs in a process of its own (the
collector's state is per process), against a table already holding STATE_ITEMS items, as a stack
holds its restored demo or a worker its earlier tests' tenants, and then makes CALLS calls: PutItem
of a new item and Query of one partition, in turn.

- connection: werkzeug's handler (`Connection: close` on every answer, so a connection and a server
  thread per call) against devstack/moto_server.py's KeepAliveRequestHandler.
- collector: Python's default thresholds against devstack/memory.py (`tune`, then `freeze_loaded`
  once the state is loaded).

It prints CPU milliseconds per call (this process's, client and server together; the median of
ROUNDS rounds, the configurations taking turns within each, as this machine's speed drifts), the
connections opened during the calls, and the collections and the time spent in them; never asserts
a time.

A second table compares moto's own answers with devstack/moto_speedups.py's on what a stack's
consumers and conditional writes do: a stream read of STREAM_RECORDS records (a consumer behind its
checkpoint reads up to a thousand at a time) and a conditional PutItem whose condition text repeats.
"""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import time
from typing import Any

from bench.env import configure_local

STATE_ITEMS = 30_000
CALLS = 3_000
ROUNDS = 3
PARTITIONS = 300
TABLE = "bench-local-aws"
CONFIGURATIONS = {
    "werkzeug handler, default collector": ("werkzeug", False),
    "keep-alive handler, default collector": ("keep-alive", False),
    "keep-alive handler, tuned collector (the stack)": ("keep-alive", True),
}


class _Collections:
    """Time and count of the collector's passes, by generation (gc.callbacks)."""

    def __init__(self) -> None:
        self.seconds = [0.0, 0.0, 0.0]
        self.count = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds[info["generation"]] += time.perf_counter() - self._started
            self.count[info["generation"]] += 1


def _item(partition: int, n: int) -> dict[str, Any]:
    return {
        "pk": {"S": f"TENANT#{partition:04d}"},
        "sk": {"S": f"LEAD#{n:08d}"},
        "name": {"S": f"Lead {n}"},
        "email": {"S": f"lead{n}@example.test"},
        "stage": {"S": "New"},
        "value": {"N": str(n % 5000)},
        "notes": {"S": "x" * 300},
    }


def _create_table(dynamodb: Any, **options: Any) -> dict[str, Any]:
    """The bench's table (pk, sk; on demand), with `options` (a stream); its description."""
    described: dict[str, Any] = dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
        **options,
    )["TableDescription"]
    return described


def _child(handler_name: str, tuned: bool) -> dict[str, Any]:
    from devstack import memory, moto_speedups
    from devstack.moto_server import KeepAliveRequestHandler, MotoRequestHandler, MotoServer

    if tuned:
        memory.tune()
    moto_speedups.apply()
    handler = KeepAliveRequestHandler if handler_name == "keep-alive" else MotoRequestHandler
    server = MotoServer("127.0.0.1", 0, handler=handler)
    server.start()
    configure_local(server.url)
    import boto3

    dynamodb = boto3.client("dynamodb", endpoint_url=server.url)
    _create_table(dynamodb)
    for start in range(0, STATE_ITEMS, 25):
        requests = [{"PutRequest": {"Item": _item(n % PARTITIONS, n)}} for n in range(start, start + 25)]
        dynamodb.batch_write_item(RequestItems={TABLE: requests})
    if tuned:
        memory.freeze_loaded()
    collections = _Collections()
    gc.callbacks.append(collections)
    before_accepted = server.connections_accepted
    cpu, wall = time.process_time(), time.perf_counter()
    for n in range(CALLS):
        if n % 2:
            dynamodb.query(
                TableName=TABLE,
                KeyConditionExpression="pk = :pk",
                ExpressionAttributeValues={":pk": {"S": f"TENANT#{n % PARTITIONS:04d}"}},
                Limit=25,
            )
        else:
            dynamodb.put_item(TableName=TABLE, Item=_item(n % PARTITIONS, STATE_ITEMS + n))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    gc.callbacks.remove(collections)
    server.stop()
    return {
        "cpu_ms_per_call": 1000 * cpu / CALLS,
        "wall_ms_per_call": 1000 * wall / CALLS,
        "connections": server.connections_accepted - before_accepted,
        "collections": collections.count,
        "collector_ms": [round(1000 * seconds) for seconds in collections.seconds],
        "collector_share": sum(collections.seconds) / cpu,
    }


STREAM_RECORDS = 1_000
STREAM_READS = 20
CONDITIONAL_PUTS = 1_000
CONDITION = "attribute_not_exists(pk) OR (#v BETWEEN :low AND :high AND #s IN (:a, :b))"


def _streams_child(speedups: bool) -> dict[str, Any]:
    """CPU ms per stream read and per conditional PutItem, with or without devstack/moto_speedups.py."""
    from devstack import memory, moto_speedups
    from devstack.moto_server import KeepAliveRequestHandler, MotoServer

    memory.tune()
    if speedups:
        moto_speedups.apply()
    server = MotoServer("127.0.0.1", 0, handler=KeepAliveRequestHandler)
    server.start()
    configure_local(server.url)
    import boto3

    dynamodb = boto3.client("dynamodb", endpoint_url=server.url)
    stream = {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    arn = _create_table(dynamodb, StreamSpecification=stream)["LatestStreamArn"]
    for n in range(STREAM_RECORDS):
        dynamodb.put_item(TableName=TABLE, Item=_item(n % PARTITIONS, n))
    streams = boto3.client("dynamodbstreams", endpoint_url=server.url)
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    memory.freeze_loaded()
    cpu = time.process_time()
    for _ in range(STREAM_READS):
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
        read = streams.get_records(ShardIterator=iterator["ShardIterator"], Limit=STREAM_RECORDS)
        assert len(read["Records"]) == STREAM_RECORDS
    read_ms = 1000 * (time.process_time() - cpu) / STREAM_READS
    cpu = time.process_time()
    for n in range(CONDITIONAL_PUTS):
        dynamodb.put_item(
            TableName=TABLE,
            Item=_item(n % PARTITIONS, n),
            ConditionExpression=CONDITION,
            ExpressionAttributeNames={"#v": "value", "#s": "stage"},
            ExpressionAttributeValues={
                ":low": {"N": "0"},
                ":high": {"N": str(n)},
                ":a": {"S": "New"},
                ":b": {"S": "Won"},
            },
        )
    put_ms = 1000 * (time.process_time() - cpu) / CONDITIONAL_PUTS
    server.stop()
    return {"read_ms": read_ms, "put_ms": put_ms}


def _streams(rounds: int) -> None:
    runs: dict[bool, list[dict[str, Any]]] = {False: [], True: []}
    for _ in range(rounds):
        for speedups in (False, True):
            command = [
                sys.executable,
                "-m",
                "bench.local_aws",
                "--child-streams",
                "on" if speedups else "off",
            ]
            done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
            runs[speedups].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(
        f"\n## A stream read of {STREAM_RECORDS:,} records and a conditional PutItem "
        f"(CPU ms per call, medians of {rounds} rounds)\n"
    )
    print("| moto | stream read | vs moto's | conditional PutItem | vs moto's |")
    print("|---|---|---|---|---|")
    base = {key: statistics.median(run[key] for run in runs[False]) for key in ("read_ms", "put_ms")}
    for speedups, label in ((False, "moto's own answers"), (True, "devstack/moto_speedups.py")):
        read = statistics.median(run["read_ms"] for run in runs[speedups])
        put = statistics.median(run["put_ms"] for run in runs[speedups])
        ratios = f"{read / base['read_ms']:.2f} | {put:.2f} | {put / base['put_ms']:.2f}"
        print(f"| {label} | {read:.1f} | {ratios} |")


def _run(handler: str, tuned: bool) -> dict[str, Any]:
    collector = "tuned" if tuned else "default"
    command = [sys.executable, "-m", "bench.local_aws", "--child", handler, collector]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 (this module)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], sys.argv[3] == "tuned")))
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "--child-streams":
        print(json.dumps(_streams_child(sys.argv[2] == "on")))
        return 0
    if sys.argv[1:] == ["--streams"]:  # the second table alone
        _streams(ROUNDS)
        return 0
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in CONFIGURATIONS}
    for round_ in range(ROUNDS):
        print(f"round {round_ + 1} of {ROUNDS} ...", file=sys.stderr)
        for name, (handler, tuned) in CONFIGURATIONS.items():
            runs[name].append(_run(handler, tuned))
    print(
        f"## One AWS call to the local moto ({STATE_ITEMS:,} items held, {CALLS:,} calls: "
        f"PutItem and Query of 25 in turn; medians of {ROUNDS} rounds)\n"
    )
    print(
        "| configuration | CPU ms/call | vs werkzeug | connections opened | full collections "
        "| collector ms (young, middle, full) | collector share of CPU |"
    )
    print("|---|---|---|---|---|---|---|")
    baseline = statistics.median(run["cpu_ms_per_call"] for run in runs[next(iter(CONFIGURATIONS))])
    for name, results in runs.items():
        cpu = statistics.median(run["cpu_ms_per_call"] for run in results)
        result = min(results, key=lambda run: abs(run["cpu_ms_per_call"] - cpu))  # the median run
        print(
            f"| {name} | {cpu:.2f} | {cpu / baseline:.2f} | {result['connections']:,} | "
            f"{result['collections'][2]} | {', '.join(map(str, result['collector_ms']))} | "
            f"{result['collector_share']:.0%} |"
        )
    _streams(ROUNDS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
