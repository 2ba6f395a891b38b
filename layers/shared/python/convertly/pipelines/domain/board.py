"""The Kanban board: one column per stage with its counters and a first page of cards."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from convertly.platform.domain import DomainModel

PAGE = 20  # cards a column shows at first, and a page of one column's cards by default
MAX_PAGE = 50  # the most cards a page of one column holds


class BoardCard(DomainModel):
    """What a card shows, and the `version` a drag sends back."""

    lead_id: str
    name: str
    company: str | None
    value: float
    currency: str
    owner_id: str | None
    source: str
    pipeline_id: str
    stage_id: str
    stage_entered_at: str
    seconds_in_stage: int = Field(description="Age in the stage when the board was read")
    created_at: str
    version: int


class CardPage(DomainModel):
    items: list[BoardCard]
    next_cursor: str | None


class BoardColumn(DomainModel):
    stage_id: str
    name: str
    position: int
    kind: str
    probability: int
    status: Literal["active", "deleting"]
    lead_count: int = Field(description="From the counters: the whole stage, or the owner's leads in it")
    lead_value: float
    items: list[BoardCard]
    next_cursor: str | None = Field(description="The column's next page: GET .../stages/{stage_id}/leads")


class Board(DomainModel):
    pipeline_id: str
    name: str
    owner_id: str | None = Field(description="Whose leads the board shows; null for everyone's")
    q: str | None = Field(description="The search the columns are narrowed to, if any")
    columns: list[BoardColumn]
