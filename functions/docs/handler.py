"""API documentation: the OpenAPI document (generated from every function's routes) and Swagger UI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.swagger_ui.html import generate_swagger_html
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.api import create_resolver
from convertly.observability import instrumented

SPEC_PATH = Path(__file__).with_name("openapi.json")
_ASSETS = Path(generate_swagger_html.__code__.co_filename).parent

app = create_resolver()


def _spec() -> str:
    return SPEC_PATH.read_text(encoding="utf-8")


@app.get("/openapi.json")
def openapi() -> Response[str]:
    return Response(status_code=200, content_type="application/json", body=_spec())


@app.get("/docs")
def swagger_ui() -> Response[str]:
    html = generate_swagger_html(
        spec=json.dumps(json.loads(_spec())),
        swagger_js=(_ASSETS / "swagger-ui-bundle.min.js").read_text(encoding="utf-8"),
        swagger_css=(_ASSETS / "swagger-ui.min.css").read_text(encoding="utf-8"),
        swagger_base_url="",
        oauth2_config=None,
        persist_authorization=True,
    )
    return Response(status_code=200, content_type="text/html; charset=utf-8", body=html)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
