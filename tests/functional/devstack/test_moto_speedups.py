"""The local transaction rollback keeps moto's all-or-nothing behaviour."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.functional.conftest import LocalAws


def test_cancelled_transaction_restores_items_and_stream(aws: LocalAws) -> None:
    ddb = aws.client("dynamodb")
    ddb.put_item(TableName="convertly", Item={"PK": {"S": "T#rb"}, "SK": {"S": "A"}, "v": {"N": "1"}})
    arn = ddb.describe_table(TableName="convertly")["Table"]["LatestStreamArn"]

    # (the stream from here on: the worker's table has a long stream behind it)
    streams = aws.client("dynamodbstreams")
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    latest = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")

    def records_since() -> list[dict[str, Any]]:
        answer = streams.get_records(ShardIterator=latest["ShardIterator"], Limit=100)
        return list(answer["Records"])

    # When a transaction updates A, creates B, and then fails a condition on C
    with pytest.raises(ClientError) as raised:
        ddb.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": "convertly",
                        "Item": {"PK": {"S": "T#rb"}, "SK": {"S": "A"}, "v": {"N": "2"}},
                    }
                },
                {"Put": {"TableName": "convertly", "Item": {"PK": {"S": "T#rb"}, "SK": {"S": "B"}}}},
                {
                    "ConditionCheck": {
                        "TableName": "convertly",
                        "Key": {"PK": {"S": "T#rb"}, "SK": {"S": "C"}},
                        "ConditionExpression": "attribute_exists(PK)",
                    }
                },
            ]
        )
    assert raised.value.response["Error"]["Code"] == "TransactionCanceledException"
    # Then A keeps its old value, B does not exist, and the stream gained nothing
    items = ddb.query(
        TableName="convertly",
        KeyConditionExpression="PK = :p",
        ExpressionAttributeValues={":p": {"S": "T#rb"}},
    )["Items"]
    assert items == [{"PK": {"S": "T#rb"}, "SK": {"S": "A"}, "v": {"N": "1"}}]
    assert records_since() == []
    # (while a write that succeeds is on the stream read the same way)
    ddb.put_item(TableName="convertly", Item={"PK": {"S": "T#rb"}, "SK": {"S": "D"}})
    assert [record["dynamodb"]["Keys"]["SK"] for record in records_since()] == [{"S": "D"}]


def test_a_query_reads_its_partition_in_key_order_and_an_index_query_still_finds_every_match(
    aws: LocalAws,
) -> None:
    ddb = aws.client("dynamodb")
    # Given items of two partitions, some of them in one GSI partition
    for pk, sk, gsi in [("T#qa", "B", "x"), ("T#qa", "A", None), ("T#qb", "A", "x"), ("T#qa", "C", "x")]:
        item = {"PK": {"S": pk}, "SK": {"S": sk}}
        if gsi:
            item |= {"GSI1PK": {"S": f"T#q#{gsi}"}, "GSI1SK": {"S": f"{pk}{sk}"}}
        ddb.put_item(TableName="convertly", Item=item)

    def sks(**query: object) -> list[str]:
        found = ddb.query(TableName="convertly", **query)["Items"]
        return [f"{i['PK']['S']}{i['SK']['S']}" for i in found]

    # When the table is queried by partition, forward and backward, with a range and a limit
    by_pk = {"KeyConditionExpression": "PK = :p", "ExpressionAttributeValues": {":p": {"S": "T#qa"}}}
    assert sks(**by_pk) == ["T#qaA", "T#qaB", "T#qaC"]
    assert sks(**by_pk, ScanIndexForward=False, Limit=2) == ["T#qaC", "T#qaB"]
    ranged = {
        "KeyConditionExpression": "PK = :p AND SK >= :s",
        "ExpressionAttributeValues": {":p": {"S": "T#qa"}, ":s": {"S": "B"}},
    }
    assert sks(**ranged) == ["T#qaB", "T#qaC"]
    # And an index across both partitions
    by_gsi = {
        "IndexName": "GSI1",
        "KeyConditionExpression": "GSI1PK = :g",
        "ExpressionAttributeValues": {":g": {"S": "T#q#x"}},
    }
    assert sks(**by_gsi) == ["T#qaB", "T#qaC", "T#qbA"]
    # And a partition that does not exist
    assert sks(KeyConditionExpression="PK = :p", ExpressionAttributeValues={":p": {"S": "T#none"}}) == []


def test_two_conditional_writes_racing_for_one_item_let_exactly_one_through(
    aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As DynamoDB does: a lease taken by a conditional update is taken once, however many request
    threads try at the same moment (moto checks, then writes; devstack.gate lets writes take turns)."""
    import threading
    import time
    import uuid

    from moto.dynamodb.models import DynamoDBBackend

    # A busy machine: each update waits a moment before moto checks and writes, so the threads meet

    original = DynamoDBBackend.update_item

    def paused(self: Any, *args: Any, **kwargs: Any) -> Any:
        time.sleep(0.02)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DynamoDBBackend, "update_item", paused)
    ddb = aws.client("dynamodb")
    table = ddb.list_tables()["TableNames"][0]
    won: list[int] = []
    for _ in range(5):
        key = {"PK": {"S": f"RACE#{uuid.uuid4().hex}"}, "SK": {"S": "LEASE"}}
        winners: list[str] = []

        def take(name: str, key: dict[str, Any] = key, winners: list[str] = winners) -> None:
            try:
                ddb.update_item(
                    TableName=table,
                    Key=key,
                    UpdateExpression="SET lease_id = :me",
                    ConditionExpression="attribute_not_exists(lease_id)",
                    ExpressionAttributeValues={":me": {"S": name}},
                )
                winners.append(name)
            except ClientError as error:
                assert error.response["Error"]["Code"] == "ConditionalCheckFailedException"

        threads = [threading.Thread(target=take, args=(f"sender-{n}",)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        won.append(len(winners))
    assert won == [1, 1, 1, 1, 1]


def test_stream_records_carry_every_attribute_type_and_their_time_as_written(aws: LocalAws) -> None:
    ddb = aws.client("dynamodb")
    arn = ddb.describe_table(TableName="convertly")["Table"]["LatestStreamArn"]
    streams = aws.client("dynamodbstreams")
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    latest = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")
    item: dict[str, Any] = {
        "PK": {"S": "T#types"},
        "SK": {"S": "A"},
        "s": {"S": "naïve ✓"},
        "n": {"N": "1.5"},
        "b": {"B": b"\x00\xffbinary"},
        "t": {"BOOL": True},
        "z": {"NULL": True},
        "l": {"L": [{"S": "x"}, {"N": "2"}, {"B": b"\x01"}]},
        "m": {"M": {"inner": {"B": b"\x02\x03"}, "name": {"S": "y"}}},
        "ss": {"SS": ["only"]},
        "ns": {"NS": ["7"]},
        "bs": {"BS": [b"\x04"]},
    }
    # When the item is written and then one attribute changes
    ddb.put_item(TableName="convertly", Item=item)
    ddb.update_item(
        TableName="convertly",
        Key={"PK": item["PK"], "SK": item["SK"]},
        UpdateExpression="SET n = :n",
        ExpressionAttributeValues={":n": {"N": "2"}},
    )
    before = datetime.now(UTC)
    records = streams.get_records(ShardIterator=latest["ShardIterator"], Limit=100)["Records"]
    # Then the stream (new images, as on AWS) reads back both writes exactly, binary values included
    inserted, modified = records
    assert inserted["eventName"] == "INSERT" and modified["eventName"] == "MODIFY"
    assert inserted["dynamodb"]["NewImage"] == item
    assert modified["dynamodb"]["NewImage"] == {**item, "n": {"N": "2"}}
    assert modified["dynamodb"]["Keys"] == {"PK": item["PK"], "SK": item["SK"]}
    # And each record's time is when it was written
    created = inserted["dynamodb"]["ApproximateCreationDateTime"]
    assert isinstance(created, datetime) and abs((before - created).total_seconds()) < 60


def test_one_condition_text_with_other_values_is_judged_on_those_values(aws: LocalAws) -> None:
    ddb = aws.client("dynamodb")
    key = {"PK": {"S": "T#cond"}, "SK": {"S": "A"}}
    ddb.put_item(TableName="convertly", Item={**key, "v": {"N": "5"}, "tag": {"S": "b"}})
    condition = "(v BETWEEN :low AND :high) AND (tag IN (:a, :b) OR attribute_not_exists(tag))"

    def put_if(low: int, high: int, a: str, b: str) -> bool:
        values = {":low": {"N": str(low)}, ":high": {"N": str(high)}, ":a": {"S": a}, ":b": {"S": b}}
        try:
            ddb.put_item(
                TableName="convertly",
                Item={**key, "v": {"N": "5"}, "tag": {"S": "b"}},
                ConditionExpression=condition,
                ExpressionAttributeValues=values,
            )
        except ClientError as error:
            assert error.response["Error"]["Code"] == "ConditionalCheckFailedException"
            return False
        return True

    # The same text, read many times, is judged each time on the values it comes with
    assert put_if(1, 9, "a", "b") is True
    assert put_if(6, 9, "a", "b") is False
    assert put_if(1, 9, "c", "d") is False
    assert put_if(5, 5, "b", "x") is True
