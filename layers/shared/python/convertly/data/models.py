"""PynamoDB models: one table, one subclass per entity, told apart by the `type` discriminator.

docs/data-model.md lists every access pattern and the key or index that serves it.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    DiscriminatorAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from convertly.config import get_settings

_settings = get_settings()


class _IndexMeta:
    projection = AllProjection()


class GSI1(GlobalSecondaryIndex[Any]):
    """All live (or all deleted) leads of a tenant by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI1"

    GSI1PK = UnicodeAttribute(hash_key=True)
    GSI1SK = UnicodeAttribute(range_key=True)


class GSI2(GlobalSecondaryIndex[Any]):
    """Leads of a tenant in one stage by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI2"

    GSI2PK = UnicodeAttribute(hash_key=True)
    GSI2SK = UnicodeAttribute(range_key=True)


class GSI3(GlobalSecondaryIndex[Any]):
    """Leads of a tenant assigned to one owner by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI3"

    GSI3PK = UnicodeAttribute(hash_key=True)
    GSI3SK = UnicodeAttribute(range_key=True)


class GSI4(GlobalSecondaryIndex[Any]):
    """Leads of a tenant from one source by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI4"

    GSI4PK = UnicodeAttribute(hash_key=True)
    GSI4SK = UnicodeAttribute(range_key=True)


class GSI5(GlobalSecondaryIndex[Any]):
    """Leads of a tenant assigned to one owner in one stage by creation time (a Sales rep's board)."""

    class Meta(_IndexMeta):
        index_name = "GSI5"

    GSI5PK = UnicodeAttribute(hash_key=True)
    GSI5SK = UnicodeAttribute(range_key=True)


class GSI6(GlobalSecondaryIndex[Any]):
    """The due index (platform level): items with a pending reminder or mail, by minute and shard."""

    class Meta(_IndexMeta):
        index_name = "GSI6"

    GSI6PK = UnicodeAttribute(hash_key=True)
    GSI6SK = UnicodeAttribute(range_key=True)


class Item(Model):
    """The single table. Subclasses are the entities."""

    class Meta:
        table_name = _settings.table_name
        region = _settings.aws_region
        host = _settings.aws_endpoint_url

    PK = UnicodeAttribute(hash_key=True)
    SK = UnicodeAttribute(range_key=True)
    type = DiscriminatorAttribute()
    GSI1PK = UnicodeAttribute(null=True)
    GSI1SK = UnicodeAttribute(null=True)
    GSI2PK = UnicodeAttribute(null=True)
    GSI2SK = UnicodeAttribute(null=True)
    GSI3PK = UnicodeAttribute(null=True)
    GSI3SK = UnicodeAttribute(null=True)
    GSI4PK = UnicodeAttribute(null=True)
    GSI4SK = UnicodeAttribute(null=True)
    GSI5PK = UnicodeAttribute(null=True)
    GSI5SK = UnicodeAttribute(null=True)
    GSI6PK = UnicodeAttribute(null=True)
    GSI6SK = UnicodeAttribute(null=True)
    expires_at = TTLAttribute(null=True)

    gsi1 = GSI1()
    gsi2 = GSI2()
    gsi3 = GSI3()
    gsi4 = GSI4()
    gsi5 = GSI5()
    gsi6 = GSI6()


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


class PipelineItem(Item, discriminator="Pipeline"):
    pipeline_id = UnicodeAttribute()
    name = UnicodeAttribute()
    position = NumberAttribute(default=0)
    is_default = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    # Whether the dashboard's pie and funnel charts include this pipeline.
    show_in_pie = BooleanAttribute(default=True)
    show_in_funnel = BooleanAttribute(default=True)


class StageItem(Item, discriminator="Stage"):
    """A pipeline stage; its lead count and value are counters kept in the same transaction as each
    lead write, so boards and dashboards never read the leads to add them up."""

    pipeline_id = UnicodeAttribute()
    stage_id = UnicodeAttribute()
    name = UnicodeAttribute()
    position = NumberAttribute()
    kind = UnicodeAttribute(default="open")  # open | won | lost
    probability = NumberAttribute(default=0)
    lead_count = NumberAttribute(default=0)
    lead_value = NumberAttribute(default=0)
    # Whether the dashboard's pie and funnel charts include this stage.
    show_in_pie = BooleanAttribute(default=True)
    show_in_funnel = BooleanAttribute(default=True)
    # Set while the stage is being deleted: its leads are moving to `move_to`, and none may enter.
    move_to = UnicodeAttribute(null=True)
    deleting_by = UnicodeAttribute(null=True)
    deleting_by_name = UnicodeAttribute(null=True)


class AttributionMap(MapAttribute[str, Any]):
    """Ad click ids, UTMs, landing page and referrer as captured; free-form keys, string values."""


class LeadItem(Item, discriminator="Lead"):
    lead_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    first_name = UnicodeAttribute(default="")
    last_name = UnicodeAttribute(default="")
    email = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    company = UnicodeAttribute(null=True)
    value = NumberAttribute(default=0)
    currency = UnicodeAttribute(default="USD")
    owner_id = UnicodeAttribute(null=True)
    source = UnicodeAttribute(default="manual")
    tags = ListAttribute(of=UnicodeAttribute, default=list)
    custom_fields = MapAttribute(default=dict)  # type: ignore[var-annotated]
    attribution = MapAttribute(default=dict)  # type: ignore[var-annotated]
    # The most recent form touch (`attribution` is the first) and how many form submissions reached it.
    last_touch = MapAttribute(null=True)  # type: ignore[var-annotated]
    touch_count = NumberAttribute(null=True)
    pipeline_id = UnicodeAttribute()
    stage_id = UnicodeAttribute()
    stage_entered_at = UnicodeAttribute()
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    deleted_at = UnicodeAttribute(null=True)
    search_terms = ListAttribute(of=UnicodeAttribute, default=list)
    version = VersionAttribute()
    # Captured by a public form while the tenant was over its monthly lead limit (kept, never dropped).
    over_limit = BooleanAttribute(null=True)


class NoteItem(Item, discriminator="Note"):
    note_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    body = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_name = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class StageHistoryItem(Item, discriminator="StageHistory"):
    history_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    from_stage_id = UnicodeAttribute(null=True)
    to_stage_id = UnicodeAttribute()
    changed_by = UnicodeAttribute()
    changed_at = UnicodeAttribute()
    seconds_in_previous = NumberAttribute(null=True)
    # As they were at the move, so the timeline reads right after a rename or a deletion.
    from_stage_name = UnicodeAttribute(null=True)
    to_stage_name = UnicodeAttribute(null=True)
    changed_by_name = UnicodeAttribute(null=True)


class SearchItem(Item, discriminator="Search"):
    """One normalised search term (name, email, phone digits) pointing at a lead; prefix queries on
    the sort key serve search without reading any lead that does not match. `terms` lists all the
    lead's terms, so a query whose prefix matches several of them returns the lead once, at the
    first (see data.leads.search_lead_ids)."""

    lead_id = UnicodeAttribute()
    terms = ListAttribute(of=UnicodeAttribute, null=True)


class OutboxEventItem(Item, discriminator="OutboxEvent"):
    """A domain event written in the same transaction as the change it describes; the table stream
    hands it to the relay, which publishes it to the bus. Expires after a day."""

    event_id = UnicodeAttribute()
    detail_type = UnicodeAttribute()
    detail = UnicodeAttribute()  # JSON


class AuditEntryItem(Item, discriminator="AuditEntry"):
    event_id = UnicodeAttribute()
    detail_type = UnicodeAttribute()
    occurred_at = UnicodeAttribute()
    actor_id = UnicodeAttribute(null=True)
    subject_id = UnicodeAttribute(null=True)
    summary = UnicodeAttribute()


# Pipeline: aggregate counters and in-app notifications.
class OwnerStageCounterItem(Item, discriminator="OwnerStageCounter"):
    """One owner's live leads in one stage (count and value), moved in every lead transaction that
    changes them, so a Sales rep's board counts without reading leads."""

    owner_id = UnicodeAttribute(null=True)
    pipeline_id = UnicodeAttribute(null=True)
    stage_id = UnicodeAttribute(null=True)
    lead_count = NumberAttribute(default=0)
    lead_value = NumberAttribute(default=0)


class StageTransitionItem(Item, discriminator="StageTransition"):
    """How many leads went from one stage to another and the seconds they had spent in the first."""

    pipeline_id = UnicodeAttribute(null=True)
    from_stage_id = UnicodeAttribute(null=True)
    to_stage_id = UnicodeAttribute(null=True)
    lead_count = NumberAttribute(default=0)
    total_seconds = NumberAttribute(default=0)


class NotificationItem(Item, discriminator="Notification"):
    """An in-app notification in its recipient's partition. Its id is the event's id, so each event
    notifies each recipient at most once."""

    notification_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    title = UnicodeAttribute()
    body = UnicodeAttribute()
    lead_id = UnicodeAttribute(null=True)
    actor_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    read_at = UnicodeAttribute(null=True)
    followup_id = UnicodeAttribute(null=True)  # set on reminders
    task_id = UnicodeAttribute(null=True)


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


# Lead capture: forms, their public routes, submissions, touches, idempotency and rate limits.
class FormItem(Item, discriminator="Form"):
    """A lead capture form in its tenant's partition; `settings` is the builder's JSON, without the
    captcha secret, which is kept sealed (KMS) in `captcha_secret`."""

    form_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    name = UnicodeAttribute()
    status = UnicodeAttribute(default="draft")  # draft | published
    settings = UnicodeAttribute()
    captcha_secret = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    published_at = UnicodeAttribute(null=True)
    version = VersionAttribute()


class FormRouteItem(Item, discriminator="FormRoute"):
    """Platform-level: which tenant a public form id belongs to, so a public post finds its tenant
    with one GetItem. It holds no tenant data beyond the tenant id."""

    form_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()


class SubmissionItem(Item, discriminator="Submission"):
    """One post to a form and what became of it: a new lead, a touch on a lead, or spam (which
    expires after 30 days)."""

    submission_id = UnicodeAttribute()
    form_id = UnicodeAttribute()
    submitted_at = UnicodeAttribute()
    outcome = UnicodeAttribute()  # created | attached | spam
    spam_reason = UnicodeAttribute(null=True)
    lead_id = UnicodeAttribute(null=True)
    lead_name = UnicodeAttribute(null=True)
    values = UnicodeAttribute(default="{}")  # JSON
    attribution = MapAttribute(default=dict)  # type: ignore[var-annotated]


class TouchItem(Item, discriminator="Touch"):
    """A form submission that reached a lead, in the lead's partition: the lead's touch history."""

    lead_id = UnicodeAttribute()
    submission_id = UnicodeAttribute()
    form_id = UnicodeAttribute()
    touched_at = UnicodeAttribute()
    attribution = MapAttribute(default=dict)  # type: ignore[var-annotated]


class IdempotencyItem(Item, discriminator="IdempotencyRecord"):
    """The answer given to a submission, by its idempotency key; a repeat gets the same answer."""

    payload_hash = UnicodeAttribute()
    response = UnicodeAttribute()  # JSON
    created_at = UnicodeAttribute()


class RateCounterItem(Item, discriminator="RateCounter"):
    """Submissions counted in one fixed window for one visitor IP or one form."""

    hits = NumberAttribute(null=True)
    window_ends_at = NumberAttribute(null=True)  # epoch seconds


class RotationCounterItem(Item, discriminator="RotationCounter"):
    """How many leads a round-robin form has handed out; the next owner is the next Sales user."""

    turns = NumberAttribute(default=0)


# Billing: the tenant's plan and subscription, monthly lead usage, processed Stripe events.
class BillingItem(Item, discriminator="Billing"):
    """A tenant's plan, subscription state and user counter (PK `T#<t>`, SK `BILLING`).

    The limits are copied from the plan whenever the plan changes, so the user counter's condition
    (`user_count < user_limit`) and each month's lead counter compare against stored attributes and
    a write needs no read to enforce them.
    """

    plan = UnicodeAttribute()
    status = UnicodeAttribute()  # trialing | active | past_due | canceled | incomplete | ...
    trial_ends_at = UnicodeAttribute(null=True)
    current_period_end = UnicodeAttribute(null=True)  # the next invoice date
    cancel_at_period_end = BooleanAttribute(default=False)
    scheduled_plan = UnicodeAttribute(null=True)  # a downgrade waiting for the period end
    scheduled_at = UnicodeAttribute(null=True)
    grace_ends_at = UnicodeAttribute(null=True)  # set while past due
    stripe_customer_id = UnicodeAttribute(null=True)
    stripe_subscription_id = UnicodeAttribute(null=True)
    user_count = NumberAttribute(default=0)
    user_limit = NumberAttribute()
    lead_limit = NumberAttribute()
    # Stripe's `created` (epoch seconds) of the newest event applied: an older one changes nothing.
    synced_at = NumberAttribute(null=True)
    updated_at = UnicodeAttribute()


class LeadUsageItem(Item, discriminator="LeadUsage"):
    """Leads created in one calendar month (PK `T#<t>#USAGE`, SK `LEADS#<yyyy-mm>`), moved in the
    lead's own transaction on the condition `leads < lead_limit`. Leads a public form captured over
    the limit are kept and counted apart."""

    month = UnicodeAttribute()
    leads = NumberAttribute(default=0)
    lead_limit = NumberAttribute()
    over_limit_leads = NumberAttribute(default=0)
    plan = UnicodeAttribute(null=True)  # the plan whose limit `lead_limit` is


class StripeEventItem(Item, discriminator="StripeEvent"):
    """A Stripe event applied to the tenant, written in the same transaction as its effect, so a
    redelivery changes nothing. Expires after 30 days (Stripe retries for three)."""

    event_id = UnicodeAttribute()
    event_type = UnicodeAttribute()
    created = NumberAttribute()
    processed_at = UnicodeAttribute()


# Conversions: ad platform settings, Meta page routes, conversions and their ledger, Meta Lead Ads leads.
class AdsSettingsItem(Item, discriminator="AdsSettings"):
    """A tenant's ad platform settings (PK `T#<t>`, SK `ADS`). Secrets are kept sealed with KMS next to
    their last four characters (for the masked view): `{"sealed": ..., "last4": ...}`."""

    google = MapAttribute(null=True)  # type: ignore[var-annotated]
    meta = MapAttribute(null=True)  # type: ignore[var-annotated]
    updated_at = UnicodeAttribute(null=True)
    updated_by = UnicodeAttribute(null=True)
    version = VersionAttribute()


class MetaPageRouteItem(Item, discriminator="MetaPageRoute"):
    """Platform level: the tenant whose Meta settings registered a Facebook page, so a signed Lead Ads
    notification finds its tenant with one GetItem."""

    page_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()


class ConversionItem(Item, discriminator="Conversion"):
    """One conversion to report (a win, the retraction of a reopened win, a Meta CRM event) in the lead's
    partition, with each platform's latest outcome. `lease_*` marks a delivery under way: a duplicate
    delivery meanwhile waits, and a crashed one's lease expires so a retry can take over."""

    job_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # conversion | retraction | crm_event
    occurred_at = UnicodeAttribute()
    dedupe_id = UnicodeAttribute()  # Google's order_id, Meta's event_id
    value_minor = NumberAttribute(default=0)
    currency = UnicodeAttribute(default="USD")
    event_name = UnicodeAttribute(null=True)
    stage_id = UnicodeAttribute(null=True)
    google_ads = MapAttribute(null=True)  # type: ignore[var-annotated]
    meta = MapAttribute(null=True)  # type: ignore[var-annotated]
    lease_id = UnicodeAttribute(null=True)
    lease_until = NumberAttribute(null=True)  # epoch seconds
    created_at = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)


