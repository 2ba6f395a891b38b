"""Billing capability: the Billing page's API (plan, usage, subscribe, change plan, cancel, portal)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.billing.domain import (
    BillingOverview,
    CancelRequest,
    CardSetupOut,
    CheckoutOut,
    CheckoutRequest,
    DowngradeRequest,
    PortalOut,
    SubscriptionRequest,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import MetricUnit, instrumented, metrics
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.billing import use_cases as billing
else:
    billing = deferred("convertly.billing.use_cases")

app = create_resolver(route_table("billing"))


@app.get("/billing")
def get_billing() -> BillingOverview:
    return billing.overview(principal_of(app))


@app.post("/billing/checkout")
def start_checkout(body: CheckoutRequest) -> CheckoutOut:
    return billing.start_checkout(principal_of(app), body)


@app.post("/billing/card-setup")
def card_setup() -> CardSetupOut:
    return billing.card_setup(principal_of(app))


@app.post("/billing/subscription")
def subscribe(body: SubscriptionRequest) -> BillingOverview:
    overview = billing.subscribe(principal_of(app), body)
    metrics.add_metric(name="Subscriptions", unit=MetricUnit.Count, value=1)
    return overview


@app.post("/billing/portal")
def open_portal() -> PortalOut:
    return billing.portal(principal_of(app))


@app.post("/billing/cancel")
def cancel(body: CancelRequest) -> BillingOverview:
    return billing.cancel(principal_of(app), body)


@app.post("/billing/downgrade")
def downgrade(body: DowngradeRequest) -> BillingOverview:
    return billing.downgrade(principal_of(app), body)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
