"""Pipelines and their stages: the list the board and the lead forms read (with the per-stage
counters), and the settings screen's add, rename, reorder, delete and chart toggles.

Every change that touches several items is one TransactWriteItems; a pipeline and its stages fit
in one (MAX_STAGES). Deleting a stage that holds leads lives in services/stage_deletion.py.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pynamodb.exceptions import UpdateError

from convertly.accounts import service as accounts
from convertly.pipelines import keys
from convertly.pipelines.domain.pipelines import (
    MAX_PIPELINES,
    MAX_STAGES,
    Pipeline,
    PipelineCreate,
    PipelineUpdate,
    Stage,
    StageCreate,
    StageDraft,
    StageOrder,
    StageUpdate,
)
from convertly.pipelines.items import PipelineItem, StageItem
from convertly.pipelines.store import (
    DEFAULT_STAGES,
    PipelineWithStages,
    get_stage,
    load_pipeline,
    pipelines_of,
)
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import ConflictError, NotFoundError, ValidationError
from convertly.platform.money import check_amount, from_cents, to_cents
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.transaction import Transaction, TransactionCancelledError


def to_stage(item: StageItem) -> Stage:
    return Stage(
        stage_id=item.stage_id,
        name=item.name,
        position=int(item.position),
        kind=item.kind,
        probability=int(item.probability),
        lead_count=int(item.lead_count or 0),
        lead_value=int(item.lead_value or 0) / 100,
        show_in_pie=_flag(item.show_in_pie),
        show_in_funnel=_flag(item.show_in_funnel),
        status="deleting" if item.move_to else "active",
        move_to=item.move_to,
    )


def to_pipeline(found: PipelineWithStages) -> Pipeline:
    pipeline = found.pipeline
    return Pipeline(
        pipeline_id=pipeline.pipeline_id,
        name=pipeline.name,
        is_default=bool(pipeline.is_default),
        position=int(pipeline.position or 0),
        show_in_pie=_flag(pipeline.show_in_pie),
        show_in_funnel=_flag(pipeline.show_in_funnel),
        default_value=None if pipeline.default_value is None else float(from_cents(pipeline.default_value)),
        stages=[to_stage(stage) for stage in found.stages],
    )


def _minor(tenant_id: str, value: Decimal) -> int | float:
    """A default deal value as stored, once it fits the account's currency (its decimals)."""
    tenant = accounts.get_tenant(tenant_id)
    currency = str(tenant.currency) if tenant is not None and tenant.currency else "USD"
    check_amount(value, currency, "default_value")
    return to_cents(value)


def _flag(value: bool | None) -> bool:
    """Chart toggles default to shown (items written before the toggles existed have none)."""
    return True if value is None else bool(value)


def list_pipelines(principal: Principal) -> list[Pipeline]:
    return [to_pipeline(found) for found in pipelines_of(principal.tenant_id)]


def get_pipeline(principal: Principal, pipeline_id: str) -> Pipeline:
    return to_pipeline(load_pipeline(principal.tenant_id, pipeline_id))


def _stage_item(tenant_id: str, pipeline_id: str, draft: StageDraft, position: int) -> StageItem:
    stage_id = new_id()
    return StageItem(
        platform_keys.tenant(tenant_id),
        keys.stage_sk(pipeline_id, stage_id),
        pipeline_id=pipeline_id,
        stage_id=stage_id,
        name=draft.name,
        position=position,
        kind=draft.kind,
        probability=draft.probability,
        lead_count=0,
        lead_value=0,
        show_in_pie=draft.show_in_pie,
        show_in_funnel=draft.show_in_funnel,
    )


def create_pipeline(principal: Principal, request: PipelineCreate) -> Pipeline:
    existing = pipelines_of(principal.tenant_id)
    if len(existing) >= MAX_PIPELINES:
        raise ConflictError(f"An account has at most {MAX_PIPELINES} pipelines", code="too_many_pipelines")
    drafts = request.stages or [
        StageDraft(name=name, kind=kind, probability=probability)  # type: ignore[arg-type]
        for name, kind, probability in DEFAULT_STAGES
    ]
    pipeline_id = new_id()
    pipeline = PipelineItem(
        platform_keys.tenant(principal.tenant_id),
        keys.pipeline_sk(pipeline_id),
        pipeline_id=pipeline_id,
        name=request.name,
        position=max((int(p.pipeline.position or 0) for p in existing), default=-1) + 1,
        is_default=not existing,
        created_at=iso(),
        show_in_pie=request.show_in_pie,
        show_in_funnel=request.show_in_funnel,
        default_value=(
            _minor(principal.tenant_id, request.default_value) if request.default_value is not None else None
        ),
    )
    stages = [
        _stage_item(principal.tenant_id, pipeline_id, draft, position)
        for position, draft in enumerate(drafts)
    ]
    tx = Transaction()
    for item in (pipeline, *stages):
        tx.put("pipeline", item, condition=type(item).PK.does_not_exist())
    tx.commit()
    return to_pipeline(PipelineWithStages(pipeline, stages))


