"""The console's items: the tenant directory (platform level) and a suspended tenant's held events."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute

from convertly.platform.store.items import Item


class TenantDirectoryItem(Item, discriminator="TenantDirectory"):
    """One tenant in the platform's directory: written at sign-up, updated on suspension and (at most
    hourly) on a sign-in; plan, seats and leads are read from the tenant's own billing items."""

    tenant_id = UnicodeAttribute()
    name = UnicodeAttribute()
    name_folded = UnicodeAttribute()  # for the search box
    created_at = UnicodeAttribute()
    status = UnicodeAttribute(default="active")  # active, suspended
    suspended_at = UnicodeAttribute(null=True)
    suspended_reason = UnicodeAttribute(null=True)
    last_activity_at = UnicodeAttribute(null=True)
