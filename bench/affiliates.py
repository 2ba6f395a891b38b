"""`python -m bench.affiliates [--invoices K] [--referrals N]`: the affiliate program's costs.

Webhook commissions and the partner portal's reads (docs/affiliates.md), in one run with a moto of its own.

1. Commissions from the Stripe webhook. One partner applies and is approved (a sign-in made with
   `add_affiliate_login`, as devstack/seed_affiliates.py does); K companies (default 200) click the
   partner's link (`clicks.record_click`), sign up with its referral (the accounts use case) and are
   attributed (`attribute_sign_up`). Each has a Starter subscription and one paid invoice in an
   in-memory Stripe (a `StripeGateway` whose reads come from memory and are counted; the SDK's real
   signature check). Every invoice's `invoice.paid`, `invoice.payment_succeeded` and
   `customer.subscription.updated` is delivered three times (the same event id: Stripe's redelivery),
   all of them in one order shuffled by `random.Random(SEED)`, signed, to the webhook function
   (functions/billing_webhook, `stripe=` the fake), metered. Figures: AWS calls per delivery by
   operation, billing's and the program's (the calls inside `affiliates.service.on_stripe_event`), and
   Stripe reads per delivery; then exactly once: the ledger entries per invoice (target 1 each: 0
   duplicates, 0 missing), the balance and the counters. Last, an invoice of a tenant nobody referred:
   the program's side should be one GetItem and no Stripe read.
2. The portal against the number of referrals. Two partners with 100 and N (default 10,000)
   referrals, written straight to the table with a batch writer (counters added to match), both with
   30 days of figures (scaled to their referrals) and a balance. `views.dashboard(affiliate, 30)` and
   the referrals page (`views.referrals`, 25) are read warm under the meter; read units are computed
   from the payloads (bench/capacity.py: moto reports a constant). Target: dashboard ratio <= 1.1, the
   referrals page equal.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / ".results-affiliates.json"
EVENTS_DIR = Path(__file__).resolve().parents[1] / "events"
INVOICES = 200
SMALL = 100
REFERRALS = 10_000
DAYS = 30
PAGE = 25
DELIVERIES = 3
SEED = 20261207
RATIO_TARGET = 1.1
STATUS_MIX = ("paying",) * 5 + ("trial", "trial", "canceled")  # the seeded referrals, in turn
WEBHOOK_SECRET = "whsec_bench_affiliates"
PASSWORD = "Correct-Horse-9"
EVENT_TYPES = ("invoice.paid", "invoice.payment_succeeded", "customer.subscription.updated")
INVOICE_TYPES = EVENT_TYPES[:2]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"

Json = dict[str, Any]


def _progress(message: str) -> None:
    print(message, file=sys.__stderr__, flush=True)


# Pure parts (tests/unit/devstack/test_bench_affiliates.py) ------------------------------------------


def schedule(event_ids: Sequence[str], deliveries: int, seed: int) -> list[tuple[str, int]]:
    """Every event `deliveries` times, in one order shuffled by `seed`: (event id, its n-th delivery),
    numbered in the order they arrive, so an event's delivery 1 is always the first of it to arrive."""
    order = [event_id for event_id in event_ids for _ in range(deliveries)]
    random.Random(seed).shuffle(order)
    seen: Counter[str] = Counter()
    numbered = []
    for event_id in order:
        seen[event_id] += 1
        numbered.append((event_id, seen[event_id]))
    return numbered


@dataclass(frozen=True)
class Tally:
    expected: int
    once: int  # invoices with exactly one entry
    duplicates: int  # entries beyond the first of an invoice
    missing: int  # expected invoices without an entry
    strays: int  # entries of invoices not expected


def tally(expected: Sequence[str], found: Sequence[str]) -> Tally:
    """Ledger entries (`found`: the invoice id of each) against the invoices that should each have one."""
    counts = Counter(found)
    wanted = set(expected)
    return Tally(
        expected=len(wanted),
        once=sum(1 for invoice in wanted if counts[invoice] == 1),
        duplicates=sum(n - 1 for invoice, n in counts.items() if invoice in wanted and n > 1),
        missing=sum(1 for invoice in wanted if counts[invoice] == 0),
        strays=sum(n for invoice, n in counts.items() if invoice not in wanted),
    )


