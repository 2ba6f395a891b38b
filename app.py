"""The local API gateway: a Chalice app serving every route of the route manifest.

Each route hands the request's original event, completed into an API Gateway REST proxy event, to
that route's Lambda handler, exactly as API Gateway would: whatever the body's Content-Type, since a
proxy integration passes every body on and the function admits it (415 / 400 in the error shape).
What the gateway answers itself (a method a path lacks) has the error shape too. No business logic
lives here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from chalice import Chalice, CORSConfig
from chalice.app import Request, Response

from convertly.manifest import ROUTES, Route
from convertly.platform.config import get_settings
from devstack import powertools_threads
from devstack.apigw import LocalLambdaContext, gateway_error, to_chalice_response, to_rest_event
from devstack.functions import load_handler

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


class ThreadLocalChalice(Chalice):
    """Chalice keeps the request it serves on the app object (`current_request`), but the local
    server serves requests on threads: each thread keeps its own, so a view never reads a request
    another thread is serving (the web app sends several at once)."""

    _requests = threading.local()

    @property
    def current_request(self) -> Request | None:
        request: Request | None = getattr(self._requests, "request", None)
        return request

    @current_request.setter
    def current_request(self, request: Request | None) -> None:
        self._requests.request = request


app = ThreadLocalChalice(app_name="convertly")
app.api.binary_types = ["application/octet-stream", "multipart/form-data"]

_cors = CORSConfig(
    allow_origin=get_settings().cors_allow_origin,
    allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "If-Match"],
    expose_headers=["X-Request-Id"],
    max_age=600,
)


# A Lambda execution environment serves one request at a time, and a function's module state relies
# on it. The local server answers on threads, so each function serves one request at a time here too,
# as one warm container would; different functions run at once, each resolver keeping its own event
# (devstack.powertools_threads: Powertools puts it on a class every function's resolver shares).
powertools_threads.apply()
_function_locks: dict[str, threading.Lock] = {}
_locks_lock = threading.Lock()


def function_lock(function: str) -> threading.Lock:
    with _locks_lock:
        return _function_locks.setdefault(function, threading.Lock())


# Paths whose function answers CORS itself (the manifest gives them an OPTIONS route): the public form
# routes, which allow each form's own sites rather than the web app. Chalice must neither answer their
# preflight nor add the web app's CORS headers.
_SELF_CORS_PATHS = frozenset(route.path for route in ROUTES if route.method == "OPTIONS")


@app.middleware("http")
def _gateway_errors_in_our_shape(request: Request, get_response: Callable[[Request], Response]) -> Response:
    """What Chalice answers itself ({"Code", "Message"}: 405 for a method the path lacks, 500 when a
    handler cannot even be loaded) in the error shape every client reads."""
    return gateway_error(get_response(request), request.method, str(request.context.get("path", "")))


def _register(route: Route) -> None:
    handler: Handler | None = None

    def view(**_path_params: str) -> Any:
        nonlocal handler
        handler = handler or load_handler(route.function)
        request = app.current_request
        assert request is not None
        event = to_rest_event(request.to_original_event(), route)
        with function_lock(route.function):
            answer = handler(event, LocalLambdaContext(f"convertly-{route.function}"))
        return to_chalice_response(answer)

    name = f"{route.function}_{route.method.lower()}_{route.path.strip('/').replace('/', '_')}"
    for char in "{}.-":
        name = name.replace(char, "")
    own_cors = route.path in _SELF_CORS_PATHS
    app.route(
        route.path,
        methods=[route.method],
        name=name,
        cors=None if own_cors else _cors,
        content_types=["*/*"],  # the function decides which bodies it takes, as behind API Gateway
    )(view)


for _route in ROUTES:
    _register(_route)
