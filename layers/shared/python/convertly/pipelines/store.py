"""Pipelines and their stages: all in the tenant partition, read with one Query."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from convertly.pipelines import keys
from convertly.pipelines.items import PipelineItem, StageItem
from convertly.platform.errors import NotFoundError, ValidationError
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import Item

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
    for item in Item.query(platform_keys.tenant(tenant_id), Item.SK.startswith("PIPELINE#")):
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
            platform_keys.tenant(tenant_id),
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
                platform_keys.tenant(tenant_id),
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


# Pipeline capability: one pipeline, and the stages by id that stage moves consult.
def pipeline_of(tenant_id: str, pipeline_id: str, *, consistent: bool = False) -> PipelineWithStages | None:
    """One pipeline with its stages in board order (one Query of its items)."""
    pipeline: PipelineItem | None = None
    stages: list[StageItem] = []
    for item in Item.query(
        platform_keys.tenant(tenant_id),
        Item.SK.startswith(keys.pipeline_sk(pipeline_id)),
        consistent_read=consistent,
    ):
        if isinstance(item, PipelineItem):
            pipeline = item
        elif isinstance(item, StageItem):
            stages.append(item)
    if pipeline is None:
        return None
    return PipelineWithStages(pipeline, sorted(stages, key=lambda s: (s.position, s.stage_id)))


def load_pipeline(tenant_id: str, pipeline_id: str, *, consistent: bool = True) -> PipelineWithStages:
    """The pipeline with its stages; a 404 if there is none."""
    found = pipeline_of(tenant_id, pipeline_id, consistent=consistent)
    if found is None:
        raise NotFoundError("No such pipeline", code="pipeline_not_found")
    return found


def get_stage(
    tenant_id: str, pipeline_id: str, stage_id: str, *, consistent: bool = False
) -> StageItem | None:
    try:
        return StageItem.get(
            platform_keys.tenant(tenant_id), keys.stage_sk(pipeline_id, stage_id), consistent_read=consistent
        )
    except StageItem.DoesNotExist:
        return None


@dataclass(frozen=True)
class StageRef:
    """What a lead move needs to know about a stage."""

    pipeline_id: str
    stage_id: str
    name: str
    kind: str
    deleting: bool = False

    @classmethod
    def of(cls, stage: StageItem) -> StageRef:
        return cls(stage.pipeline_id, stage.stage_id, stage.name, stage.kind, bool(stage.move_to))


class StageDirectory:
    """Each tenant's stages by id, kept per process for a short while.

    A stage move relies on the kinds of the stages it leaves and enters (they decide the event's
    `from_kind`, `to_kind` and `reopened`); its transaction checks both kinds on the stage items, so an
    entry gone stale fails the write and the caller reloads, rather than committing a wrong event.
    """

    def __init__(
        self,
        ttl_seconds: float = 60.0,
        max_tenants: int = 512,
        clock: Callable[[], float] = time.monotonic,
        loader: Callable[[str], list[PipelineWithStages]] = pipelines_of,
    ) -> None:
        self._ttl = ttl_seconds
        self._max = max_tenants
        self._clock = clock
        self._loader = loader
        self._entries: OrderedDict[str, tuple[float, dict[str, StageRef]]] = OrderedDict()

    def stages(self, tenant_id: str, *, refresh: bool = False) -> dict[str, StageRef]:
        entry = self._entries.get(tenant_id)
        if entry is not None and not refresh and self._clock() - entry[0] < self._ttl:
            self._entries.move_to_end(tenant_id)
            return entry[1]
        stages = {
            stage.stage_id: StageRef.of(stage)
            for pipeline in self._loader(tenant_id)
            for stage in pipeline.stages
        }
        self._entries[tenant_id] = (self._clock(), stages)
        self._entries.move_to_end(tenant_id)
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)
        return stages
