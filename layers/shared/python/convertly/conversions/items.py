"""The conversions capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import (
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from convertly.platform.store.items import Item


# Conversions: ad platform settings, Meta page routes, conversions and their ledger, Meta Lead Ads leads.
class AdsSettingsItem(Item, discriminator="AdsSettings"):
    """A tenant's ad platform settings (PK `T#<t>`, SK `ADS`). Secrets are kept sealed with KMS next to
    their last four characters (for the masked view): `{"sealed": ..., "last4": ...}`."""

    google = MapAttribute(null=True)  # type: ignore[var-annotated]
    meta = MapAttribute(null=True)  # type: ignore[var-annotated]
    updated_at = UnicodeAttribute(null=True)
    updated_by = UnicodeAttribute(null=True)
    version = VersionAttribute()


class MetaPageRouteItem(Item, discriminator="MetaPageRoute"):
    """Platform level: the tenant whose Meta settings registered a Facebook page, so a signed Lead Ads
    notification finds its tenant with one GetItem."""

    page_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()


class ConversionItem(Item, discriminator="Conversion"):
    """One conversion to report (a win, the retraction of a reopened win, a Meta CRM event) in the lead's
    partition, with each platform's latest outcome. `lease_*` marks a delivery under way: a duplicate
    delivery meanwhile waits, and a crashed one's lease expires so a retry can take over."""

    job_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # conversion | retraction | restatement | crm_event
    occurred_at = UnicodeAttribute()
    dedupe_id = UnicodeAttribute()  # Google's order_id, Meta's event_id
    value_minor = NumberAttribute(default=0)
    currency = UnicodeAttribute(default="USD")
    event_name = UnicodeAttribute(null=True)
    stage_id = UnicodeAttribute(null=True)
    google_ads = MapAttribute(null=True)  # type: ignore[var-annotated]
    meta = MapAttribute(null=True)  # type: ignore[var-annotated]
    lease_id = UnicodeAttribute(null=True)
    lease_until = NumberAttribute(null=True)  # epoch seconds
    created_at = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)


class LedgerEntryItem(Item, discriminator="ConversionAttempt"):
    """One attempt to report a conversion to one platform, in the lead's partition and in the tenant's
    conversions log (GSI1 all, GSI2 by status)."""

    entry_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    job_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    platform = UnicodeAttribute()
    status = UnicodeAttribute()
    at = UnicodeAttribute()
    dedupe_id = UnicodeAttribute()
    request_id = UnicodeAttribute(null=True)
    message = UnicodeAttribute(null=True)
    payload_hash = UnicodeAttribute(null=True)
    identifier = UnicodeAttribute(null=True)
    value_minor = NumberAttribute(null=True)
    currency = UnicodeAttribute(null=True)
    held_minor = NumberAttribute(null=True)  # what the platform holds for the lead after this attempt
    attempt = NumberAttribute(default=1)


class MetaLeadItem(Item, discriminator="MetaLead"):
    """A Meta Lead Ads lead already taken (PK `T#<t>#METALEADS`, SK its leadgen id), written in the same
    transaction as the lead it became, so a repeated notification creates nothing."""

    leadgen_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    page_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()


class OAuthStateItem(Item, discriminator="AdsOAuthState"):
    """A "Connect Google Ads" / "Connect Meta" consent in progress (PK `T#<t>#OAUTH`, SK
    `STATE#<state>`; convertly.conversions.oauth_state)."""

    platform = UnicodeAttribute()
    user_id = UnicodeAttribute()
    redirect_uri = UnicodeAttribute()
    code_verifier = UnicodeAttribute(null=True)  # PKCE (Google); None where the flow has none
    created_at = UnicodeAttribute()
    valid_until = NumberAttribute()  # epoch seconds