def mean_operations(counters: Sequence[Counter[str]]) -> dict[str, float]:
    """The mean count of each operation over `counters` (one per delivery)."""
    total: Counter[str] = Counter()
    for counter in counters:
        total.update(counter)
    return {name: total[name] / len(counters) for name in sorted(total)} if counters else {}


# The in-memory Stripe -----------------------------------------------------------------------------


def make_stripe(secret: str = WEBHOOK_SECRET) -> Any:
    """A Stripe as the webhook and the program read it: subscriptions, invoices and charges from
    memory (each read counted by kind), the SDK's real webhook signature check (`verified_event` is
    StripeGateway's own). Made in a function: convertly is imported only once moto's endpoint is set."""
    import stripe

    from convertly.billing.stripe_gateway import StripeGateway, StripeKeys

    class InvoiceStripe(StripeGateway):
        def __init__(self) -> None:
            super().__init__(
                stripe.StripeClient("sk_test_bench", max_network_retries=0),
                StripeKeys("sk_test_bench", secret, None),
            )
            self.subscriptions: dict[str, Json] = {}
            self.invoices: dict[str, Json] = {}
            self.charges: dict[str, Json] = {}
            self.reads: Counter[str] = Counter()

        def _read(self, kind: str, store: dict[str, Json], object_id: str) -> Json | None:
            self.reads[kind] += 1
            found = store.get(object_id)
            return copy.deepcopy(found) if found is not None else None

        def subscription(self, subscription_id: str) -> Json | None:
            return self._read("subscription", self.subscriptions, subscription_id)

        def invoice(self, invoice_id: str) -> Json | None:
            return self._read("invoice", self.invoices, invoice_id)

        def charge(self, charge_id: str) -> Json | None:
            return self._read("charge", self.charges, charge_id)

        def invoices_of(self, customer_id: str, limit: int = 100) -> list[Json]:
            self.reads["invoices_of"] += 1
            found = [i for i in self.invoices.values() if i.get("customer") == customer_id]
            return copy.deepcopy(found[:limit])

        def total_reads(self) -> int:
            return sum(self.reads.values())

        def subscribe_and_pay(self, tenant_id: str, number: int) -> tuple[str, str]:
            """A Starter subscription of the tenant and its first invoice, paid by card: (sub, invoice)."""
            from convertly.billing.plans import PLANS, PlanId

            plan = PLANS[PlanId.STARTER]
            sub_id, customer = f"sub_bench{number:06d}", f"cus_bench{number:06d}"
            invoice_id, charge_id = f"in_bench{number:06d}", f"ch_bench{number:06d}"
            sample = json.loads((EVENTS_DIR / "stripe" / "customer.subscription.created.json").read_text())
            data: Json = sample["data"]["object"]
            item = data["items"]["data"][0]
            item["price"].update(lookup_key=plan.lookup_key, unit_amount=plan.monthly_price, currency="usd")
            item["current_period_end"] = int(time.time()) + 30 * 86400
            data.update(
                id=sub_id,
                customer=customer,
                status="active",
                latest_invoice=invoice_id,
                metadata={"tenant_id": tenant_id},
            )
            self.subscriptions[sub_id] = data
            self.charges[charge_id] = {
                "id": charge_id,
                "object": "charge",
                "amount": plan.monthly_price,
                "amount_refunded": 0,
                "currency": "usd",
                "customer": customer,
                "invoice": invoice_id,
                "payment_method_details": {"type": "card", "card": {"fingerprint": f"fp_bench{number:06d}"}},
            }
            self.invoices[invoice_id] = {
                "id": invoice_id,
                "object": "invoice",
                "status": "paid",
                "amount_paid": plan.monthly_price,
                "currency": "usd",
                "customer": customer,
                "subscription": sub_id,
                "charge": charge_id,
                "status_transitions": {"paid_at": int(time.time())},
            }
            return sub_id, invoice_id

    return InvoiceStripe()


def stripe_event(event_id: str, event_type: str, obj: Json) -> Json:
    """A Stripe event of `event_type` about `obj`, shaped like the repository's sample of that type."""
    sample = EVENTS_DIR / "stripe" / f"{event_type}.json"
    event: Json = json.loads(sample.read_text()) if sample.exists() else {"object": "event"}
    event.update(id=event_id, type=event_type, created=int(time.time()), data={"object": obj})
    return event


