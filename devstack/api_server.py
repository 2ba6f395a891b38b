"""app.py's Chalice app served by Chalice's local server (one thread per request) in a thread."""

from __future__ import annotations

import importlib
import threading
from typing import Any

from chalice.config import Config
from chalice.local import LocalDevServer

from devstack.apigw import GatewayRequestHandler


def load_app() -> Any:
    """Import app.py; call only once the functions' environment is set (their settings are cached)."""
    return importlib.import_module("app").app


class ApiServer:
    """Serves `app` on host:port (port 0 picks a free one) until `stop()`."""

    def __init__(self, host: str, port: int, app: Any | None = None) -> None:
        config = Config.create(chalice_stage="local", app_name="convertly")
        # Chalice's server with the gateway's own answers in our error shape (devstack.apigw).
        served = app if app is not None else load_app()
        self._local = LocalDevServer(served, config, host, port, handler_cls=GatewayRequestHandler)
        self._thread = threading.Thread(target=self._local.server.serve_forever, name="api", daemon=True)

    @property
    def port(self) -> int:
        return int(self._local.server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self._local.host}:{self.port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._local.server.shutdown()
        self._local.server.server_close()
        self._thread.join(timeout=10)
