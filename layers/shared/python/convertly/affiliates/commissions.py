"""Commissions from Stripe: the billing webhook hands every verified event here after billing has
applied it.

- `invoice.paid` (and `invoice.payment_succeeded`, which localstripe sends): one commission per paid
  invoice of an attributed tenant, pending for the program's hold, or a recorded reason for none. The
  invoice's marker (`AFFINV#<invoice>`) is written in the commission's own transaction on the
  condition that it does not exist, so a redelivered event writes nothing.
- `charge.refunded` and `charge.dispute.created`: a reversal of the invoice's commission in proportion
  to what was refunded or disputed, before or after payout. Each refunded charge and each dispute has
  a marker holding what it has reversed so far; an event sets that to what Stripe says now, so a replay
  reverses nothing more and a second partial refund reverses the difference.
- `customer.subscription.*`: the referral's plan, status and monthly amount (MRR referred).

Order does not matter: every event reads the objects it is about back from Stripe as they are now, and
a refund or dispute whose invoice has no commission yet creates it first (from the invoice as Stripe
holds it) and then reverses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from convertly.affiliates import keys, program
from convertly.affiliates.attribution import attribution_of, flag_item
from convertly.affiliates.items import (
    AffiliateItem,
    AffiliateStatsItem,
    AttributionItem,
    BalanceItem,
    CardItem,
    DayItem,
    EntryItem,
    InvoiceMarkerItem,
    ReferralItem,
    ReversalMarkerItem,
)
from convertly.billing import service as billing
from convertly.platform.clock import iso, new_id, now, parse_iso
from convertly.platform.observability import logger
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

Json = dict[str, Any]
INVOICE_EVENTS = frozenset({"invoice.paid", "invoice.payment_succeeded"})
SUBSCRIPTION_EVENTS = frozenset(
    {"customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted"}
)
REVERSAL_EVENTS = frozenset({"charge.refunded", "charge.dispute.created"})
RETRIES = 4  # optimistic writes read again after another event changed the same referral


class StripeReads(Protocol):
    def invoice(self, invoice_id: str) -> Json | None: ...
    def charge(self, charge_id: str) -> Json | None: ...
    def subscription(self, subscription_id: str) -> Json | None: ...
    def invoices_of(self, customer_id: str, limit: int = 100) -> list[Json]: ...
    def card_fingerprint(self, charge: Json) -> str | None: ...


@dataclass(frozen=True)
class Outcome:
    result: str  # commission | none | reversed | updated | duplicate | not_attributed | ignored
    detail: str = ""


def on_stripe_event(event: Json, stripe: StripeReads, tenant_id: str | None = None) -> Outcome:
    """`tenant_id`: the tenant billing found the event to be about, when it did: a tenant no affiliate
    referred costs one read and no call to Stripe."""
    kind = str(event.get("type"))
    obj: Json = (event.get("data") or {}).get("object") or {}
    known = attribution_of(tenant_id) if tenant_id and kind in INVOICE_EVENTS | SUBSCRIPTION_EVENTS else None
    if tenant_id and kind in INVOICE_EVENTS | SUBSCRIPTION_EVENTS and known is None:
        return Outcome("not_attributed")
    if kind in INVOICE_EVENTS:
        invoice = stripe.invoice(str(obj.get("id"))) if obj.get("id") else None
        return on_invoice_paid(invoice, stripe, known) if invoice else Outcome("ignored", "no such invoice")
    if kind in SUBSCRIPTION_EVENTS:
        data = stripe.subscription(str(obj.get("id"))) if obj.get("id") else None
        return on_subscription(data) if data else Outcome("ignored", "no such subscription")
    if kind == "charge.refunded":
        charge = stripe.charge(str(obj.get("id"))) if obj.get("id") else None
        if not charge:
            return Outcome("ignored", "no such charge")
        return on_reversal(
            stripe, charge, str(charge["id"]), "refund", int(charge.get("amount_refunded") or 0)
        )
    if kind == "charge.dispute.created":
        charge_id = _id(obj.get("charge"))
        charge = stripe.charge(charge_id) if charge_id else None
        if not charge:
            return Outcome("ignored", "no such charge")
        return on_reversal(stripe, charge, str(obj.get("id")), "dispute", int(obj.get("amount") or 0))
    return Outcome("ignored", kind)


def _id(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return str(value) if value else None


def _subscription_id(invoice: Json) -> str | None:
    details = ((invoice.get("parent") or {}).get("subscription_details") or {}).get("subscription")
    return _id(invoice.get("subscription")) or _id(details)


def _charge_id(invoice: Json) -> str | None:
    charge = _id(invoice.get("charge"))
    if charge:
        return charge
    payments = ((invoice.get("payments") or {}).get("data")) or []
    for payment in payments:
        found = _id((payment.get("payment") or {}).get("charge"))
        if found:
            return found
    return None


# Paid invoices ---------------------------------------------------------------------------------------


def on_invoice_paid(invoice: Json, stripe: StripeReads, known: AttributionItem | None = None) -> Outcome:
    """`known`: the tenant's attribution, when the caller has read it already."""
    if invoice.get("status") != "paid" or int(invoice.get("amount_paid") or 0) <= 0:
        return Outcome("ignored", "not a paid invoice")
    if invoice_marker(str(invoice["id"])) is not None:
        return Outcome("duplicate")  # a redelivery: one read, no call to Stripe
    subscription_id = _subscription_id(invoice)
    data = stripe.subscription(subscription_id) if subscription_id else None
    facts = billing.subscription_facts(data) if data else None
    if facts is None or facts.tenant_id is None:
        return Outcome("ignored", "no Convertly tenant")
    attribution = (
        known if known is not None and known.tenant_id == facts.tenant_id else attribution_of(facts.tenant_id)
    )
    if attribution is None:
        return Outcome("not_attributed")
    if is_own(attribution):
        _remember_card(stripe, invoice, attribution.affiliate_id)
    if attribution.status != "attributed":
        return _no_commission(invoice, attribution, attribution.reason or "not attributed")
    for _ in range(RETRIES):
        try:
            return _commission(invoice, stripe, attribution, facts)
        except _Again:
            fresh = attribution_of(facts.tenant_id)
            if fresh is None:
                return Outcome("not_attributed")
            attribution = fresh
    raise RuntimeError("the referral kept changing under the commission")


