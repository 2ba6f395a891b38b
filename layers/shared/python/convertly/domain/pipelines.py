"""Pipeline and stage shapes."""

from __future__ import annotations

from pydantic import BaseModel


class Stage(BaseModel):
    stage_id: str
    name: str
    position: int
    kind: str
    probability: int
    lead_count: int
    lead_value: float


class Pipeline(BaseModel):
    pipeline_id: str
    name: str
    is_default: bool
    stages: list[Stage]
