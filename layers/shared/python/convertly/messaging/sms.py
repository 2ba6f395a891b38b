"""Text messages to contacts: why one cannot go, and the writes that queue one.

A text is an item (`T#<t>#SMS` / `SMS#<id>`) written in the transaction that decides to send it,
with its SmsQueued event (the outbox) and a "texted" entry on the contact's timeline; the
`sms_sender` consumer sends it through the tenant's Twilio account and writes what became of it on
both (messaging/sms_sender.py). The same id twice writes once: the item is put only if absent, so
the whole transaction of a repeat is cancelled.

The number texted is the contact's primary phone in E.164: a number written with its country code is
read as it is; a local one takes the contact's country, else the tenant's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from convertly.accounts import service as accounts
from convertly.contacts import service as contacts
from convertly.leads import service as leads
from convertly.messaging import keys
from convertly.messaging.items import SmsItem, SmsSettingsItem
from convertly.messaging.render import sms_segments
from convertly.platform.changelog import log_entry
from convertly.platform.clock import iso
from convertly.platform.errors import ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import plain
from convertly.platform.store.transaction import Transaction

SMS_QUEUED = "SmsQueued"
TEXTED = "texted"  # the contact's timeline entry
TOKEN_PURPOSE = "twilio.auth_token"  # noqa: S105 (the KMS encryption context's purpose, not a secret)
MAX_LENGTH = 1_600
SETTLED = frozenset({"sent", "failed", "not_sent"})

NOT_CONFIGURED = "Text messages are not set up: an Admin connects Twilio in Settings > SMS"
UNSUBSCRIBED = "Not sent: the contact unsubscribed from SMS"
NO_PHONE = "The contact has no phone number"
BAD_PHONE = "The contact's phone number cannot receive a text: it is not a complete number"
NO_CONTACT = "There is no contact to text"
DELETED = "The contact was deleted"


def stored_settings(tenant_id: str, *, consistent: bool = False) -> SmsSettingsItem | None:
    """The tenant's Twilio account, or None when SMS is not connected (one GetItem)."""
    try:
        return SmsSettingsItem.get(
            platform_keys.tenant(tenant_id), keys.SMS_SETTINGS_SK, consistent_read=consistent
        )
    except SmsSettingsItem.DoesNotExist:
        return None


def e164(phone: str | None, country: str | None) -> str | None:
    """`+<country code><number>`, or None when it cannot be a whole number. Twilio judges the rest
    (a number that does not exist, a landline) when the text is sent."""
    if not phone or not phone.strip():
        return None
    import phonenumbers  # on first use: a function that never texts never loads it

    text = phone.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    region = (country or "").upper()
    try:
        number = phonenumbers.parse(text, region if region in phonenumbers.SUPPORTED_REGIONS else None)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_possible_number_with_reason(number) != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def number_of(tenant_id: str, contact: Any) -> str | None:
    """The contact's primary phone in E.164 (a local number: the contact's country, else the tenant's)."""
    phone = str(contact.phone or "").strip()
    if not phone:
        return None
    country = contact.country
    if not country and not phone.startswith(("+", "00")):
        tenant = accounts.get_tenant(tenant_id)
        country = tenant.country if tenant is not None else "US"
    return e164(phone, country or "US")


def blocked(tenant_id: str, contact: Any | None) -> tuple[str, str] | None:
    """(code, reason) when no text can go to the contact now, else None."""
    if stored_settings(tenant_id) is None:
        return "sms_not_configured", NOT_CONFIGURED
    if contact is None:
        return "contact_not_found", NO_CONTACT
    if contact.deleted_at:
        return "contact_not_found", DELETED
    if plain(contact.consent).get("sms_marketing") == "denied":
        return "unsubscribed", UNSUBSCRIBED
    if not str(contact.phone or "").strip():
        return "no_phone", NO_PHONE
    if number_of(tenant_id, contact) is None:
        return "invalid_phone", BAD_PHONE
    return None


def sms_blocked(tenant_id: str, contact: Any | None) -> str | None:
    """Why no text can go to the contact, in words (not connected, no phone, unsubscribed ...), or
    None when one can: what a workflow's step records when it skips."""
    found = blocked(tenant_id, contact)
    return found[1] if found else None