def webhook_request(body: str, signature: str) -> Json:
    """The API Gateway REST event that carries one delivery (from the sample trigger)."""
    event: Json = json.loads((EVENTS_DIR / "triggers" / "apigw_rest_stripe_webhook.json").read_text())
    headers = {k: v for k, v in event["headers"].items() if k.lower() != "stripe-signature"}
    headers["Stripe-Signature"] = signature
    event.update(
        headers=headers,
        multiValueHeaders={k: [v] for k, v in headers.items()},
        body=body,
        isBase64Encoded=False,
    )
    return event


# 1. Commissions from the webhook --------------------------------------------------------------------


def _staff() -> Any:
    from convertly.permissions import Role
    from convertly.platform.principal import Principal

    return Principal(
        user_id="bench", tenant_id="platform", role=Role.DEVELOPER_ADMIN, email="", name="Convertly"
    )


def make_partner(name: str, email: str) -> tuple[str, str]:
    """A partner who applied and was approved with a sign-in of their own: (affiliate id, code)."""
    from convertly.accounts import service as accounts_service
    from convertly.affiliates import applications, views
    from convertly.affiliates.domain import PartnerApplicationIn

    receipt = applications.apply(
        PartnerApplicationIn(
            name=name,
            email=email,
            website="https://partners.bench.test",
            audience="Home-services contractors: a newsletter and a YouTube channel",
            promotion="Reviews in the monthly newsletter and a tutorial video",
        )
    )
    user = accounts_service.add_affiliate_login(email, name, PASSWORD)
    decided = applications.approve(_staff(), receipt.application_id, "Bench partner", user_id=user.user_id)
    affiliate_id = str(decided.affiliate_id)
    return affiliate_id, views.affiliate(affiliate_id).code


def sign_up(number: int, code: str | None) -> tuple[str, str | None]:
    """A company's sign-up, after a click on the partner's link when `code` is given: (tenant, outcome)."""
    from convertly.accounts import use_cases as accounts
    from convertly.accounts.domain import SignUp
    from convertly.affiliates import clicks
    from convertly.affiliates.attribution import attribute_sign_up
    from convertly.affiliates.domain import ReferralClick

    referral = None
    if code is not None:
        referral = clicks.record_click(
            ReferralClick(code=code, sub_id="newsletter", utm_source="newsletter"),
            f"198.51.100.{number % 250 + 1}",
            f"{BROWSER} visitor-{number}",
        ).referral
    company, email = f"Referred Roofing {number}", f"owner{number}@referred{number}.test"
    tenant, _ = accounts.sign_up(
        SignUp(company_name=company, name="Olive Owner", email=email, password=PASSWORD, referral=referral)
    )
    return tenant.tenant_id, attribute_sign_up(tenant.tenant_id, company, email, referral)


@dataclass
class Delivery:
    event_type: str
    nth: int  # the event's n-th delivery (1: the first to arrive)
    result: str  # what the program did: commission, duplicate, updated, not_attributed, ...
    calls: Counter[str]  # the whole webhook function's AWS calls, by operation
    program_calls: Counter[str]  # of them, the program's (inside affiliates.service.on_stripe_event)
    stripe_reads: int
    program_stripe_reads: int


@dataclass
class _ProgramSide:
    """Tells the program's calls and Stripe reads apart from billing's within a delivery."""

    stripe: Any
    recording: Any = None
    span: tuple[int, int] = (0, 0)
    reads: int = 0
    result: str = ""

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        from convertly.affiliates import service

        original = service.on_stripe_event

        def wrapper(event: Json, stripe: Any, tenant_id: str | None = None) -> str:
            first = len(self.recording.calls) if self.recording is not None else 0
            reads = self.stripe.total_reads()
            try:
                self.result = original(event, stripe, tenant_id)
                return self.result
            finally:
                self.span = (first, len(self.recording.calls) if self.recording is not None else 0)
                self.reads = self.stripe.total_reads() - reads

        service.on_stripe_event = wrapper
        try:
            yield
        finally:
            service.on_stripe_event = original

    def reset(self, recording: Any) -> None:
        self.recording, self.span, self.reads, self.result = recording, (0, 0), 0, ""


