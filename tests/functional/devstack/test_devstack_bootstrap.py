"""Bootstrap creates every resource of convertly.resources in moto, once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from convertly.bulk.files import export_key
from convertly.imports.files import object_key as import_key
from convertly.media.files import object_key as media_key
from convertly.resources import CONSUMERS, EVENT_BUS, TABLE, UPLOADS, USER_POOL
from devstack.aws import LocalAws
from devstack.bootstrap import Outputs, bootstrap
from devstack.moto_server import MotoServer


@pytest.fixture(scope="module")
def aws() -> Iterator[LocalAws]:
    server = MotoServer("127.0.0.1", 0)
    server.start()
    yield LocalAws(server.url)
    server.stop()


@pytest.fixture(scope="module")
def outputs(aws: LocalAws) -> Outputs:
    return bootstrap(aws)


def test_running_it_again_creates_nothing_twice(aws: LocalAws, outputs: Outputs) -> None:
    again = bootstrap(aws)

    assert again == outputs
    pools = aws.client("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]
    assert [pool["Name"] for pool in pools].count(USER_POOL.name) == 1
    clients = aws.client("cognito-idp").list_user_pool_clients(UserPoolId=outputs.user_pool.pool_id)
    assert len(clients["UserPoolClients"]) == 1
    aliases = aws.client("kms").list_aliases()["Aliases"]
    assert [alias["AliasName"] for alias in aliases].count("alias/convertly-secrets") == 1


def test_the_table_has_its_keys_indexes_ttl_and_stream(aws: LocalAws, outputs: Outputs) -> None:
    dynamodb = aws.client("dynamodb")
    table = dynamodb.describe_table(TableName=TABLE.name)["Table"]

    assert {k["AttributeName"]: k["KeyType"] for k in table["KeySchema"]} == {"PK": "HASH", "SK": "RANGE"}
    assert sorted(index["IndexName"] for index in table["GlobalSecondaryIndexes"]) == [
        i.name for i in TABLE.indexes
    ]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert table["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    assert table["LatestStreamArn"] == outputs.stream_arn
    ttl = dynamodb.describe_time_to_live(TableName=TABLE.name)["TimeToLiveDescription"]
    assert (ttl["TimeToLiveStatus"], ttl["AttributeName"]) == ("ENABLED", TABLE.ttl_attribute)


def test_each_consumer_has_a_redriving_queue_and_a_rule(aws: LocalAws, outputs: Outputs) -> None:
    sqs, events = aws.client("sqs"), aws.client("events")
    for spec in CONSUMERS:
        refs = outputs.consumer_queues[spec.function]
        attributes = sqs.get_queue_attributes(QueueUrl=refs.queue.url, AttributeNames=["All"])["Attributes"]
        assert json.loads(attributes["RedrivePolicy"]) == {
            "deadLetterTargetArn": refs.dead_letter_queue.arn,
            "maxReceiveCount": spec.max_receive_count,
        }
        assert attributes["VisibilityTimeout"] == str(spec.visibility_timeout_seconds)
        rule = events.describe_rule(Name=spec.rule.name, EventBusName=EVENT_BUS)
        assert json.loads(rule["EventPattern"]) == spec.rule.event_pattern()
        targets = events.list_targets_by_rule(Rule=spec.rule.name, EventBusName=EVENT_BUS)["Targets"]
        assert [target["Arn"] for target in targets] == [refs.queue.arn]


def test_the_user_pool_signs_in_by_email_with_a_tenant_and_role_groups(
    aws: LocalAws, outputs: Outputs
) -> None:
    cognito = aws.client("cognito-idp")
    pool = cognito.describe_user_pool(UserPoolId=outputs.user_pool.pool_id)["UserPool"]
    client = cognito.describe_user_pool_client(
        UserPoolId=outputs.user_pool.pool_id, ClientId=outputs.user_pool.client_id
    )["UserPoolClient"]
    groups = cognito.list_groups(UserPoolId=outputs.user_pool.pool_id)["Groups"]

    assert pool["UsernameAttributes"] == ["email"]
    tenant: dict[str, Any] = next(a for a in pool["SchemaAttributes"] if a["Name"] == "custom:tenant_id")
    assert tenant["Mutable"] is False
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == USER_POOL.password_min_length
    assert "ClientSecret" not in client
    assert set(client["ExplicitAuthFlows"]) == {
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_SRP_AUTH",
    }
    assert sorted(group["GroupName"] for group in groups) == sorted(USER_POOL.groups)


def test_the_bucket_key_and_sender_exist(aws: LocalAws, outputs: Outputs) -> None:
    aws.client("s3").head_bucket(Bucket="convertly-web")
    ciphertext = aws.client("kms").encrypt(KeyId="alias/convertly-secrets", Plaintext=b"token")[
        "CiphertextBlob"
    ]
    assert aws.client("kms").decrypt(CiphertextBlob=ciphertext)["Plaintext"] == b"token"
    identities = aws.client("ses").list_identities()["Identities"]
    assert "noreply@convertly.local" in identities


def test_the_uploads_bucket_expires_imports_and_exports_but_never_the_media_library(
    aws: LocalAws, outputs: Outputs
) -> None:
    # Given the local uploads bucket's lifecycle, as bootstrap set it
    rules = aws.client("s3").get_bucket_lifecycle_configuration(Bucket=outputs.uploads_bucket)["Rules"]

    # When we find the rules that would expire a media file, an import's and an export's
    def expiring(key: str) -> list[str]:
        return [rule["ID"] for rule in rules if key.startswith(rule["Filter"]["Prefix"])]

    # Then, as on AWS, one rule per temporary prefix expires its files after the spec's days, and none
    # reaches the media library's files
    assert [(rule["Filter"]["Prefix"], rule["Expiration"]["Days"]) for rule in rules] == [
        ("imports/", UPLOADS.expire_days),
        ("exports/", UPLOADS.expire_days),
    ]
    assert expiring(media_key("t-1", "m-1", "Brochure.pdf")) == []
    assert expiring(import_key("t-1", "i-1", "source")) == ["expire-imports"]
    assert expiring(export_key("t-1", "b-1")) == ["expire-exports"]
