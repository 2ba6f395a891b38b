"""The notifications capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from convertly.platform.store.items import Item


class NotificationItem(Item, discriminator="Notification"):
    """An in-app notification in its recipient's partition. Its id is the event's id, so each event
    notifies each recipient at most once."""

    notification_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    title = UnicodeAttribute()
    body = UnicodeAttribute()
    lead_id = UnicodeAttribute(null=True)
    lead_name = UnicodeAttribute(null=True)  # the lead's name when told (the bell's grouped entry)
    actor_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    read_at = UnicodeAttribute(null=True)
    followup_id = UnicodeAttribute(null=True)  # set on reminders
    task_id = UnicodeAttribute(null=True)
    import_id = UnicodeAttribute(null=True)  # an import's summary


class NotificationCounterItem(Item, discriminator="NotificationCounter"):
    """A user's unread count, and the id up to which every notification counts as read ("mark all
    read" moves it forward instead of touching each notification)."""

    unread = NumberAttribute(default=0)
    read_through = UnicodeAttribute(null=True)


class LeadNotifiedItem(Item, discriminator="LeadNotified"):
    """A notification sent about a lead, kept in the lead's partition for its timeline."""

    notification_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    title = UnicodeAttribute()
    created_at = UnicodeAttribute()


class MailAttachmentMap(MapAttribute[str, str]):
    """A file an email carries, by reference: the uploads bucket's object, read when the email is sent."""

    object_key = UnicodeAttribute()
    file_name = UnicodeAttribute()
    content_type = UnicodeAttribute()


class MailItem(Item, discriminator="Mail"):
    """An email to send (PK `T#<t>#MAIL`), written in the transaction that decided to send it. While
    it waits or is being sent it sits in the due index; a run claims it before sending, so two runs
    never send it both, and a crashed send comes back when its claim expires."""

    mail_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    user_id = UnicodeAttribute(null=True)
    to_address = UnicodeAttribute()
    subject = UnicodeAttribute()
    body = UnicodeAttribute()
    html = UnicodeAttribute(null=True)  # an HTML part beside the text (a template's email)
    kind = UnicodeAttribute()  # the notification kind it tells of
    # A template's files (the media library's objects), attached when it is sent; a missing one fails it.
    attachments = ListAttribute(of=MailAttachmentMap, null=True)
    # Email to a contact: the signed token of its unsubscribe link and List-Unsubscribe headers.
    unsubscribe_token = UnicodeAttribute(null=True)
    status = UnicodeAttribute(default="pending")  # pending | sending | sent | failed
    attempts = NumberAttribute(default=0)
    remind_at = UnicodeAttribute(null=True)  # when to (re)try; while sending, when the claim expires
    claimed_by = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    sent_at = UnicodeAttribute(null=True)
    transport = UnicodeAttribute(null=True)
    error = UnicodeAttribute(null=True)


class NotificationPreferencesItem(Item, discriminator="NotificationPreferences"):
    """One user's channel per notification kind (PK `T#<t>#NOTIFY#<u>`, SK `PREFERENCES`)."""

    channels = MapAttribute(default=dict)  # type: ignore[var-annotated]
    updated_at = UnicodeAttribute()


class EmailSettingsItem(Item, discriminator="EmailSettings"):
    """A tenant's own SMTP server (PK `T#<t>`, SK `SETTINGS#EMAIL`); the password is sealed with KMS."""

    host = UnicodeAttribute()
    port = NumberAttribute()
    tls_mode = UnicodeAttribute()  # starttls | ssl | none
    username = UnicodeAttribute(null=True)
    password_sealed = UnicodeAttribute(null=True)
    from_address = UnicodeAttribute()
    from_name = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
