"""Pipeline and stage shapes: what the API returns, and the settings screen's requests."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from convertly.platform.domain import DomainModel
from convertly.platform.money import MAX_AMOUNT, MAX_MINOR_UNITS

MAX_STAGES = 40  # a pipeline and all its stages fit in one TransactWriteItems (100 items)
MAX_PIPELINES = 25

StageKind = Literal["open", "won", "lost"]
PipelineName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
StageName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
Probability = Annotated[int, Field(ge=0, le=100, description="Win probability, in percent")]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
# Like a lead's value: 0 or more, with at most the decimals of the account's currency (checked with
# the account, convertly.pipelines.use_cases).
DealValue = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, decimal_places=MAX_MINOR_UNITS)]

_DEFAULT_PROBABILITY = {"open": 10, "won": 100, "lost": 0}


class Stage(DomainModel):
    stage_id: str
    name: str
    position: int
    kind: str
    probability: int
    lead_count: int
    lead_value: float
    show_in_pie: bool
    show_in_funnel: bool
    status: Literal["active", "deleting"]
    move_to: str | None = Field(description="While deleting: the stage its leads are moving to")


class Pipeline(DomainModel):
    pipeline_id: str
    name: str
    is_default: bool
    position: int
    show_in_pie: bool
    show_in_funnel: bool
    default_value: float | None = Field(
        default=None, description="What a win of a lead worth 0 is offered as its value; null for none"
    )
    stages: list[Stage]


class PipelineList(DomainModel):
    items: list[Pipeline]


class StageDraft(DomainModel):
    """A stage as the settings screen sends it. Without a probability, the kind's usual one."""

    model_config = ConfigDict(extra="forbid")

    name: StageName
    kind: StageKind = "open"
    probability: Probability | None = None
    show_in_pie: bool = True
    show_in_funnel: bool = True

    @model_validator(mode="after")
    def _probability(self) -> StageDraft:
        if self.probability is None:
            self.probability = _DEFAULT_PROBABILITY[self.kind]
        return self


class StageCreate(StageDraft):
    """A new stage; `position` inserts it there (0 is first), otherwise it goes last."""

    position: Annotated[int, Field(ge=0)] | None = None


class StageUpdate(DomainModel):
    """Rename, change kind or probability, or toggle the dashboard charts; only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    name: StageName | None = None
    kind: StageKind | None = None
    probability: Probability | None = None
    show_in_pie: bool | None = None
    show_in_funnel: bool | None = None


class PipelineCreate(DomainModel):
    """A new pipeline; without stages it gets the default ones (New ... Closed Lost)."""

    model_config = ConfigDict(extra="forbid")

    name: PipelineName
    stages: list[StageDraft] | None = Field(default=None, min_length=1, max_length=MAX_STAGES)
    show_in_pie: bool = True
    show_in_funnel: bool = True
    default_value: DealValue | None = None


class PipelineUpdate(DomainModel):
    """Rename, make it the default pipeline, toggle the dashboard charts, or set its default deal value
    (`null` removes it)."""

    model_config = ConfigDict(extra="forbid")

    name: PipelineName | None = None
    is_default: Literal[True] | None = Field(
        default=None, description="true makes this the default pipeline (the previous default stops being it)"
    )
    show_in_pie: bool | None = None
    show_in_funnel: bool | None = None
    default_value: DealValue | None = None


class StageOrder(DomainModel):
    """Every stage of the pipeline, each once, in the new board order."""

    model_config = ConfigDict(extra="forbid")

    stage_ids: list[Id] = Field(min_length=1, max_length=MAX_STAGES)
