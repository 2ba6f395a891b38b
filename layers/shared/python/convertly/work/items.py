"""The work capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from convertly.platform.store.items import Item


# Follow-ups and tasks: the work items, reminder records, the mail outbox, notification preferences,
# a tenant's email settings, and the reminder run's checkpoint and lease (platform level).
class FollowUpItem(Item, discriminator="FollowUp"):
    """A time-based reminder to reach a lead (call, email, SMS, meeting), in the lead's partition.

    `remind_at`/`remind_kind` is the next reminder owed (due, then overdue); while one is owed the item
    sits in the due index (GSI6). `version` changes with the user's edits only, never with a reminder.
    """

    followup_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    followup_type = UnicodeAttribute()  # call | email | sms | meeting
    note = UnicodeAttribute(null=True)
    assignee_id = UnicodeAttribute()
    status = UnicodeAttribute(default="open")  # open | done
    due_at = UnicodeAttribute()
    snoozed_until = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    completed_at = UnicodeAttribute(null=True)
    completed_by = UnicodeAttribute(null=True)
    remind_at = UnicodeAttribute(null=True)
    remind_kind = UnicodeAttribute(null=True)  # due | overdue
    version = NumberAttribute(default=1)


class TaskItem(Item, discriminator="Task"):
    """An assignable work item (PK `T#<t>#TASK#<id>`, SK `TASK`), optionally linked to a lead."""

    task_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    title = UnicodeAttribute()
    description = UnicodeAttribute(null=True)
    due_at = UnicodeAttribute()
    priority = UnicodeAttribute(default="normal")  # low | normal | high | urgent
    status = UnicodeAttribute(default="open")  # open | in_progress | done
    assignee_id = UnicodeAttribute()
    lead_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    completed_at = UnicodeAttribute(null=True)
    completed_by = UnicodeAttribute(null=True)
    remind_at = UnicodeAttribute(null=True)
    remind_kind = UnicodeAttribute(null=True)
    version = NumberAttribute(default=1)


class ReminderItem(Item, discriminator="Reminder"):
    """A reminder sent, keyed by item, kind and reminder time: written with a put conditional on its
    absence in the transaction that notifies, so no (item, kind, time) is ever reminded twice."""

    item_id = UnicodeAttribute()
    item_type = UnicodeAttribute()  # followup | task
    kind = UnicodeAttribute()
    remind_at = UnicodeAttribute()
    sent_at = UnicodeAttribute()
    recipients = ListAttribute(of=UnicodeAttribute, default=list)


class ReminderCheckpointItem(Item, discriminator="ReminderCheckpoint"):
    """Platform level: the last minute of the due index every earlier run has read and settled."""

    through = UnicodeAttribute()  # YYYY-MM-DDTHH:MM
    updated_at = UnicodeAttribute()


class ReminderLeaseItem(Item, discriminator="ReminderLease"):
    """Platform level: which run holds the reminder lease, and until when (ISO)."""

    holder = UnicodeAttribute()
    held_until = UnicodeAttribute()