def checked_body(body: str) -> str:
    """The text as it will be sent; 422 when it is empty or too long once filled in."""
    if not body.strip():
        raise ValidationError("The text is empty once filled in", code="empty_sms", fields={"body": "Empty"})
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            f"The text is {len(body):,} characters once filled in: at most 1,600 can be sent",
            code="sms_too_long",
            fields={"body": "Too long"},
        )
    return body


def sms_writes(
    tenant_id: str,
    sms_id: str,
    contact: Any,
    body: str,
    now: datetime,
    *,
    origin: Mapping[str, Any],
) -> list[Callable[[Transaction], None]]:
    """The writes that queue a text to the contact: the SMS item (only if `sms_id` is new), its
    SmsQueued event and the "texted" entry on the contact's timeline (and on the lead's, when it is
    about one), for the caller's transaction.

    `origin` says who or what sends it: `actor_id` and `actor_name` (the timeline's "by"), `lead_id`
    (the lead it is about), and anything else the timeline shows with it (`template_id`, `workflow`,
    `workflow_id`, `enrolment_id`, `step_id`). Ask `sms_blocked` first: a contact without a number
    that can be texted is a ValidationError here, as is an empty text or one over 1,600 characters."""
    to = number_of(tenant_id, contact)
    if to is None:
        raise ValidationError(BAD_PHONE if contact.phone else NO_PHONE, code="invalid_phone")
    text = checked_body(body)
    segments, encoding = sms_segments(text)
    shown = {k: v for k, v in origin.items() if k not in ("actor_id", "actor_name") and v is not None}
    actor_id, actor_name = origin.get("actor_id"), origin.get("actor_name")
    cause = {**shown, "to": to, "body": text, "segments": segments}
    at = iso(now)
    entry = log_entry(
        contacts.contact_key(tenant_id, contact.contact_id),
        sms_id,
        at,
        actor_id,
        TEXTED,
        actor_name=actor_name,
        cause={**cause, "status": "queued"},
    )
    lead_id = shown.get("lead_id")
    lead_entry = (
        log_entry(
            leads.lead_key(tenant_id, str(lead_id)),
            sms_id,
            at,
            actor_id,
            TEXTED,
            actor_name=actor_name,
            cause={**cause, "status": "queued"},
        )
        if lead_id
        else None
    )
    item = SmsItem(
        keys.sms_outbox(tenant_id),
        keys.sms_sk(sms_id),
        sms_id=sms_id,
        tenant_id=tenant_id,
        contact_id=contact.contact_id,
        lead_id=lead_id,
        to_number=to,
        body=text,
        segments=segments,
        encoding=encoding,
        status="queued",
        attempts=0,
        created_at=at,
        created_by=actor_id,
        cause=json.dumps(cause, default=str),
        log_pk=entry.PK,
        log_sk=entry.SK,
        lead_log_pk=lead_entry.PK if lead_entry is not None else None,
        lead_log_sk=lead_entry.SK if lead_entry is not None else None,
    )
    event = DomainEvent(
        detail_type=SMS_QUEUED,
        tenant_id=tenant_id,
        occurred_at=at,
        actor_id=actor_id,
        subject_id=contact.contact_id,
        data={
            "sms_id": sms_id,
            "contact_id": contact.contact_id,
            "lead_id": lead_id,
            "segments": segments,
            "workflow_id": shown.get("workflow_id"),
        },
    )

    def write(tx: Transaction) -> None:
        tx.put("sms", item, condition=SmsItem.PK.does_not_exist())
        tx.put("sms_event", outbox_item(event))
        tx.put("sms_log", entry)
        if lead_entry is not None:
            tx.put("sms_lead_log", lead_entry)

    return [write]


def get_sms(tenant_id: str, sms_id: str) -> SmsItem | None:
    try:
        return SmsItem.get(keys.sms_outbox(tenant_id), keys.sms_sk(sms_id), consistent_read=True)
    except SmsItem.DoesNotExist:
        return None
