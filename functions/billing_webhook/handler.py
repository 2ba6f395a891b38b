"""Stripe's webhook: the signature is verified on the raw body exactly as it arrived (API Gateway
may hand it over base64-encoded), then the event's subscription is applied to its tenant, then the
affiliate program reads it (a paid invoice's commission, a refund's or dispute's reversal)."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.billing.domain import StripeWebhookReceipt
from convertly.manifest import route_table
from convertly.platform.api import create_resolver
from convertly.platform.observability import MetricUnit, instrumented, logger, metrics
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.affiliates import service as affiliates
    from convertly.billing import stripe_events, stripe_gateway
    from convertly.billing.stripe_gateway import StripeGateway
else:
    affiliates = deferred("convertly.affiliates.service")
    stripe_events = deferred("convertly.billing.stripe_events")
    stripe_gateway = deferred("convertly.billing.stripe_gateway")

app = create_resolver(route_table("billing_webhook"), user_routes=False)


def raw_body(event: dict[str, Any]) -> bytes:
    """The request body's bytes as the sender signed them."""
    body = event.get("body") or ""
    return base64.b64decode(body) if event.get("isBase64Encoded") else body.encode("utf-8")


@app.post("/webhooks/stripe")
def stripe_webhook() -> StripeWebhookReceipt:
    stripe = app.context.get("stripe") or stripe_gateway.gateway()
    outcome = stripe_events.handle_webhook(
        raw_body(app.current_event.raw_event), app.current_event.headers.get("stripe-signature"), stripe
    )
    program = (
        affiliates.on_stripe_event(outcome.event, stripe, outcome.tenant_id) if outcome.event else "ignored"
    )
    logger.info(
        "Stripe event",
        extra={
            "event_id": outcome.event_id,
            "type": outcome.event_type,
            "result": outcome.result,
            "affiliates": program,
        },
    )
    metrics.add_metric(name=f"StripeEvents_{outcome.result}", unit=MetricUnit.Count, value=1)
    return StripeWebhookReceipt(received=True, result=outcome.result)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(
    event: dict[str, Any], context: LambdaContext, stripe: StripeGateway | None = None
) -> dict[str, Any]:
    """`stripe` replaces the Stripe adapter the settings name (tests pass a fake)."""
    if stripe is not None:
        app.append_context(stripe=stripe)
    return app.resolve(event, context)
