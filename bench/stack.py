"""moto's server in this process with every resource of convertly.resources, and the API in front.

The same startup as tests/functional/conftest.py: MotoServer, then the devstack bootstrap functions.
Requests go through app.py's Chalice app (chalice.test.Client), which hands each one to the real
Lambda handler as an API Gateway REST event.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import boto3

from bench.env import REGION, configure_local
from devstack.moto_server import MotoServer

if TYPE_CHECKING:
    from bench.capacity import TableKeys
    from bench.meter import Meter


class ApiError(RuntimeError):
    pass


class Api:
    """JSON over the in-process Chalice client; a non-2xx answer raises (the bench needs successes)."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def call(self, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
        headers = {"content-type": "application/json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        payload = json.dumps(body) if body is not None else None
        response = getattr(self._client.http, method.lower())(path, headers=headers, body=payload)
        if not 200 <= response.status_code < 300:
            raise ApiError(f"{method} {path} -> {response.status_code}: {response.body!r}")
        return json.loads(response.body)


@dataclass
class LocalStack:
    server: MotoServer
    endpoint: str
    api: Api
    _chalice: Any

    def client(self, service: str) -> Any:
        return boto3.client(service, endpoint_url=self.endpoint, region_name=REGION)

    def stop(self) -> None:
        self._chalice.__exit__(None, None, None)
        self.server.stop()


def reserve_endpoint() -> str:
    """Pick moto's port and put its URL in the environment, before anything imports convertly."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    endpoint = f"http://127.0.0.1:{port}"
    configure_local(endpoint)
    return endpoint


def start(endpoint: str) -> LocalStack:
    server = MotoServer("127.0.0.1", int(endpoint.rsplit(":", 1)[1]))
    server.start()

    from chalice.test import Client

    from convertly.platform.config import get_settings
    from convertly.resources import CONSUMERS, EVENT_BUS, STREAM_CONSUMERS, TABLE, USER_POOL
    from devstack.bootstrap.auth import ensure_user_pool
    from devstack.bootstrap.messaging import ensure_bus, ensure_consumer, ensure_failure_queue
    from devstack.bootstrap.table import ensure_table

    def make(service: str) -> Any:
        return boto3.client(service, endpoint_url=endpoint, region_name=REGION)

    ensure_table(make("dynamodb"), TABLE)
    pool = ensure_user_pool(make("cognito-idp"), USER_POOL)
    ensure_bus(make("events"), EVENT_BUS)
    for spec in CONSUMERS:
        ensure_consumer(make("sqs"), make("events"), EVENT_BUS, spec)
    for stream_spec in STREAM_CONSUMERS:
        ensure_failure_queue(make("sqs"), stream_spec)
    os.environ.update({"USER_POOL_ID": pool.pool_id, "USER_POOL_CLIENT_ID": pool.client_id})
    get_settings.cache_clear()

    import app as gateway

    chalice = Client(gateway.app)
    return LocalStack(server, endpoint, Api(chalice.__enter__()), chalice)


def start_metered(endpoint: str) -> tuple[LocalStack, Meter, dict[str, TableKeys]]:
    """The stack of a bench that seeds a large table: moto's Transactions and Queries made to cope
    with a million items (devstack/moto_speedups.py, bench/moto_queries.py; same answers), and a meter
    over the table's keys. Call it once `endpoint` is reserved: it imports convertly."""
    from bench import moto_queries
    from bench.capacity import TableKeys
    from bench.meter import Meter
    from bench.probe import DynamoProbe
    from convertly.resources import TABLE
    from devstack import moto_speedups

    moto_speedups.apply()
    moto_queries.apply()
    schema = {
        TABLE.name: TableKeys(
            TABLE.partition_key,
            TABLE.sort_key,
            {index.name: (index.partition_key, index.sort_key) for index in TABLE.indexes},
        )
    }
    local = start(endpoint)
    return local, Meter(DynamoProbe(local.client("dynamodb"), schema)), schema
