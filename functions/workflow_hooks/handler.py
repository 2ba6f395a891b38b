"""Inbound workflow webhooks: `POST /hooks/workflows/{hook_id}`, signed with the hook's secret
(`Convertly-Signature: t=...,v1=...` over the raw body), enrols the person posted in the workflow
(convertly.automation.inbound). No token: the signature is checked before the body is read."""

from __future__ import annotations

import base64
from functools import cache
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.automation.domain import HookReceipt
from convertly.manifest import route_table
from convertly.platform.api import create_resolver
from convertly.platform.observability import MetricUnit, instrumented, metrics
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.automation import inbound
else:
    inbound = deferred("convertly.automation.inbound")

app = create_resolver(route_table("workflow_hooks"), validation=False, user_routes=False, cors=False)


@cache
def _intake() -> inbound.HookIntake:
    """Per warm container: the hooks' routes and opened secrets."""
    return inbound.HookIntake()


def raw_body(event: dict[str, Any]) -> bytes:
    """The request body's bytes, as the sender signed them."""
    body = event.get("body") or ""
    return base64.b64decode(body) if event.get("isBase64Encoded") else body.encode("utf-8")


# The answer stays a plain dict (with validation off this function builds no model at run time); the
# model only describes it in the OpenAPI document.
@app.post(
    "/hooks/workflows/<hook_id>",
    responses={
        202: {
            "description": "The person is enrolled (the same request sent again answers the same)",
            "content": {"application/json": {"model": HookReceipt}},
        }
    },
)
def receive(hook_id: str) -> Response[Any]:
    intake: inbound.HookIntake = app.context.get("intake") or _intake()
    headers = dict(app.current_event.headers or {})
    receipt = intake.receive(hook_id, headers, raw_body(app.current_event.raw_event))
    metrics.add_metric(name="InboundWebhooks.Enrolled", unit=MetricUnit.Count, value=1)
    return Response(status_code=202, content_type="application/json", body=receipt)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(
    event: dict[str, Any], context: LambdaContext, intake: inbound.HookIntake | None = None
) -> dict[str, Any]:
    """`intake` replaces the container's (tests pass one with their own secrets box)."""
    if intake is not None:
        app.append_context(intake=intake)
    return app.resolve(event, context)