class LedgerEntryItem(Item, discriminator="ConversionAttempt"):
    """One attempt to report a conversion to one platform, in the lead's partition and in the tenant's
    conversions log (GSI1 all, GSI2 by status)."""

    entry_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    job_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    platform = UnicodeAttribute()
    status = UnicodeAttribute()
    at = UnicodeAttribute()
    dedupe_id = UnicodeAttribute()
    request_id = UnicodeAttribute(null=True)
    message = UnicodeAttribute(null=True)
    payload_hash = UnicodeAttribute(null=True)
    identifier = UnicodeAttribute(null=True)
    value_minor = NumberAttribute(null=True)
    currency = UnicodeAttribute(null=True)
    attempt = NumberAttribute(default=1)


class MetaLeadItem(Item, discriminator="MetaLead"):
    """A Meta Lead Ads lead already taken (PK `T#<t>#METALEADS`, SK its leadgen id), written in the same
    transaction as the lead it became, so a repeated notification creates nothing."""

    leadgen_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    page_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()


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
    kind = UnicodeAttribute()  # the notification kind it tells of
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


class ReminderCheckpointItem(Item, discriminator="ReminderCheckpoint"):
    """Platform level: the last minute of the due index every earlier run has read and settled."""

    through = UnicodeAttribute()  # YYYY-MM-DDTHH:MM
    updated_at = UnicodeAttribute()


class ReminderLeaseItem(Item, discriminator="ReminderLease"):
    """Platform level: which run holds the reminder lease, and until when (ISO)."""

    holder = UnicodeAttribute()
    held_until = UnicodeAttribute()