def deliver(meter: Any, side: _ProgramSide, event: Json, nth: int) -> Delivery:
    """Sign the event as Stripe does and hand it to the webhook function, metered."""
    import stripe

    from devstack.functions import lambda_context
    from functions.billing_webhook.handler import handler as webhook

    raw = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(raw, WEBHOOK_SECRET)
    before = side.stripe.total_reads()
    with meter.recording() as recording:
        side.reset(recording)
        context: Any = lambda_context("billing_webhook")  # the attributes Powertools reads
        answer = webhook(webhook_request(raw, header), context, stripe=side.stripe)
    if answer["statusCode"] != 200:
        raise RuntimeError(f"{event['type']} {event['id']}: {answer['statusCode']} {answer['body']}")
    first, end = side.span
    return Delivery(
        event_type=str(event["type"]),
        nth=nth,
        result=side.result,
        calls=recording.by_operation(),
        program_calls=Counter(call.operation for call in recording.calls[first:end]),
        stripe_reads=side.stripe.total_reads() - before,
        program_stripe_reads=side.reads,
    )


def run_webhook(meter: Any, invoices: int) -> dict[str, Any]:
    from convertly.affiliates import keys
    from convertly.affiliates.items import AffiliateStatsItem, BalanceItem, EntryItem
    from convertly.affiliates.payouts import reconcile_ledger

    fake = make_stripe()
    with meter.paused():
        affiliate_id, code = make_partner("Dana Partner", "dana@bench-partners.test")
        events: dict[str, Json] = {}
        invoice_ids = []
        started = time.perf_counter()
        for n in range(invoices):
            tenant_id, outcome = sign_up(n, code)
            if outcome != "attributed":
                raise RuntimeError(f"sign-up {n} was not attributed: {outcome}")
            sub_id, invoice_id = fake.subscribe_and_pay(tenant_id, n)
            invoice_ids.append(invoice_id)
            for event_type in EVENT_TYPES:
                event_id = f"evt_{event_type.replace('.', '_')}_{n:06d}"
                obj = (
                    fake.subscriptions[sub_id]
                    if event_type not in INVOICE_TYPES
                    else fake.invoices[invoice_id]
                )
                events[event_id] = stripe_event(event_id, event_type, obj)
            if n and n % 50 == 0:
                _progress(f"   {n:,} referred sign-ups ({time.perf_counter() - started:.0f} s)")
        stranger, outcome = sign_up(invoices, None)
        if outcome is not None:
            raise RuntimeError(f"the unreferred sign-up was attributed: {outcome}")
        _, stranger_invoice = fake.subscribe_and_pay(stranger, invoices)
    signed_up = time.perf_counter() - started
    side = _ProgramSide(fake)
    order = schedule(list(events), DELIVERIES, SEED)
    _progress(
        f"   delivering {len(order):,} webhook events ({len(events):,} events x {DELIVERIES}, shuffled) ..."
    )
    deliveries: list[Delivery] = []
    started = time.perf_counter()
    with side.installed():
        for number, (event_id, nth) in enumerate(order, start=1):
            deliveries.append(deliver(meter, side, events[event_id], nth))
            if number % 500 == 0:
                _progress(f"   {number:,} deliveries ({time.perf_counter() - started:.0f} s)")
        delivered = time.perf_counter() - started
        unreferred = deliver(
            meter, side, stripe_event("evt_unreferred", "invoice.paid", fake.invoices[stranger_invoice]), 1
        )
    with meter.paused():
        entries = list(EntryItem.query(keys.ledger(affiliate_id), consistent_read=True))
        balance = BalanceItem.get(keys.affiliate(affiliate_id), keys.balance_sk("usd"), consistent_read=True)
        stats = AffiliateStatsItem.get(keys.affiliate(affiliate_id), keys.STATS_SK, consistent_read=True)
        reconciled = reconcile_ledger(affiliate_id)
    counted = tally(invoice_ids, [str(e.invoice_id) for e in entries if e.kind == "commission"])
    return {
        "invoices": invoices,
        "events": len(events),
        "deliveries": len(order),
        "sign_up_seconds": round(signed_up, 1),
        "delivery_seconds": round(delivered, 1),
        "rows": _rows(deliveries),
        "results": {
            event_type: dict(Counter(d.result for d in deliveries if d.event_type == event_type))
            for event_type in EVENT_TYPES
        },
        "unreferred": _row([unreferred]) | {"result": unreferred.result},
        "exactly_once": counted.__dict__,
        "entry_amounts": dict(Counter(int(e.amount) for e in entries)),
        "balance_pending": int(balance.pending),
        "entries_sum": sum(int(e.amount) for e in entries),
        "stats": {
            "paying": int(stats.paying),
            "trials": int(stats.trials),
            "mrr_minor": int(stats.mrr_minor),
        },
        "reconciles": reconciled.ok,
        "reconcile_problems": list(reconciled.problems),
    }


