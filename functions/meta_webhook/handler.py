"""Meta Lead Ads webhook: GET answers Meta's verification; POST is verified with X-Hub-Signature-256 on
the raw body (a bad or missing signature is a 401 and nothing is stored), then each notified lead is
read from the Graph API and created in its page's tenant, once."""

from __future__ import annotations

import base64
import json
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.conversions.domain.lead_ads import MetaWebhookReceipt
from convertly.manifest import route_table
from convertly.platform.api import create_resolver
from convertly.platform.errors import AuthenticationError, BadRequestError, ServiceUnavailableError
from convertly.platform.observability import MetricUnit, instrumented, logger, metrics
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.conversions import meta_leads
    from convertly.conversions.adapters import meta
else:
    meta_leads = deferred("convertly.conversions.meta_leads")
    meta = deferred("convertly.conversions.adapters.meta")

app = create_resolver(route_table("meta_webhook"), validation=False, user_routes=False)


@cache
def _intake() -> meta_leads.MetaLeadIntake:
    """Per warm container: opened access tokens."""
    return meta_leads.MetaLeadIntake()


def raw_body(event: dict[str, Any]) -> bytes:
    """The request body's bytes as Meta signed them."""
    body = event.get("body") or ""
    return base64.b64decode(body) if event.get("isBase64Encoded") else body.encode("utf-8")


@app.get(
    "/webhooks/meta",
    responses={
        200: {
            "description": "Meta's `hub.challenge`, echoed",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        }
    },
)
def verify() -> Response[str]:
    query = app.current_event.query_string_parameters or {}
    challenge = meta_leads.verify_subscription(
        query.get("hub.mode"),
        query.get("hub.verify_token"),
        query.get("hub.challenge"),
        meta_leads.meta_app_keys(),
    )
    return Response(status_code=200, content_type="text/plain", body=challenge)


# The answer stays a plain dict (with validation off this function builds no model at run time); the
# model only describes it in the OpenAPI document.
@app.post(
    "/webhooks/meta",
    responses={
        200: {
            "description": "The notification is taken: what became of its leads",
            "content": {"application/json": {"model": MetaWebhookReceipt}},
        }
    },
)
def receive() -> dict[str, Any]:
    body = raw_body(app.current_event.raw_event)
    if not meta_leads.signature_valid(
        body, app.current_event.headers.get("x-hub-signature-256"), meta_leads.meta_app_keys().app_secret
    ):
        raise AuthenticationError(
            "The X-Hub-Signature-256 signature is missing or wrong", code="invalid_signature"
        )
    try:
        payload = json.loads(body)
    except ValueError as error:
        raise BadRequestError("The body is not JSON", code="invalid_json") from error
    intake: meta_leads.MetaLeadIntake = app.context.get("intake") or _intake()
    results: Counter[str] = Counter()
    for notice in meta_leads.notices(payload):
        try:
            results[intake.take(notice)] += 1
        except meta.MetaGraphError as error:
            # Meta delivers the notification again; leads already taken are not taken twice.
            raise ServiceUnavailableError(
                "Meta's Graph API did not answer; send again", code="meta_unavailable"
            ) from error
    for result, count in results.items():
        metrics.add_metric(name=f"MetaLeads.{result}", unit=MetricUnit.Count, value=count)
    logger.info("Lead Ads notification", extra={"results": dict(results)})
    return {"received": True, "results": dict(results)}


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(
    event: dict[str, Any], context: LambdaContext, intake: meta_leads.MetaLeadIntake | None = None
) -> dict[str, Any]:
    """`intake` replaces the Lead Ads intake (tests pass one with its own Graph client)."""
    if intake is not None:
        app.append_context(intake=intake)
    return app.resolve(event, context)