def is_own(attribution: AttributionItem) -> bool:
    """Whether the tenant is the affiliate's own account (their address, or a refused self-referral)."""
    return attribution.status == "own" or (
        attribution.status == "refused" and str(attribution.reason or "").startswith("self-referral")
    )


class _Again(Exception):
    """Another event changed the referral between the read and the write: read again."""


def _marker(invoice: Json, attribution: AttributionItem, outcome: str, **values: Any) -> InvoiceMarkerItem:
    return InvoiceMarkerItem(
        keys.invoice_marker(str(invoice["id"])),
        keys.MARKER_SK,
        invoice_id=str(invoice["id"]),
        tenant_id=attribution.tenant_id,
        affiliate_id=attribution.affiliate_id,
        outcome=outcome,
        amount_paid=int(invoice.get("amount_paid") or 0),
        currency=str(invoice.get("currency") or "usd").lower(),
        charge_id=_charge_id(invoice),
        created_at=iso(),
        **values,
    )


def _no_commission(invoice: Json, attribution: AttributionItem, reason: str) -> Outcome:
    marker = _marker(invoice, attribution, "none", reason=reason)
    try:
        marker.save(condition=InvoiceMarkerItem.PK.does_not_exist())
    except Exception as error:
        if "ConditionalCheckFailed" in repr(error):
            return Outcome("duplicate")
        raise
    return Outcome("none", reason)


def invoice_marker(invoice_id: str) -> InvoiceMarkerItem | None:
    try:
        return InvoiceMarkerItem.get(keys.invoice_marker(invoice_id), keys.MARKER_SK, consistent_read=True)
    except InvoiceMarkerItem.DoesNotExist:
        return None


def _referral(attribution: AttributionItem) -> ReferralItem | None:
    try:
        return ReferralItem.get(
            keys.referrals(attribution.affiliate_id),
            keys.referral_sk(attribution.tenant_id),
            consistent_read=True,
        )
    except ReferralItem.DoesNotExist:
        return None


def _paid_at(invoice: Json) -> datetime:
    moment = (invoice.get("status_transitions") or {}).get("paid_at") or invoice.get("created")
    return datetime.fromtimestamp(int(moment), UTC) if moment else now()


