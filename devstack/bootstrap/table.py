"""The single DynamoDB table from `TableSpec`: keys, GSIs, TTL and the stream."""

from __future__ import annotations

import logging
from typing import Any

from convertly.platform.specs import IndexSpec, TableSpec

log = logging.getLogger("devstack.bootstrap")


def _string_attributes(*names: str) -> list[dict[str, str]]:
    return [{"AttributeName": name, "AttributeType": "S"} for name in dict.fromkeys(names)]


def _key_schema(partition_key: str, sort_key: str) -> list[dict[str, str]]:
    return [
        {"AttributeName": partition_key, "KeyType": "HASH"},
        {"AttributeName": sort_key, "KeyType": "RANGE"},
    ]


def _index(spec: IndexSpec) -> dict[str, Any]:
    return {
        "IndexName": spec.name,
        "KeySchema": _key_schema(spec.partition_key, spec.sort_key),
        "Projection": {"ProjectionType": "ALL"},
    }


def ensure_table(dynamodb: Any, spec: TableSpec) -> str:
    """Create the table, or add what a changed spec added (indexes, stream, TTL); returns the stream ARN."""
    try:
        table = dynamodb.describe_table(TableName=spec.name)["Table"]
    except dynamodb.exceptions.ResourceNotFoundException:
        table = _create(dynamodb, spec)
    else:
        table = _converge(dynamodb, spec, table)
    _ensure_ttl(dynamodb, spec)
    return str(table["LatestStreamArn"])


def _create(dynamodb: Any, spec: TableSpec) -> dict[str, Any]:
    keys = [spec.partition_key, spec.sort_key]
    for index in spec.indexes:
        keys += [index.partition_key, index.sort_key]
    log.info("creating table %s", spec.name)
    return dict(
        dynamodb.create_table(
            TableName=spec.name,
            KeySchema=_key_schema(spec.partition_key, spec.sort_key),
            AttributeDefinitions=_string_attributes(*keys),
            GlobalSecondaryIndexes=[_index(index) for index in spec.indexes],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": spec.stream_view_type},
        )["TableDescription"]
    )


def _converge(dynamodb: Any, spec: TableSpec, table: dict[str, Any]) -> dict[str, Any]:
    existing = {index["IndexName"] for index in table.get("GlobalSecondaryIndexes", [])}
    for index in spec.indexes:
        if index.name not in existing:
            log.info("adding index %s to %s", index.name, spec.name)
            dynamodb.update_table(
                TableName=spec.name,
                AttributeDefinitions=_string_attributes(index.partition_key, index.sort_key),
                GlobalSecondaryIndexUpdates=[{"Create": _index(index)}],
            )
    stream = table.get("StreamSpecification") or {}
    if not stream.get("StreamEnabled"):
        log.info("enabling the stream of %s", spec.name)
        dynamodb.update_table(
            TableName=spec.name,
            StreamSpecification={"StreamEnabled": True, "StreamViewType": spec.stream_view_type},
        )
    return dict(dynamodb.describe_table(TableName=spec.name)["Table"])


def _ensure_ttl(dynamodb: Any, spec: TableSpec) -> None:
    ttl = dynamodb.describe_time_to_live(TableName=spec.name)["TimeToLiveDescription"]
    if ttl.get("TimeToLiveStatus") == "ENABLED" and ttl.get("AttributeName") == spec.ttl_attribute:
        return
    dynamodb.update_time_to_live(
        TableName=spec.name, TimeToLiveSpecification={"Enabled": True, "AttributeName": spec.ttl_attribute}
    )
