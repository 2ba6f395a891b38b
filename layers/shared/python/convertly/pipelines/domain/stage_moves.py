"""What moving leads between stages answers: plain dataclasses, built by the server, never validated.

Apart from the Pydantic shapes of convertly.leads.domain.leads and convertly.pipelines.domain.pipelines (which
re-export them), so the stage deletion consumer, which moves leads but validates no request, loads
no Pydantic (bench/imports.py). The API functions return them as they are: Powertools serialises
them, and the OpenAPI document describes them, from the handlers' return types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class StageMove:
    """A committed move (or, with `from_stage_id` equal to `stage_id`, a lead that did not move into its
    stage); `value` is the lead's value after it (a win may set it), `lost_reason` why it was lost,
    while it is in a lost stage."""

    lead_id: str
    pipeline_id: str
    from_stage_id: str
    stage_id: str
    stage_entered_at: str
    seconds_in_previous: int
    updated_at: str
    version: int
    value: float
    lost_reason: str | None


@dataclass(frozen=True)
class StageDeletion:
    """The outcome of deleting a stage: gone, or still moving its leads (the rest continues in the
    background and the stage disappears when it is empty)."""

    stage_id: str
    status: Literal["deleted", "deleting"]
    move_to: str | None
    moved: int
    remaining: int