def add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    days = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return moment.replace(year=year, month=month, day=min(moment.day, days[month - 1]))


def _amount(
    invoice: Json, attribution: AttributionItem, affiliate: AffiliateItem, paid_at: datetime, terms: Any
) -> tuple[int, str, str]:
    """The commission (minor units), its kind, and why there is none when it is 0."""
    earns = program.commission_terms(terms, affiliate)
    currency = str(invoice.get("currency") or "usd").lower()
    if earns.commission_type == "bounty":
        if attribution.bounty_paid:
            return 0, "bounty", "the bounty was earned on the first paid invoice"
        if currency != terms.currency:
            return (
                0,
                "bounty",
                f"the bounty is in {terms.currency.upper()}, the invoice in {currency.upper()}",
            )
        return earns.bounty_minor, "bounty", ""
    first = parse_iso(attribution.first_paid_at) if attribution.first_paid_at else paid_at
    if earns.duration_months is not None and paid_at >= add_months(first, earns.duration_months):
        return 0, "percent", f"past the {earns.duration_months} months the commission is paid for"
    amount = program.percent_of(int(invoice.get("amount_paid") or 0), earns.percent_bps)
    return amount, "percent", "" if amount > 0 else "the commission rounds to 0"


def _commission(invoice: Json, stripe: StripeReads, attribution: AttributionItem, facts: Any) -> Outcome:
    """The invoice's marker, and its commission or the reason for none, in one transaction (the marker's
    condition makes a concurrent second delivery write nothing)."""
    affiliate = AffiliateItem.get(keys.affiliate(attribution.affiliate_id), keys.PROFILE_SK)
    if _paid_with_own_card(stripe, invoice, attribution.affiliate_id):
        return _refuse_card(invoice, attribution)
    referral = _referral(attribution)
    paid_at = _paid_at(invoice)
    terms = program.terms()
    amount, kind, why_not = _amount(invoice, attribution, affiliate, paid_at, terms)
    at = now()
    day = at.strftime("%Y-%m-%d")
    currency = str(invoice.get("currency") or "usd").lower()
    first_payment = attribution.first_paid_at is None
    tx = Transaction()
    entry_id = new_id() if amount > 0 else None
    marker = (
        _marker(invoice, attribution, "commission", entry_id=entry_id, commission=amount)
        if entry_id
        else _marker(invoice, attribution, "none", reason=why_not)
    )
    tx.put("marker", marker, condition=InvoiceMarkerItem.PK.does_not_exist())
    if entry_id:
        _entry_writes(tx, invoice, attribution, entry_id, amount, kind, at + timedelta(days=terms.hold_days))
    _attribution_writes(tx, attribution, paid_at, bounty=kind == "bounty" and amount > 0)
    _referral_paid(tx, attribution, referral, facts, amount if entry_id else 0, first_payment, paid_at)
    day_actions: list[Any] = [DayItem.type.set(DayItem), DayItem.day.set(day)]
    if first_payment:
        day_actions.append(DayItem.paying.add(1))
    if entry_id and currency == terms.currency:
        day_actions.append(DayItem.earned_minor.add(amount))
    if len(day_actions) > 1:
        tx.update("day", DayItem(keys.days(attribution.affiliate_id), keys.day_sk(day)), actions=day_actions)
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "marker" in error.failed:
            return Outcome("duplicate")
        raise _Again from error
    logger.info(
        "affiliate commission",
        extra={"invoice_id": invoice["id"], "amount": amount, "reason": why_not or kind},
    )
    return Outcome("commission", f"{amount} {currency}") if entry_id else Outcome("none", why_not)