def _row(found: Sequence[Delivery]) -> dict[str, Any]:
    return {
        "deliveries": len(found),
        "calls": mean_operations([d.calls for d in found]),
        "program_calls": mean_operations([d.program_calls for d in found]),
        "stripe_reads": sum(d.stripe_reads for d in found) / max(1, len(found)),
        "program_stripe_reads": sum(d.program_stripe_reads for d in found) / max(1, len(found)),
    }


def _rows(deliveries: Sequence[Delivery]) -> dict[str, dict[str, Any]]:
    """Per event type, its first delivery and its redeliveries; and for the invoice events, the one
    that wrote the commission against those that found the invoice recorded (the program's view)."""
    rows = {}
    for event_type in EVENT_TYPES:
        of_type = [d for d in deliveries if d.event_type == event_type]
        rows[f"{event_type}, first delivery"] = _row([d for d in of_type if d.nth == 1])
        rows[f"{event_type}, redelivery"] = _row([d for d in of_type if d.nth > 1])
    invoice_events = [d for d in deliveries if d.event_type in INVOICE_TYPES]
    rows["invoice event writing the commission"] = _row(
        [d for d in invoice_events if d.result == "commission"]
    )
    rows["invoice event, invoice recorded already"] = _row(
        [d for d in invoice_events if d.result == "duplicate"]
    )
    return rows


# 2. The portal against the number of referrals --------------------------------------------------


