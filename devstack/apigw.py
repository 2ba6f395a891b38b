"""API Gateway emulation for app.py: turns Chalice's local event into the REST proxy event a Lambda
behind API Gateway receives, and the Lambda's proxy response back into a Chalice Response; and what
the gateway answers itself (a path or a method no route has, a malformed request) in the error shape
`{"error": {"code", "message", "fields"}}`, never Chalice's `{"Code", "Message"}` or an HTML 501."""

from __future__ import annotations

import base64
import json
import re
import time
import uuid
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from chalice.app import Response
from chalice.local import ChaliceRequestHandler, LocalGatewayException

from convertly.manifest import Route
from convertly.platform.errors import ConvertlyError, error_body


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


# What the gateway answers itself ------------------------------------------------------------------

INTERNAL_ERROR = "Something went wrong on our side; try again"


def _error_json(code: str, message: str) -> str:
    return json.dumps(error_body(ConvertlyError(message, code=code)))


def _snake(name: str) -> str:
    """`MethodNotAllowedError` -> `method_not_allowed`."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name.removesuffix("Error")).split()
    return "_".join(word.lower() for word in words) or "error"


def gateway_error(response: Response, method: str, path: str) -> Response:
    """Chalice's own error answer (`{"Code", "Message"}`) in our error shape; any other unchanged.

    Chalice answers itself a method the path has no route for (405, with `Allow`) and a view that
    failed before it answered (500). API Gateway on AWS answers a method a resource lacks with 403
    `Missing Authentication Token`; locally it is the more useful 405 with the methods to use.
    """
    body = response.body
    if not (isinstance(body, dict) and set(body) == {"Code", "Message"}):
        return response
    headers = {**response.headers, "Content-Type": "application/json"}
    if body["Code"] == "MethodNotAllowedError":
        allowed = str(response.headers.get("Allow", ""))
        message = f"{path or 'This path'} does not take {method}: use {allowed}"
        return Response(_error_json("method_not_allowed", message), headers, response.status_code)
    if response.status_code >= 500:
        return Response(_error_json("internal_error", INTERNAL_ERROR), headers, response.status_code)
    message = _error_json(_snake(str(body["Code"])), str(body["Message"]))
    return Response(message, headers, response.status_code)


class GatewayRequestHandler(ChaliceRequestHandler):
    """Chalice's local HTTP handler, with the answers API Gateway gives itself in our error shape.

    Every method reaches routing, so TRACE or an unknown verb such as FOO gets the 405 of a method
    the path lacks (Chalice's handler has no do_TRACE and answered 501 with an HTML page); a path no
    route has is 403 as on AWS (`missing_authentication_token`); a request line or header the HTTP
    server cannot parse gets JSON too.
    """

    # The handler writes a response's headers and its body apart, on a connection kept alive
    # (HTTP/1.1): with Nagle's algorithm the body waits for the client's delayed ACK of the headers,
    # 40 ms on Linux, on every request of a browser or an HTTP session (each answer takes 40 ms more).
    disable_nagle_algorithm = True

    def __getattr__(self, name: str) -> Any:
        if name.startswith("do_"):  # BaseHTTPRequestHandler looks up do_<METHOD> for each request
            return self._generic_handle
        raise AttributeError(name)

    def _send_error_response(self, error: LocalGatewayException) -> None:
        if error.CODE == HTTPStatus.FORBIDDEN:  # LocalGateway found no route for the path
            path = urlsplit(self.path).path
            body = _error_json("missing_authentication_token", f"No route matches {self.command} {path}")
        elif error.CODE == HTTPStatus.UNAUTHORIZED:
            body = _error_json("unauthenticated", "Sign in first")
        else:
            body = _error_json("internal_error", INTERNAL_ERROR)
        self._send_http_response(error.CODE, {**error.headers, "Content-Type": "application/json"}, body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """BaseHTTPRequestHandler's error page (a bad request line, a header too long, ...) as JSON."""
        phrase = self.responses.get(code, ("Error", ""))[0]
        self.log_error("code %d, message %s", code, message or phrase)
        # "Request-URI Too Long" -> request_uri_too_long
        code_name = re.sub(r"[^a-z]+", "_", phrase.lower()).strip("_")
        payload = _error_json(code_name, message or phrase).encode()
        self.send_response(code, phrase)
        self.send_header("Connection", "close")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD" and code >= HTTPStatus.OK and code not in (204, 304):
            self.wfile.write(payload)
