"""What other capabilities may ask of messaging: a template filled in for a contact and lead (the
workflows' email steps), whether a template exists, and the contact's consent.

The one door into messaging from elsewhere (import-linter checks it)."""

from __future__ import annotations

from typing import Any

from convertly.messaging.items import MessageTemplateItem
from convertly.messaging.merge import values_for
from convertly.messaging.render import Rendered, sms_segments
from convertly.messaging.use_cases import consent_of, get_item, message_id_for, render

__all__ = [
    "MessageTemplateItem",
    "Rendered",
    "compose",
    "consent_of",
    "get_item",
    "message_id_for",
    "sms_segments",
    "values_for",
]


def compose(tenant_id: str, template: MessageTemplateItem, contact: Any | None, lead: Any | None) -> Rendered:
    """The template filled in for the contact and lead as they are now (ValidationError: a merge
    field that exists nowhere)."""
    values = values_for(tenant_id, contact, lead)
    return render(template.channel, template.subject, template.body, template.text, values)
