"""State survives a restart of `python -m devstack run`, and `reset` wipes it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from devstack.process import StackProcess
from devstack.settings import REPO_ROOT

PASSWORD = "Persist-Me-42!"
EMAIL = "ada@example.com"


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[StackProcess]:
    # No demo seed: this test is about the runner's persistence, and the seed takes seconds.
    process = StackProcess(tmp_path / "state", env={"DEVSTACK_SEED": "false"})
    yield process
    process.stop()


def _client(ready: dict[str, Any], service: str) -> Any:
    return boto3.client(service, endpoint_url=ready["moto_url"], region_name="us-east-1")


def _create_user(ready: dict[str, Any]) -> str:
    cognito = _client(ready, "cognito-idp")
    pool = ready["user_pool_id"]
    attributes = [{"Name": "email", "Value": EMAIL}, {"Name": "custom:tenant_id", "Value": "t-1"}]
    user = cognito.admin_create_user(
        UserPoolId=pool, Username=EMAIL, UserAttributes=attributes, MessageAction="SUPPRESS"
    )["User"]
    cognito.admin_set_user_password(UserPoolId=pool, Username=EMAIL, Password=PASSWORD, Permanent=True)
    cognito.admin_add_user_to_group(UserPoolId=pool, Username=EMAIL, GroupName="Admin")
    return next(a["Value"] for a in user["Attributes"] if a["Name"] == "sub")


def _log_in(ready: dict[str, Any]) -> dict[str, Any]:
    return dict(
        _client(ready, "cognito-idp").initiate_auth(
            ClientId=ready["user_pool_client_id"],
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": EMAIL, "PASSWORD": PASSWORD},
        )["AuthenticationResult"]
    )


def _sub(ready: dict[str, Any], access_token: str) -> str:
    attributes = _client(ready, "cognito-idp").get_user(AccessToken=access_token)["UserAttributes"]
    return next(a["Value"] for a in attributes if a["Name"] == "sub")


def _key() -> dict[str, Any]:
    return {"PK": {"S": "T#t-1#LEAD#1"}, "SK": {"S": "LEAD"}}


def test_users_items_and_queued_messages_survive_a_restart(stack: StackProcess) -> None:
    # Given a running stack with a user, an item, and a message waiting in a DLQ
    first = stack.start(timeout=60)
    sub = _create_user(first)
    _client(first, "dynamodb").put_item(TableName=first["table_name"], Item={**_key(), "name": {"S": "Ada"}})
    dlq = first["queues"]["audit_log"]["dead_letter_queue_url"]
    _client(first, "sqs").send_message(QueueUrl=dlq, MessageBody="parked")

    # When it stops (SIGINT) and starts again
    assert stack.stop() == 0
    second = stack.start(timeout=60)

    # Then the pool and client are the same, the login still works for the same user
    assert (second["user_pool_id"], second["user_pool_client_id"]) == (
        first["user_pool_id"],
        first["user_pool_client_id"],
    )
    tokens = _log_in(second)
    assert _sub(second, tokens["AccessToken"]) == sub
    # And the item and the parked message are still there
    item = _client(second, "dynamodb").get_item(TableName=second["table_name"], Key=_key())["Item"]
    assert item["name"] == {"S": "Ada"}
    dlq = second["queues"]["audit_log"]["dead_letter_queue_url"]
    messages = _client(second, "sqs").receive_message(QueueUrl=dlq)["Messages"]
    assert [m["Body"] for m in messages] == ["parked"]


def test_reset_wipes_the_state(stack: StackProcess) -> None:
    # Given a stack that ran once and stopped
    first = stack.start(timeout=60)
    _create_user(first)
    assert stack.stop() == 0

    # When the state is reset and the stack starts again
    subprocess.run(
        [sys.executable, "-m", "devstack", "reset"],
        cwd=REPO_ROOT,
        env=stack.env,
        check=True,
        capture_output=True,
    )
    second = stack.start(timeout=60)

    # Then it is a new, empty user pool
    assert second["user_pool_id"] != first["user_pool_id"]
    users = _client(second, "cognito-idp").list_users(UserPoolId=second["user_pool_id"])["Users"]
    assert users == []
