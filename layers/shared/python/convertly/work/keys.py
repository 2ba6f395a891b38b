"""Keys of the work capability's items; every partition key starts with the tenant."""

from __future__ import annotations

# Follow-ups and tasks: follow-ups in their lead's partition, tasks in their own, the tenant-first
# queues (GSI1..GSI5), reminder records, the mail outbox, notification preferences, email settings.
FOLLOWUP_PREFIX = "FOLLOWUP#"


TASK_SK = "TASK"


REMINDER_PREFIX = "REMINDER#"


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


REMINDERS_PLATFORM = "PLATFORM#REMINDERS"


REMINDER_CHECKPOINT_SK = "CHECKPOINT"


REMINDER_LEASE_SK = "LEASE"
