"""The single DynamoDB table matches resources.TABLE and is safe to keep tenant data in."""

from __future__ import annotations

import pytest

from convertly.resources import TABLE


def _key_schema(partition_key: str, sort_key: str) -> list[dict[str, str]]:
    return [
        {"AttributeName": partition_key, "KeyType": "HASH"},
        {"AttributeName": sort_key, "KeyType": "RANGE"},
    ]


def test_the_table_has_string_pk_and_sk_and_is_on_demand(stack_template):
    # Given the one table in the stack
    _, table = stack_template.only("AWS::DynamoDB::Table")
    properties = table["Properties"]

    # When we read its keys and billing
    attribute_types = {a["AttributeName"]: a["AttributeType"] for a in properties["AttributeDefinitions"]}

    # Then it is keyed PK/SK (strings), named as the spec says, and billed per request
    assert properties["TableName"] == TABLE.name
    assert properties["KeySchema"] == _key_schema(TABLE.partition_key, TABLE.sort_key)
    assert set(attribute_types.values()) == {"S"}
    assert properties["BillingMode"] == "PAY_PER_REQUEST"


def test_every_gsi_of_the_spec_exists_with_string_keys_and_all_attributes(stack_template):
    # Given the table's indexes by name
    _, table = stack_template.only("AWS::DynamoDB::Table")
    indexes = {i["IndexName"]: i for i in table["Properties"]["GlobalSecondaryIndexes"]}
    attribute_types = {
        a["AttributeName"]: a["AttributeType"] for a in table["Properties"]["AttributeDefinitions"]
    }

    # When we compare them with resources.TABLE
    # Then they are exactly the spec's indexes, keyed and projected as specified
    assert sorted(indexes) == sorted(index.name for index in TABLE.indexes)
    for spec in TABLE.indexes:
        index = indexes[spec.name]
        assert index["KeySchema"] == _key_schema(spec.partition_key, spec.sort_key)
        assert index["Projection"] == {"ProjectionType": "ALL"}
        assert attribute_types[spec.partition_key] == attribute_types[spec.sort_key] == "S"


@pytest.mark.parametrize("index", TABLE.indexes, ids=lambda index: index.name)
def test_every_gsi_key_name_starts_with_gsi(index):
    # Given an index of the table spec
    # When we read its key names
    keys = (index.name, index.partition_key, index.sort_key)

    # Then all of them carry the GSI prefix, so an index key never collides with an item attribute
    assert all(key.startswith("GSI") for key in keys), keys


def test_the_table_expires_items_streams_new_images_and_is_recoverable(stack_template):
    # Given the table
    _, table = stack_template.only("AWS::DynamoDB::Table")
    properties = table["Properties"]

    # When we read its TTL, stream and recovery settings
    # Then TTL uses the spec's attribute, the outbox stream carries new images and PITR is on
    assert properties["TimeToLiveSpecification"] == {"AttributeName": TABLE.ttl_attribute, "Enabled": True}
    assert properties["StreamSpecification"] == {"StreamViewType": TABLE.stream_view_type}
    assert properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert properties["DeletionProtectionEnabled"] is True


def test_the_table_survives_stack_deletion_and_replacement(stack_template):
    # Given the table resource
    _, table = stack_template.only("AWS::DynamoDB::Table")

    # When CloudFormation would delete or replace it
    # Then it keeps the data
    assert table["DeletionPolicy"] == "Retain"
    assert table["UpdateReplacePolicy"] == "Retain"
