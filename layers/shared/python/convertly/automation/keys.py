"""Keys of the automation capability's items; every partition key starts with the tenant.

Waiting enrolments also sit in the platform-level wake index (`convertly.platform.store.keys.wake_bucket`,
GSI6), which the automation tick reads by the hour.
"""

from __future__ import annotations

WORKFLOW_SK = "WORKFLOW"
ENROLMENT_SK = "ENROLMENT"
MANUAL_ACTION_SK = "MANUAL_ACTION"


def workflows(tenant_id: str) -> str:
    """The tenant's workflows, one partition: the Automation page reads it whole (a few dozen)."""
    return f"T#{tenant_id}#WORKFLOWS"


def workflow_sk(workflow_id: str) -> str:
    return f"WORKFLOW#{workflow_id}"


def workflow(tenant_id: str, workflow_id: str) -> str:
    """One workflow's published versions, its per-step counts and its entries (who was enrolled)."""
    return f"T#{tenant_id}#WORKFLOW#{workflow_id}"


def version_sk(version: int) -> str:
    return f"VERSION#{version:05d}"


def stats_sk(version: int, step_id: str = "") -> str:
    """A step's counts in one version; without a step, the prefix of the version's counts."""
    return f"STATS#{version:05d}#{step_id}"


def entry_sk(subject_id: str) -> str:
    return f"ENTRY#{subject_id}"


def timer_sk(subject_id: str) -> str:
    """A time-based trigger's timer for one lead (contact) in the workflow's partition."""
    return f"TIMER#{subject_id}"


def triggers(tenant_id: str, trigger_type: str) -> str:
    """GSI1: the published workflows a trigger starts (the consumer's one Query per event kind)."""
    return f"T#{tenant_id}#WORKFLOWS#TRIGGER#{trigger_type}"


def enrolment(tenant_id: str, enrolment_id: str) -> str:
    """One enrolment: its item and a record per step it ran."""
    return f"T#{tenant_id}#ENROLMENT#{enrolment_id}"


def step_sk(step_id: str) -> str:
    return f"STEP#{step_id}"


def workflow_enrolments(tenant_id: str, workflow_id: str) -> str:
    """GSI1: a workflow's enrolments, by start time."""
    return f"T#{tenant_id}#WORKFLOW#{workflow_id}#ENROLMENTS"


def contact_enrolments(tenant_id: str, contact_id: str) -> str:
    """GSI2: a contact's enrolments, by start time (the contact page's active and past workflows)."""
    return f"T#{tenant_id}#CONTACT#{contact_id}#ENROLMENTS"


def lead_enrolments(tenant_id: str, lead_id: str) -> str:
    """GSI3: a lead's enrolments, by start time (its page, and ending them when it is deleted)."""
    return f"T#{tenant_id}#LEAD#{lead_id}#ENROLMENTS"


def watching(tenant_id: str, subject_id: str) -> str:
    """GSI4 (sparse): the enrolments waiting for a condition on this lead (or contact)."""
    return f"T#{tenant_id}#WATCHING#{subject_id}"


def manual_action(tenant_id: str, action_id: str) -> str:
    return f"T#{tenant_id}#MANUAL_ACTION#{action_id}"


def manual_queue(tenant_id: str, assignee_id: str | None = None, done: bool = False) -> str:
    """GSI1 (the team) or GSI2 (one assignee): open (or done) manual actions by date added."""
    base = f"T#{tenant_id}#MANUAL_ACTIONS#{'DONE' if done else 'OPEN'}"
    return f"{base}#A#{assignee_id}" if assignee_id else base


def rotation(tenant_id: str) -> str:
    """The round-robin counters of workflows' assign steps, one item per step."""
    return f"T#{tenant_id}#AUTOMATION#ROTATION"


def rotation_sk(workflow_id: str, step_id: str) -> str:
    return f"ROTATION#{workflow_id}#{step_id}"


AUTOMATION_PLATFORM = "PLATFORM#AUTOMATION"
TICK_CHECKPOINT_SK = "CHECKPOINT"


# Webhooks ----------------------------------------------------------------------------------------

WEBHOOK_SECRET_SK = "SECRET"  # noqa: S105 (a sort key, no secret)
HOOK_SK = "HOOK"
DELIVERY_SK = "DELIVERY"


def webhooks(tenant_id: str) -> str:
    """The tenant's outbound webhook signing secret (one item)."""
    return f"T#{tenant_id}#AUTOMATION#WEBHOOKS"


def delivery(tenant_id: str, delivery_id: str) -> str:
    """One outbound webhook delivery: its item, an item per attempt, and its replay requests."""
    return f"T#{tenant_id}#WEBHOOK_DELIVERY#{delivery_id}"


def attempt_sk(number: int = 0) -> str:
    """An attempt's record; without a number, the prefix of every attempt's."""
    return f"ATTEMPT#{number:04d}" if number else "ATTEMPT#"


def replay_sk(request_hash: str) -> str:
    return f"REPLAY#{request_hash}"


def workflow_deliveries(tenant_id: str, workflow_id: str) -> str:
    """GSI1: a workflow's webhook deliveries, by the time they were queued."""
    return f"T#{tenant_id}#WORKFLOW#{workflow_id}#WEBHOOK_DELIVERIES"