def _entry_writes(
    tx: Transaction,
    invoice: Json,
    attribution: AttributionItem,
    entry_id: str,
    amount: int,
    kind: str,
    available: datetime,
) -> None:
    """The commission's pending entry (in the month's ledger and the hold index) and its balance."""
    at = now()
    currency = str(invoice.get("currency") or "usd").lower()
    entry = EntryItem(
        keys.ledger(attribution.affiliate_id),
        keys.entry_sk(entry_id),
        entry_id=entry_id,
        affiliate_id=attribution.affiliate_id,
        kind="commission",
        amount=amount,
        currency=currency,
        status="pending",
        tenant_id=attribution.tenant_id,
        initials=attribution.initials,
        invoice_id=str(invoice["id"]),
        invoice_amount=int(invoice.get("amount_paid") or 0),
        reason=kind,
        created_at=iso(at),
        available_at=iso(available),
    )
    entry.GSI1PK, entry.GSI1SK = keys.ledger_month(at.strftime("%Y-%m")), f"{iso(at)}#{entry_id}"
    entry.GSI2PK, entry.GSI2SK = keys.HOLD, f"{iso(available)}#{entry_id}"
    tx.put("entry", entry)
    tx.update(
        "balance",
        BalanceItem(keys.affiliate(attribution.affiliate_id), keys.balance_sk(currency)),
        actions=[
            BalanceItem.type.set(BalanceItem),
            BalanceItem.affiliate_id.set(attribution.affiliate_id),
            BalanceItem.currency.set(currency),
            BalanceItem.pending.add(amount),
        ],
    )


def _attribution_writes(
    tx: Transaction, attribution: AttributionItem, paid_at: datetime, *, bounty: bool
) -> None:
    """The first payment's time (once: a concurrent first payment makes this one read again) and the
    bounty's being earned (once)."""
    first_payment = attribution.first_paid_at is None
    actions: list[Any] = []
    if first_payment:
        actions.append(AttributionItem.first_paid_at.set(iso(paid_at)))
    if bounty:
        actions.append(AttributionItem.bounty_paid.set(True))
    if not actions:
        return
    condition = (
        AttributionItem.first_paid_at.does_not_exist()
        if first_payment
        else AttributionItem.first_paid_at.exists()
    )
    if bounty:
        condition = condition & (AttributionItem.bounty_paid == False)  # noqa: E712 (a DynamoDB condition)
    tx.update("attribution", attribution, actions=actions, condition=condition)


def _referral_paid(
    tx: Transaction,
    attribution: AttributionItem,
    referral: ReferralItem | None,
    facts: Any,
    commission: int,
    first_payment: bool,
    paid_at: datetime,
) -> None:
    """The referral becomes paying, with its plan and monthly amount; the counters move by the change."""
    if referral is None:
        return
    old_mrr, old_status = int(referral.mrr_minor), str(referral.status)
    mrr = int(facts.monthly_minor) if facts.live else 0
    status = "paying" if facts.live else "canceled"
    actions: list[Any] = [
        ReferralItem.status.set(status),
        ReferralItem.plan.set(facts.plan or referral.plan or "starter"),
        ReferralItem.mrr_minor.set(mrr),
        ReferralItem.currency.set(facts.currency),
        ReferralItem.invoices_paid.add(1),
    ]
    if commission:
        actions.append(ReferralItem.commission_minor.add(commission))
    if first_payment or referral.first_paid_at is None:
        actions.append(ReferralItem.first_paid_at.set(iso(paid_at)))
    tx.update(
        "referral",
        referral,
        actions=actions,
        condition=(ReferralItem.mrr_minor == old_mrr) & (ReferralItem.status == old_status),
    )
    stat_actions = [*_status_moves(old_status, status), AffiliateStatsItem.mrr_minor.add(mrr - old_mrr)]
    tx.update(
        "stats",
        AffiliateStatsItem(keys.affiliate(attribution.affiliate_id), keys.STATS_SK),
        actions=stat_actions,
    )


def _status_moves(old: str, new: str) -> list[Any]:
    counters = {
        "trial": AffiliateStatsItem.trials,
        "paying": AffiliateStatsItem.paying,
        "canceled": AffiliateStatsItem.canceled,
    }
    if old == new:
        return []
    moves = []
    if old in counters:
        moves.append(counters[old].add(-1))
    if new in counters:
        moves.append(counters[new].add(1))
    return moves


# Self-referral by card --------------------------------------------------------------------------------


def _fingerprint(stripe: StripeReads, invoice: Json) -> str | None:
    charge_id = _charge_id(invoice)
    charge = stripe.charge(charge_id) if charge_id else None
    return stripe.card_fingerprint(charge) if charge else None


def _remember_card(stripe: StripeReads, invoice: Json, affiliate_id: str) -> None:
    """A card that paid for the affiliate's own account: a referral paid with it is their own."""
    fingerprint = _fingerprint(stripe, invoice)
    if fingerprint:
        CardItem(keys.card(fingerprint), keys.MARKER_SK).update(
            actions=[
                CardItem.type.set(CardItem),
                CardItem.fingerprint.set(fingerprint),
                CardItem.affiliate_ids.add({affiliate_id}),
            ]
        )


