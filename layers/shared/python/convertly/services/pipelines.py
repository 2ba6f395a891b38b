"""Pipelines as the board and the lead forms see them, with the per-stage counters."""

from __future__ import annotations

from convertly.data.pipelines import pipelines_of
from convertly.domain.pipelines import Pipeline, Stage
from convertly.domain.principal import Principal


def list_pipelines(principal: Principal) -> list[Pipeline]:
    return [
        Pipeline(
            pipeline_id=p.pipeline.pipeline_id,
            name=p.pipeline.name,
            is_default=bool(p.pipeline.is_default),
            stages=[
                Stage(
                    stage_id=s.stage_id,
                    name=s.name,
                    position=int(s.position),
                    kind=s.kind,
                    probability=int(s.probability),
                    lead_count=int(s.lead_count),
                    lead_value=s.lead_value / 100,
                )
                for s in p.stages
            ],
        )
        for p in pipelines_of(principal.tenant_id)
    ]
