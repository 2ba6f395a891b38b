"""A lead's timeline: form submissions, creation, stage changes, notes and notifications sent,
oldest first."""

from __future__ import annotations

from typing import Any, Literal

from convertly.platform.domain import DomainModel

TimelineKind = Literal["form_submitted", "created", "stage_changed", "note", "notification"]


class TimelineEntry(DomainModel):
    """One thing that happened to the lead; the fields that do not apply to its kind are null."""

    at: str
    kind: TimelineKind
    actor_id: str | None = None
    actor_name: str | None = None
    from_stage_id: str | None = None
    from_stage_name: str | None = None
    to_stage_id: str | None = None
    to_stage_name: str | None = None
    seconds_in_previous: int | None = None
    lost_reason: str | None = None  # a move to a lost stage: the reason chosen, and the mover's note
    lost_note: str | None = None
    note_id: str | None = None
    body: str | None = None
    notification_id: str | None = None
    recipient_id: str | None = None
    notification_kind: str | None = None
    title: str | None = None
    form_id: str | None = None
    submission_id: str | None = None
    attribution: dict[str, Any] | None = None  # what the submission's visit carried (clicks, UTMs, pages)


class Timeline(DomainModel):
    lead_id: str
    items: list[TimelineEntry]
