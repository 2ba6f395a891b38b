"""The billing capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from convertly.platform.store.items import Item


# Billing: the tenant's plan and subscription, monthly lead usage, processed Stripe events.
class BillingItem(Item, discriminator="Billing"):
    """A tenant's plan, subscription state and user counter (PK `T#<t>`, SK `BILLING`).

    The limits are copied from the plan whenever the plan changes, so the user counter's condition
    (`user_count < user_limit`) and each month's lead counter compare against stored attributes and
    a write needs no read to enforce them.
    """

    plan = UnicodeAttribute()
    status = UnicodeAttribute()  # trialing | active | past_due | canceled | incomplete | ...
    trial_ends_at = UnicodeAttribute(null=True)
    current_period_end = UnicodeAttribute(null=True)  # the next invoice date
    cancel_at_period_end = BooleanAttribute(default=False)
    scheduled_plan = UnicodeAttribute(null=True)  # a downgrade waiting for the period end
    scheduled_at = UnicodeAttribute(null=True)
    grace_ends_at = UnicodeAttribute(null=True)  # set while past due
    stripe_customer_id = UnicodeAttribute(null=True)
    stripe_subscription_id = UnicodeAttribute(null=True)
    user_count = NumberAttribute(default=0)
    user_limit = NumberAttribute()
    lead_limit = NumberAttribute()
    # Stripe's `created` (epoch seconds) of the newest event applied: an older one changes nothing.
    synced_at = NumberAttribute(null=True)
    updated_at = UnicodeAttribute()


class LeadUsageItem(Item, discriminator="LeadUsage"):
    """Leads created in one calendar month (PK `T#<t>#USAGE`, SK `LEADS#<yyyy-mm>`), moved in the
    lead's own transaction on the condition `leads < lead_limit`. Leads a public form captured over
    the limit are kept and counted apart."""

    month = UnicodeAttribute()
    leads = NumberAttribute(default=0)
    lead_limit = NumberAttribute()
    over_limit_leads = NumberAttribute(default=0)
    plan = UnicodeAttribute(null=True)  # the plan whose limit `lead_limit` is


class StripeEventItem(Item, discriminator="StripeEvent"):
    """A Stripe event applied to the tenant, written in the same transaction as its effect, so a
    redelivery changes nothing. Expires after 30 days (Stripe retries for three)."""

    event_id = UnicodeAttribute()
    event_type = UnicodeAttribute()
    created = NumberAttribute()
    processed_at = UnicodeAttribute()
