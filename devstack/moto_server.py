"""moto's server in a thread, with every request passing through the snapshot gate.

ThreadedMotoServer builds its WSGI app inside a private method, so there is no seam to put the gate
in front of it; this class does the same few steps with the gate added.
"""

from __future__ import annotations

import logging
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import BaseWSGIServer, make_server

from devstack import moto_gaps
from devstack.gate import Gate, gated


class MotoServer:
    """Serves every moto service on host:port (port 0 picks a free one) until `stop()`."""

    def __init__(self, host: str, port: int, gate: Gate | None = None) -> None:
        self.gate = gate or Gate()
        moto_gaps.apply()
        # moto logs every request through werkzeug; the runner logs what matters itself.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        app = gated(DomainDispatcherApplication(create_backend_app), self.gate)
        self._server: BaseWSGIServer = make_server(
            host, port, app, threaded=True, request_handler=MotoRequestHandler
        )
        self._thread = threading.Thread(target=self._server.serve_forever, name="moto", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self._server.host}:{self.port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
