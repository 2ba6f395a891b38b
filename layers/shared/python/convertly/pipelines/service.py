"""What other capabilities may ask of pipelines: the tenant's pipelines and stages, which stage a new
lead goes to, and a new tenant's default pipeline.

The one door into pipelines from elsewhere (import-linter checks it); it loads no API shapes.
"""

from __future__ import annotations

from convertly.pipelines.store import (
    DEFAULT_STAGES,
    PipelineWithStages,
    default_pipeline_items,
    pipelines_of,
    resolve_stage,
)

__all__ = ["DEFAULT_STAGES", "PipelineWithStages", "default_pipeline_items", "pipelines_of", "resolve_stage"]
