"""The ledger after commissions are written: the hold's end (pending -> payable), payouts that net the
payable commissions against the reversals no payout has settled, their batches and exports, and the
reconciliation of entries against balances.

A negative balance (reversals of commissions already paid out) is carried forward: the next payout
nets it, and no payout is made while what is due is under the program's threshold.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from convertly.affiliates import keys, program
from convertly.affiliates.domain import PayoutBatch, PayoutBatchLine, PayoutDue, PayoutDueRow
from convertly.affiliates.items import (
    AffiliateItem,
    BalanceItem,
    BatchItem,
    BatchLineItem,
    DirectoryItem,
    EntryItem,
    PayoutItem,
)
from convertly.platform.clock import iso, new_id, now
from convertly.platform.errors import ConflictError, NotFoundError, ValidationError
from convertly.platform.principal import Principal
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store.items import Item
from convertly.platform.store.paging import query_page
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

MAX_ENTRIES = 90  # per payout: one transaction holds at most 100 items
PAYOUT_PURPOSE = "affiliate-payout"


def sealing_context(affiliate_id: str) -> str:
    """The encryption context's owner of an affiliate's payout details (never a tenant)."""
    return f"affiliate:{affiliate_id}"


# The hold's end ------------------------------------------------------------------------------------


def release(entry: EntryItem, principal: Principal | None = None, at: datetime | None = None) -> bool:
    """Make one pending commission payable; False when it was not pending any more."""
    at = at or now()
    entry.GSI3PK, entry.GSI3SK = keys.open_entries(entry.affiliate_id), entry.entry_id
    tx = Transaction()
    tx.update(
        "entry",
        entry,
        actions=[
            EntryItem.status.set("payable"),
            EntryItem.released_at.set(iso(at)),
            EntryItem.released_by.set(principal.user_id if principal else "hold"),
            EntryItem.GSI2PK.remove(),
            EntryItem.GSI2SK.remove(),
            EntryItem.GSI3PK.set(keys.open_entries(entry.affiliate_id)),
            EntryItem.GSI3SK.set(entry.entry_id),
        ],
        condition=EntryItem.status == "pending",
    )
    tx.update(
        "balance",
        BalanceItem(keys.affiliate(entry.affiliate_id), keys.balance_sk(entry.currency)),
        actions=[BalanceItem.pending.add(-int(entry.amount)), BalanceItem.payable.add(int(entry.amount))],
    )
    try:
        tx.commit()
    except TransactionCancelledError:
        return False
    return True


def release_due(at: datetime | None = None, limit: int = 500) -> int:
    """Every commission whose hold ended by `at` (the hourly schedule): a Query of the hold index."""
    at = at or now()
    released = 0
    due = EntryItem.gsi2.query(keys.HOLD, f"{iso(at)}#~" >= EntryItem.GSI2SK, limit=limit)
    for found in due:
        entry = EntryItem.get(found.PK, found.SK, consistent_read=True)
        if entry.status == "pending" and release(entry, at=at):
            released += 1
    return released


def release_early(principal: Principal, affiliate_id: str, entry_id: str) -> EntryItem:
    """A Developer Admin makes a pending commission payable before its hold ends."""
    entry = entry_of(affiliate_id, entry_id)
    if entry.kind != "commission" or entry.status != "pending":
        raise ConflictError(
            f"Only a pending commission can be released; this one is {entry.status}", code="not_pending"
        )
    if not release(entry, principal):
        raise ConflictError("This commission was released already", code="not_pending")
    return entry_of(affiliate_id, entry_id)


def entry_of(affiliate_id: str, entry_id: str) -> EntryItem:
    try:
        return EntryItem.get(keys.ledger(affiliate_id), keys.entry_sk(entry_id), consistent_read=True)
    except EntryItem.DoesNotExist as error:
        raise NotFoundError("No such ledger entry", code="entry_not_found") from error


# What is due -----------------------------------------------------------------------------------------


def due_of(balance: BalanceItem | None) -> int:
    return int(balance.payable) - int(balance.reversed_open) if balance is not None else 0


def _directory() -> list[DirectoryItem]:
    return list(DirectoryItem.query(keys.DIRECTORY))


def _balances(affiliate_ids: list[str], currency: str) -> dict[str, BalanceItem]:
    wanted = [(keys.affiliate(a), keys.balance_sk(currency)) for a in affiliate_ids]
    found: dict[str, BalanceItem] = {}
    for start in range(0, len(wanted), 100):
        for item in Item.batch_get(wanted[start : start + 100]):
            if isinstance(item, BalanceItem):
                found[item.affiliate_id] = item
    return found


def _profiles(affiliate_ids: list[str]) -> dict[str, AffiliateItem]:
    wanted = [(keys.affiliate(a), keys.PROFILE_SK) for a in affiliate_ids]
    found: dict[str, AffiliateItem] = {}
    for start in range(0, len(wanted), 100):
        for item in Item.batch_get(wanted[start : start + 100]):
            if isinstance(item, AffiliateItem):
                found[item.affiliate_id] = item
    return found


def due(currency: str) -> PayoutDue:
    """Every affiliate with something payable or owed in `currency`, and whether a payout can go."""
    terms = program.terms()
    directory = _directory()
    balances = _balances([d.affiliate_id for d in directory], currency)
    profiles = _profiles(list(balances))
    rows = []
    for entry in directory:
        balance = balances.get(entry.affiliate_id)
        if balance is None or (int(balance.payable) == 0 and int(balance.reversed_open) == 0):
            continue
        profile = profiles.get(entry.affiliate_id)
        amount = due_of(balance)
        reason = None
        if amount < max(terms.payout_threshold_minor, 1):
            reason = "under the payout threshold" if amount > 0 else "reversals exceed what is payable"
        elif profile is None or not profile.payout_method:
            reason = "no payout settings yet"
        rows.append(
            PayoutDueRow(
                affiliate_id=entry.affiliate_id,
                name=entry.name,
                currency=currency,
                payable=int(balance.payable),
                reversed_open=int(balance.reversed_open),
                due=amount,
                payout_method=profile.payout_method if profile else None,
                payout_summary=profile.payout_summary if profile else None,
                ready=reason is None,
                reason=reason,
            )
        )
    rows.sort(key=lambda row: -row.due)
    return PayoutDue(currency=currency, threshold_minor=terms.payout_threshold_minor, items=rows)


# Batches ---------------------------------------------------------------------------------------------


@dataclass
class _Payout:
    affiliate: AffiliateItem
    entries: list[EntryItem] = field(default_factory=list)

    @property
    def commissions(self) -> int:
        return sum(int(e.amount) for e in self.entries if e.kind == "commission")

    @property
    def reversals(self) -> int:
        return -sum(int(e.amount) for e in self.entries if e.kind == "reversal")

    @property
    def amount(self) -> int:
        return self.commissions - self.reversals


def _open_entries(affiliate_id: str, currency: str) -> list[EntryItem]:
    found = EntryItem.gsi3.query(keys.open_entries(affiliate_id))
    entries = [EntryItem.get(f.PK, f.SK, consistent_read=True) for f in found]
    return [e for e in entries if e.currency == currency and e.status in ("payable", "open")][:MAX_ENTRIES]


def create_batch(principal: Principal, currency: str) -> PayoutBatch:
    """One payout per ready affiliate, each in its own transaction (its entries become paid or
    settled on the condition they are still open, so a double click pays nothing twice), then the
    batch. 409 when nothing is ready."""
    ready = [row for row in due(currency).items if row.ready]
    if not ready:
        raise ConflictError("No affiliate is due a payout in this currency", code="nothing_due")
    batch_id, at = new_id(), now()
    profiles = _profiles([row.affiliate_id for row in ready])
    threshold = max(program.terms().payout_threshold_minor, 1)
    lines: list[BatchLineItem] = []
    for row in ready:
        payout = _Payout(profiles[row.affiliate_id], _open_entries(row.affiliate_id, currency))
        if payout.amount < threshold:
            continue
        line = _pay(payout, batch_id, currency, at)
        if line is not None:
            lines.append(line)
    if not lines:
        raise ConflictError("No affiliate is due a payout in this currency", code="nothing_due")
    batch = BatchItem(
        keys.BATCHES,
        keys.batch_sk(batch_id),
        batch_id=batch_id,
        currency=currency,
        payouts=len(lines),
        total=sum(int(line.amount) for line in lines),
        created_at=iso(at),
        created_by=principal.user_id,
    )
    batch.save()
    return to_batch(batch, lines)


def _pay(payout: _Payout, batch_id: str, currency: str, at: datetime) -> BatchLineItem | None:
    affiliate = payout.affiliate
    payout_id = new_id()
    tx = Transaction()
    for entry in payout.entries:
        status = "paid" if entry.kind == "commission" else "settled"
        tx.update(
            f"entry:{entry.entry_id}",
            entry,
            actions=[
                EntryItem.status.set(status),
                EntryItem.payout_id.set(payout_id),
                EntryItem.GSI3PK.remove(),
                EntryItem.GSI3SK.remove(),
            ],
            condition=EntryItem.status == entry.status,
        )
    tx.update(
        "balance",
        BalanceItem(keys.affiliate(affiliate.affiliate_id), keys.balance_sk(currency)),
        actions=[
            BalanceItem.payable.add(-payout.commissions),
            BalanceItem.paid.add(payout.commissions),
            BalanceItem.reversed_open.add(-payout.reversals),
            BalanceItem.paid_out.add(payout.amount),
        ],
    )
    recipient = affiliate.payout_summary or ""
    tx.put(
        "payout",
        PayoutItem(
            keys.payouts(affiliate.affiliate_id),
            keys.payout_sk(payout_id),
            payout_id=payout_id,
            affiliate_id=affiliate.affiliate_id,
            batch_id=batch_id,
            amount=payout.amount,
            currency=currency,
            commissions=payout.commissions,
            reversals=payout.reversals,
            entry_ids=[e.entry_id for e in payout.entries],
            method=str(affiliate.payout_method),
            recipient=recipient,
            created_at=iso(at),
        ),
    )
    line = BatchLineItem(
        keys.batch_lines(batch_id),
        keys.payout_sk(payout_id),
        payout_id=payout_id,
        affiliate_id=affiliate.affiliate_id,
        name=affiliate.name,
        amount=payout.amount,
        currency=currency,
        method=str(affiliate.payout_method),
        recipient=recipient,
    )
    tx.put("line", line)
    try:
        tx.commit()
    except TransactionCancelledError:
        return None  # another batch took these entries first
    return line


def _batch(batch_id: str) -> BatchItem:
    try:
        return BatchItem.get(keys.BATCHES, keys.batch_sk(batch_id), consistent_read=True)
    except BatchItem.DoesNotExist as error:
        raise NotFoundError("No such payout batch", code="batch_not_found") from error


def _lines(batch_id: str) -> list[BatchLineItem]:
    return list(BatchLineItem.query(keys.batch_lines(batch_id)))


def to_batch(item: BatchItem, lines: list[BatchLineItem] | None = None) -> PayoutBatch:
    return PayoutBatch(
        batch_id=item.batch_id,
        currency=item.currency,
        status=item.status,
        payouts=int(item.payouts),
        total=int(item.total),
        created_at=item.created_at,
        exported_at=item.exported_at,
        paid_at=item.paid_at,
        lines=[
            PayoutBatchLine(
                payout_id=line.payout_id,
                affiliate_id=line.affiliate_id,
                name=line.name,
                amount=int(line.amount),
                currency=line.currency,
                method=line.method,
                recipient=line.recipient,
            )
            for line in lines or []
        ],
    )


def batch(batch_id: str) -> PayoutBatch:
    return to_batch(_batch(batch_id), _lines(batch_id))


def batches(cursor: str | None, limit: int) -> tuple[list[PayoutBatch], str | None]:
    items, next_cursor = query_page(BatchItem, keys.BATCHES, limit=limit, cursor=cursor)
    return [to_batch(item) for item in items], next_cursor


def mark_paid(principal: Principal, batch_id: str) -> PayoutBatch:
    """The money has gone: the batch and each of its payouts are paid (again: nothing changes)."""
    item = _batch(batch_id)
    if item.status == "paid":
        return batch(batch_id)
    at = iso()
    for line in _lines(batch_id):
        PayoutItem(keys.payouts(line.affiliate_id), keys.payout_sk(line.payout_id)).update(
            actions=[PayoutItem.status.set("paid"), PayoutItem.paid_at.set(at)],
            condition=PayoutItem.PK.exists(),
        )
    item.update(
        actions=[
            BatchItem.status.set("paid"),
            BatchItem.paid_at.set(at),
            BatchItem.paid_by.set(principal.user_id),
        ]
    )
    return batch(batch_id)


# Exports ---------------------------------------------------------------------------------------------

# PayPal Payouts' bulk file (no header): recipient, amount, currency, reference, note, wallet.
# Wise's batch payment file: one recipient per row, by email (PayPal addresses) or bank account.
WISE_HEADER = [
    "name",
    "recipientEmail",
    "paymentReference",
    "receiverType",
    "amountCurrency",
    "amount",
    "sourceCurrency",
    "targetCurrency",
    "IBAN",
    "accountNumber",
    "abartn",
    "addressCountryCode",
]


def _details(affiliate_id: str, box: SecretBox) -> dict[str, Any]:
    profile = AffiliateItem.get(keys.affiliate(affiliate_id), keys.PROFILE_SK)
    if not profile.payout_sealed:
        return {}
    opened: dict[str, Any] = json.loads(
        box.open(profile.payout_sealed, sealing_context(affiliate_id), PAYOUT_PURPOSE)
    )
    return opened


def money(amount: int) -> str:
    return f"{amount // 100}.{amount % 100:02d}" if amount >= 0 else f"-{money(-amount)}"


def export(
    principal: Principal, batch_id: str, file_format: str, box: SecretBox | None = None
) -> tuple[str, str]:
    """The batch as PayPal Payouts' or Wise's file (name, text); the batch is marked exported."""
    del principal
    item = _batch(batch_id)
    lines = _lines(batch_id)
    box = box or KmsSecretBox()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if file_format == "paypal":
        rows = [line for line in lines if line.method == "paypal"]
        for line in rows:
            details = _details(line.affiliate_id, box)
            writer.writerow(
                [
                    details.get("paypal_email", ""),
                    money(int(line.amount)),
                    line.currency.upper(),
                    line.payout_id,
                    f"Convertly partner commissions, batch {batch_id}",
                    "PAYPAL",
                ]
            )
    elif file_format == "wise":
        writer.writerow(WISE_HEADER)
        for line in lines:
            details = _details(line.affiliate_id, box)
            bank = details.get("bank") or {}
            by_email = line.method == "paypal"
            writer.writerow(
                [
                    bank.get("account_holder") or line.name,
                    details.get("paypal_email", "") if by_email else "",
                    f"Convertly {line.payout_id[-8:]}",
                    "PRIVATE",
                    "source",
                    money(int(line.amount)),
                    line.currency.upper(),
                    (bank.get("currency") or line.currency).upper(),
                    (bank.get("iban") or "").replace(" ", ""),
                    bank.get("account_number") or "",
                    bank.get("routing_number") or "",
                    bank.get("country") or "",
                ]
            )
    else:
        raise ValidationError("The format is paypal or wise", fields={"format": "paypal or wise"})
    if item.status == "created":
        item.update(actions=[BatchItem.status.set("exported"), BatchItem.exported_at.set(iso())])
    return f"convertly-payouts-{batch_id}-{file_format}.csv", out.getvalue()


# Reconciliation ----------------------------------------------------------------------------------


@dataclass
class Reconciliation:
    affiliate_id: str
    problems: list[str] = field(default_factory=list)
    sums: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def reconcile_ledger(affiliate_id: str) -> Reconciliation:
    """The affiliate's entries against their balances, per currency, to the cent: pending, payable
    and paid are the sums of commissions in each status, reversed the sum of reversals (of which
    `reversed_open` are unsettled), and pending + payable + paid - reversed is the sum of entries."""
    result = Reconciliation(affiliate_id)
    sums: dict[str, dict[str, int]] = {}
    for entry in EntryItem.query(keys.ledger(affiliate_id), consistent_read=True):
        bucket = sums.setdefault(
            entry.currency,
            {"pending": 0, "payable": 0, "paid": 0, "reversed": 0, "reversed_open": 0, "entries": 0},
        )
        amount = int(entry.amount)
        bucket["entries"] += amount
        if entry.kind == "commission":
            bucket[entry.status] += amount
        else:
            bucket["reversed"] -= amount
            if entry.status == "open":
                bucket["reversed_open"] -= amount
    result.sums = sums
    for balance in BalanceItem.query(keys.affiliate(affiliate_id), BalanceItem.SK.startswith("BALANCE#")):
        sums.setdefault(
            balance.currency,
            {"pending": 0, "payable": 0, "paid": 0, "reversed": 0, "reversed_open": 0, "entries": 0},
        )
    for currency, bucket in sums.items():
        try:
            balance = BalanceItem.get(
                keys.affiliate(affiliate_id), keys.balance_sk(currency), consistent_read=True
            )
        except BalanceItem.DoesNotExist:
            balance = BalanceItem(affiliate_id=affiliate_id, currency=currency)
        for name in ("pending", "payable", "paid", "reversed", "reversed_open"):
            held = int(getattr(balance, name) or 0)
            if held != bucket[name]:
                result.problems.append(
                    f"{currency} {name}: the balance says {held}, the entries {bucket[name]}"
                )
        total = int(balance.pending) + int(balance.payable) + int(balance.paid) - int(balance.reversed)
        if total != bucket["entries"]:
            result.problems.append(
                f"{currency}: pending + payable + paid - reversed is {total}, "
                f"the entries sum to {bucket['entries']}"
            )
    return result
