"""The demo partner: Alex Affiliate, approved into the affiliate program (the affiliates' own sign-in
space, never a tenant's), with a month of clicks, three referred companies and one of them paying
through localstripe, whose first invoice earned a pending commission the real way (the program reads
the invoice, the charge and the subscription back from localstripe)."""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from convertly.accounts import service as accounts_service
from convertly.accounts import use_cases as accounts
from convertly.accounts.domain import SignUp
from convertly.affiliates import applications, clicks, commissions
from convertly.affiliates.attribution import attribute_sign_up
from convertly.affiliates.domain import PartnerApplicationIn, ReferralClick
from convertly.billing import usage
from convertly.billing import use_cases as billing
from convertly.billing.domain import SubscriptionRequest
from convertly.billing.plans import PlanId
from convertly.billing.stripe_gateway import gateway
from convertly.permissions import Role
from convertly.platform.clock import now
from convertly.platform.errors import ServiceUnavailableError
from convertly.platform.principal import Principal
from devstack.seeding import Login

log = logging.getLogger("devstack.seed")
DEMO_CODE = "alex-demo"
# Referred companies: (company, owner, address, whether it pays now)
REFERRED = [
    ("Cedar Creek Plumbing", "Cora Cedar", "cora@cedarcreekplumbing.test", True),
    ("Northwind HVAC", "Nate North", "nate@northwindhvac.test", False),
    ("Bright Path Solar", "Bea Bright", "bea@brightpathsolar.test", False),
]
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
]


def seed_affiliates(email: str, password: str, rng: random.Random) -> Login:
    """Alex's application, approval and sign-in, clicks, referrals and a commission; Alex's login."""
    staff = Principal(
        user_id="seed", tenant_id="platform", role=Role.DEVELOPER_ADMIN, email="", name="Convertly"
    )
    receipt = applications.apply(
        PartnerApplicationIn(
            name="Alex Affiliate",
            email=email,
            website="https://alexgrowth.test",
            audience="Home-services contractors: 6,000 newsletter readers and a YouTube channel",
            promotion="Monthly newsletter reviews, a tutorial video on tracking ad revenue, a resources page",
        )
    )
    user = accounts_service.add_affiliate_login(email, "Alex Affiliate", password)
    applications.approve(staff, receipt.application_id, "Demo partner", user_id=user.user_id, code=DEMO_CODE)
    _clicks(rng)
    for company, owner, address, pays in REFERRED:
        referral = clicks.record_click(
            ReferralClick(code=DEMO_CODE, sub_id="newsletter", utm_source="newsletter"),
            "198.51.100.7",
            rng.choice(BROWSERS) + f" {address}",
        ).referral
        tenant, _ = accounts.sign_up(
            SignUp(company_name=company, name=owner, email=address, password=password, referral=referral)
        )
        attribute_sign_up(tenant.tenant_id, company, address, referral)
        if pays:
            _pay(
                Principal(
                    user_id="seed", tenant_id=tenant.tenant_id, role=Role.ADMIN, email=address, name=owner
                )
            )
    return Login(Role.AFFILIATE.value, email, password, "Convertly partner program")


def _clicks(rng: random.Random) -> None:
    """A month of clicks: a few visitors a day, some clicking twice, and a crawler now and then."""
    today = now()
    for days_ago in range(29, -1, -1):
        for visitor in range(rng.randint(1, 5)):
            at = (today - timedelta(days=days_ago)).replace(
                hour=rng.randint(0, today.hour), minute=rng.randint(0, 59)
            )
            agent = f"{rng.choice(BROWSERS)} v{days_ago}.{visitor}"
            for _ in range(rng.choice((1, 1, 2))):
                clicks.record_click(
                    ReferralClick(code=DEMO_CODE, sub_id=rng.choice(("newsletter", "youtube", None))),
                    f"203.0.113.{visitor + 1}",
                    agent,
                    at=min(at, today),
                )
        if days_ago % 9 == 0:
            clicks.record_click(ReferralClick(code=DEMO_CODE), "192.0.2.1", "Googlebot/2.1", at=today)


def _pay(owner: Principal) -> None:
    """Subscribe the tenant to Starter with the test card in localstripe, then let the program read
    the paid invoice (as the webhook does once the stack is up)."""
    try:
        stripe = gateway()
    except ServiceUnavailableError:  # no Stripe here (a test without localstripe): no payment
        log.info("no Stripe configured: the demo's referred companies stay on their trial")
        return
    card = stripe._client.v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": "4242424242424242", "exp_month": 12, "exp_year": now().year + 3, "cvc": "123"},
        }
    )
    billing.subscribe(owner, SubscriptionRequest(plan=PlanId.STARTER, payment_method=str(card.id)), stripe)
    item = usage.billing_of(owner.tenant_id)
    subscription = stripe.subscription(str(item.stripe_subscription_id)) if item else None
    invoice_id = (subscription or {}).get("latest_invoice")
    if isinstance(invoice_id, dict):
        invoice_id = invoice_id.get("id")
    invoice = stripe.invoice(str(invoice_id)) if invoice_id else None
    if invoice is not None:
        commissions.on_invoice_paid(invoice, stripe)
