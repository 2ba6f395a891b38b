"""The affiliate program's items (keys in keys.py). Money is in minor units of its currency (cents),
integers throughout: a commission is worked out and stored to the cent, never as a float."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)

from convertly.platform.store.items import Item


class ProgramTermsItem(Item, discriminator="AffiliateTerms"):
    """The program's terms, set by a Developer Admin; an affiliate's override replaces the commission."""

    commission_type = UnicodeAttribute(default="percent")  # percent | bounty
    percent_bps = NumberAttribute(default=2000)  # basis points of each paid invoice: 2000 is 20%
    duration_months = NumberAttribute(
        null=True
    )  # percent for N months from the first paid invoice; None: lifetime
    bounty_minor = NumberAttribute(default=0)  # bounty: once, on the first paid invoice
    bounty_currency = UnicodeAttribute(default="usd")
    hold_days = NumberAttribute(default=30)
    cookie_days = NumberAttribute(default=60)
    attribution = UnicodeAttribute(default="last_click")  # last_click | first_click
    payout_threshold_minor = NumberAttribute(default=5000)
    updated_at = UnicodeAttribute(null=True)
    updated_by = UnicodeAttribute(null=True)


class ApplicationItem(Item, discriminator="AffiliateApplication"):
    application_id = UnicodeAttribute()
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    website = UnicodeAttribute(null=True)
    audience = UnicodeAttribute()
    promotion = UnicodeAttribute()
    status = UnicodeAttribute(default="pending")  # pending | approved | rejected
    created_at = UnicodeAttribute()
    decided_at = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    affiliate_id = UnicodeAttribute(null=True)


class EmailRouteItem(Item, discriminator="AffiliateEmail"):
    """One application, then one affiliate, per email address."""

    email = UnicodeAttribute()
    application_id = UnicodeAttribute()
    affiliate_id = UnicodeAttribute(null=True)


class DomainRouteItem(Item, discriminator="AffiliateDomain"):
    domain = UnicodeAttribute()
    affiliate_ids = UnicodeSetAttribute(default=set)


class CodeRouteItem(Item, discriminator="AffiliateCode"):
    code = UnicodeAttribute()
    affiliate_id = UnicodeAttribute()


class AffiliateItem(Item, discriminator="Affiliate"):
    """An affiliate: who they are, their code, their commission override and payout settings."""

    affiliate_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    website = UnicodeAttribute(null=True)
    code = UnicodeAttribute()
    status = UnicodeAttribute(default="active")
    created_at = UnicodeAttribute()
    application_id = UnicodeAttribute(null=True)
    # The override: the same fields as the program's commission, all set or none.
    override_type = UnicodeAttribute(null=True)
    override_percent_bps = NumberAttribute(null=True)
    override_months = NumberAttribute(null=True)
    override_bounty_minor = NumberAttribute(null=True)
    override_set = BooleanAttribute(default=False)
    # Payout settings: the method, its details sealed with KMS, and a masked line to show.
    payout_method = UnicodeAttribute(null=True)  # paypal | bank
    payout_sealed = UnicodeAttribute(null=True)
    payout_summary = UnicodeAttribute(null=True)
    payout_updated_at = UnicodeAttribute(null=True)


class AffiliateStatsItem(Item, discriminator="AffiliateStats"):
    """Counters the dashboard reads in one item, whatever the number of referrals."""

    clicks = NumberAttribute(default=0)
    unique_clicks = NumberAttribute(default=0)
    bot_clicks = NumberAttribute(default=0)
    signups = NumberAttribute(default=0)
    trials = NumberAttribute(default=0)
    paying = NumberAttribute(default=0)
    canceled = NumberAttribute(default=0)
    refused = NumberAttribute(default=0)
    mrr_minor = NumberAttribute(default=0)
    flags = NumberAttribute(default=0)


class DirectoryItem(Item, discriminator="AffiliateDirectory"):
    affiliate_id = UnicodeAttribute()
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    code = UnicodeAttribute()
    status = UnicodeAttribute(default="active")
    created_at = UnicodeAttribute()


class BalanceItem(Item, discriminator="AffiliateBalance"):
    """Sums of the affiliate's ledger in one currency: pending + payable + paid - reversed equals the
    sum of its entries; `reversed_open` is the part of `reversed` no payout has netted yet."""

    affiliate_id = UnicodeAttribute()
    currency = UnicodeAttribute()
    pending = NumberAttribute(default=0)
    payable = NumberAttribute(default=0)
    paid = NumberAttribute(default=0)
    reversed = NumberAttribute(default=0)
    reversed_open = NumberAttribute(default=0)
    paid_out = NumberAttribute(default=0)  # what payouts sent (commissions paid less reversals netted)


class DayItem(Item, discriminator="AffiliateDay"):
    day = UnicodeAttribute()
    clicks = NumberAttribute(default=0)
    unique_clicks = NumberAttribute(default=0)
    signups = NumberAttribute(default=0)
    paying = NumberAttribute(default=0)
    earned_minor = NumberAttribute(default=0)  # commissions earned that day, in the program's currency


class ReferralItem(Item, discriminator="AffiliateReferral"):
    """A tenant the affiliate referred, as the affiliate may see it: initials and plan, nothing else."""

    tenant_id = UnicodeAttribute()
    initials = UnicodeAttribute()
    plan = UnicodeAttribute(null=True)
    status = UnicodeAttribute(default="trial")  # trial | paying | canceled | refused
    signed_up_at = UnicodeAttribute()
    first_paid_at = UnicodeAttribute(null=True)
    mrr_minor = NumberAttribute(default=0)
    currency = UnicodeAttribute(default="usd")
    sub_id = UnicodeAttribute(null=True)
    commission_minor = NumberAttribute(default=0)
    invoices_paid = NumberAttribute(default=0)


class AttributionItem(Item, discriminator="AffiliateAttribution"):
    """In the tenant's partition: the affiliate who referred it, or why the referral was refused."""

    tenant_id = UnicodeAttribute()
    affiliate_id = UnicodeAttribute()
    status = UnicodeAttribute()  # attributed | refused | own (the affiliate's own account)
    reason = UnicodeAttribute(null=True)
    click_id = UnicodeAttribute(null=True)
    sub_id = UnicodeAttribute(null=True)
    attributed_at = UnicodeAttribute()
    first_paid_at = UnicodeAttribute(null=True)
    bounty_paid = BooleanAttribute(default=False)
    initials = UnicodeAttribute(default="")


