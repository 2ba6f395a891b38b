"""Pipelines, their stages and the pipeline settings: all in the tenant partition, read with one Query."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from convertly.pipelines import keys
from convertly.pipelines.items import PipelineItem, PipelineSettingsItem, StageItem
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

# The reasons a lead may be lost for, until the tenant edits the list.
DEFAULT_LOST_REASONS: tuple[str, ...] = ("Price", "Chose a competitor", "No response", "Not a fit", "Timing")


@dataclass
class PipelineWithStages:
    pipeline: PipelineItem
    stages: list[StageItem]


@dataclass(frozen=True)
class SettingsRef:
    """What a lead move needs of the tenant's pipeline settings; `saved` is False while the defaults
    apply (no settings item yet)."""

    lost_reasons: tuple[str, ...] = DEFAULT_LOST_REASONS
    allow_zero_value_wins: bool = False
    saved: bool = False

    @classmethod
    def of(cls, item: PipelineSettingsItem | None) -> SettingsRef:
        if item is None:
            return cls()
        reasons = tuple(str(reason) for reason in item.lost_reasons or ())
        return cls(reasons or DEFAULT_LOST_REASONS, bool(item.allow_zero_value_wins), saved=True)


@dataclass
class TenantPipelines:
    """Every pipeline of a tenant with its stages in board order, and its pipeline settings."""

    pipelines: list[PipelineWithStages]
    settings: SettingsRef


def tenant_pipelines(tenant_id: str, *, consistent: bool = False) -> TenantPipelines:
    """The tenant's pipelines, stages and pipeline settings (one Query: they share a key prefix)."""
    pipelines: dict[str, PipelineWithStages] = {}
    stages: list[StageItem] = []
    settings: PipelineSettingsItem | None = None
    for item in Item.query(
        platform_keys.tenant(tenant_id),
        Item.SK.startswith(keys.PIPELINES_PREFIX),
        consistent_read=consistent,
    ):
        if isinstance(item, PipelineItem):
            pipelines[item.pipeline_id] = PipelineWithStages(item, [])
        elif isinstance(item, StageItem):
            stages.append(item)
        elif isinstance(item, PipelineSettingsItem):
            settings = item
    for stage in sorted(stages, key=lambda s: s.position):
        if stage.pipeline_id in pipelines:
            pipelines[stage.pipeline_id].stages.append(stage)
    ordered = sorted(pipelines.values(), key=lambda p: (not p.pipeline.is_default, p.pipeline.position))
    return TenantPipelines(ordered, SettingsRef.of(settings))


def pipelines_of(tenant_id: str) -> list[PipelineWithStages]:
    """Every pipeline of the tenant with its stages in board order (one Query)."""
    return tenant_pipelines(tenant_id).pipelines


def get_settings_item(tenant_id: str) -> PipelineSettingsItem | None:
    try:
        return PipelineSettingsItem.get(
            platform_keys.tenant(tenant_id), keys.PIPELINE_SETTINGS_SK, consistent_read=True
        )
    except PipelineSettingsItem.DoesNotExist:
        return None


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


class Loader(Protocol):
    def __call__(self, tenant_id: str, *, consistent: bool = False) -> TenantPipelines: ...


@dataclass(frozen=True)
class _Entry:
    loaded_at: float
    stages: dict[str, StageRef]
    settings: SettingsRef


class StageDirectory:
    """Each tenant's stages by id and its pipeline settings, kept per process for a short while.

    A stage move relies on the kinds of the stages it leaves and enters (they decide the event's
    `from_kind`, `to_kind` and `reopened`); its transaction checks both kinds on the stage items, so an
    entry gone stale fails the write and the caller reloads, rather than committing a wrong event. The
    same goes for the settings a win or a loss relies on (the lost reasons, zero-value wins): the
    transaction checks them on the settings item, and a refusal is only ever made on a fresh entry.
    """

    def __init__(
        self,
        ttl_seconds: float = 60.0,
        max_tenants: int = 512,
        clock: Callable[[], float] = time.monotonic,
        loader: Loader = tenant_pipelines,
    ) -> None:
        self._ttl = ttl_seconds
        self._max = max_tenants
        self._clock = clock
        self._loader = loader
        self._entries: OrderedDict[str, _Entry] = OrderedDict()

    def stages(self, tenant_id: str, *, refresh: bool = False) -> dict[str, StageRef]:
        return self._entry(tenant_id, refresh).stages

    def settings(self, tenant_id: str, *, refresh: bool = False) -> SettingsRef:
        return self._entry(tenant_id, refresh).settings

    def _entry(self, tenant_id: str, refresh: bool) -> _Entry:
        entry = self._entries.get(tenant_id)
        if entry is not None and not refresh and self._clock() - entry.loaded_at < self._ttl:
            self._entries.move_to_end(tenant_id)
            return entry
        # A refresh follows a failed condition or precedes a refusal: it reads what was last written.
        loaded = self._loader(tenant_id, consistent=refresh)
        stages = {
            stage.stage_id: StageRef.of(stage) for pipeline in loaded.pipelines for stage in pipeline.stages
        }
        entry = _Entry(self._clock(), stages, loaded.settings)
        self._entries[tenant_id] = entry
        self._entries.move_to_end(tenant_id)
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)
        return entry
