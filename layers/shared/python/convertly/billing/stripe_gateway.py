"""The Stripe adapter: the official SDK (StripeClient) behind the few calls billing makes.

`StripeGateway` speaks to Stripe: prices found by lookup key, Checkout, the customer portal.
`LocalStripeGateway` speaks to localstripe, which implements the older Plans API and neither
Checkout nor the portal: prices are plans whose id is the lookup key, and the card form
(Stripe Elements, then POST /billing/subscription) is the way to subscribe. `gateway()` picks one
from the settings (`STRIPE_FLAVOUR`). docs/billing.md lists the differences.

Results are plain dicts (`StripeObject.to_dict()`), so nothing above this module sees the SDK.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import stripe

from convertly.billing.plans import PLANS, Plan
from convertly.platform.config import Settings, get_settings
from convertly.platform.errors import (
    ConflictError,
    PaymentRequiredError,
    ServiceUnavailableError,
    ValidationError,
)

Json = dict[str, Any]


@dataclass(frozen=True)
class StripeKeys:
    secret_key: str
    webhook_secret: str | None
    publishable_key: str | None


@lru_cache(maxsize=1)
def stripe_keys() -> StripeKeys:
    """The keys, from the Secrets Manager secret named by STRIPE_SECRET_ARN (on AWS; read once per
    container) or from the settings (locally)."""
    settings = get_settings()
    values: dict[str, str | None] = {
        "secret_key": settings.stripe_secret_key,
        "webhook_secret": settings.stripe_webhook_secret,
        "publishable_key": settings.stripe_publishable_key,
    }
    if settings.stripe_secret_arn:
        values.update(_secret_values(settings))
    if not values["secret_key"]:
        raise ServiceUnavailableError("Billing is not configured here", code="billing_unavailable")
    return StripeKeys(str(values["secret_key"]), values["webhook_secret"], values["publishable_key"])


def _secret_values(settings: Settings) -> dict[str, str | None]:
    import boto3

    client = boto3.client(
        "secretsmanager", region_name=settings.aws_region, endpoint_url=settings.aws_endpoint_url
    )
    secret = json.loads(client.get_secret_value(SecretId=settings.stripe_secret_arn)["SecretString"])
    return {key: secret.get(key) or None for key in ("secret_key", "webhook_secret", "publishable_key")}


class StripeGateway:
    """Stripe itself. Every call names the tenant in the metadata of what it creates, which is how
    the webhook finds the tenant of an event (never from anything unsigned)."""

    checkout_available = True
    portal_available = True

    def __init__(self, client: stripe.StripeClient, keys: StripeKeys) -> None:
        self._client = client
        self.keys = keys
        self._prices: dict[str, str] = {}

    # Catalogue ----------------------------------------------------------------------------------

    def price_id(self, plan: Plan) -> str:
        if plan.lookup_key not in self._prices:
            found = self._client.v1.prices.list(params=_p({"lookup_keys": [plan.lookup_key], "active": True}))
            if not found.data:
                raise ServiceUnavailableError(
                    f"No Stripe price has the lookup key {plan.lookup_key}: run the billing setup",
                    code="billing_unavailable",
                )
            self._prices[plan.lookup_key] = found.data[0].id
        return self._prices[plan.lookup_key]

    def sync_catalogue(self) -> list[str]:
        """Create or update a product and a monthly price per plan, found by lookup key. A changed
        amount is a new price that takes the lookup key over (Stripe prices are immutable)."""
        done = []
        for plan in PLANS.values():
            product = self._product(plan)
            existing = self._client.v1.prices.list(params=_p({"lookup_keys": [plan.lookup_key]})).data
            current = existing[0] if existing else None
            if (
                current is None
                or current.unit_amount != plan.monthly_price
                or current.currency != plan.currency
            ):
                self._client.v1.prices.create(
                    params=_p(
                        {
                            "product": product,
                            "unit_amount": plan.monthly_price,
                            "currency": plan.currency,
                            "recurring": {"interval": "month"},
                            "lookup_key": plan.lookup_key,
                            "transfer_lookup_key": True,
                            "nickname": plan.name,
                            "metadata": {"convertly_plan": plan.plan_id.value},
                        }
                    )
                )
                done.append(f"price {plan.lookup_key}: created")
            else:
                done.append(f"price {plan.lookup_key}: up to date")
        return done

    def _product(self, plan: Plan) -> str:
        product_id = f"convertly_{plan.plan_id.value}"
        params: Json = {"name": f"Convertly {plan.name}", "metadata": {"convertly_plan": plan.plan_id.value}}
        try:
            self._client.v1.products.retrieve(product_id)
            self._client.v1.products.update(product_id, params=_p(params))
        except stripe.InvalidRequestError:
            self._client.v1.products.create(params=_p({"id": product_id, **params}))
        return product_id

    def _item(self, plan: Plan) -> Json:
        return {"price": self.price_id(plan)}

    # Customers and subscriptions ------------------------------------------------------------------

    def create_customer(self, tenant_id: str, email: str, name: str) -> str:
        customer = self._client.v1.customers.create(
            params=_p({"email": email, "name": name, "metadata": {"tenant_id": tenant_id}})
        )
        return str(customer.id)

    def set_card(self, customer_id: str, payment_method: str) -> None:
        """Attach a card from Stripe Elements and make it the customer's default for invoices."""
        try:
            self._client.v1.payment_methods.attach(payment_method, params=_p({"customer": customer_id}))
        except stripe.CardError as error:
            raise _declined(error) from error
        except stripe.InvalidRequestError as error:  # no such payment method (or not one to attach)
            raise ValidationError(
                "Some fields are not valid",
                fields={"payment_method": "Stripe does not know this card: enter it again"},
            ) from error
        self._client.v1.customers.update(
            customer_id, params=_p({"invoice_settings": {"default_payment_method": payment_method}})
        )

    def setup_intent(self, customer_id: str) -> str:
        """A SetupIntent for the card form: Stripe.js confirms it with the card (`confirmCardSetup`)
        and hands back the payment method. Returns its client secret."""
        intent = self._client.v1.setup_intents.create(
            params=_p({"customer": customer_id, "usage": "off_session", "payment_method_types": ["card"]})
        )
        return str(intent.client_secret)

    def stripe_js_url(self, api_base: str | None) -> str:
        return "https://js.stripe.com/v3/"

    def create_subscription(self, customer_id: str, plan: Plan, tenant_id: str) -> Json:
        """Subscribe and charge the default card now; a declined card leaves no subscription behind."""
        try:
            created = self._client.v1.subscriptions.create(
                params=_p(
                    {
                        "customer": customer_id,
                        "items": [self._item(plan)],
                        "metadata": {"tenant_id": tenant_id},
                        "payment_behavior": "error_if_incomplete",
                    }
                )
            ).to_dict()
        except stripe.CardError as error:
            raise _declined(error) from error
        if created.get("status") == "incomplete":
            self._client.v1.subscriptions.cancel(str(created["id"]))
            raise PaymentRequiredError("The card was declined: try another one", code="card_declined")
        return created

    def subscription(self, subscription_id: str) -> Json | None:
        try:
            return self._client.v1.subscriptions.retrieve(subscription_id).to_dict()
        except stripe.InvalidRequestError as error:
            if error.http_status == 404:
                return None
            raise

    # Reads the affiliate program's commissions make ---------------------------------------------

    def _retrieve(self, resource: Any, object_id: str) -> Json | None:
        try:
            found: Json = resource.retrieve(object_id).to_dict()
            return found
        except stripe.InvalidRequestError as error:
            if error.http_status == 404:
                return None
            raise

    def invoice(self, invoice_id: str) -> Json | None:
        return self._retrieve(self._client.v1.invoices, invoice_id)

    def charge(self, charge_id: str) -> Json | None:
        return self._retrieve(self._client.v1.charges, charge_id)

    def invoices_of(self, customer_id: str, limit: int = 100) -> list[Json]:
        """The customer's latest invoices, newest first."""
        found = self._client.v1.invoices.list(params=_p({"customer": customer_id, "limit": limit}))
        return [invoice.to_dict() for invoice in found.data]

    def card_fingerprint(self, charge: Json) -> str | None:
        """The fingerprint of the card a charge was paid with (the same card has the same one in every
        customer): from the charge's payment method details, else from its payment method."""
        card = ((charge.get("payment_method_details") or {}).get("card")) or {}
        if card.get("fingerprint"):
            return str(card["fingerprint"])
        method = charge.get("payment_method")
        if isinstance(method, str) and method:
            found = self._retrieve(self._client.v1.payment_methods, method)
            fingerprint = ((found or {}).get("card") or {}).get("fingerprint")
            return str(fingerprint) if fingerprint else None
        return None

    def refund(self, charge_id: str, amount: int | None = None) -> Json:
        """Refund a charge (the console's tests and the local stack; Convertly refunds through Stripe's
        dashboard in production)."""
        params: Json = {"charge": charge_id}
        if amount is not None:
            params["amount"] = amount
        refund: Json = self._client.v1.refunds.create(params=_p(params)).to_dict()
        return refund

    def change_plan(
        self, subscription: Json, plan: Plan, *, downgrade_at: int | None, invoice_now: bool
    ) -> Json:
        """Move the subscription to `plan`'s price. `invoice_now` (an upgrade) invoices the prorated
        difference at once; otherwise the new price is billed from the next invoice. `downgrade_at`
        keeps the tenant on its current plan until then (the period end)."""
        item_id = subscription["items"]["data"][0]["id"]
        params: Json = {
            "items": [{"id": item_id, **self._item(plan)}],
            "metadata": {"downgrade_at": str(downgrade_at) if downgrade_at else ""},
            "proration_behavior": "always_invoice" if invoice_now else "none",
        }
        try:
            return self._client.v1.subscriptions.update(str(subscription["id"]), params=_p(params)).to_dict()
        except stripe.CardError as error:
            raise _declined(error) from error

    def set_cancel_at_period_end(self, subscription_id: str, cancel: bool) -> Json:
        return self._client.v1.subscriptions.update(
            subscription_id, params=_p({"cancel_at_period_end": cancel})
        ).to_dict()

    # Hosted pages ----------------------------------------------------------------------------------

    def checkout_url(
        self, customer_id: str, plan: Plan, tenant_id: str, success_url: str, cancel_url: str
    ) -> str:
        session = self._client.v1.checkout.sessions.create(
            params=_p(
                {
                    "mode": "subscription",
                    "customer": customer_id,
                    "client_reference_id": tenant_id,
                    "line_items": [{**self._item(plan), "quantity": 1}],
                    "subscription_data": {"metadata": {"tenant_id": tenant_id}},
                    "metadata": {"tenant_id": tenant_id},
                    "success_url": success_url,
                    "cancel_url": cancel_url,
                }
            )
        )
        return str(session.url)

    def portal_url(self, customer_id: str, return_url: str) -> str:
        session = self._client.v1.billing_portal.sessions.create(
            params=_p({"customer": customer_id, "return_url": return_url})
        )
        return str(session.url)

    # Webhooks ----------------------------------------------------------------------------------------

    def verified_event(self, payload: bytes, signature: str | None) -> Json:
        """The event, if `signature` (the Stripe-Signature header) signs exactly `payload` with the
        endpoint's secret; raises `stripe.SignatureVerificationError` or ValueError otherwise."""
        secret = self.keys.webhook_secret
        if not secret:
            raise ServiceUnavailableError(
                "Billing webhooks are not configured here", code="billing_unavailable"
            )
        event = self._client.construct_event(payload, signature, secret)
        return dict(event.to_dict())


