"""The store registry: every capability's items, imported together.

A query over a partition that holds several kinds (a lead's partition holds the lead, its notes,
stage history, touches, follow-ups and the notifications sent about it) decodes each item by its
`type` discriminator, which PynamoDB knows only once the item's class is defined. The platform loads
this module by name (`convertly.platform.store.items.load_every_kind`) before such a query; adding a
capability adds one line here.
"""

from __future__ import annotations

from convertly.accounts import items as accounts_items
from convertly.affiliates import items as affiliates_items
from convertly.ai import items as ai_items
from convertly.analytics import items as analytics_items
from convertly.audit import items as audit_items
from convertly.automation import items as automation_items
from convertly.billing import items as billing_items
from convertly.bulk import items as bulk_items
from convertly.capture import items as capture_items
from convertly.console import items as console_items
from convertly.contacts import items as contacts_items
from convertly.conversions import items as conversions_items
from convertly.fields import items as fields_items
from convertly.imports import items as imports_items
from convertly.leads import items as leads_items
from convertly.media import items as media_items
from convertly.messaging import items as messaging_items
from convertly.notifications import items as notifications_items
from convertly.pipelines import items as pipelines_items
from convertly.platform import access, changelog
from convertly.platform.events import hold, outbox
from convertly.work import items as work_items

CAPABILITY_ITEMS = (
    accounts_items,
    affiliates_items,
    analytics_items,
    audit_items,
    ai_items,
    automation_items,
    billing_items,
    bulk_items,
    capture_items,
    console_items,
    contacts_items,
    conversions_items,
    fields_items,
    imports_items,
    leads_items,
    media_items,
    messaging_items,
    notifications_items,
    pipelines_items,
    work_items,
)
PLATFORM_ITEMS = (outbox, changelog, access, hold)
