"""A public or webhook API function, as the foundation requires one and nothing more: Powertools
Logger, Tracer (patching botocore only) and Metrics, and a REST resolver validating a Pydantic body
(`enable_validation`). No token to verify, so no PyJWT."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from pydantic import BaseModel

logger = Logger()
tracer = Tracer(patch_modules=("botocore",))
metrics = Metrics(namespace="Reference")
app = APIGatewayRestResolver(enable_validation=True)


class Body(BaseModel):
    name: str


@app.post("/things")
def create(body: Body) -> dict[str, Any]:
    return body.model_dump()


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return app.resolve(event, context)
