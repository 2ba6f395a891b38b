"""Commissions from Stripe's webhook: each term type, exactly once under redelivery and out of order,
the hold and its release, refunds and disputes before and after payout, self-referral by card, and a
ledger that reconciles to the cent."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from convertly.affiliates import keys
from convertly.affiliates.attribution import attribution_of
from convertly.affiliates.commissions import invoice_marker
from convertly.affiliates.items import BalanceItem, EntryItem, InvoiceMarkerItem, ReferralItem
from convertly.affiliates.payouts import reconcile_ledger, release_due
from convertly.affiliates.reconcile import reconcile_invoices
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
from tests.functional.conftest import Account, Api


@pytest.fixture
def fake() -> InvoiceStripe:
    return InvoiceStripe()


@pytest.fixture
def dana(api: Api, devadmin: str) -> Partner:
    return partner(api, devadmin)


def referred(api: Api, dana: Partner) -> Account:
    return referred_sign_up(api, click(api, dana.code)["referral"])


def entries(affiliate_id: str) -> list[EntryItem]:
    return list(EntryItem.query(keys.ledger(affiliate_id), consistent_read=True))


def balance(affiliate_id: str) -> BalanceItem:
    return BalanceItem.get(keys.affiliate(affiliate_id), keys.balance_sk("usd"), consistent_read=True)


def balances(affiliate_id: str) -> tuple[int, int, int, int, int]:
    found = balance(affiliate_id)
    return (
        int(found.pending),
        int(found.payable),
        int(found.paid),
        int(found.reversed),
        int(found.reversed_open),
    )


def assert_reconciles(affiliate_id: str) -> None:
    result = reconcile_ledger(affiliate_id)
    assert result.ok, result.problems


def test_a_paid_invoice_earns_one_pending_commission_however_often_and_in_whatever_order_it_arrives(
    api: Api, dana: Partner, fake: InvoiceStripe
) -> None:
    # Given a referred tenant whose subscription Stripe charged $49
    tenant = referred(api, dana)
    sub = fake.subscribe(tenant.tenant_id)
    invoice_id, _ = fake.pay(sub, 4900)

    # When the subscription's update, then the invoice's two events arrive three times each, shuffled
    send(fake, "customer.subscription.updated", fake.subscriptions[sub])
    for event_id in ("evt_a", "evt_b", "evt_a"):
        invoice_paid(fake, invoice_id, event_id=f"{event_id}{time.time_ns()}")
        send(fake, "invoice.payment_succeeded", fake.invoices[invoice_id])

    # Then exactly one commission: 20% of $49.00 = $9.80, pending for 30 days
    [commission] = entries(dana.affiliate_id)
    assert (commission.kind, commission.amount, commission.currency) == ("commission", 980, "usd")
    assert commission.status == "pending"
    assert (
        commission.available_at is not None
        and commission.available_at > (now() + timedelta(days=29)).isoformat()
    )
    assert balances(dana.affiliate_id) == (980, 0, 0, 0, 0)
    assert invoice_marker(invoice_id).outcome == "commission"

    # And the referral is paying, with its monthly amount counted once
    referral = ReferralItem.get(keys.referrals(dana.affiliate_id), keys.referral_sk(tenant.tenant_id))
    assert (referral.status, referral.mrr_minor, referral.commission_minor) == ("paying", 4900, 980)
    status, dashboard = api.call("GET", "/affiliate/dashboard", token=dana.token)
    assert status == 200
    assert (dashboard["stats"]["paying"], dashboard["stats"]["trials"], dashboard["stats"]["mrr_minor"]) == (
        1,
        0,
        4900,
    )
    assert dashboard["pending"] == 980 and dashboard["days"][-1]["earned"] == 980
    assert_reconciles(dana.affiliate_id)


def test_the_percentage_is_paid_for_its_months_then_stops(
    api: Api, dana: Partner, fake: InvoiceStripe
) -> None:
    # Given 25% for 2 months, and a tenant whose first invoice was paid a day ago
    set_terms(commission_type="percent", percent_bps=2500, duration_months=2)
    tenant = referred(api, dana)
    sub = fake.subscribe(tenant.tenant_id)
    day = 86400
    first = int(time.time()) - day
    for paid_at in (first, first + 31 * day, first + 62 * day):
        invoice_id, _ = fake.pay(sub, 14900, paid_at=paid_at)
        invoice_paid(fake, invoice_id)

    # Then the first two months earn 25% each, to the cent, and the third has its reason recorded
    amounts = sorted(int(e.amount) for e in entries(dana.affiliate_id))
    assert amounts == [3725, 3725]
    third = invoice_marker(invoice_id)
    assert third is not None and third.outcome == "none" and "2 months" in str(third.reason)


def test_a_lifetime_percentage_keeps_paying(api: Api, dana: Partner, fake: InvoiceStripe) -> None:
    set_terms(commission_type="percent", percent_bps=1000, duration_months=None)
    tenant = referred(api, dana)
    sub = fake.subscribe(tenant.tenant_id)
    for month in range(3):
        invoice_id, _ = fake.pay(sub, 4900, paid_at=int(time.time()) + month * 40 * 86400)
        invoice_paid(fake, invoice_id)
    assert sorted(int(e.amount) for e in entries(dana.affiliate_id)) == [490, 490, 490]


def test_a_bounty_is_paid_once_on_the_first_paid_invoice(
    api: Api, dana: Partner, fake: InvoiceStripe
) -> None:
    set_terms(commission_type="bounty", percent_bps=0, bounty_minor=10000, duration_months=None)
    tenant = referred(api, dana)
    sub = fake.subscribe(tenant.tenant_id)
    first, _ = fake.pay(sub, 4900)
    second, _ = fake.pay(sub, 4900)
    invoice_paid(fake, first)
    invoice_paid(fake, second)
    [bounty] = entries(dana.affiliate_id)
    assert (bounty.amount, bounty.reason) == (10000, "bounty")
    assert invoice_marker(second).outcome == "none"
    assert attribution_of(tenant.tenant_id).bounty_paid is True


def test_an_affiliates_override_replaces_the_programs_commission(
    api: Api, dana: Partner, devadmin: str, fake: InvoiceStripe
) -> None:
    override = {"override": {"commission_type": "percent", "percent_bps": 3333, "duration_months": None}}
    status, detail = api.call("PUT", f"/platform/affiliates/{dana.affiliate_id}/override", override, devadmin)
    assert status == 200, detail
    assert detail["terms"]["percent_bps"] == 3333
    tenant = referred(api, dana)
    sub = fake.subscribe(tenant.tenant_id)
    invoice_id, _ = fake.pay(sub, 4999)
    invoice_paid(fake, invoice_id)
    # 33.33% of $49.99 is $16.6617: $16.66, to the cent, no float on the way
    assert [int(e.amount) for e in entries(dana.affiliate_id)] == [1666]


def test_the_hold_ends_on_schedule_or_early_by_a_developer_admin(
    api: Api, dana: Partner, devadmin: str, fake: InvoiceStripe
) -> None:
    # Given two commissions, pending
    tenant = referred(api, dana)
    sub = fake.subscribe(tenant.tenant_id)
    for _ in range(2):
        invoice_id, _ = fake.pay(sub, 4900)
        invoice_paid(fake, invoice_id)
    first, second = sorted(entries(dana.affiliate_id), key=lambda e: e.entry_id)

    # When a Developer Admin releases one early
    path = f"/platform/affiliates/{dana.affiliate_id}/commissions/{first.entry_id}/release"
    status, released = api.call("POST", path, {}, devadmin)
    assert status == 200, released
    assert released["status"] == "payable"
    assert api.call("POST", path, {}, devadmin)[1]["error"]["code"] == "not_pending"

    # Then the hourly run leaves the other until its hold ends, then makes it payable
    assert release_due(now() + timedelta(days=1)) == 0
    assert release_due(now() + timedelta(days=31)) >= 1
    assert {e.status for e in entries(dana.affiliate_id)} == {"payable"}
    assert balances(dana.affiliate_id) == (0, 1960, 0, 0, 0)
    assert second.entry_id != first.entry_id
    assert_reconciles(dana.affiliate_id)


def test_a_refund_before_payout_reverses_its_share_and_a_replay_reverses_nothing_more(
    api: Api, dana: Partner, fake: InvoiceStripe
) -> None:
    # Given a $98 invoice whose commission is $19.60
    tenant = referred(api, dana)
    sub = fake.subscribe(tenant.tenant_id)
    invoice_id, charge_id = fake.pay(sub, 9800)
    invoice_paid(fake, invoice_id)

    # When a quarter is refunded, the event delivered twice
    fake.refund(charge_id, 2450)
    for _ in range(2):
        send(fake, "charge.refunded", fake.charges[charge_id])

    # Then a quarter of the commission ($4.90) is reversed, once
    reversals = [e for e in entries(dana.affiliate_id) if e.kind == "reversal"]
    assert [int(e.amount) for e in reversals] == [-490]
    assert balances(dana.affiliate_id) == (1960, 0, 0, 490, 490)

    # When the rest is refunded
    fake.refund(charge_id, 7350)
    send(fake, "charge.refunded", fake.charges[charge_id])

    # Then the whole commission is reversed, never more
    reversals = [e for e in entries(dana.affiliate_id) if e.kind == "reversal"]
    assert sorted(int(e.amount) for e in reversals) == [-1470, -490]
    assert balances(dana.affiliate_id) == (1960, 0, 0, 1960, 1960)
    assert_reconciles(dana.affiliate_id)


def test_a_refund_that_arrives_before_its_invoice_creates_the_commission_then_reverses_it(
    api: Api, dana: Partner, fake: InvoiceStripe
) -> None:
    tenant = referred(api, dana)
    sub = fake.subscribe(tenant.tenant_id)
    invoice_id, charge_id = fake.pay(sub, 4900)
    fake.refund(charge_id, 4900)
    send(fake, "charge.refunded", fake.charges[charge_id])
    invoice_paid(fake, invoice_id)  # late
    kinds = sorted((e.kind, int(e.amount)) for e in entries(dana.affiliate_id))
    assert kinds == [("commission", 980), ("reversal", -980)]
    assert_reconciles(dana.affiliate_id)


def test_a_dispute_claws_back_the_commission(api: Api, dana: Partner, fake: InvoiceStripe) -> None:
    tenant = referred(api, dana)
    sub = fake.subscribe(tenant.tenant_id)
    invoice_id, charge_id = fake.pay(sub, 4900)
    invoice_paid(fake, invoice_id)
    dispute = {"id": f"dp_{time.time_ns()}", "object": "dispute", "charge": charge_id, "amount": 4900}
    for _ in range(3):
        send(fake, "charge.dispute.created", dispute)
    assert sorted(int(e.amount) for e in entries(dana.affiliate_id)) == [-980, 980]
    assert balances(dana.affiliate_id)[3] == 980


def test_a_self_referral_by_email_domain_is_refused_and_flagged(api: Api, devadmin: str) -> None:
    # Given a partner at their own company domain
    owner = partner(api, devadmin, email=f"dana{time.time_ns()}@danaconsulting.test")
    # When someone at that domain signs up through the link
    tenant = referred_sign_up(api, click(api, owner.code)["referral"], email="boss@danaconsulting.test")
    # Then the sign-up stands but is not attributed, and the partner is flagged
    found = attribution_of(tenant.tenant_id)
    assert found is not None and found.status == "refused" and "domain" in str(found.reason)
    status, detail = api.call("GET", f"/platform/affiliates/{owner.affiliate_id}", token=devadmin)
    assert status == 200
    assert [f["kind"] for f in detail["flags"]] == ["self_referral_email"]
    assert (detail["stats"]["signups"], detail["stats"]["refused"]) == (0, 1)


def test_a_referral_paid_with_the_affiliates_own_card_earns_nothing_and_is_flagged(
    api: Api, devadmin: str, fake: InvoiceStripe
) -> None:
    # Given a partner whose own account (signed up at their company's domain) pays with their card
    owner = partner(api, devadmin)
    own = referred_sign_up(api, None, email=f"crm@{owner.email.split('@')[1]}")
    own_sub = fake.subscribe(own.tenant_id)
    invoice_id, _ = fake.pay(own_sub, 4900, fingerprint="fp_dana_card")
    invoice_paid(fake, invoice_id)
    assert attribution_of(own.tenant_id).status == "own"

    # When a tenant referred by them pays with the same card
    tenant = referred_sign_up(api, click(api, owner.code)["referral"])
    sub = fake.subscribe(tenant.tenant_id)
    invoice_id, _ = fake.pay(sub, 4900, fingerprint="fp_dana_card")
    invoice_paid(fake, invoice_id)

    # Then no commission, the reason recorded, the referral refused and the partner flagged
    assert entries(owner.affiliate_id) == []
    marker = invoice_marker(invoice_id)
    assert marker is not None and marker.outcome == "none" and "own account" in str(marker.reason)
    assert attribution_of(tenant.tenant_id).status == "refused"
    _status, detail = api.call("GET", f"/platform/affiliates/{owner.affiliate_id}", token=devadmin)
    assert [f["kind"] for f in detail["flags"]] == ["self_referral_card"]


def test_an_unattributed_tenants_invoice_earns_nobody_anything(api: Api, fake: InvoiceStripe) -> None:
    tenant = referred_sign_up(api, None)
    sub = fake.subscribe(tenant.tenant_id)
    invoice_id, _ = fake.pay(sub, 4900)
    invoice_paid(fake, invoice_id)
    assert invoice_marker(invoice_id) is None


def test_a_canceled_subscription_leaves_the_paying_count_and_mrr(
    api: Api, dana: Partner, fake: InvoiceStripe
) -> None:
    tenant = referred(api, dana)
    sub = fake.subscribe(tenant.tenant_id)
    invoice_id, _ = fake.pay(sub, 4900)
    invoice_paid(fake, invoice_id)
    fake.subscriptions[sub]["status"] = "canceled"
    for _ in range(2):
        send(fake, "customer.subscription.deleted", fake.subscriptions[sub])
    status, dashboard = api.call("GET", "/affiliate/dashboard", token=dana.token)
    assert status == 200
    stats = dashboard["stats"]
    assert (stats["paying"], stats["canceled"], stats["mrr_minor"]) == (0, 1, 0)


def test_the_books_reconcile_and_a_missing_record_is_reported(
    api: Api, dana: Partner, fake: InvoiceStripe
) -> None:
    # Given a referred tenant with two paid invoices, one partly refunded
    tenant = referred(api, dana)
    sub = fake.subscribe(tenant.tenant_id)
    first, charge_id = fake.pay(sub, 4900)
    second, _ = fake.pay(sub, 4900)
    for invoice_id in (first, second):
        invoice_paid(fake, invoice_id)
    fake.refund(charge_id, 1000)
    send(fake, "charge.refunded", fake.charges[charge_id])

    # Then every paid invoice has exactly one commission, and the ledger adds up to the cent
    checked, problems = reconcile_invoices(dana.affiliate_id, fake)
    assert (checked, problems) == (2, [])
    assert_reconciles(dana.affiliate_id)

    # When an invoice's record is lost, the reconciliation says so
    InvoiceMarkerItem(keys.invoice_marker(second), keys.MARKER_SK).delete()
    _, problems = reconcile_invoices(dana.affiliate_id, fake)
    assert problems == [f"{dana.affiliate_id}: paid invoice {second} has no commission and no reason"]
