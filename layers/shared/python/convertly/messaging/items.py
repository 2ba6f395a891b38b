"""The messaging capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from convertly.platform.store.items import Item


class MessageTemplateItem(Item, discriminator="MessageTemplate"):
    """An email or SMS template (PK `T#<t>#TEMPLATES`, SK `TEMPLATE#<id>`)."""

    template_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    channel = UnicodeAttribute()  # email | sms
    name = UnicodeAttribute()
    subject = UnicodeAttribute(null=True)  # email
    body = UnicodeAttribute()  # email: HTML; sms: text
    text = UnicodeAttribute(null=True)  # email: the plain-text part (empty: made from the HTML)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = NumberAttribute(default=1)