class LocalStripeGateway(StripeGateway):
    """localstripe: plans instead of prices (the plan's id is the lookup key), no Checkout, no portal,
    and its older parameters for a plan change."""

    checkout_available = False
    portal_available = False

    def price_id(self, plan: Plan) -> str:
        return plan.lookup_key

    def stripe_js_url(self, api_base: str | None) -> str:
        # localstripe serves a Stripe.js stand-in whose Elements post the card to localstripe itself.
        return f"{(api_base or '').rstrip('/')}/js.stripe.com/v3/"

    def _item(self, plan: Plan) -> Json:
        return {"plan": plan.lookup_key}

    def sync_catalogue(self) -> list[str]:
        done = []
        for plan in PLANS.values():
            product = self._product(plan)
            try:
                self._client.v1.plans.retrieve(plan.lookup_key)
                done.append(f"plan {plan.lookup_key}: up to date")
            except stripe.InvalidRequestError:
                self._client.v1.plans.create(
                    params=_p(
                        {
                            "id": plan.lookup_key,
                            "product": product,
                            "amount": plan.monthly_price,
                            "currency": plan.currency,
                            "interval": "month",
                            "nickname": plan.name,
                            "metadata": {"convertly_plan": plan.plan_id.value},
                        }
                    )
                )
                done.append(f"plan {plan.lookup_key}: created")
        return done

    def _product(self, plan: Plan) -> str:
        product_id = f"convertly_{plan.plan_id.value}"
        try:
            self._client.v1.products.retrieve(product_id)
        except stripe.InvalidRequestError:
            params: Json = {
                "id": product_id,
                "name": f"Convertly {plan.name}",
                "type": "service",
                "metadata": {"convertly_plan": plan.plan_id.value},
            }
            self._client.v1.products.create(params=_p(params))
        return product_id

    def change_plan(
        self, subscription: Json, plan: Plan, *, downgrade_at: int | None, invoice_now: bool
    ) -> Json:
        # localstripe knows no proration_behavior: it always adds an "unused time" credit item.
        item_id = subscription["items"]["data"][0]["id"]
        params: Json = {
            "items": [{"id": item_id, "plan": plan.lookup_key}],
            "metadata": {"downgrade_at": str(downgrade_at) if downgrade_at else ""},
        }
        return self._client.v1.subscriptions.update(str(subscription["id"]), params=_p(params)).to_dict()

    def checkout_url(
        self, customer_id: str, plan: Plan, tenant_id: str, success_url: str, cancel_url: str
    ) -> str:
        raise ConflictError(
            "Stripe Checkout is not available on this stack: use the card form (POST /billing/subscription)",
            code="checkout_unavailable",
        )

    def portal_url(self, customer_id: str, return_url: str) -> str:
        raise ConflictError("The customer portal is not available on this stack", code="portal_unavailable")


