"""In-app notifications: what the bell lists and counts."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from convertly.platform.domain import DomainModel

MAX_PAGE = 50  # notifications a page of the bell holds at most

NotificationKind = Literal[
    "lead_assigned",
    "lead_moved",
    "lead_won",
    "followup_due",
    "followup_overdue",
    "task_due",
    "task_overdue",
    "import_finished",
    "workflow",
    "manual_action",
]


class Notification(DomainModel):
    notification_id: str
    kind: NotificationKind
    title: str
    body: str
    lead_id: str | None
    lead_name: str | None = Field(
        default=None, description="The lead's name when the notification was written"
    )
    actor_id: str | None
    created_at: str
    read: bool
    read_at: str | None
    # What a reminder is about, so the bell can open it (null for lead events).
    followup_id: str | None = None
    task_id: str | None = None
    import_id: str | None = None  # an import's summary opens the import


class NotificationPage(DomainModel):
    items: list[Notification]
    next_cursor: str | None
    unread_count: int


class UnreadCount(DomainModel):
    unread_count: int
