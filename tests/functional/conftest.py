"""Functional tests: the real handlers against moto's server, with the resources the local stack and
CDK create from convertly.resources."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest

from convertly.platform.config import get_settings
from convertly.resources import CONSUMERS, EVENT_BUS, STREAM_CONSUMERS, TABLE, USER_POOL
from devstack import moto_speedups
from devstack.bootstrap.auth import ensure_user_pool
from devstack.bootstrap.extras import ensure_uploads
from devstack.bootstrap.messaging import ConsumerQueues, ensure_bus, ensure_consumer, ensure_failure_queue
from devstack.bootstrap.table import ensure_table
from devstack.moto_server import MotoServer

PASSWORD = "Correct-Horse-9"


@dataclass
class LocalAws:
    endpoint: str
    pool_id: str
    client_id: str
    consumers: dict[str, ConsumerQueues]

    def client(self, service: str) -> Any:
        return boto3.client(service, endpoint_url=self.endpoint, region_name="us-east-1")


@pytest.fixture(scope="session")
def aws() -> Iterator[LocalAws]:
    moto_speedups.apply()
    server = MotoServer("127.0.0.1", int(os.environ["MOTO_TEST_PORT"]))
    server.start()
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    make = lambda service: boto3.client(service, endpoint_url=endpoint, region_name="us-east-1")  # noqa: E731
    ensure_table(make("dynamodb"), TABLE)
    pool = ensure_user_pool(make("cognito-idp"), USER_POOL)
    ensure_bus(make("events"), EVENT_BUS)
    consumers = {
        spec.function: ensure_consumer(make("sqs"), make("events"), EVENT_BUS, spec) for spec in CONSUMERS
    }
    for stream_spec in STREAM_CONSUMERS:
        ensure_failure_queue(make("sqs"), stream_spec)
    uploads_queue = next(consumers[spec.function].queue.arn for spec in CONSUMERS if spec.uploads)
    ensure_uploads(make("s3"), uploads_queue)
    os.environ.update({"USER_POOL_ID": pool.pool_id, "USER_POOL_CLIENT_ID": pool.client_id})
    get_settings.cache_clear()
    yield LocalAws(endpoint, pool.pool_id, pool.client_id, consumers)
    server.stop()


class Api:
    """The Chalice app in-process: each call goes through app.py to the real Lambda handler."""

    def __init__(self, client: Any):
        self._client = client

    def call(
        self, method: str, path: str, body: Any = None, token: str | None = None, raw: str | None = None
    ) -> tuple[int, Any]:
        headers = {"content-type": "application/json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        response = getattr(self._client.http, method.lower())(path, headers=headers, body=payload)
        try:
            return response.status_code, json.loads(response.body)
        except ValueError:
            return response.status_code, response.body


@pytest.fixture(scope="session")
def api(aws: LocalAws) -> Iterator[Api]:
    from chalice.test import Client

    import app as gateway

    with Client(gateway.app) as client:
        yield Api(client)


@dataclass
class Account:
    tenant_id: str
    token: str
    email: str
    tokens: dict[str, Any]


_counter = iter(range(1_000_000))


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}{next(_counter)}-{os.getpid()}@example.test"


def sign_up(api: Api, company: str = "Acme Roofing") -> Account:
    email = unique_email("admin")
    status, body = api.call(
        "POST",
        "/auth/signup",
        {"company_name": company, "name": "Ada Admin", "email": email, "password": PASSWORD},
    )
    assert status == 201, body
    return Account(body["tenant"]["tenant_id"], body["tokens"]["id_token"], email, body["tokens"])


def invite(api: Api, admin: Account, role: str, name: str = "Team Member") -> Account:
    email = unique_email(role.lower().replace(" ", ""))
    status, body = api.call(
        "POST", "/users", {"email": email, "name": name, "role": role, "password": PASSWORD}, admin.token
    )
    assert status == 201, body
    status, tokens = api.call("POST", "/auth/login", {"email": email, "password": PASSWORD})
    assert status == 200, tokens
    return Account(admin.tenant_id, tokens["id_token"], email, {**tokens, "user_id": body["user_id"]})


@pytest.fixture
def tenant(api: Api) -> Account:
    return sign_up(api)


@pytest.fixture(scope="session")
def localstripe(aws: LocalAws) -> Iterator[Any]:
    """localstripe with the Convertly plans, and the functions' settings pointed at it (one per
    worker: the billing and affiliate program tests share it)."""
    from convertly.billing.stripe_gateway import gateway, stripe_keys
    from devstack.stripe_server import LocalStripe, stripe_environment

    server = LocalStripe("127.0.0.1", 0)
    server.start()
    os.environ.update(stripe_environment(server))
    get_settings.cache_clear()
    stripe_keys.cache_clear()
    gateway().sync_catalogue()
    yield server
    server.stop()
