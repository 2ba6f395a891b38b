"""Follow-ups: time-based reminders to reach a lead, and the queue they are worked from."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from convertly.platform.domain import DomainModel
from convertly.work.domain.due import DueTime, QueueBucket

FollowUpType = Literal["call", "email", "sms", "meeting"]
FollowUpStatus = Literal["open", "done"]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
UserId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
MAX_PAGE = 100  # follow-ups a list page holds at most
MAX_SNOOZE_MINUTES = 7 * 24 * 60


class FollowUpCreate(DomainModel):
    """A follow-up on a lead. Without `assignee_id` it is the caller's."""

    model_config = ConfigDict(extra="forbid")

    type: FollowUpType
    due_at: DueTime
    note: Note | None = None
    assignee_id: UserId | None = None


class FollowUpUpdate(DomainModel):
    """Changes to a follow-up; a new `due_at` reschedules it (and ends a snooze). `version` is the
    version the editor saw; a newer one on the server is a 409."""

    model_config = ConfigDict(extra="forbid")

    type: FollowUpType | None = None
    due_at: DueTime | None = None
    note: Note | None = None
    assignee_id: UserId | None = None
    version: int = Field(ge=1)


class Snooze(DomainModel):
    """Remind again later: `until` a time, or in `minutes`. The due time stays as it was."""

    model_config = ConfigDict(extra="forbid")

    until: DueTime | None = None
    minutes: int | None = Field(default=None, ge=1, le=MAX_SNOOZE_MINUTES)

    @model_validator(mode="after")
    def _one_of(self) -> Snooze:
        if (self.until is None) == (self.minutes is None):
            raise ValueError("give either until or minutes")
        return self


class FollowUp(DomainModel):
    followup_id: str
    lead_id: str
    type: FollowUpType
    due_at: str
    snoozed_until: str | None
    attention_at: str = Field(description="when it needs attention: the snooze's end, else the due time")
    note: str | None
    assignee_id: str
    status: FollowUpStatus
    created_at: str = Field(description="the date it was added")
    created_by: str
    updated_at: str
    completed_at: str | None
    completed_by: str | None
    version: int
    lead_name: str | None = None
    lead_deleted: bool = False
    bucket: QueueBucket | None = Field(default=None, description="overdue, today, upcoming (open) or done")


class FollowUpPage(DomainModel):
    items: list[FollowUp]
    next_cursor: str | None


class FollowUpQueueFilters(DomainModel):
    """`scope=mine` lists the caller's follow-ups; `team` everyone's (or `assignee_id`'s)."""

    scope: Literal["mine", "team"] = "mine"
    assignee_id: str | None = None
    status: FollowUpStatus = "open"
    tz: str | None = None
