"""The program's books, checked: `python -m convertly.affiliates.reconcile` (or `make reconcile`).

For every affiliate: the ledger against the balances to the cent (payouts.reconcile_ledger), and
every paid invoice Stripe holds for each referred tenant against the program's record of it: exactly
one commission, or a recorded reason why none. Prints each problem and exits 1 when there is one.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from convertly.affiliates import keys
from convertly.affiliates.commissions import StripeReads, invoice_marker
from convertly.affiliates.items import DirectoryItem, EntryItem, ReferralItem
from convertly.affiliates.payouts import reconcile_ledger
from convertly.billing import service as billing


@dataclass
class Report:
    affiliates: int = 0
    invoices: int = 0
    problems: list[str] = field(default_factory=list)


def reconcile_invoices(affiliate_id: str, stripe: StripeReads) -> tuple[int, list[str]]:
    """(paid invoices checked, problems) for the tenants the affiliate referred."""
    problems: list[str] = []
    entries = list(EntryItem.query(keys.ledger(affiliate_id), consistent_read=True))
    commissions = Counter(e.invoice_id for e in entries if e.kind == "commission")
    checked = 0
    for referral in ReferralItem.query(keys.referrals(affiliate_id)):
        customer = billing.customer_of(referral.tenant_id)
        if customer is None:
            continue
        for invoice in stripe.invoices_of(customer):
            if invoice.get("status") != "paid" or int(invoice.get("amount_paid") or 0) <= 0:
                continue
            checked += 1
            invoice_id = str(invoice["id"])
            marker = invoice_marker(invoice_id)
            if marker is None:
                problems.append(f"{affiliate_id}: paid invoice {invoice_id} has no commission and no reason")
            elif marker.outcome == "commission" and commissions[invoice_id] != 1:
                problems.append(
                    f"{affiliate_id}: invoice {invoice_id} has {commissions[invoice_id]} commissions"
                )
            elif marker.outcome == "none" and commissions[invoice_id]:
                problems.append(f"{affiliate_id}: invoice {invoice_id} says none but has a commission")
    return checked, problems


def reconcile(stripe: Any = None) -> Report:
    stripe = stripe or billing.stripe_gateway()
    report = Report()
    for entry in DirectoryItem.query(keys.DIRECTORY):
        report.affiliates += 1
        report.problems += reconcile_ledger(entry.affiliate_id).problems
        checked, problems = reconcile_invoices(entry.affiliate_id, stripe)
        report.invoices += checked
        report.problems += problems
    return report


def main() -> int:
    report = reconcile()
    for problem in report.problems:
        print(problem)
    print(
        f"{report.affiliates} affiliates, {report.invoices} paid invoices of referred tenants: "
        + ("the books reconcile" if not report.problems else f"{len(report.problems)} problems")
    )
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
