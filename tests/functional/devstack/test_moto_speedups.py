"""The local transaction rollback keeps moto's all-or-nothing behaviour."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.functional.conftest import LocalAws


def test_cancelled_transaction_restores_items_and_stream(aws: LocalAws) -> None:
    ddb = aws.client("dynamodb")
    ddb.put_item(TableName="convertly", Item={"PK": {"S": "T#rb"}, "SK": {"S": "A"}, "v": {"N": "1"}})
    arn = ddb.describe_table(TableName="convertly")["Table"]["LatestStreamArn"]

    def stream_length() -> int:
        streams = aws.client("dynamodbstreams")
        shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
        return len(streams.get_records(ShardIterator=iterator["ShardIterator"], Limit=10000)["Records"])

    before = stream_length()
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
    assert stream_length() == before