def _paid_with_own_card(stripe: StripeReads, invoice: Json, affiliate_id: str) -> bool:
    fingerprint = _fingerprint(stripe, invoice)
    if not fingerprint:
        return False
    try:
        card = CardItem.get(keys.card(fingerprint), keys.MARKER_SK)
    except CardItem.DoesNotExist:
        return False
    return affiliate_id in (card.affiliate_ids or set())


def _refuse_card(invoice: Json, attribution: AttributionItem) -> Outcome:
    """The referral was paid for with a card of the affiliate's own account: refused and flagged, this
    invoice's marker says why, and later invoices find the attribution refused."""
    reason = "self-referral: paid with a card of the affiliate's own account"
    referral = _referral(attribution)
    tx = Transaction()
    tx.put(
        "marker",
        _marker(invoice, attribution, "none", reason=reason),
        condition=InvoiceMarkerItem.PK.does_not_exist(),
    )
    tx.update(
        "attribution",
        attribution,
        actions=[AttributionItem.status.set("refused"), AttributionItem.reason.set(reason)],
        condition=AttributionItem.status == "attributed",
    )
    stats = [AffiliateStatsItem.refused.add(1), AffiliateStatsItem.flags.add(1)]
    if referral is not None:
        stats += _status_moves(str(referral.status), "refused")
        stats.append(AffiliateStatsItem.mrr_minor.add(-int(referral.mrr_minor)))
        tx.update(
            "referral",
            referral,
            actions=[ReferralItem.status.set("refused"), ReferralItem.mrr_minor.set(0)],
            condition=ReferralItem.status == referral.status,
        )
    tx.update(
        "stats", AffiliateStatsItem(keys.affiliate(attribution.affiliate_id), keys.STATS_SK), actions=stats
    )
    tx.put("flag", flag_item(attribution.affiliate_id, "self_referral_card", reason, attribution.tenant_id))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "marker" in error.failed:
            return Outcome("duplicate")
        raise _Again from error
    return Outcome("none", reason)


# Subscriptions -----------------------------------------------------------------------------------------


def on_subscription(data: Json) -> Outcome:
    """The referral's plan, status and monthly amount as the subscription says now. A trial's referral
    stays a trial until its first paid invoice (which makes it paying)."""
    facts = billing.subscription_facts(data)
    if facts.tenant_id is None:
        return Outcome("ignored", "no Convertly tenant")
    for _ in range(RETRIES):
        attribution = attribution_of(facts.tenant_id)
        if attribution is None or attribution.status != "attributed":
            return Outcome("not_attributed")
        referral = _referral(attribution)
        if referral is None:
            return Outcome("not_attributed")
        old_status, old_mrr = str(referral.status), int(referral.mrr_minor)
        if not facts.live:
            status, mrr = "canceled", 0
        elif attribution.first_paid_at:
            status, mrr = "paying", facts.monthly_minor
        else:
            status, mrr = "trial", 0
        if (status, mrr, referral.plan) == (old_status, old_mrr, facts.plan or referral.plan):
            return Outcome("duplicate")
        tx = Transaction()
        tx.update(
            "referral",
            referral,
            actions=[
                ReferralItem.status.set(status),
                ReferralItem.mrr_minor.set(mrr),
                ReferralItem.plan.set(facts.plan or referral.plan or "starter"),
            ],
            condition=(ReferralItem.mrr_minor == old_mrr) & (ReferralItem.status == old_status),
        )
        tx.update(
            "stats",
            AffiliateStatsItem(keys.affiliate(attribution.affiliate_id), keys.STATS_SK),
            actions=[*_status_moves(old_status, status), AffiliateStatsItem.mrr_minor.add(mrr - old_mrr)],
        )
        try:
            tx.commit()
            return Outcome("updated", status)
        except TransactionCancelledError:
            continue
    raise RuntimeError("the referral kept changing under the subscription's update")


# Refunds and disputes --------------------------------------------------------------------------------


