"""Tasks: assignable work items, optionally linked to a lead, and the task queue's filters."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from convertly.platform.domain import DomainModel
from convertly.work.domain.due import DueTime, QueueBucket

TaskStatus = Literal["open", "in_progress", "done"]
TaskPriority = Literal["low", "normal", "high", "urgent"]
TaskSort = Literal["due_at", "-due_at", "priority", "-priority"]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
MAX_BULK = 100
MAX_PAGE = 100  # tasks a list page holds at most


class TaskCreate(DomainModel):
    """A task. Without `assignee_id` it is the caller's."""

    model_config = ConfigDict(extra="forbid")

    title: Title
    description: Description | None = None
    due_at: DueTime
    priority: TaskPriority = "normal"
    status: Literal["open", "in_progress"] = "open"
    assignee_id: Id | None = None
    lead_id: Id | None = None


class TaskUpdate(DomainModel):
    """Changes to a task; `lead_id: null` unlinks the lead. `version` is the version the editor saw."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    description: Description | None = None
    due_at: DueTime | None = None
    priority: TaskPriority | None = None
    status: TaskStatus | None = None
    assignee_id: Id | None = None
    lead_id: Id | None = None
    version: int = Field(ge=1)


class Task(DomainModel):
    task_id: str
    title: str
    description: str | None
    due_at: str
    priority: TaskPriority
    status: TaskStatus
    assignee_id: str
    lead_id: str | None
    lead_name: str | None = None
    created_at: str
    created_by: str
    updated_at: str
    completed_at: str | None
    completed_by: str | None
    version: int
    overdue: bool = False
    bucket: QueueBucket | None = None


class TaskPage(DomainModel):
    items: list[Task]
    next_cursor: str | None


class TaskFilters(DomainModel):
    """The task queue's filters. Without `status`, open and in-progress tasks; `overdue` lists those
    due before now; `due_from`/`due_to` take a date (YYYY-MM-DD) or a date-time."""

    assignee_id: str | None = None
    status: TaskStatus | None = None
    priority: TaskPriority | None = None
    lead_id: str | None = None
    due_from: str | None = None
    due_to: str | None = None
    overdue: bool = False
    sort: TaskSort = "due_at"
    tz: str | None = None


class BulkComplete(DomainModel):
    model_config = ConfigDict(extra="forbid")

    task_ids: list[Id] = Field(min_length=1, max_length=MAX_BULK)

    @field_validator("task_ids")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class BulkCompleteResult(DomainModel):
    completed: list[str]
    already_done: list[str]
    not_found: list[str]
    forbidden: list[str]
