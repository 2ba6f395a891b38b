"""Key builders for the single table. Every partition key, on the table and every GSI, starts with
`T#<tenant_id>`, so a request can only ever address its own tenant's items."""

from __future__ import annotations


def tenant(tenant_id: str) -> str:
    return f"T#{tenant_id}"


def lead(tenant_id: str, lead_id: str) -> str:
    return f"T#{tenant_id}#LEAD#{lead_id}"


def leads_index(tenant_id: str, *, deleted: bool = False) -> str:
    return f"T#{tenant_id}#LEADS#DELETED" if deleted else f"T#{tenant_id}#LEADS"


def stage_index(tenant_id: str, stage_id: str) -> str:
    return f"T#{tenant_id}#STAGE#{stage_id}"


def owner_index(tenant_id: str, owner_id: str) -> str:
    return f"T#{tenant_id}#OWNER#{owner_id}"


def source_index(tenant_id: str, source: str) -> str:
    return f"T#{tenant_id}#SOURCE#{source}"


def search(tenant_id: str) -> str:
    return f"T#{tenant_id}#SEARCH"


def outbox(tenant_id: str) -> str:
    return f"T#{tenant_id}#OUTBOX"


def audit(tenant_id: str) -> str:
    return f"T#{tenant_id}#AUDIT"


def created_sort(created_at: str, lead_id: str) -> str:
    return f"{created_at}#{lead_id}"


def stage_sort(stage_entered_at: str, lead_id: str) -> str:
    """A board column's order: when the lead entered its stage, read newest first."""
    return f"{stage_entered_at}#{lead_id}"


LEAD_SK = "LEAD"
TENANT_SK = "TENANT"


def user_sk(user_id: str) -> str:
    return f"USER#{user_id}"


def pipeline_sk(pipeline_id: str) -> str:
    return f"PIPELINE#{pipeline_id}"


def stage_sk(pipeline_id: str, stage_id: str) -> str:
    return f"PIPELINE#{pipeline_id}#STAGE#{stage_id}"


def note_sk(created_at: str, note_id: str) -> str:
    return f"NOTE#{created_at}#{note_id}"


def history_sk(at: str, history_id: str) -> str:
    return f"HIST#{at}#{history_id}"


# Pipeline: the board's owner view, aggregate counters and in-app notifications.
def owner_stage_index(tenant_id: str, owner_id: str, stage_id: str) -> str:
    """GSI5: one owner's live leads in one stage (a Sales rep's board column)."""
    return f"T#{tenant_id}#OWNER#{owner_id}#STAGE#{stage_id}"


def owner_counters_prefix(owner_id: str, pipeline_id: str) -> str:
    return f"OWNER#{owner_id}#PIPELINE#{pipeline_id}#"


def owner_stage_counter_sk(owner_id: str, pipeline_id: str, stage_id: str) -> str:
    return f"{owner_counters_prefix(owner_id, pipeline_id)}STAGE#{stage_id}"


def transition_sk(pipeline_id: str, from_stage_id: str, to_stage_id: str) -> str:
    return f"TRANSITION#{pipeline_id}#{from_stage_id}#{to_stage_id}"


def notifications(tenant_id: str, user_id: str) -> str:
    return f"T#{tenant_id}#NOTIFY#{user_id}"


NOTIFICATION_PREFIX = "N#"
NOTIFICATION_COUNTER_SK = "COUNTER"


def notification_sk(notification_id: str) -> str:
    return f"{NOTIFICATION_PREFIX}{notification_id}"


def notified_sk(notification_id: str, user_id: str) -> str:
    """A lead's record of a notification sent about it (lead partition, for the timeline)."""
    return f"NOTIFIED#{notification_id}#{user_id}"


# Lead capture: forms (tenant partition), their public routes (platform level), submissions, touches,
# idempotency records and rate counters.
FORM_PREFIX = "FORM#"
FORM_ROUTE_SK = "ROUTE"
SUBMISSION_PREFIX = "SUB#"
TOUCH_PREFIX = "TOUCH#"
IDEMPOTENCY_SK = "IDEMPOTENCY"
RATE_SK = "RATE"


def form_sk(form_id: str) -> str:
    return f"{FORM_PREFIX}{form_id}"


def form_route(form_id: str) -> str:
    """Platform level (no tenant): the public id's route to its tenant."""
    return f"FORM#{form_id}"


def submissions(tenant_id: str, form_id: str) -> str:
    return f"T#{tenant_id}#FORM#{form_id}"


def submission_sk(at: str, submission_id: str) -> str:
    return f"{SUBMISSION_PREFIX}{at}#{submission_id}"


def touch_sk(at: str, submission_id: str) -> str:
    return f"{TOUCH_PREFIX}{at}#{submission_id}"


def idempotency(tenant_id: str, key_hash: str) -> str:
    return f"T#{tenant_id}#IDEM#{key_hash}"


def rate_counter(tenant_id: str, scope: str, window_start: int) -> str:
    return f"T#{tenant_id}#RATE#{scope}#{window_start}"


def rotation_sk(form_id: str) -> str:
    return f"ROTATION#{form_id}"


