"""The built web app (web/dist) on a threaded static server, as S3 + CloudFront serve it on AWS.

Paths without a file fall back to index.html (the app routes on the client); /config.json is the
stack's own, built from its outputs, the way the CDK deployment writes it next to the files.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from convertly.resources import WEB

log = logging.getLogger("devstack.web")

INDEX = "index.html"
BUILD_HINT = "The web app is not built: run `make web-build` (or `make run`, which builds it)."


def web_config(api_url: str, region: str, user_pool_id: str, user_pool_client_id: str) -> dict[str, str]:
    """What the app reads at start-up: the same keys the CDK deployment writes."""
    return {
        "apiUrl": api_url,
        "region": region,
        "userPoolId": user_pool_id,
        "userPoolClientId": user_pool_client_id,
    }


class _WebHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, config: Callable[[], bytes], dist: Path, **kwargs: Any) -> None:
        self._config = config
        self._dist = dist
        self._sent_own = False
        super().__init__(*args, directory=str(dist), **kwargs)

    def do_GET(self) -> None:
        if self._route():
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._route():
            super().do_HEAD()

    def _route(self) -> bool:
        """Answer what is not a plain file; True when the static handler should serve `self.path`."""
        self._sent_own = False
        path = unquote(urlsplit(self.path).path)
        if path == f"/{WEB.config_file}":
            self._send(HTTPStatus.OK, "application/json", self._config(), cache="no-store")
            return False
        if not (self._dist / INDEX).is_file():
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", BUILD_HINT.encode())
            return False
        if not self._is_file(path):
            if PurePosixPath(path).suffix:  # a missing asset is a 404, not the app
                self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found")
                return False
            self.path = f"/{INDEX}"
        return True

    def _is_file(self, path: str) -> bool:
        target = (self._dist / path.lstrip("/")).resolve()
        return target.is_relative_to(self._dist.resolve()) and target.is_file()

    def end_headers(self) -> None:
        if self.command in ("GET", "HEAD") and not self._sent_own:
            # Hashed assets never change; index.html must be fetched again to see a new build.
            cache = "public, max-age=31536000, immutable" if self.path.startswith("/assets/") else "no-cache"
            self.send_header("Cache-Control", cache)
        super().end_headers()

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, cache: str = "no-cache") -> None:
        self._sent_own = True
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug(format, *args)


class WebServer:
    """Serves `dist` on host:port (port 0 picks a free one) until `stop()`. The port is taken at once,
    so the web app's URL is known (the functions' WEB_APP_URL) before its config.json is (`configure`)."""

    def __init__(self, host: str, port: int, dist: Path, config: dict[str, str] | None = None) -> None:
        self.dist = dist
        self._host = host
        self._config = json.dumps(config or {}).encode()
        handler = partial(_WebHandler, config=lambda: self._config, dist=dist)
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="web", daemon=True)

    def configure(self, config: dict[str, str]) -> None:
        """What /config.json answers from now on."""
        self._config = json.dumps(config).encode()

    @property
    def built(self) -> bool:
        return (self.dist / INDEX).is_file()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self.port}"

    def start(self) -> None:
        if not self.built:
            log.warning("%s", BUILD_HINT)
        self._thread.start()

    def stop(self) -> None:
        if self._thread.is_alive():  # shutdown() waits for a serve loop, which an unstarted server lacks
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()
