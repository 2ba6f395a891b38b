"""The events the analytics consumer takes, apart from the code that handles them: the resource
registry reads these names before any setting is loaded."""

from __future__ import annotations

# The events that change what a lead counts for.
LEAD_EVENTS = (
    "LeadCreated",
    "LeadUpdated",
    "LeadDeleted",
    "LeadRestored",
    "LeadStageChanged",
    "LeadTouched",
    "NoteAdded",
    "FollowUpCreated",
    "FollowUpUpdated",
    "FollowUpCompleted",
    "FollowUpDeleted",
    "ConversionRecorded",
    "ContactMerged",
)
TASK_EVENTS = ("TaskCreated", "TaskUpdated", "TaskCompleted", "TaskDeleted")
# Every day moves with the time zone: the tenant's records are refreshed, a step per message.
TENANT_EVENTS = ("TenantTimezoneChanged", "AnalyticsRebuildStep")
