"""A lead's timeline: form submissions, creation, stage changes, edits (each field's old and new
value), deletes and restores, notes, the emails sent about it, and the notifications sent, oldest first.
A notification sent
because of a change sits in that change's entry (`notified`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from convertly.platform.domain import DomainModel

TimelineKind = Literal[
    "form_submitted",
    "created",
    "stage_changed",
    "updated",
    "deleted",
    "restored",
    "note",
    "notification",
    "emailed",
    "texted",
]


class Notified(DomainModel):
    """Someone told of the change."""

    notification_id: str
    recipient_id: str
    notification_kind: str
    title: str


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
    answers: list[dict[str, Any]] | None = None  # a form submission: what the visitor answered
    changes: list[dict[str, Any]] | None = None  # an edit: [{"field", "old", "new"}]
    cause: dict[str, Any] | None = None  # an email sent about the lead: {"subject", "to", "template_id", ...}
    event_id: str | None = Field(default=None, description="The event of a change (what notifications name)")
    notified: list[Notified] = Field(default_factory=list, description="Who was told of this change")


class Timeline(DomainModel):
    lead_id: str
    items: list[TimelineEntry]
