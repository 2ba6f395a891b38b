"""The accounts capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import (
    UnicodeAttribute,
)

from convertly.platform.store.items import Item


class TenantItem(Item, discriminator="Tenant"):
    tenant_id = UnicodeAttribute()
    name = UnicodeAttribute()
    currency = UnicodeAttribute(default="USD")
    timezone = UnicodeAttribute(default="UTC")
    country = UnicodeAttribute(default="US")
    created_at = UnicodeAttribute()


class UserItem(Item, discriminator="User"):
    user_id = UnicodeAttribute()
    email = UnicodeAttribute()
    name = UnicodeAttribute()
    role = UnicodeAttribute()
    status = UnicodeAttribute(default="active")
    created_at = UnicodeAttribute()