def _invoice_of_charge(stripe: StripeReads, charge: Json) -> Json | None:
    invoice_id = _id(charge.get("invoice"))
    if invoice_id:
        return stripe.invoice(invoice_id)
    customer = _id(charge.get("customer"))
    if not customer:
        return None
    intent = _id(charge.get("payment_intent"))
    for invoice in stripe.invoices_of(customer):
        if _charge_id(invoice) == charge["id"] or (intent and _id(invoice.get("payment_intent")) == intent):
            return invoice
    return None


def on_reversal(stripe: StripeReads, charge: Json, source_id: str, kind: str, covered: int) -> Outcome:
    """Reverse the commission of the charge's invoice by the share `covered` is of the invoice."""
    invoice = _invoice_of_charge(stripe, charge)
    if invoice is None:
        return Outcome("ignored", "the charge belongs to no invoice")
    marker = invoice_marker(str(invoice["id"]))
    if marker is None:
        first = on_invoice_paid(invoice, stripe)  # the refund came first: the commission, then its reversal
        if first.result not in ("commission", "none", "duplicate"):
            return first
        marker = invoice_marker(str(invoice["id"]))
    if marker is None or marker.outcome != "commission" or not marker.entry_id:
        return Outcome("none", "no commission to reverse")
    for _ in range(RETRIES):
        try:
            return _reverse(marker, source_id, kind, covered)
        except _Again:
            continue
    raise RuntimeError("the commission kept changing under its reversal")


def _reverse(marker: InvoiceMarkerItem, source_id: str, kind: str, covered: int) -> Outcome:
    affiliate_id, entry_id = marker.affiliate_id, str(marker.entry_id)
    commission = EntryItem.get(keys.ledger(affiliate_id), keys.entry_sk(entry_id), consistent_read=True)
    try:
        seen = ReversalMarkerItem.get(keys.reversal_marker(source_id), keys.MARKER_SK, consistent_read=True)
    except ReversalMarkerItem.DoesNotExist:
        seen = None
    before = int(seen.reversed) if seen else 0
    target = program.share_of(
        min(covered, int(marker.amount_paid)), int(marker.amount_paid), int(commission.amount)
    )
    delta = min(target - before, int(commission.amount) - int(commission.reversed))
    if delta <= 0:
        return Outcome("duplicate")
    at = now()
    reversal_id = new_id()
    entry = EntryItem(
        keys.ledger(affiliate_id),
        keys.entry_sk(reversal_id),
        entry_id=reversal_id,
        affiliate_id=affiliate_id,
        kind="reversal",
        amount=-delta,
        currency=commission.currency,
        status="open",
        tenant_id=commission.tenant_id,
        initials=commission.initials,
        invoice_id=commission.invoice_id,
        source_id=source_id,
        reason=kind,
        commission_entry_id=entry_id,
        created_at=iso(at),
    )
    entry.GSI1PK, entry.GSI1SK = keys.ledger_month(at.strftime("%Y-%m")), f"{iso(at)}#{reversal_id}"
    entry.GSI3PK, entry.GSI3SK = keys.open_entries(affiliate_id), reversal_id
    tx = Transaction()
    tx.put("entry", entry)
    tx.update(
        "commission",
        commission,
        actions=[EntryItem.reversed.add(delta)],
        condition=EntryItem.reversed == int(commission.reversed),
    )
    reversal_marker = ReversalMarkerItem(
        keys.reversal_marker(source_id),
        keys.MARKER_SK,
        source_id=source_id,
        kind=kind,
        invoice_id=str(marker.invoice_id),
        covered=covered,
        reversed=before + delta,
        entry_ids=[*(seen.entry_ids if seen else []), reversal_id],
    )
    condition = ReversalMarkerItem.reversed == before if seen else ReversalMarkerItem.PK.does_not_exist()
    tx.put("reversal", reversal_marker, condition=condition)
    tx.update(
        "balance",
        BalanceItem(keys.affiliate(affiliate_id), keys.balance_sk(commission.currency)),
        actions=[BalanceItem.reversed.add(delta), BalanceItem.reversed_open.add(delta)],
    )
    tx.update(
        "referral",
        ReferralItem(keys.referrals(affiliate_id), keys.referral_sk(commission.tenant_id)),
        actions=[ReferralItem.commission_minor.add(-delta)],
        condition=ReferralItem.PK.exists(),
    )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if error.failed == ["referral"]:
            raise
        raise _Again from error
    return Outcome("reversed", f"{delta} {commission.currency} ({kind})")
