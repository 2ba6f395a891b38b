"""Pipelines and their stages: all in the tenant partition, read with one Query."""

from __future__ import annotations

from dataclasses import dataclass

from convertly.data import keys
from convertly.data.models import Item, PipelineItem, StageItem
from convertly.errors import ValidationError

# The pipeline every new tenant starts with: (name, kind, win probability %).
DEFAULT_STAGES: tuple[tuple[str, str, int], ...] = (
    ("New", "open", 10),
    ("Contacted", "open", 25),
    ("Qualified", "open", 50),
    ("Closed Won", "won", 100),
    ("Closed Lost", "lost", 0),
)


@dataclass
class PipelineWithStages:
    pipeline: PipelineItem
    stages: list[StageItem]


def pipelines_of(tenant_id: str) -> list[PipelineWithStages]:
    """Every pipeline of the tenant with its stages in board order (one Query)."""
    pipelines: dict[str, PipelineWithStages] = {}
    stages: list[StageItem] = []
    for item in Item.query(keys.tenant(tenant_id), Item.SK.startswith("PIPELINE#")):
        if isinstance(item, PipelineItem):
            pipelines[item.pipeline_id] = PipelineWithStages(item, [])
        elif isinstance(item, StageItem):
            stages.append(item)
    for stage in sorted(stages, key=lambda s: s.position):
        if stage.pipeline_id in pipelines:
            pipelines[stage.pipeline_id].stages.append(stage)
    return sorted(pipelines.values(), key=lambda p: (not p.pipeline.is_default, p.pipeline.position))


def resolve_stage(tenant_id: str, pipeline_id: str | None, stage_id: str | None) -> tuple[str, str]:
    """The (pipeline, stage) a new lead goes to. Given both, the write's condition checks them;
    otherwise the default pipeline and its first stage fill the gaps."""
    if pipeline_id and stage_id:
        return pipeline_id, stage_id
    pipelines = pipelines_of(tenant_id)
    chosen = (
        next((p for p in pipelines if p.pipeline.pipeline_id == pipeline_id), None) if pipeline_id else None
    )
    if pipeline_id and chosen is None:
        raise ValidationError("Some fields are not valid", fields={"pipeline_id": "no such pipeline"})
    if stage_id:
        chosen = next((p for p in pipelines if any(s.stage_id == stage_id for s in p.stages)), None)
        if chosen is None:
            raise ValidationError("Some fields are not valid", fields={"stage_id": "no such stage"})
        return chosen.pipeline.pipeline_id, stage_id
    chosen = chosen or (pipelines[0] if pipelines else None)
    if chosen is None or not chosen.stages:
        raise ValidationError("This account has no pipeline stages yet", fields={"stage_id": "required"})
    return chosen.pipeline.pipeline_id, chosen.stages[0].stage_id


def default_pipeline_items(tenant_id: str, pipeline_id: str, stage_ids: list[str], at: str) -> list[Item]:
    """The items of a new tenant's default pipeline."""
    items: list[Item] = [
        PipelineItem(
            keys.tenant(tenant_id),
            keys.pipeline_sk(pipeline_id),
            pipeline_id=pipeline_id,
            name="Sales pipeline",
            position=0,
            is_default=True,
            created_at=at,
        )
    ]
    for position, ((name, kind, probability), stage_id) in enumerate(
        zip(DEFAULT_STAGES, stage_ids, strict=True)
    ):
        items.append(
            StageItem(
                keys.tenant(tenant_id),
                keys.stage_sk(pipeline_id, stage_id),
                pipeline_id=pipeline_id,
                stage_id=stage_id,
                name=name,
                position=position,
                kind=kind,
                probability=probability,
                lead_count=0,
                lead_value=0,
            )
        )
    return items
