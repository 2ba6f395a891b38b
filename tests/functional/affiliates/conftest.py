"""Affiliate program tests: a Developer Admin, partners approved through the API, referred tenants,
and a Stripe whose invoices, charges, refunds and disputes each test writes (the webhook's real
signature check and handler run on them; test_localstripe.py runs the same path on localstripe)."""

from __future__ import annotations

import copy
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import stripe

from convertly.accounts.use_cases import PLATFORM_TENANT, add_member
from convertly.affiliates import keys, program
from convertly.affiliates.domain import ProgramTerms
from convertly.affiliates.items import ProgramTermsItem
from convertly.billing.plans import PlanId
from convertly.notifications import keys as mail_keys
from convertly.notifications.items import MailItem
from convertly.permissions import Role
from convertly.platform.principal import Principal
from devstack.apigw import LocalLambdaContext
from devstack.bootstrap.extras import ensure_key
from functions.billing_webhook.handler import handler as webhook_handler
from tests.functional.billing.conftest import (
    WEBHOOK_SECRET,
    FakeStripe,
    stripe_event,
    subscription,
    webhook_request,
)
from tests.functional.conftest import PASSWORD, Account, Api, unique_email

Json = dict[str, Any]
AFFILIATE_SPACE = "affiliates"
NEW_PASSWORD = "Partner-Password-7"


@dataclass
class Partner:
    affiliate_id: str
    token: str
    email: str
    code: str


@pytest.fixture(scope="session", autouse=True)
def secrets_key(aws: Any) -> None:
    """Payout details are sealed with the secrets key, as the stack's bootstrap makes it."""
    ensure_key(aws.client("kms"))


@pytest.fixture(scope="session")
def devadmin(api: Api) -> str:
    email = unique_email("devadmin")
    add_member(PLATFORM_TENANT, email, "Dev Admin", Role.DEVELOPER_ADMIN, PASSWORD)
    status, tokens = api.call("POST", "/auth/login", {"email": email, "password": PASSWORD})
    assert status == 200, tokens
    return str(tokens["id_token"])


def admin_principal() -> Principal:
    return Principal(
        user_id="devadmin", tenant_id=PLATFORM_TENANT, role=Role.DEVELOPER_ADMIN, email="", name="Dev"
    )


@pytest.fixture(autouse=True)
def default_terms() -> Iterator[None]:
    """Every test starts on the program's default terms (20% for 12 months, 30 days' hold)."""
    ProgramTermsItem(keys.PROGRAM, keys.TERMS_SK).delete()
    yield
    ProgramTermsItem(keys.PROGRAM, keys.TERMS_SK).delete()


def set_terms(**changes: Any) -> None:
    terms = program.terms().model_dump(exclude={"updated_at"}) | changes
    program.set_terms(admin_principal(), ProgramTerms(**terms))


def own_domain(prefix: str) -> str:
    """An address at a domain of its own (one company's): the program compares domains."""
    local, _, _ = unique_email(prefix).partition("@")
    return f"{local}@{local}.test"


def application(email: str | None = None, name: str = "Dana Partner") -> Json:
    return {
        "name": name,
        "email": email or own_domain("partner"),
        "website": "https://dana.example",
        "audience": "Roofing and plumbing contractors",
        "promotion": "A newsletter to 4,000 contractors and a YouTube channel",
    }


def invitation_password(email: str) -> str:
    mails = MailItem.query(mail_keys.mail_outbox(AFFILIATE_SPACE), consistent_read=True)
    found = [m for m in mails if m.kind == "invitation" and m.to_address == email]
    assert len(found) == 1, [m.to_address for m in found]
    match = re.search(r"Temporary password: (\S+)", str(found[0].body))
    assert match, found[0].body
    return match.group(1)


def partner(api: Api, devadmin: str, email: str | None = None, name: str = "Dana Partner") -> Partner:
    """A partner who applied, was approved and signed in with their own password."""
    body = application(email, name)
    status, receipt = api.call("POST", "/affiliate/applications", body)
    assert status == 201, receipt
    status, decided = decide(api, devadmin, receipt["application_id"], "approve", "Welcome")
    assert status == 200, decided
    temporary = invitation_password(body["email"])
    status, challenge = api.call("POST", "/auth/login", {"email": body["email"], "password": temporary})
    assert status == 200 and challenge["challenge"] == "NEW_PASSWORD_REQUIRED", challenge
    status, tokens = api.call(
        "POST",
        "/auth/password/new",
        {"email": body["email"], "session": challenge["session"], "password": NEW_PASSWORD},
    )
    assert status == 200, tokens
    token = str(tokens["id_token"])
    status, dashboard = api.call("GET", "/affiliate/dashboard", token=token)
    assert status == 200, dashboard
    return Partner(decided["affiliate_id"], token, body["email"], dashboard["code"])


BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def click(api: Api, code: str, *, user_agent: str = BROWSER, **extra: Any) -> Json:
    """A click on the partner's link from a browser (its user agent), as the web app reports it."""
    headers = {"content-type": "application/json", "user-agent": user_agent}
    body = json.dumps({"code": code, **extra})
    response = api._client.http.post("/affiliate/clicks", headers=headers, body=body)
    assert response.status_code == 200, response.body
    return dict(json.loads(response.body))


def decide(api: Api, devadmin: str, application_id: str, verdict: str, note: str = "") -> tuple[int, Any]:
    path = f"/platform/affiliate-applications/{application_id}/{verdict}"
    return api.call("POST", path, {"note": note}, devadmin)


def referred_sign_up(
    api: Api, referral: str | None, *, email: str | None = None, company: str = "Summit Roofing Co"
) -> Account:
    email = email or own_domain("owner")
    payload = {"company_name": company, "name": "Olive Owner", "email": email, "password": PASSWORD}
    if referral:
        payload["referral"] = referral
    status, body = api.call("POST", "/auth/signup", payload)
    assert status == 201, body
    return Account(body["tenant"]["tenant_id"], body["tokens"]["id_token"], email, body["tokens"])


class InvoiceStripe(FakeStripe):
    """Stripe as the webhook and the program read it: subscriptions, invoices, charges and payment
    methods from memory (each test writes the ones it needs), the SDK's real signature check."""

    def __init__(self) -> None:
        super().__init__()
        self.invoices: dict[str, Json] = {}
        self.charges: dict[str, Json] = {}

    def invoice(self, invoice_id: str) -> Json | None:
        found = self.invoices.get(invoice_id)
        return copy.deepcopy(found) if found is not None else None

    def charge(self, charge_id: str) -> Json | None:
        found = self.charges.get(charge_id)
        return copy.deepcopy(found) if found is not None else None

    def invoices_of(self, customer_id: str, limit: int = 100) -> list[Json]:
        return [copy.deepcopy(i) for i in self.invoices.values() if i.get("customer") == customer_id][:limit]

    # Building the world a test needs -------------------------------------------------------------

    def subscribe(self, tenant_id: str, plan: PlanId = PlanId.STARTER, amount: int = 4900) -> str:
        sub_id = f"sub_{time.time_ns()}"
        data = subscription(tenant_id, sub_id, plan=plan, customer=f"cus_{tenant_id[-8:]}")
        data["items"]["data"][0]["price"]["unit_amount"] = amount
        data["items"]["data"][0]["price"]["currency"] = "usd"
        self.subscriptions[sub_id] = data
        return sub_id

    def pay(
        self, sub_id: str, amount: int = 4900, *, fingerprint: str = "fp_customer", paid_at: int | None = None
    ) -> tuple[str, str]:
        """A paid invoice of the subscription and its charge: (invoice id, charge id)."""
        stamp = time.time_ns()
        invoice_id, charge_id = f"in_{stamp}", f"ch_{stamp}"
        customer = self.subscriptions[sub_id]["customer"]
        self.charges[charge_id] = {
            "id": charge_id,
            "object": "charge",
            "amount": amount,
            "amount_refunded": 0,
            "currency": "usd",
            "customer": customer,
            "invoice": invoice_id,
            "payment_method_details": {"type": "card", "card": {"fingerprint": fingerprint}},
        }
        self.invoices[invoice_id] = {
            "id": invoice_id,
            "object": "invoice",
            "status": "paid",
            "amount_paid": amount,
            "currency": "usd",
            "customer": customer,
            "subscription": sub_id,
            "charge": charge_id,
            "status_transitions": {"paid_at": paid_at or int(time.time())},
        }
        return invoice_id, charge_id

    def refund(self, charge_id: str, amount: int) -> None:
        self.charges[charge_id]["amount_refunded"] = self.charges[charge_id]["amount_refunded"] + amount


def send(fake: InvoiceStripe, event_type: str, obj: Json, *, event_id: str | None = None) -> Json:
    """Sign and deliver one event to the webhook function; its answer's body."""
    event = stripe_event(event_type, obj, event_id=event_id)
    raw = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(raw, WEBHOOK_SECRET)
    result = webhook_handler(
        webhook_request(raw, header), LocalLambdaContext("convertly-billing_webhook"), stripe=fake
    )
    assert result["statusCode"] == 200, result["body"]
    return dict(json.loads(result["body"]))


def invoice_paid(fake: InvoiceStripe, invoice_id: str, **kwargs: Any) -> Json:
    return send(fake, "invoice.paid", fake.invoices[invoice_id], **kwargs)