def seed_referrals(affiliate_id: str, count: int, today: datetime) -> None:
    """`count` referrals written straight to the table (a batch writer), the counters added to match,
    a balance, and 30 days of figures scaled to the referrals."""
    from convertly.affiliates import keys
    from convertly.affiliates.items import AffiliateStatsItem, BalanceItem, DayItem, ReferralItem
    from convertly.platform.clock import iso, new_id

    statuses = Counter[str]()
    mrr = 0
    # Tenant ids are ULIDs, random within a millisecond: sorted, so the newest referral has the last key
    # and both partners' first pages (newest first) hold the same shapes and sizes.
    tenant_ids = sorted(new_id() for _ in range(count))
    with ReferralItem.batch_write() as batch:
        for n in range(count):
            back = count - 1 - n  # counted from the newest, the page the portal shows first
            status = STATUS_MIX[back % len(STATUS_MIX)]
            statuses[status] += 1
            amount = (4900, 14900)[back % 2] if status == "paying" else 0
            mrr += amount
            signed_up = today - timedelta(days=back % 365, minutes=back % 1440)
            tenant_id = tenant_ids[n]
            batch.save(
                ReferralItem(
                    keys.referrals(affiliate_id),
                    keys.referral_sk(tenant_id),
                    tenant_id=tenant_id,
                    initials="B. R. C.",
                    plan=("starter", "professional")[back % 2],
                    status=status,
                    signed_up_at=iso(signed_up),
                    first_paid_at=iso(signed_up + timedelta(days=14)) if status != "trial" else None,
                    mrr_minor=amount,
                    currency="usd",
                    sub_id="newsletter",
                    commission_minor=amount // 5,
                    invoices_paid=1 if status != "trial" else 0,
                )
            )
    AffiliateStatsItem(keys.affiliate(affiliate_id), keys.STATS_SK).update(
        actions=[
            AffiliateStatsItem.clicks.add(count * 12),
            AffiliateStatsItem.unique_clicks.add(count * 9),
            AffiliateStatsItem.signups.add(count),
            AffiliateStatsItem.trials.add(statuses["trial"]),
            AffiliateStatsItem.paying.add(statuses["paying"]),
            AffiliateStatsItem.canceled.add(statuses["canceled"]),
            AffiliateStatsItem.mrr_minor.add(mrr),
        ]
    )
    BalanceItem(
        keys.affiliate(affiliate_id),
        keys.balance_sk("usd"),
        affiliate_id=affiliate_id,
        currency="usd",
        pending=mrr // 5,
        payable=mrr // 10,
        paid=mrr,
        paid_out=mrr,
    ).save()
    per_day = max(1, count // 365)
    with DayItem.batch_write() as batch:
        for back in range(DAYS):
            day = (today - timedelta(days=back)).strftime("%Y-%m-%d")
            batch.save(
                DayItem(
                    keys.days(affiliate_id),
                    keys.day_sk(day),
                    day=day,
                    clicks=per_day * 12 + back % 7,
                    unique_clicks=per_day * 9 + back % 5,
                    signups=per_day + back % 3,
                    paying=per_day // 2 + back % 2,
                    earned_minor=per_day * 1960 + back * 7,
                )
            )


def run_portal(bench: Any, meter: Any, referrals: int) -> dict[str, Any]:
    from convertly.affiliates import views
    from convertly.platform.clock import now

    sizes = (SMALL, referrals)
    with meter.paused():
        partners = []
        for size in sizes:
            affiliate_id, _ = make_partner(f"Partner {size}", f"partner{size}@portal-partners{size}.test")
            _progress(f"   seeding {size:,} referrals and {DAYS} days of figures ...")
            seed_referrals(affiliate_id, size, now())
            partners.append(affiliate_id)
    runs: dict[str, Any] = {}
    for size, affiliate_id in zip(sizes, partners, strict=True):
        views.dashboard(affiliate_id, DAYS)  # warm: the first call of each kind pays for imports
        views.referrals(affiliate_id, None, PAGE)
        with meter.recording() as recording:
            dashboard = views.dashboard(affiliate_id, DAYS)
        read = bench._report(f"dashboard, {size:,} referrals", "views.dashboard", recording.calls, 0)
        with meter.recording() as recording:
            page = views.referrals(affiliate_id, None, PAGE)
        listed = bench._report(f"referrals, {size:,} referrals", "views.referrals", recording.calls, 0)
        runs[str(size)] = {
            "dashboard_rcu": read.computed.rcu,
            "dashboard_calls": dict(read.operations),
            "dashboard_signups": dashboard.stats.signups,
            "dashboard_days": len(dashboard.days),
            "dashboard_detail": [f"{c.operation}: {c.detail}" for c in read.calls],
            "referrals_rcu": listed.computed.rcu,
            "referrals_detail": [f"{c.operation}: {c.detail}" for c in listed.calls],
            "referrals_calls": dict(listed.operations),
            "referrals_listed": len(page.items),
            "referrals_more": page.next_cursor is not None,
        }
    small, large = (runs[str(size)] for size in sizes)
    return {
        "sizes": list(sizes),
        "runs": runs,
        "dashboard_ratio": large["dashboard_rcu"] / small["dashboard_rcu"] if small["dashboard_rcu"] else 0.0,
        "referrals_ratio": large["referrals_rcu"] / small["referrals_rcu"] if small["referrals_rcu"] else 0.0,
    }


# The report ------------------------------------------------------------------------------------


def _ops(operations: dict[str, float]) -> str:
    if not operations:
        return "none"
    listed = ", ".join(f"{name} {count:g}" for name, count in operations.items())
    return f"{listed} ({sum(operations.values()):g})"


def _mean_ops(operations: dict[str, float]) -> str:
    if not operations:
        return "none"
    listed = ", ".join(f"{name} {count:.2f}" for name, count in operations.items())
    return f"{listed} ({sum(operations.values()):.2f})"


def render(hook: dict[str, Any], portal: dict[str, Any], seconds: float) -> tuple[str, bool]:
    once, stranger, stats = hook["exactly_once"], hook["unreferred"], hook["stats"]
    reconciles = "yes" if hook["reconciles"] else "NO: " + "; ".join(hook["reconcile_problems"])
    lines = [
        "Affiliates: commissions from the Stripe webhook, and the portal against its referrals",
        "",
        f"1. {hook['invoices']:,} referred tenants, one paid invoice each; {hook['events']:,} events, "
        f"each delivered {DELIVERIES} times, shuffled (seed {SEED}): {hook['deliveries']:,} deliveries",
        f"   (sign-ups {hook['sign_up_seconds']:.0f} s, deliveries {hook['delivery_seconds']:.0f} s)",
        "   per delivery, mean: Stripe reads, the webhook function's AWS calls and the program's share",
        "   (the calls inside affiliates.service.on_stripe_event; the rest are billing's)",
    ]
    for label, row in hook["rows"].items():
        lines += [
            f"   {label} (n={row['deliveries']:,}): {row['stripe_reads']:.2f} Stripe reads "
            f"({row['program_stripe_reads']:.2f} the program's)",
            f"      calls {_mean_ops(row['calls'])}; the program's {_mean_ops(row['program_calls'])}",
        ]
    for event_type, results in hook["results"].items():
        lines.append(f"   the program's results on {event_type}: {dict(sorted(results.items()))}")
    lines += [
        f"   a tenant nobody referred, invoice.paid: {_mean_ops(stranger['calls'])}; "
        f"the program's {_mean_ops(stranger['program_calls'])} ({stranger['result']}),",
        f"      Stripe reads {stranger['stripe_reads']:.0f} (the program's "
        f"{stranger['program_stripe_reads']:.0f}); target: the program's GetItem 1, no Stripe read",
        f"   exactly once: {once['duplicates']} duplicates of {once['expected']:,}, "
        f"{once['missing']} missing, {once['strays']} strays "
        f"({once['once']:,} invoices with exactly 1 ledger entry; amounts {hook['entry_amounts']})",
        f"   balance pending {hook['balance_pending']:,} = sum of entries {hook['entries_sum']:,}; "
        f"counters: paying {stats['paying']:,}, trials {stats['trials']:,}, MRR {stats['mrr_minor']:,}",
        f"   ledger reconciles: {reconciles}",
        "",
        "2. the portal (computed read units)",
    ]
    for size, run in portal["runs"].items():
        lines.append(
            f"   {int(size):,} referrals: dashboard ({DAYS} days) RCU {run['dashboard_rcu']:g} "
            f"({_ops(run['dashboard_calls'])}); referrals page ({PAGE}) RCU {run['referrals_rcu']:g} "
            f"({_ops(run['referrals_calls'])}, {run['referrals_listed']} listed)"
        )
        lines.append(f"      {'; '.join(run['dashboard_detail'] + run['referrals_detail'])}")
    small, large = portal["sizes"]
    lines.append(
        f"   dashboard ratio ({large:,} / {small:,}): {portal['dashboard_ratio']:.2f} "
        f"(target <= {RATIO_TARGET}); referrals page ratio {portal['referrals_ratio']:.2f} (target 1.00)"
    )
    stranger_ok = stranger["program_calls"] == {"GetItem": 1.0} and stranger["program_stripe_reads"] == 0
    passed = (
        (once["duplicates"], once["missing"], once["strays"]) == (0, 0, 0)
        and hook["reconciles"]
        and stranger_ok
        and portal["dashboard_ratio"] <= RATIO_TARGET
        and portal["referrals_ratio"] == 1.0
    )
    lines += ["", f"   result: {'PASS' if passed else 'FAIL'}   ({seconds:.0f} s)"]
    return "\n".join(lines), passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--invoices", type=int, default=INVOICES, help="referred tenants with a paid invoice")
    parser.add_argument("--referrals", type=int, default=REFERRALS, help="the large partner's referrals")
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    from bench import stack

    endpoint = stack.reserve_endpoint()
    local, meter, schema = stack.start_metered(endpoint)
    from bench.scenarios import Bench

    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            meter.install()
            bench = Bench(local, meter, schema)
            _progress(f"1. {arguments.invoices:,} referred sign-ups, their invoices through the webhook ...")
            # Part 1 counts calls; only part 2's read units need the capacity probe's reads.
            probe, meter.probe = meter.probe, None
            try:
                hook = run_webhook(meter, arguments.invoices)
            finally:
                meter.probe = probe
            _progress(f"2. the portal of partners with {SMALL:,} and {arguments.referrals:,} referrals ...")
            portal = run_portal(bench, meter, arguments.referrals)
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()

    seconds = time.perf_counter() - started
    text, passed = render(hook, portal, seconds)
    print(text)
    RESULTS.write_text(
        json.dumps(
            {
                "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "seconds": round(seconds, 1),
                "webhook": hook,
                "portal": portal,
            },
            indent=2,
        )
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
