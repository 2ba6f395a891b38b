"""Payouts: payout settings sealed, what is due against the threshold, batches that pay each entry
once, PayPal and Wise exports, marking paid, refunds after payout carried forward, and isolation
between partners."""

from __future__ import annotations

import csv
import io

import pytest

from convertly.accounts.use_cases import add_member
from convertly.affiliates import keys
from convertly.affiliates.items import AffiliateItem
from convertly.affiliates.payouts import reconcile_ledger, release_due
from convertly.permissions import Role
from convertly.platform.clock import now
from tests.functional.affiliates.conftest import (
    InvoiceStripe,
    Partner,
    click,
    invoice_paid,
    partner,
    referred_sign_up,
    send,
    set_terms,
)
from tests.functional.conftest import PASSWORD, Api, sign_up, unique_email


@pytest.fixture
def fake() -> InvoiceStripe:
    return InvoiceStripe()


def earn(api: Api, fake: InvoiceStripe, dana: Partner, amount: int = 4900) -> str:
    """A referred tenant's paid invoice, its commission released; the charge's id."""
    tenant = referred_sign_up(api, click(api, dana.code)["referral"])
    sub = fake.subscribe(tenant.tenant_id)
    invoice_id, charge_id = fake.pay(sub, amount)
    invoice_paid(fake, invoice_id)
    release_due(now().replace(year=now().year + 1))
    return charge_id


def as_text(body: object) -> str:
    return body.decode() if isinstance(body, bytes) else str(body)


def due_row(api: Api, devadmin: str, affiliate_id: str) -> dict[str, object]:
    status, due = api.call("GET", "/platform/affiliate-payouts/due?currency=usd", token=devadmin)
    assert status == 200, due
    return next(row for row in due["items"] if row["affiliate_id"] == affiliate_id)


def test_payout_settings_are_sealed_and_shown_masked(api: Api, devadmin: str) -> None:
    dana = partner(api, devadmin)
    body = {"method": "paypal", "paypal_email": "dana.payouts@example.com"}
    status, saved = api.call("PUT", "/affiliate/payout-settings", body, dana.token)
    assert status == 200, saved
    assert saved["method"] == "paypal" and "dana.payouts" not in saved["summary"]
    assert saved["summary"].endswith("@example.com")
    stored = AffiliateItem.get(keys.affiliate(dana.affiliate_id), keys.PROFILE_SK)
    assert "dana.payouts" not in str(stored.payout_sealed)

    # Bank details need an IBAN or an account with its routing number
    status, refused = api.call(
        "PUT",
        "/affiliate/payout-settings",
        {"method": "bank", "bank": {"account_holder": "D", "country": "GB"}},
        dana.token,
    )
    assert status == 422, refused
    status, bank = api.call(
        "PUT",
        "/affiliate/payout-settings",
        {
            "method": "bank",
            "bank": {"account_holder": "Dana P", "iban": "GB33BUKB20201555555555", "country": "gb"},
        },
        dana.token,
    )
    assert status == 200 and bank["summary"].startswith("Bank GB") and "5555" in bank["summary"]
    assert "GB33BUKB" not in bank["summary"]