def update_pipeline(principal: Principal, pipeline_id: str, request: PipelineUpdate) -> Pipeline:
    """Rename, toggle the charts, set or remove the default deal value, or make this the default
    pipeline (the old default stops being it)."""
    actions: list[Any] = [
        getattr(PipelineItem, field).set(getattr(request, field))
        for field in ("name", "show_in_pie", "show_in_funnel")
        if getattr(request, field) is not None
    ]
    if "default_value" in request.model_fields_set:
        value = request.default_value
        actions.append(
            PipelineItem.default_value.remove()
            if value is None
            else PipelineItem.default_value.set(_minor(principal.tenant_id, value))
        )
    tenant_id = principal.tenant_id
    tx = Transaction()
    if request.is_default:
        current = next((p.pipeline for p in pipelines_of(tenant_id) if p.pipeline.is_default), None)
        if current is None or current.pipeline_id != pipeline_id:
            actions.append(PipelineItem.is_default.set(True))
        if current is not None and current.pipeline_id != pipeline_id:
            tx.update(
                "previous_default",
                PipelineItem(current.PK, current.SK),
                [PipelineItem.is_default.set(False)],
                condition=PipelineItem.is_default == True,  # noqa: E712 - a DynamoDB condition, not a test
            )
    if actions:
        target = PipelineItem(platform_keys.tenant(tenant_id), keys.pipeline_sk(pipeline_id))
        tx.update("pipeline", target, actions, condition=PipelineItem.PK.exists())
        try:
            tx.commit()
        except TransactionCancelledError as error:
            if "pipeline" in error.failed:
                raise NotFoundError("No such pipeline", code="pipeline_not_found") from error
            raise ConflictError(
                "The default pipeline changed meanwhile; try again", code="write_conflict"
            ) from error
    return get_pipeline(principal, pipeline_id)


def delete_pipeline(principal: Principal, pipeline_id: str) -> None:
    """Delete a pipeline that holds no leads (its stages go with it); never the default one."""
    found = load_pipeline(principal.tenant_id, pipeline_id)
    if found.pipeline.is_default:
        raise ConflictError(
            "This is the default pipeline: make another one the default first", code="default_pipeline"
        )
    count = sum(int(stage.lead_count or 0) for stage in found.stages)
    if count or any(stage.move_to for stage in found.stages):
        raise ConflictError(
            f"This pipeline still holds {count} lead{'' if count == 1 else 's'}: move them or delete "
            "its stages first",
            code="pipeline_not_empty",
            details={"lead_count": count},
        )
    tx = Transaction()
    tx.delete("pipeline", found.pipeline, condition=PipelineItem.PK.exists())
    for stage in found.stages:
        tx.delete("stage", stage, condition=StageItem.lead_count == 0)
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise ConflictError(
            "Leads entered this pipeline meanwhile; reload it", code="pipeline_not_empty"
        ) from error


def add_stage(principal: Principal, pipeline_id: str, request: StageCreate) -> Stage:
    found = load_pipeline(principal.tenant_id, pipeline_id)
    if len(found.stages) >= MAX_STAGES:
        raise ValidationError(
            "Some fields are not valid", fields={"stage": f"a pipeline has at most {MAX_STAGES} stages"}
        )
    position = len(found.stages) if request.position is None else min(request.position, len(found.stages))
    stage = _stage_item(principal.tenant_id, pipeline_id, request, position)
    tx = Transaction()
    tx.check("pipeline", PipelineItem, found.pipeline.PK, found.pipeline.SK, PipelineItem.PK.exists())
    tx.put("stage", stage, condition=StageItem.PK.does_not_exist())
    for index, existing in enumerate(found.stages[position:], start=position + 1):
        if int(existing.position) != index:
            tx.update("position", existing, [StageItem.position.set(index)], condition=StageItem.PK.exists())
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "pipeline" in error.failed:
            raise NotFoundError("No such pipeline", code="pipeline_not_found") from error
        raise ConflictError(
            "The pipeline's stages changed meanwhile; reload it", code="write_conflict"
        ) from error
    return to_stage(stage)


def update_stage(principal: Principal, pipeline_id: str, stage_id: str, request: StageUpdate) -> Stage:
    """Rename, change kind or probability, or toggle the charts; a kind change applies to the leads
    already in the stage from their next move on."""
    actions = [
        getattr(StageItem, field).set(value) for field, value in request.model_dump(exclude_none=True).items()
    ]
    if not actions:
        found = get_stage(principal.tenant_id, pipeline_id, stage_id, consistent=True)
        if found is None:
            raise NotFoundError("No such stage in this pipeline", code="stage_not_found")
        return to_stage(found)
    stage = StageItem(platform_keys.tenant(principal.tenant_id), keys.stage_sk(pipeline_id, stage_id))
    try:
        stage.update(actions=actions, condition=StageItem.PK.exists())
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            raise NotFoundError("No such stage in this pipeline", code="stage_not_found") from error
        raise
    return to_stage(stage)


def reorder_stages(principal: Principal, pipeline_id: str, request: StageOrder) -> Pipeline:
    found = load_pipeline(principal.tenant_id, pipeline_id)
    current = [stage.stage_id for stage in found.stages]
    if len(set(request.stage_ids)) != len(request.stage_ids) or set(request.stage_ids) != set(current):
        raise ValidationError(
            "Some fields are not valid", fields={"stage_ids": "list every stage of this pipeline once"}
        )
    by_id = {stage.stage_id: stage for stage in found.stages}
    tx = Transaction()
    moved = 0
    for position, stage_id in enumerate(request.stage_ids):
        stage = by_id[stage_id]
        # Every stage must still hold the position read above, so two reorders that cross
        # cannot interleave into two stages sharing one position.
        unchanged = StageItem.position == int(stage.position)
        if int(stage.position) != position:
            tx.update(stage_id, stage, [StageItem.position.set(position)], condition=unchanged)
            moved += 1
        else:
            tx.check(stage_id, StageItem, stage.PK, stage.SK, condition=unchanged)
    if moved:
        try:
            tx.commit()
        except TransactionCancelledError as error:
            raise ConflictError(
                "The stages changed meanwhile; reload to see the current order", code="write_conflict"
            ) from error
    return get_pipeline(principal, pipeline_id)
