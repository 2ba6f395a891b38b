"""What other capabilities may ask of pipelines: the tenant's pipelines and stages, which stage a new
lead goes to, a new tenant's default pipeline, and the stage counters a lead write moves in its own
transaction.

The one door into pipelines from elsewhere (import-linter checks it); it loads no API shapes.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from pynamodb.expressions.condition import Condition

from convertly.pipelines.counters import CounterChanges, Placement, StageConditions, owner_counters
from convertly.pipelines.items import OwnerStageCounterItem, StageItem
from convertly.pipelines.store import (
    DEFAULT_STAGES,
    PipelineWithStages,
    StageDirectory,
    default_pipeline_items,
    pipelines_of,
    resolve_stage,
)
from convertly.platform.store import keys as platform_keys

if TYPE_CHECKING:
    from convertly.pipelines.stage_change import change_stage

__all__ = [
    "DEFAULT_STAGES",
    "CounterChanges",
    "PipelineWithStages",
    "Placement",
    "StageConditions",
    "change_stage",
    "counted_leads",
    "default_pipeline_items",
    "open_stage_condition",
    "open_stage_ids",
    "owner_counters",
    "pipelines_of",
    "resolve_stage",
    "stage_kinds",
]


def open_stage_condition() -> Condition:
    """A stage counter's condition for a lead entering it: the stage exists and is not being deleted
    (a stage being deleted takes no new leads; its leads are moving out)."""
    return StageItem.PK.exists() & StageItem.move_to.does_not_exist()


_DIRECTORY = StageDirectory()


def open_stage_ids(tenant_id: str, pipeline_id: str, *, refresh: bool = False) -> list[str]:
    """The pipeline's open stages (not won, not lost), from a per-process directory of the tenant's
    stages kept a minute (`refresh` reads them again)."""
    stages = _DIRECTORY.stages(tenant_id, refresh=refresh).values()
    return [s.stage_id for s in stages if s.pipeline_id == pipeline_id and s.kind == "open"]


def open_leads_by_owner(tenant_id: str) -> dict[str, int]:
    """Each owner's live leads in open stages, from the owners' stage counters (one Query of the
    tenant partition's `OWNER#` items: owners x stages, whatever the number of leads)."""
    kinds = stage_kinds(tenant_id)
    totals: dict[str, int] = {}
    for item in OwnerStageCounterItem.query(
        platform_keys.tenant(tenant_id), OwnerStageCounterItem.SK.startswith("OWNER#")
    ):
        if item.owner_id and kinds.get(str(item.stage_id)) == "open":
            totals[item.owner_id] = totals.get(item.owner_id, 0) + int(item.lead_count)
    return totals


def counted_leads(tenant_id: str, *, stage_id: str | None = None, owner_id: str | None = None) -> int:
    """How many live leads the tenant has (in one stage, of one owner, or both), from the counters
    each lead write keeps in its own transaction: one Query of the stages, or of the owner's stage
    counters, whatever the number of leads."""
    if owner_id:
        prefix = f"OWNER#{owner_id}#"
        counters = OwnerStageCounterItem.query(
            platform_keys.tenant(tenant_id), OwnerStageCounterItem.SK.startswith(prefix)
        )
        return sum(int(c.lead_count) for c in counters if stage_id in (None, c.stage_id))
    return sum(
        int(stage.lead_count)
        for pipeline in pipelines_of(tenant_id)
        for stage in pipeline.stages
        if stage_id in (None, stage.stage_id)
    )


def stage_kinds(tenant_id: str, *, refresh: bool = False) -> dict[str, str]:
    """Every stage of the tenant and its kind (open, won or lost), from the same per-process directory."""
    return {stage_id: s.kind for stage_id, s in _DIRECTORY.stages(tenant_id, refresh=refresh).items()}


def __getattr__(name: str) -> Any:
    """A lead's move (the board's), for bulk moves: it loads the stage change's API shapes, on first use."""
    if name == "change_stage":
        return import_module("convertly.pipelines.stage_change").change_stage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
