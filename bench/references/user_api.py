"""An API function with a signed-in route, as the foundation requires one and nothing more: Powertools
Logger, Tracer (patching botocore only) and Metrics, a REST resolver validating a Pydantic body
(`enable_validation`), and PyJWT with RS256, which loads cryptography, to verify Cognito ID tokens
against the pool's JWKS."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from jwt import PyJWKClient
from jwt.algorithms import RSAAlgorithm
from pydantic import BaseModel

logger = Logger()
tracer = Tracer(patch_modules=("botocore",))
metrics = Metrics(namespace="Reference")
app = APIGatewayRestResolver(enable_validation=True)
jwks = PyJWKClient("https://cognito-idp.us-east-1.amazonaws.com/pool/.well-known/jwks.json")
ALGORITHM = RSAAlgorithm(RSAAlgorithm.SHA256)


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
