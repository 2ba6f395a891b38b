"""The gateways' AWS clients are made once per service and shared, not once per request: each new
client would cost milliseconds of CPU and stay in SnapStart's list of kept clients for good."""

from __future__ import annotations

import pytest

from convertly.accounts.cognito import CognitoGateway
from convertly.platform import aws_clients, snapstart
from convertly.platform.events.publisher import EventBridgePublisher
from convertly.platform.secret_box import KmsSecretBox


def test_each_gateway_made_per_request_shares_one_client_per_service() -> None:
    kept_before = len(snapstart._clients)
    gateways = [CognitoGateway() for _ in range(5)]
    boxes = [KmsSecretBox() for _ in range(5)]
    publishers = [EventBridgePublisher() for _ in range(5)]
    assert len({id(gateway._client) for gateway in gateways}) == 1
    assert len({id(box._client) for box in boxes}) == 1
    assert len({id(publisher._client) for publisher in publishers}) == 1
    assert gateways[0]._client.meta.service_model.service_name == "cognito-idp"
    # At most one kept client per service, however many requests made a gateway
    assert len(snapstart._clients) - kept_before <= 3


def test_another_endpoint_gets_a_client_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    first = aws_clients.aws_client("kms")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
    other = aws_clients.aws_client("kms")
    assert other is not first
    assert other.meta.endpoint_url == "http://127.0.0.1:1"
    monkeypatch.undo()
    assert aws_clients.aws_client("kms") is first
