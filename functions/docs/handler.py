"""API documentation: the OpenAPI document (generated from every function's routes) and Swagger UI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_lambda_powertools
from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.manifest import route_table
from convertly.platform.api import create_resolver
from convertly.platform.observability import instrumented

SPEC_PATH = Path(__file__).with_name("openapi.json")
# Swagger UI's script and stylesheet ship inside Powertools; read as files, so serving the page does
# not import Powertools' OpenAPI models at cold start.
_ASSETS = Path(aws_lambda_powertools.__file__).parent / "event_handler" / "openapi" / "swagger_ui"
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Convertly API</title>
<style>{css}</style>
</head>
<body>
<div id="swagger-ui"></div>
<script>{js}</script>
<script>
window.ui = SwaggerUIBundle({{
  spec: {spec},
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout"
}});
</script>
</body>
</html>
"""

app = create_resolver(route_table("docs"), validation=False, user_routes=False)  # public routes without input


def _spec() -> str:
    return SPEC_PATH.read_text(encoding="utf-8")


@app.get("/openapi.json")
def openapi() -> Response[str]:
    return Response(status_code=200, content_type="application/json", body=_spec())


@app.get("/docs")
def swagger_ui() -> Response[str]:
    html = _PAGE.format(
        css=(_ASSETS / "swagger-ui.min.css").read_text(encoding="utf-8"),
        js=(_ASSETS / "swagger-ui-bundle.min.js").read_text(encoding="utf-8"),
        # The document inside a <script>: escape "</" so no string in it can close the element.
        spec=json.dumps(json.loads(_spec())).replace("</", "<\\/"),
    )
    return Response(status_code=200, content_type="text/html; charset=utf-8", body=html)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
