"""API Gateway emulation for app.py: turns Chalice's local event into the REST proxy event a Lambda
behind API Gateway receives, and the Lambda's proxy response back into a Chalice Response."""

from __future__ import annotations

import base64
import time
import uuid
from typing import Any

from chalice.app import Response

from convertly.manifest import Route


def to_rest_event(original: dict[str, Any], route: Route, stage: str = "local") -> dict[str, Any]:
    """Complete Chalice's partial event into an API Gateway REST (v1) proxy event for `route`."""
    headers: dict[str, str] = dict(original.get("headers") or {})
    multi_query: dict[str, list[str]] | None = original.get("multiValueQueryStringParameters")
    body: Any = original.get("body")
    is_b64 = bool(original.get("isBase64Encoded"))
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            body, is_b64 = base64.b64encode(body).decode("ascii"), True
    context = dict(original.get("requestContext") or {})
    forwarded = headers.get("x-forwarded-for", "")
    source_ip = forwarded.split(",")[0].strip() or context.get("identity", {}).get("sourceIp", "127.0.0.1")
    path = context.get("path") or route.path
    context.update(
        {
            "resourcePath": route.path,
            "httpMethod": route.method,
            # The path as the client asked for it: on AWS it starts with the stage (/prod/...), the
            # local gateway serves without one, and the hosted form page builds its own URL from it.
            "path": path,
            "stage": stage,
            "requestId": str(uuid.uuid4()),
            "requestTimeEpoch": int(time.time() * 1000),
            "identity": {"sourceIp": source_ip, "userAgent": headers.get("user-agent", "")},
        }
    )
    return {
        "resource": route.path,
        "path": path,
        "httpMethod": route.method,
        "headers": headers,
        "multiValueHeaders": {key: [value] for key, value in headers.items()},
        "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} if multi_query else None,
        "multiValueQueryStringParameters": multi_query,
        "pathParameters": original.get("pathParameters") or None,
        "stageVariables": None,
        "requestContext": context,
        "body": body,
        "isBase64Encoded": is_b64,
    }


def to_chalice_response(result: dict[str, Any]) -> Response:
    """Map a Lambda proxy response (statusCode, headers, multiValueHeaders, body) to Chalice."""
    headers: dict[str, str | list[str]] = dict(result.get("headers") or {})
    for key, values in (result.get("multiValueHeaders") or {}).items():
        headers[key] = values if len(values) > 1 else values[0]
    body: str | bytes = result.get("body") or ""
    if result.get("isBase64Encoded") and isinstance(body, str):
        body = base64.b64decode(body)
    return Response(body=body, status_code=int(result.get("statusCode", 500)), headers=headers)


class LocalLambdaContext:
    """The attributes of a Lambda context object that Powertools reads."""

    def __init__(self, function_name: str, timeout_ms: int = 30_000) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{function_name}"
        self.memory_limit_in_mb = 512
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"
        self._deadline = time.monotonic() + timeout_ms / 1000

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))
