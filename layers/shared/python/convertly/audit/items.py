"""The audit capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import (
    UnicodeAttribute,
)

from convertly.platform.store.items import Item


class AuditEntryItem(Item, discriminator="AuditEntry"):
    event_id = UnicodeAttribute()
    detail_type = UnicodeAttribute()
    occurred_at = UnicodeAttribute()
    actor_id = UnicodeAttribute(null=True)
    subject_id = UnicodeAttribute(null=True)
    summary = UnicodeAttribute()
    actor_name = UnicodeAttribute(null=True)  # as the actor was called when it happened
    category = UnicodeAttribute(null=True)  # team, leads, contacts, settings, access
    about_tenant_id = UnicodeAttribute(null=True)  # in the platform's log: the tenant it concerns
