"""The tenant's pipeline settings: how leads close (the lost reasons, zero-value wins)."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from convertly.platform.domain import DomainModel

MAX_LOST_REASONS = 30
LostReason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class PipelineSettings(DomainModel):
    lost_reasons: list[str] = Field(description="What a move to a lost stage chooses from, in this order")
    allow_zero_value_wins: bool = Field(
        description="Whether a lead may be won with a value of 0; otherwise a win needs a value"
    )
    updated_at: str | None = Field(description="When they were last saved; null while the defaults apply")


class PipelineSettingsUpdate(DomainModel):
    """The whole settings, as the settings screen saves them."""

    model_config = ConfigDict(extra="forbid")

    lost_reasons: list[LostReason] = Field(min_length=1, max_length=MAX_LOST_REASONS)
    allow_zero_value_wins: bool

    @field_validator("lost_reasons")
    @classmethod
    def _each_once(cls, reasons: list[str]) -> list[str]:
        seen: set[str] = set()
        for reason in reasons:
            if reason.casefold() in seen:
                raise ValueError(f"List each reason once: {reason!r} is there twice")
            seen.add(reason.casefold())
        return reasons
