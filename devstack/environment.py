"""The process environment: fake AWS credentials, and the variables the in-process functions read.

Functions read their configuration once (convertly.platform.config.get_settings is cached), so `export` runs
before app.py, a handler or the seed is imported.
"""

from __future__ import annotations

import os

from convertly.platform.specs import AWS_RETRY_ENVIRONMENT
from devstack.bootstrap import Outputs
from devstack.settings import REGION

_REAL_AWS_VARIABLES = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")


def use_local_credentials() -> None:
    """Fake credentials and a fixed region, so nothing in the stack can reach a real AWS account."""
    for name in _REAL_AWS_VARIABLES:
        os.environ.pop(name, None)
    os.environ.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION=REGION,
        AWS_REGION=REGION,
    )


def function_environment(outputs: Outputs, moto_url: str) -> dict[str, str]:
    """What a deployed function gets from its Lambda configuration, pointed at the local stack."""
    return {
        "AWS_ENDPOINT_URL": moto_url,
        "TABLE_NAME": outputs.table_name,
        "UPLOADS_BUCKET": outputs.uploads_bucket,
        "EVENT_BUS_NAME": outputs.event_bus_name,
        "USER_POOL_ID": outputs.user_pool.pool_id,
        "USER_POOL_CLIENT_ID": outputs.user_pool.client_id,
        "CONVERTLY_ENV": "local",
        # Workflows' webhooks may post to receivers on this machine (127.0.0.1); never on AWS.
        "ALLOW_PRIVATE_WEBHOOKS": "true",
        "POWERTOOLS_SERVICE_NAME": "convertly",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_NAMESPACE": "Convertly",
        **AWS_RETRY_ENVIRONMENT,
    }


def export(variables: dict[str, str]) -> None:
    os.environ.update(variables)
    # Quiet by default (JSON log lines and EMF metrics for every request); a developer's own setting wins.
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
