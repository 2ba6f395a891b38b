"""moto's server in a thread, with every request passing through the snapshot gate, on connections
the clients keep.

ThreadedMotoServer builds its WSGI app inside a private method, so there is no seam to put the gate
in front of it; this class does the same few steps with the gate added.

werkzeug's development server answers every request with `Connection: close`: each AWS call then
opened a connection, and the server started a thread for it and waited on the socket afterwards to
drain it: a DynamoDB call cost about a quarter more CPU than on a kept connection (bench/README.md,
"The local moto"). The handler here reads each request's whole body before the app runs and answers
with the body's length, so the connection is ready for the client's next request.
"""

from __future__ import annotations

import io
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import BaseWSGIServer, make_server

from devstack import moto_gaps
from devstack.gate import Gate, gated

_logger = logging.getLogger(__name__)
# Answers that carry no body (RFC 9110 6.4.1), so no Content-Length of one either
_BODILESS = frozenset({204, 304})


class KeepAliveRequestHandler(MotoRequestHandler):
    """moto's request handler (its environ keeps S3 metadata header names) answering HTTP/1.1 with
    a Content-Length and no `Connection: close`; a client that asks to close, or speaks HTTP/1.0
    without keep-alive, still gets its connection closed (http.server's handling)."""

    # The headers and the body go out in two writes: without this the body waits for the client's
    # delayed ACK (40 ms a call).
    disable_nagle_algorithm = True

    def run_wsgi(self) -> None:
        environ = self.make_environ()
        chunked = environ.get("wsgi.input_terminated", False)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        # The whole body is read here, whatever the app reads of it, so the next request starts
        # where this one ends.
        received = environ["wsgi.input"].read() if chunked else self.rfile.read(length)
        environ["wsgi.input"] = io.BytesIO(received)
        status, headers, body = self._answer(environ)
        code_text, _, reason = status.partition(" ")
        code = int(code_text)
        self.send_response(code, reason)
        bodiless = self.command == "HEAD" or code < 200 or code in _BODILESS
        for name, value in headers:
            lowered = name.lower()
            # A HEAD answer's Content-Length is the app's (an S3 object's size); others are the body's.
            framing = lowered in ("connection", "transfer-encoding")
            if framing or (lowered == "content-length" and not bodiless):
                continue
            self.send_header(name, value)
        if not bodiless:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not bodiless:
            self.wfile.write(body)

    def _answer(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
        started: list[Any] = []

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], None]:
            started[:] = [status, headers]
            return chunks.append

        chunks: list[bytes] = []
        try:
            result = self.server.app(environ, start_response)
            try:
                chunks.extend(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
            return started[0], started[1], b"".join(chunks)
        except Exception:
            _logger.error("moto failed on %s %s", self.command, self.path, exc_info=sys.exc_info())
            message = b"Internal Server Error"
            return "500 INTERNAL SERVER ERROR", [("Content-Type", "text/plain")], message


class MotoServer:
    """Serves every moto service on host:port (port 0 picks a free one) until `stop()`. `handler` is
    for the bench that compares it with werkzeug's own (bench/local_aws.py)."""

    def __init__(
        self,
        host: str,
        port: int,
        gate: Gate | None = None,
        handler: type[MotoRequestHandler] = KeepAliveRequestHandler,
    ) -> None:
        self.gate = gate or Gate()
        moto_gaps.apply()
        # moto logs every request through werkzeug; the runner logs what matters itself.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        app = gated(DomainDispatcherApplication(create_backend_app), self.gate)
        self._server: BaseWSGIServer = make_server(host, port, app, threaded=True, request_handler=handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="moto", daemon=True)
        self.connections_accepted = 0  # how many connections clients opened (tests, bench/local_aws.py)
        accept = self._server.get_request

        def counted() -> tuple[Any, Any]:
            self.connections_accepted += 1
            return accept()

        self._server.get_request = counted  # type: ignore[method-assign]

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
