"""bench/moto_queries.py changes how long moto's Query takes, never what it answers: after random
puts, updates (which change items in place), deletes and transactions (some cancelled and rolled
back), every index Query answers the same items as an unnarrowed pass over the table would."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from bench import moto_queries
from devstack import moto_speedups

TABLE = "bench-queries"


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    moto_speedups.apply()
    moto_queries.apply()
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name="us-east-1")
        dynamodb.create_table(
            TableName=TABLE,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[
                {"AttributeName": name, "AttributeType": "S"} for name in ("PK", "SK", "G1PK", "G1SK", "G2PK")
            ],
            KeySchema=[
                {"AttributeName": "PK", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"},
            ],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "GSI1",
                    "KeySchema": [
                        {"AttributeName": "G1PK", "KeyType": "HASH"},
                        {"AttributeName": "G1SK", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                },
                {
                    "IndexName": "GSI2",
                    "KeySchema": [{"AttributeName": "G2PK", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                },
            ],
        )
        yield dynamodb
    moto_queries._INDEX_KEYS.forget()


def _index_query(client: Any, index: str, value: str) -> list[tuple[str, str]]:
    name = "G1PK" if index == "G1" else "G2PK"
    found, start = [], None
    while True:
        extra = {"ExclusiveStartKey": start} if start else {}
        page = client.query(
            TableName=TABLE,
            IndexName="GSI1" if index == "G1" else "GSI2",
            KeyConditionExpression="#k = :v",
            ExpressionAttributeNames={"#k": name},
            ExpressionAttributeValues={":v": {"S": value}},
            **extra,
        )
        found += [(i["PK"]["S"], i["SK"]["S"]) for i in page["Items"]]
        start = page.get("LastEvaluatedKey")
        if not start:
            return sorted(found)


def _truth(client: Any, index: str, value: str) -> list[tuple[str, str]]:
    from moto.dynamodb.models import dynamodb_backends

    table = dynamodb_backends["123456789012"]["us-east-1"].tables[TABLE]
    name = "G1PK" if index == "G1" else "G2PK"
    found = []
    for stored in table.items.values():
        for item in stored.values():
            held = item.attrs.get(name)
            if held is not None and held.value == value and (index != "G1" or "G1SK" in item.attrs):
                found.append((item.attrs["PK"].value, item.attrs["SK"].value))
    return sorted(found)


VALUES = ["a", "b", "c"]
KEYS = [(f"P#{p}", f"S#{s}") for p in range(6) for s in range(5)]


def _item(rng: random.Random, pk: str, sk: str) -> dict[str, Any]:
    out: dict[str, Any] = {"PK": {"S": pk}, "SK": {"S": sk}}
    if rng.random() < 0.8:
        out["G1PK"], out["G1SK"] = {"S": rng.choice(VALUES)}, {"S": sk}
    if rng.random() < 0.5:
        out["G2PK"] = {"S": rng.choice(VALUES)}
    return out


def _transaction(client: Any, rng: random.Random, pk: str, sk: str) -> None:
    """A put and an update in one transaction; half of them cancelled by the update's condition."""
    other = rng.choice(KEYS)
    condition = "attribute_not_exists(PK)" if rng.random() < 0.5 else "attribute_exists(PK)"
    update = {
        "TableName": TABLE,
        "Key": {"PK": {"S": other[0]}, "SK": {"S": other[1] + "x"}},
        "UpdateExpression": "SET G1PK = :v, G1SK = :s",
        "ConditionExpression": condition,
        "ExpressionAttributeValues": {":v": {"S": rng.choice(VALUES)}, ":s": {"S": "z"}},
    }
    try:
        client.transact_write_items(
            TransactItems=[{"Put": {"TableName": TABLE, "Item": _item(rng, pk, sk)}}, {"Update": update}]
        )
    except ClientError as error:
        assert error.response["Error"]["Code"] == "TransactionCanceledException"


def _random_write(client: Any, rng: random.Random) -> None:
    pk, sk = rng.choice(KEYS)
    key = {"PK": {"S": pk}, "SK": {"S": sk}}
    roll = rng.random()
    if roll < 0.35:
        client.put_item(TableName=TABLE, Item=_item(rng, pk, sk))
    elif roll < 0.6:  # in place: the item leaves GSI1 and moves within GSI2
        client.update_item(
            TableName=TABLE,
            Key=key,
            UpdateExpression="SET G2PK = :v REMOVE G1PK",
            ExpressionAttributeValues={":v": {"S": rng.choice(VALUES)}},
        )
    elif roll < 0.75:
        client.delete_item(TableName=TABLE, Key=key)
    else:
        _transaction(client, rng, pk, sk)


def test_index_queries_match_the_table_after_random_writes(client: Any) -> None:
    rng = random.Random(7)
    client.put_item(TableName=TABLE, Item=_item(rng, *KEYS[0]))
    assert _index_query(client, "G1", "a") == _truth(client, "G1", "a")  # builds the inverted index
    for step in range(400):
        _random_write(client, rng)
        for index in ("G1", "G2"):
            for value in VALUES:
                assert _index_query(client, index, value) == _truth(client, index, value), (
                    step,
                    index,
                    value,
                )
