"""The events the automation consumer takes: those that start workflows, and its own."""

from __future__ import annotations

ENROLMENT_STARTED = "EnrolmentStarted"  # run a new enrolment (made outside the consumer)
WAKE_DUE = "EnrolmentWakeDue"  # the tick: a waiting enrolment's time came
TIMER_DUE = "TriggerTimerDue"  # the tick: a time-based trigger's timer came due
TIMER_BACKFILL = "TriggerTimerBackfill"  # a timed workflow published: its records' timers, a page at a time

DETAIL_TYPES = (
    "LeadCreated",
    "LeadUpdated",
    "LeadStageChanged",
    "LeadDeleted",
    "ContactCreated",
    "ContactUpdated",
    "ContactDeleted",
    "NoteAdded",
    "FollowUpCompleted",
    "TaskCompleted",
    "FollowUpOverdue",
    "TaskOverdue",
    "ConversionRecorded",
    ENROLMENT_STARTED,
    WAKE_DUE,
    TIMER_DUE,
    TIMER_BACKFILL,
)

# Outbound webhooks: a delivery queued (by a workflow's webhook step, or a replay) for the sender.
WEBHOOK_QUEUED = "WebhookQueued"
WEBHOOK_DETAIL_TYPES = (WEBHOOK_QUEUED,)
