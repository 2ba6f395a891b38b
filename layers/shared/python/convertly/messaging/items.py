"""The messaging capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute

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
    # email: the media library's files it attaches (up to 5, 10 MB together), in order
    attachment_ids = ListAttribute(of=UnicodeAttribute, null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = NumberAttribute(default=1)


class SmsSettingsItem(Item, discriminator="SmsSettings"):
    """A tenant's Twilio account (PK `T#<t>`, SK `SETTINGS#SMS`); the Auth Token is sealed with KMS."""

    account_sid = UnicodeAttribute()
    auth_token_sealed = UnicodeAttribute()
    from_number = UnicodeAttribute(null=True)  # E.164, a number of the account
    messaging_service_sid = UnicodeAttribute(null=True)  # or a Messaging Service (MG...)
    account_name = UnicodeAttribute(null=True)  # the account's friendly name, as Twilio answered
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()


class SmsItem(Item, discriminator="Sms"):
    """A text message to a contact (PK `T#<t>#SMS`, SK `SMS#<id>`), written in the transaction that
    decided to send it, with its SmsQueued event and its entry on the contact's timeline. The sender
    leases it before calling Twilio, so two deliveries never both send it."""

    sms_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    contact_id = UnicodeAttribute()
    lead_id = UnicodeAttribute(null=True)
    to_number = UnicodeAttribute()  # E.164
    body = UnicodeAttribute()
    segments = NumberAttribute()  # as counted when queued; Twilio's count replaces it once sent
    encoding = UnicodeAttribute()  # gsm7 | ucs2
    status = UnicodeAttribute(default="queued")  # queued | sending | sent | failed | not_sent
    attempts = NumberAttribute(default=0)
    lease_id = UnicodeAttribute(null=True)
    lease_until = UnicodeAttribute(null=True)  # ISO: a sending lease older than this may be taken over
    uncertain_since = UnicodeAttribute(null=True)  # a try whose answer was lost (Twilio may have it)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute(null=True)
    cause = UnicodeAttribute()  # JSON: its timeline entry's cause as queued (to, body, who or what sent it)
    log_pk = UnicodeAttribute()  # the contact's timeline entry, whose status follows this one's
    log_sk = UnicodeAttribute()
    # The lead's timeline entry, when the text is about a lead (its page, a workflow on it): it follows too.
    lead_log_pk = UnicodeAttribute(null=True)
    lead_log_sk = UnicodeAttribute(null=True)
    sent_at = UnicodeAttribute(null=True)
    twilio_sid = UnicodeAttribute(null=True)
    error_code = UnicodeAttribute(null=True)  # Twilio's error code, or ours (sms_not_configured ...)
    error = UnicodeAttribute(null=True)  # why it was not sent, in words
