"""app.py's Chalice app served by Chalice's local server (one thread per request) in a thread."""

from __future__ import annotations

import importlib
import threading
from typing import Any

from chalice.config import Config
from chalice.local import ThreadedHTTPServer

from devstack.apigw import GatewayRequestHandler


def load_app() -> Any:
    """Import app.py; call only once the functions' environment is set (their settings are cached)."""
    return importlib.import_module("app").app


class ApiServer:
    """Serves `app` on host:port (port 0 picks a free one) until `stop()`.

    The port is taken at once, so `url` is known before app.py is imported: without an `app`, `start()`
    loads it, after the stack has exported the functions' environment, which names this URL
    (PUBLIC_API_URL).
    """

    def __init__(self, host: str, port: int, app: Any | None = None) -> None:
        self._config = Config.create(chalice_stage="local", app_name="convertly")
        self._app: Any = app  # app.py's Chalice app, loaded by start() when not given
        self._host = host
        # Chalice's server with the gateway's own answers in our error shape (devstack.apigw).
        self._server = ThreadedHTTPServer((host, port), self._handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="api", daemon=True)

    def _handler(self, request: Any, client_address: Any, server: Any) -> GatewayRequestHandler:
        return GatewayRequestHandler(
            request, client_address, server, app_object=self._app, config=self._config
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self.port}"

    def start(self) -> None:
        if self._app is None:
            self._app = load_app()
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and free the port; a server never started only frees it (shutdown() would wait
        for a serve_forever that never runs)."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()
