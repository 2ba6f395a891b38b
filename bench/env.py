"""The two environments the benchmarks run in: the in-process local stack, and a Lambda's.

`configure_local` must run before anything imports convertly: the PynamoDB models bind their host
(AWS_ENDPOINT_URL) when convertly.data.models is imported.
"""

from __future__ import annotations

import os

REGION = "us-east-1"

_FAKE_AWS = {
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
}


def configure_local(endpoint: str) -> None:
    """Fake account and region, moto's endpoint, and quiet Powertools.

    Logging, metrics and tracing make no botocore calls, so switching them off does not change the
    call counts; it keeps their output out of the report.
    """
    os.environ.update(
        {
            **_FAKE_AWS,
            "AWS_ENDPOINT_URL": endpoint,
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_METRICS_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": "ERROR",
            "POWERTOOLS_SERVICE_NAME": "convertly-bench",
        }
    )


def lambda_env(function: str, task_root: str) -> dict[str, str]:
    """What the Lambda runtime and the CDK stack (infra/cdk constructs/functions.py) set for `function`.

    Tracing is active (Tracing.ACTIVE, POWERTOOLS_TRACE_DISABLED unset), so Powertools' Tracer
    loads the X-Ray SDK and patches libraries at import, as it does in Lambda.
    """
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ}
    return {
        **keep,
        **_FAKE_AWS,
        # aws_xray_sdk tells Lambda apart by LAMBDA_TASK_ROOT (then it samples locally instead of
        # creating an X-Ray API client), so it matters for the import cost.
        "LAMBDA_TASK_ROOT": task_root,
        "LAMBDA_RUNTIME_DIR": "/var/runtime",
        "_HANDLER": "handler.handler",
        "TZ": ":UTC",
        "AWS_LAMBDA_FUNCTION_NAME": f"convertly-{function}",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/convertly-{function}",
        "AWS_EXECUTION_ENV": "AWS_Lambda_python3.13",
        "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR",
        "AWS_XRAY_DAEMON_ADDRESS": "169.254.79.129:2000",
        "CONVERTLY_ENV": "aws",
        "TABLE_NAME": "convertly",
        "EVENT_BUS_NAME": "convertly",
        "USER_POOL_ID": f"{REGION}_bench",
        "USER_POOL_CLIENT_ID": "bench",
        "CORS_ALLOW_ORIGIN": "*",
        "POWERTOOLS_SERVICE_NAME": f"convertly-{function}",
        "POWERTOOLS_METRICS_NAMESPACE": "Convertly",
        "POWERTOOLS_LOG_LEVEL": "INFO",
    }


LAMBDA_ENV_NOTE = (
    "Lambda env: LAMBDA_TASK_ROOT, AWS_LAMBDA_FUNCTION_NAME, AWS_EXECUTION_ENV, POWERTOOLS_SERVICE_NAME and "
    "the CDK function variables set; tracing active (POWERTOOLS_TRACE_DISABLED unset); .pyc cache warm"
)