class EntryItem(Item, discriminator="AffiliateEntry"):
    """One ledger entry: a commission (+) or a reversal (-) of one."""

    entry_id = UnicodeAttribute()
    affiliate_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # commission | reversal
    amount = NumberAttribute()  # signed, minor units
    currency = UnicodeAttribute()
    status = UnicodeAttribute()  # commission: pending | payable | paid; reversal: open | settled
    tenant_id = UnicodeAttribute()
    initials = UnicodeAttribute(default="")
    invoice_id = UnicodeAttribute(null=True)
    invoice_amount = NumberAttribute(null=True)
    source_id = UnicodeAttribute(null=True)  # the refunded charge or the dispute
    reason = UnicodeAttribute(null=True)  # refund | dispute (reversals); percent | bounty (commissions)
    commission_entry_id = UnicodeAttribute(null=True)
    reversed = NumberAttribute(default=0)  # of a commission: how much of it reversals took back
    created_at = UnicodeAttribute()
    available_at = UnicodeAttribute(null=True)
    released_at = UnicodeAttribute(null=True)
    released_by = UnicodeAttribute(null=True)
    payout_id = UnicodeAttribute(null=True)


class InvoiceMarkerItem(Item, discriminator="AffiliateInvoice"):
    """One per paid invoice of an attributed tenant: its commission, or the recorded reason for none."""

    invoice_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    affiliate_id = UnicodeAttribute()
    outcome = UnicodeAttribute()  # commission | none
    reason = UnicodeAttribute(null=True)
    entry_id = UnicodeAttribute(null=True)
    commission = NumberAttribute(default=0)
    amount_paid = NumberAttribute()
    currency = UnicodeAttribute()
    charge_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()


