"""Pipelines capability: pipelines with their stages and per-stage counters."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.api import create_resolver, principal_of
from convertly.observability import instrumented
from convertly.services.pipelines import list_pipelines

app = create_resolver()


@app.get("/pipelines")
def get_pipelines() -> dict[str, Any]:
    return {"items": [p.model_dump() for p in list_pipelines(principal_of(app))]}


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
