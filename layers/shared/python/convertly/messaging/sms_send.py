"""A one-off text to a contact from its page (or its lead's): a saved SMS template or a text written
there, filled in for the contact (and lead), queued with its SmsQueued event and its "texted" entry on
the contact's timeline in one transaction. The same request key twice queues it once and answers as
the first time did."""

from __future__ import annotations

from typing import Any

from convertly.messaging import use_cases
from convertly.messaging.domain import MessageSend, MessageSent
from convertly.messaging.merge import records, values_for
from convertly.messaging.render import render_sms
from convertly.messaging.sms import blocked, get_sms, sms_writes
from convertly.platform.clock import now as clock_now
from convertly.platform.errors import ConflictError, ConvertlyError, NotFoundError, ValidationError
from convertly.platform.principal import Principal
from convertly.platform.store.transaction import Transaction, TransactionCancelledError


def _refusal(code: str) -> ConvertlyError:
    """Why the text cannot go, as the API answers it."""
    if code == "sms_not_configured":
        return ConflictError(
            "Text messages are not set up for this account: an Admin connects Twilio in Settings > SMS",
            code=code,
        )
    if code == "unsubscribed":
        return ConflictError("This contact unsubscribed from text messages: nothing was sent", code=code)
    if code == "no_phone":
        return ValidationError("This contact has no phone number", code=code, fields={"phone": "Missing"})
    if code == "invalid_phone":
        return ValidationError(
            "This contact's phone number cannot receive a text: add its area or country code",
            code=code,
            fields={"phone": "Not a complete number"},
        )
    return NotFoundError("No such contact", code="contact_not_found")


def _text(principal: Principal, request: MessageSend) -> str:
    if not request.template_id:
        return request.body or ""
    item = use_cases.get_item(principal.tenant_id, request.template_id)
    if item is None:
        raise NotFoundError("No such template", code="template_not_found")
    if item.channel != "sms":
        raise ValidationError("Choose an SMS template", fields={"template_id": "Not an SMS template"})
    return item.body


def text_contact(principal: Principal, contact: Any, request: MessageSend) -> MessageSent:
    """Queue the text (202); 409 `sms_not_configured` or `unsubscribed`, 422 `no_phone` or
    `invalid_phone` when it cannot go, 422 `unknown_merge_field` when the text cannot be filled in."""
    refusal = blocked(principal.tenant_id, contact)
    if refusal is not None:
        raise _refusal(refusal[0])
    body = _text(principal, request)
    _, lead = records(principal.tenant_id, None, request.lead_id)
    if request.lead_id and (lead is None or lead.contact_id != contact.contact_id):
        raise NotFoundError("No such lead of this contact", code="lead_not_found")
    rendered = render_sms(body, values_for(principal.tenant_id, contact, lead))
    sms_id = use_cases.message_id_for(
        principal.tenant_id, f"sms:contact:{contact.contact_id}", request.request_key
    )
    origin = {
        "actor_id": principal.user_id,
        "actor_name": principal.name or None,
        "lead_id": request.lead_id,
        "template_id": request.template_id,
    }
    tx = Transaction()
    for write in sms_writes(principal.tenant_id, sms_id, contact, rendered.body, clock_now(), origin=origin):
        write(tx)
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "sms" not in error.failed:
            raise
    queued = get_sms(principal.tenant_id, sms_id)
    assert queued is not None  # written now, or by the first of the same request
    return MessageSent(message_id=sms_id, channel="sms", to=queued.to_number, subject=None, status="queued")
