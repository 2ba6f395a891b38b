"""Environment for every test: a fake AWS account and region, and moto's endpoint for functional tests.

The endpoint is fixed here, before any Convertly module reads its settings, because the PynamoDB
models bind their host at import time. Under pytest-xdist every worker is a process of its own with
its own moto server and state (tests/functional/conftest.py starts it), so each worker picks its own
free port: the port the controller picked reaches the workers through the environment they inherit.
"""

from __future__ import annotations

import os
import socket


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


if os.environ.get("PYTEST_XDIST_WORKER") or not os.environ.get("MOTO_TEST_PORT"):
    os.environ["MOTO_TEST_PORT"] = str(_free_port())
os.environ.update(
    {
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{os.environ['MOTO_TEST_PORT']}",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        "POWERTOOLS_SERVICE_NAME": "convertly-test",
    }
)