@contextmanager
def stripe_errors() -> Iterator[None]:
    """Stripe failures other than a declined card, as the API answers them."""
    try:
        yield
    except stripe.CardError as error:
        raise _declined(error) from error
    except (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError) as error:
        raise ServiceUnavailableError(
            "Stripe is not answering right now; try again in a minute", code="billing_unavailable"
        ) from error
    except stripe.AuthenticationError as error:
        raise ServiceUnavailableError("Billing is misconfigured here", code="billing_unavailable") from error


def _declined(error: stripe.CardError) -> PaymentRequiredError:
    return PaymentRequiredError(error.user_message or "The card was declined", code="card_declined")


def _p(params: Json) -> Any:
    """Parameters as plain dicts: localstripe takes some (a plan per item) that the SDK's types no
    longer name."""
    return params


def gateway(settings: Settings | None = None) -> StripeGateway:
    """The adapter the settings name, with a client pointed at STRIPE_API_BASE when one is set."""
    settings = settings or get_settings()
    keys = stripe_keys()
    base = {"api": settings.stripe_api_base} if settings.stripe_api_base else None
    client = stripe.StripeClient(keys.secret_key, base_addresses=base, max_network_retries=2)  # type: ignore[arg-type]
    flavour = LocalStripeGateway if settings.stripe_flavour == "localstripe" else StripeGateway
    return flavour(client, keys)