# Billing: the tenant's plan and subscription, monthly usage, processed Stripe events.
BILLING_SK = "BILLING"


def usage(tenant_id: str) -> str:
    """A tenant's usage counters, one item per calendar month."""
    return f"T#{tenant_id}#USAGE"


def lead_usage_sk(month: str) -> str:
    """`month` is `YYYY-MM` (UTC)."""
    return f"LEADS#{month}"


def stripe_events(tenant_id: str) -> str:
    return f"T#{tenant_id}#STRIPE"


def stripe_event_sk(event_id: str) -> str:
    return f"EVENT#{event_id}"


# Conversions: the ad platform settings (tenant partition), the Meta page routes (platform level), each
# conversion and its ledger entries (lead partition), the tenant's conversions log (GSI1, and GSI2 by
# status) and the Meta Lead Ads leads already taken.
ADS_SETTINGS_SK = "ADS"
CONVERSION_PREFIX = "CONV#"
LEDGER_PREFIX = "CONVLOG#"
META_PAGE_ROUTE_SK = "ROUTE"


def conversion_sk(job_id: str) -> str:
    return f"{CONVERSION_PREFIX}{job_id}"


def ledger_sk(at: str, entry_id: str) -> str:
    return f"{LEDGER_PREFIX}{at}#{entry_id}"


def conversions_log(tenant_id: str) -> str:
    """GSI1: every ledger entry of the tenant, newest first."""
    return f"T#{tenant_id}#CONVERSIONS"


def conversions_by_status(tenant_id: str, status: str) -> str:
    """GSI2: the tenant's ledger entries of one status."""
    return f"T#{tenant_id}#CONVERSIONS#{status}"


def meta_page_route(page_id: str) -> str:
    """Platform level (no tenant): which tenant a Facebook page's Lead Ads leads belong to."""
    return f"METAPAGE#{page_id}"


def meta_leads(tenant_id: str) -> str:
    return f"T#{tenant_id}#METALEADS"


# Follow-ups and tasks: follow-ups in their lead's partition, tasks in their own, the tenant-first
# queues (GSI1..GSI5), reminder records, the mail outbox, notification preferences, email settings.
FOLLOWUP_PREFIX = "FOLLOWUP#"
TASK_SK = "TASK"
EMAIL_SETTINGS_SK = "SETTINGS#EMAIL"
PREFERENCES_SK = "PREFERENCES"
REMINDER_PREFIX = "REMINDER#"
MAIL_PREFIX = "MAIL#"


def followup_sk(followup_id: str) -> str:
    return f"{FOLLOWUP_PREFIX}{followup_id}"


def task(tenant_id: str, task_id: str) -> str:
    return f"T#{tenant_id}#TASK#{task_id}"


def followup_queue(tenant_id: str, done: bool = False, assignee_id: str | None = None) -> str:
    """GSI1 (the team) or GSI2 (one assignee): open follow-ups by when they need attention, or done
    ones by completion time."""
    base = f"T#{tenant_id}#FOLLOWUPS#{'DONE' if done else 'OPEN'}"
    return f"{base}#A#{assignee_id}" if assignee_id else base


def task_queue(tenant_id: str, done: bool = False, assignee_id: str | None = None) -> str:
    """GSI1/GSI3 (the team) or GSI2/GSI4 (one assignee): active (open, in progress) or done tasks."""
    base = f"T#{tenant_id}#TASKS#{'DONE' if done else 'ACTIVE'}"
    return f"{base}#A#{assignee_id}" if assignee_id else base


def lead_tasks(tenant_id: str, lead_id: str) -> str:
    """GSI5: the tasks linked to one lead."""
    return f"T#{tenant_id}#TASKS#LEAD#{lead_id}"


def reminders(tenant_id: str) -> str:
    """The records of reminders sent: one per item, kind and reminder time."""
    return f"T#{tenant_id}#REMINDERS"


def reminder_sk(item_id: str, kind: str, remind_at: str) -> str:
    return f"{REMINDER_PREFIX}{item_id}#{kind}#{remind_at}"


def mail_outbox(tenant_id: str) -> str:
    return f"T#{tenant_id}#MAIL"


def mail_sk(mail_id: str) -> str:
    return f"{MAIL_PREFIX}{mail_id}"


# The due index (GSI6) is platform level: its partitions are hours of time, not tenants, so one
# reminder run finds what fell due in every tenant with one Query per hour and shard. It holds
# only items with a pending reminder or mail; everything else the run reads is tenant-scoped.
DUE_SHARDS = 4  # changing it strands entries written under the old count: drain the index first
REMINDERS_PLATFORM = "PLATFORM#REMINDERS"
REMINDER_CHECKPOINT_SK = "CHECKPOINT"
REMINDER_LEASE_SK = "LEASE"


def due_bucket(hour: str, shard: int) -> str:
    """`hour` is `YYYY-MM-DDTHH` (UTC)."""
    return f"DUE#{hour}#{shard}"


def due_sort(remind_at: str, item_id: str) -> str:
    return f"{remind_at}#{item_id}"