class ReversalMarkerItem(Item, discriminator="AffiliateReversal"):
    """A refunded charge or a dispute: how much of the invoice it covered and what was taken back."""

    source_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # refund | dispute
    invoice_id = UnicodeAttribute()
    covered = NumberAttribute(default=0)  # of the invoice, minor units, as the last event said
    reversed = NumberAttribute(default=0)  # of the commission
    entry_ids = ListAttribute[str](default=list)


class CardItem(Item, discriminator="AffiliateCard"):
    """A card fingerprint that paid for an affiliate's own account."""

    fingerprint = UnicodeAttribute()
    affiliate_ids = UnicodeSetAttribute(default=set)


class FlagItem(Item, discriminator="AffiliateFlag"):
    flag_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # self_referral_email | self_referral_card | click_burst
    detail = UnicodeAttribute()
    tenant_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()


class PayoutItem(Item, discriminator="AffiliatePayout"):
    payout_id = UnicodeAttribute()
    affiliate_id = UnicodeAttribute()
    batch_id = UnicodeAttribute()
    amount = NumberAttribute()
    currency = UnicodeAttribute()
    commissions = NumberAttribute(default=0)
    reversals = NumberAttribute(default=0)
    entry_ids = ListAttribute[str](default=list)
    method = UnicodeAttribute()
    recipient = UnicodeAttribute()  # masked
    status = UnicodeAttribute(default="processing")  # processing | paid
    created_at = UnicodeAttribute()
    paid_at = UnicodeAttribute(null=True)


class BatchItem(Item, discriminator="AffiliatePayoutBatch"):
    batch_id = UnicodeAttribute()
    currency = UnicodeAttribute()
    status = UnicodeAttribute(default="created")  # created | exported | paid
    payouts = NumberAttribute(default=0)
    total = NumberAttribute(default=0)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    exported_at = UnicodeAttribute(null=True)
    paid_at = UnicodeAttribute(null=True)
    paid_by = UnicodeAttribute(null=True)


class BatchLineItem(Item, discriminator="AffiliatePayoutLine"):
    payout_id = UnicodeAttribute()
    affiliate_id = UnicodeAttribute()
    name = UnicodeAttribute()
    amount = NumberAttribute()
    currency = UnicodeAttribute()
    method = UnicodeAttribute()
    recipient = UnicodeAttribute()  # masked


class AssetItem(Item, discriminator="AffiliateAsset"):
    """A marketing asset: a file in the uploads bucket (a logo), or copy to paste."""

    asset_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # file | copy
    title = UnicodeAttribute()
    text = UnicodeAttribute(null=True)
    object_key = UnicodeAttribute(null=True)
    content_type = UnicodeAttribute(null=True)
    size = NumberAttribute(null=True)
    uploaded = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()


class SaltItem(Item, discriminator="AffiliateSalt"):
    """The day's random salt for hashing visitors; it expires, so yesterday's hashes cannot be redone."""

    salt = UnicodeAttribute()


class VisitorItem(Item, discriminator="AffiliateVisitor"):
    """A (hashed) visitor who clicked the affiliate's link today: later clicks are folded into it."""

    clicks = NumberAttribute(default=1)


class ClickItem(Item, discriminator="AffiliateClick"):
    """The referral a click gave the browser; sign-up names it, within the program's window."""

    click_id = UnicodeAttribute()
    affiliate_id = UnicodeAttribute()
    code = UnicodeAttribute()
    clicked_at = UnicodeAttribute()
    sub_id = UnicodeAttribute(null=True)
    utm = MapAttribute[str, str](default=dict)
