"""Billing helpers for the e2e tests (over HTTP and in the browser) against the running stack."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import boto3
import requests

TIMEOUT = 30


def fill_lead_quota(stack: dict[str, Any], tenant_id: str, used: int | None = None) -> int:
    """Given a tenant that has used its month's leads (`used`, default: all of them): the month's
    lead counter is the whole record of that, so the test sets it in the stack's table. Returns the
    limit."""
    table = boto3.resource("dynamodb", endpoint_url=stack["moto_url"], region_name=stack["region"]).Table(
        stack["table_name"]
    )
    key = {"PK": f"T#{tenant_id}#USAGE", "SK": f"LEADS#{datetime.now(UTC):%Y-%m}"}
    limit = int(table.get_item(Key=key, ConsistentRead=True)["Item"]["lead_limit"])
    table.update_item(
        Key=key,
        UpdateExpression="SET leads = :used",
        ExpressionAttributeValues={":used": limit if used is None else used},
    )
    return limit


def confirm_card(stack: dict[str, Any], client_secret: str, number: str = "4242424242424242") -> str:
    """What Stripe.js's `confirmCardSetup` does with a card in the local stack (localstripe's stand-in
    posts it to localstripe with the publishable key). Returns the payment method's id."""
    intent = client_secret.split("_secret_")[0]
    response = requests.post(
        f"{stack['stripe_url']}/v1/setup_intents/{intent}/confirm",
        json={
            "key": stack["stripe_publishable_key"],
            "use_stripe_sdk": True,
            "client_secret": client_secret,
            "payment_method_data": {
                "type": "card",
                "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
            },
        },
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text
    return str(response.json()["payment_method"])


def stripe_events_applied(stack: dict[str, Any], tenant_id: str) -> list[dict[str, Any]]:
    """The Stripe events the webhook recorded for the tenant."""
    table = boto3.resource("dynamodb", endpoint_url=stack["moto_url"], region_name=stack["region"]).Table(
        stack["table_name"]
    )
    found = table.query(
        KeyConditionExpression="PK = :pk",
        ExpressionAttributeValues={":pk": f"T#{tenant_id}#STRIPE"},
        ConsistentRead=True,
    )
    return list(found["Items"])


def on_professional(stack: dict[str, Any], tenant_id: str) -> None:
    """Given a tenant on Professional (automation, conversions health): its billing record's plan,
    set in the stack's table as a paid upgrade would leave it (tests/e2e/browser/test_billing.py
    goes through the card and Stripe)."""
    table = boto3.resource("dynamodb", endpoint_url=stack["moto_url"], region_name=stack["region"]).Table(
        stack["table_name"]
    )
    table.update_item(
        Key={"PK": f"T#{tenant_id}", "SK": "BILLING"},
        UpdateExpression="SET #plan = :plan",
        ExpressionAttributeNames={"#plan": "plan"},
        ExpressionAttributeValues={":plan": "professional"},
        ConditionExpression="attribute_exists(PK)",
    )