def test_a_batch_pays_what_is_due_once_exports_it_and_the_partner_sees_what_it_covered(
    api: Api, devadmin: str, fake: InvoiceStripe
) -> None:
    # Given a partner with $9.80 payable, under the $50 threshold
    dana = partner(api, devadmin)
    earn(api, fake, dana)
    row = due_row(api, devadmin, dana.affiliate_id)
    assert (row["due"], row["ready"], row["reason"]) == (980, False, "under the payout threshold")

    # When the threshold is $5 but the partner has no payout settings yet
    set_terms(payout_threshold_minor=500)
    assert due_row(api, devadmin, dana.affiliate_id)["reason"] == "no payout settings yet"

    # When they give their PayPal address and a batch is created
    api.call(
        "PUT",
        "/affiliate/payout-settings",
        {"method": "paypal", "paypal_email": "dana@pay.example"},
        dana.token,
    )
    status, batch = api.call("POST", "/platform/affiliate-payouts", {"currency": "usd"}, devadmin)
    assert status == 201, batch
    [line] = [line for line in batch["lines"] if line["affiliate_id"] == dana.affiliate_id]
    assert (line["amount"], line["method"]) == (980, "paypal")

    # Then a second click pays nothing twice
    status, again = api.call("POST", "/platform/affiliate-payouts", {"currency": "usd"}, devadmin)
    assert status == 409 or dana.affiliate_id not in [ln["affiliate_id"] for ln in again.get("lines", [])]

    # And the PayPal file has the address, the amount and the currency
    path = f"/platform/affiliate-payouts/{batch['batch_id']}/export?format=paypal"
    status, text = api.call("GET", path, token=devadmin)
    assert status == 200, text
    rows = {r[0]: r for r in csv.reader(io.StringIO(as_text(text)))}
    assert rows["dana@pay.example"][1:3] == ["9.80", "USD"]
    status, wise = api.call("GET", path.replace("paypal", "wise"), token=devadmin)
    assert status == 200
    header, *lines = list(csv.reader(io.StringIO(as_text(wise))))
    assert header[:3] == ["name", "recipientEmail", "paymentReference"]
    assert any(r[1] == "dana@pay.example" and r[5] == "9.80" for r in lines)

    # When it is marked paid
    status, paid = api.call("POST", f"/platform/affiliate-payouts/{batch['batch_id']}/paid", {}, devadmin)
    assert status == 200 and paid["status"] == "paid"

    # Then the partner sees the payout and the commission it covered
    status, payouts = api.call("GET", "/affiliate/payouts", token=dana.token)
    assert status == 200
    [payout] = payouts["items"]
    assert (payout["amount"], payout["status"]) == (980, "paid")
    status, detail = api.call("GET", f"/affiliate/payouts/{payout['payout_id']}", token=dana.token)
    assert status == 200
    assert [(e["kind"], e["amount"], e["status"]) for e in detail["entries"]] == [("commission", 980, "paid")]
    assert reconcile_ledger(dana.affiliate_id).ok

    # And another partner cannot read it
    other = partner(api, devadmin, name="Otto Other")
    status, body = api.call("GET", f"/affiliate/payouts/{payout['payout_id']}", token=other.token)
    assert status == 404 and body["error"]["code"] == "payout_not_found"


def test_a_refund_after_payout_is_carried_forward_and_netted_by_the_next_payout(
    api: Api, devadmin: str, fake: InvoiceStripe
) -> None:
    # Given a paid-out commission of $9.80
    set_terms(payout_threshold_minor=100)
    dana = partner(api, devadmin)
    api.call(
        "PUT", "/affiliate/payout-settings", {"method": "paypal", "paypal_email": "d@pay.example"}, dana.token
    )
    charge_id = earn(api, fake, dana)
    status, first = api.call("POST", "/platform/affiliate-payouts", {"currency": "usd"}, devadmin)
    assert status == 201, first

    # When its invoice is refunded in full
    fake.refund(charge_id, 4900)
    send(fake, "charge.refunded", fake.charges[charge_id])

    # Then the partner owes $9.80, and no payout is made for it
    row = due_row(api, devadmin, dana.affiliate_id)
    assert (row["due"], row["ready"]) == (-980, False)
    status, dashboard = api.call("GET", "/affiliate/dashboard", token=dana.token)
    assert dashboard["due"] == -980

    # When two more commissions become payable, the next payout nets the reversal
    earn(api, fake, dana)
    earn(api, fake, dana)
    status, second = api.call("POST", "/platform/affiliate-payouts", {"currency": "usd"}, devadmin)
    assert status == 201, second
    [line] = [ln for ln in second["lines"] if ln["affiliate_id"] == dana.affiliate_id]
    assert line["amount"] == 980
    result = reconcile_ledger(dana.affiliate_id)
    assert result.ok, result.problems
    assert result.sums["usd"]["entries"] == 980 * 2


def test_a_portal_login_outside_the_affiliates_space_reaches_no_partner(api: Api) -> None:
    admin = sign_up(api, "Old Style Co")
    email = unique_email("legacy")
    add_member(admin.tenant_id, email, "Legacy Affiliate", Role.AFFILIATE, PASSWORD)
    _, tokens = api.call("POST", "/auth/login", {"email": email, "password": PASSWORD})
    status, body = api.call("GET", "/affiliate/dashboard", token=tokens["id_token"])
    assert status == 404 and body["error"]["code"] == "affiliate_not_found"
