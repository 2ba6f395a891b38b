"""Isolation: a partner reaches only their own figures through every portal route; tenant and platform
tokens reach no portal route, and partner tokens no console or CRM route (the role matrix,
tests/functional/api/test_roles.py, covers every route x role)."""

from __future__ import annotations

from convertly.affiliates.payouts import release_due
from convertly.manifest import ROUTES, AuthKind
from convertly.permissions import Permission
from convertly.platform.clock import now
from tests.functional.affiliates.conftest import (
    InvoiceStripe,
    click,
    invoice_paid,
    partner,
    referred_sign_up,
    set_terms,
)
from tests.functional.conftest import Api, sign_up

PORTAL_READS = [
    route.path
    for route in ROUTES
    if route.auth is AuthKind.USER
    and route.permission is Permission.AFFILIATE_PORTAL
    and route.method == "GET"
]


def test_every_portal_read_shows_a_partner_their_own_figures_only(api: Api, devadmin: str) -> None:
    # Given partner A with a referral, a commission and a payout, and partner B with nothing
    set_terms(payout_threshold_minor=100)
    fake = InvoiceStripe()
    alpha = partner(api, devadmin, name="Alpha Partner")
    beta = partner(api, devadmin, name="Beta Partner")
    api.call(
        "PUT",
        "/affiliate/payout-settings",
        {"method": "paypal", "paypal_email": "a@pay.example"},
        alpha.token,
    )
    tenant = referred_sign_up(api, click(api, alpha.code)["referral"], company="Quartz Zebra Works")
    sub = fake.subscribe(tenant.tenant_id)
    invoice_id, _ = fake.pay(sub, 4900)
    invoice_paid(fake, invoice_id)
    release_due(now().replace(year=now().year + 1))
    status, batch = api.call("POST", "/platform/affiliate-payouts", {"currency": "usd"}, devadmin)
    assert status == 201, batch
    [payout_id] = [line["payout_id"] for line in batch["lines"] if line["affiliate_id"] == alpha.affiliate_id]

    # When B reads every portal page
    assert {"/affiliate/dashboard", "/affiliate/referrals", "/affiliate/commissions"} <= set(PORTAL_READS)
    for path in PORTAL_READS:
        concrete = path.replace("{payout_id}", payout_id)
        status, body = api.call("GET", concrete, token=beta.token)
        text = str(body)
        # Then nothing of A's shows: not the payout, the referral's initials, the invoice or A's code
        if "{payout_id}" in path:
            assert status == 404, (path, body)
            continue
        assert status == 200, (path, body)
        for secret in (payout_id, "Q. Z. W.", invoice_id, alpha.code, alpha.affiliate_id):
            assert secret not in text, (path, secret)

    # And A sees theirs
    status, mine = api.call("GET", f"/affiliate/payouts/{payout_id}", token=alpha.token)
    assert status == 200 and mine["amount"] == 980


def test_tenant_and_platform_tokens_reach_no_portal_route_and_partners_no_console(
    api: Api, devadmin: str
) -> None:
    admin = sign_up(api, "Tenant Admin Co")
    dana = partner(api, devadmin)
    for path in PORTAL_READS:
        concrete = path.replace("{payout_id}", "01H3333333333333333333333A")
        for token in (admin.token, devadmin):
            status, body = api.call("GET", concrete, token=token)
            assert status == 403 and body["error"]["code"] == "forbidden_role", (path, body)
    for path in ("/platform/affiliates", "/platform/affiliate-payouts/due", "/leads", "/billing"):
        status, body = api.call("GET", path, token=dana.token)
        assert status == 403, (path, body)
