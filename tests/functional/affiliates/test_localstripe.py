"""The commission path on localstripe's own objects: a referred tenant subscribes with the test card,
the paid invoice's event earns the commission (the program reads the invoice, its charge and the
subscription back from localstripe), a refund reverses it, and the same card on the partner's own
account refuses a referral."""

from __future__ import annotations

from typing import Any

import stripe

from convertly.affiliates import keys
from convertly.affiliates.attribution import attribution_of
from convertly.affiliates.commissions import invoice_marker
from convertly.affiliates.items import EntryItem
from convertly.billing import usage
from convertly.billing import use_cases as billing
from convertly.billing.domain import SubscriptionRequest
from convertly.billing.plans import PlanId
from convertly.billing.stripe_gateway import gateway
from convertly.permissions import Role
from convertly.platform.principal import Principal
from devstack.apigw import LocalLambdaContext
from devstack.stripe_server import WEBHOOK_SECRET as LOCAL_WEBHOOK_SECRET
from devstack.stripe_server import LocalStripe
from functions.billing_webhook.handler import handler as webhook_handler
from tests.functional.affiliates.conftest import Partner, click, partner, referred_sign_up
from tests.functional.billing.conftest import stripe_event, webhook_request
from tests.functional.conftest import Account, Api

Json = dict[str, Any]


def subscribe(tenant: Account, number: str = "4242424242424242") -> Json:
    """The Billing page's card form: the card, then Starter; the paid first invoice."""
    gw = gateway()
    card = gw._client.v1.payment_methods.create(
        params={"type": "card", "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}}
    )
    owner = Principal(
        user_id="owner", tenant_id=tenant.tenant_id, role=Role.ADMIN, email=tenant.email, name="O"
    )
    billing.subscribe(owner, SubscriptionRequest(plan=PlanId.STARTER, payment_method=str(card.id)), gw)
    item = usage.billing_of(tenant.tenant_id)
    assert item is not None and item.stripe_subscription_id
    sub = gw.subscription(str(item.stripe_subscription_id))
    assert sub is not None
    invoice_id = sub["latest_invoice"]
    invoice = gw.invoice(invoice_id if isinstance(invoice_id, str) else invoice_id["id"])
    assert invoice is not None and invoice["status"] == "paid", invoice
    return invoice


def deliver(event_type: str, obj: Json) -> Json:
    """localstripe's delivery, signed with its secret, through the webhook function."""
    import json

    raw = json.dumps(stripe_event(event_type, obj))
    header = stripe.WebhookSignature.generate_signature_header(raw, LOCAL_WEBHOOK_SECRET)
    result = webhook_handler(webhook_request(raw, header), LocalLambdaContext("convertly-billing_webhook"))
    assert result["statusCode"] == 200, result["body"]
    return dict(json.loads(result["body"]))


def entries(dana: Partner) -> list[EntryItem]:
    return list(EntryItem.query(keys.ledger(dana.affiliate_id), consistent_read=True))


def test_a_localstripe_payment_earns_the_commission_and_its_refund_reverses_it(
    api: Api, devadmin: str, localstripe: LocalStripe
) -> None:
    # Given a tenant referred by a partner, paying Starter ($49) with the test card
    dana = partner(api, devadmin)
    tenant = referred_sign_up(api, click(api, dana.code)["referral"])
    invoice = subscribe(tenant)

    # When localstripe's invoice event arrives twice
    for _ in range(2):
        deliver("invoice.payment_succeeded", invoice)

    # Then one commission of $9.80
    assert [(e.kind, int(e.amount)) for e in entries(dana)] == [("commission", 980)]

    # When the charge is refunded in full in localstripe, and its event arrives
    gw = gateway()
    charge_id = invoice_marker(str(invoice["id"])).charge_id
    assert charge_id, "the invoice's charge was found"
    gw.refund(str(charge_id))
    deliver("charge.refunded", {"id": charge_id, "object": "charge"})

    # Then the commission is reversed, found from the charge through the customer's invoices
    assert sorted((e.kind, int(e.amount)) for e in entries(dana)) == [("commission", 980), ("reversal", -980)]


def test_the_partners_own_card_refuses_their_referral_on_localstripe(
    api: Api, devadmin: str, localstripe: LocalStripe
) -> None:
    # Given a partner whose own account (at their domain) pays with a card
    dana = partner(api, devadmin)
    own = referred_sign_up(api, None, email=f"billing@{dana.email.split('@')[1]}")
    deliver("invoice.payment_succeeded", subscribe(own, "4000056655665556"))
    assert attribution_of(own.tenant_id).status == "own"

    # When a company they referred pays with the same card number
    tenant = referred_sign_up(api, click(api, dana.code)["referral"])
    invoice = subscribe(tenant, "4000056655665556")
    deliver("invoice.payment_succeeded", invoice)

    # Then no commission, and the referral is refused
    assert entries(dana) == []
    assert attribution_of(tenant.tenant_id).status == "refused"
