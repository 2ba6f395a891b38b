"""The events the automation consumer takes: those that start workflows, and its own."""

from __future__ import annotations

ENROLMENT_STARTED = "EnrolmentStarted"  # run a new enrolment (made outside the consumer)
WAKE_DUE = "EnrolmentWakeDue"  # the tick: a waiting enrolment's time came

DETAIL_TYPES = (
    "LeadCreated",
    "LeadUpdated",
    "LeadStageChanged",
    "LeadDeleted",
    "ContactUpdated",
    "ContactDeleted",
    "FollowUpOverdue",
    "TaskOverdue",
    ENROLMENT_STARTED,
    WAKE_DUE,
)
