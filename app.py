"""The local API gateway: a Chalice app serving every route of the route manifest.

Each route hands the request's original event, completed into an API Gateway REST proxy event, to
that route's Lambda handler, exactly as API Gateway would. No business logic lives here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from chalice import Chalice, CORSConfig

from convertly.manifest import ROUTES, Route
from convertly.platform.config import get_settings
from devstack.apigw import LocalLambdaContext, to_chalice_response, to_rest_event

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]

app = Chalice(app_name="convertly")
app.api.binary_types = ["application/octet-stream", "multipart/form-data"]

_cors = CORSConfig(
    allow_origin=get_settings().cors_allow_origin,
    allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "If-Match"],
    expose_headers=["X-Request-Id"],
    max_age=600,
)


def load_handler(function: str) -> Handler:
    """Import functions/<function>/handler.py, the same module the Lambda runs."""
    module = importlib.import_module(f"functions.{function}.handler")
    handler: Handler = module.handler
    return handler


# Paths whose function answers CORS itself (the manifest gives them an OPTIONS route): the public form
# routes, which allow each form's own sites rather than the web app. Chalice must neither answer their
# preflight nor add the web app's CORS headers, nor refuse a body type before the function sees it.
_SELF_CORS_PATHS = frozenset(route.path for route in ROUTES if route.method == "OPTIONS")


def _register(route: Route) -> None:
    handler: Handler | None = None

    def view(**_path_params: str) -> Any:
        nonlocal handler
        handler = handler or load_handler(route.function)
        request = app.current_request
        assert request is not None
        event = to_rest_event(request.to_original_event(), route)
        return to_chalice_response(handler(event, LocalLambdaContext(f"convertly-{route.function}")))

    name = f"{route.function}_{route.method.lower()}_{route.path.strip('/').replace('/', '_')}"
    for char in "{}.-":
        name = name.replace(char, "")
    own_cors = route.path in _SELF_CORS_PATHS
    app.route(
        route.path,
        methods=[route.method],
        name=name,
        cors=None if own_cors else _cors,
        content_types=["*/*"]
        if own_cors
        else ["application/json", "application/x-www-form-urlencoded", "text/plain"],
    )(view)


for _route in ROUTES:
    _register(_route)
