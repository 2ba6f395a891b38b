"""The shape every fake shares: a ThreadingHTTPServer, a request log, and scripted failures."""

from __future__ import annotations

import html
import ipaddress
import json
import logging
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from devstack.fakes.script import Fault, Script, ScriptError

log = logging.getLogger("devstack.fakes")

_SECRET_HEADERS = {"authorization", "developer-token"}
# Masked in the log: tokens, secrets, and what the OAuth flows exchange for them.
_SECRET_FIELDS = {
    "access_token",
    "client_secret",
    "refresh_token",
    "code",
    "code_verifier",
    "token",
    "fb_exchange_token",
}


@dataclass
class FakeRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body.decode("utf-8", "replace")))


@dataclass
class FakeAnswer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a timeout, from the client's side)


@dataclass
class LoggedRequest:
    at: float
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    status: int
    problems: list[str]

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def _masked(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("****" if k in _SECRET_FIELDS and v else _masked(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value


class FakeServer:
    """Serves `answer()` on host:port (0 picks a free port) with a log; subclasses implement `answer`."""

    name = "fake"

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.requests: list[LoggedRequest] = []
        self.problems: list[str] = []  # every request-format problem seen, for tests to assert none
        self.connections: set[tuple[str, int]] = set()  # the client ends of the connections served
        self.script = Script()  # faults on cue: `fail_next`, `stall_next`, or `POST /__script`
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                fake._serve(self)

            def do_POST(self) -> None:
                fake._serve(self)

            def do_DELETE(self) -> None:
                fake._serve(self)

            def log_message(self, format: str, *args: Any) -> None:
                log.debug(format, *args)

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._host = host
        self._thread = threading.Thread(target=self._server.serve_forever, name=self.name, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self.port}"

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    # Scripting --------------------------------------------------------------------------------------

    def fail_next(
        self, status: int, times: int = 1, retry_after: int | None = None, body: Any = None
    ) -> None:
        """The next `times` platform requests answer `status` (429, 500 ...) instead of being served."""
        self.script.add(Fault(status, retry_after=retry_after, body=body), times)

    def stall_next(self, seconds: float, times: int = 1, serve: bool = False) -> None:
        """The next `times` platform requests wait `seconds` before answering 500 (a client times out);
        with `serve`, the request is served first and its answer comes late."""
        self.script.add(Fault(500, stall_seconds=seconds, serve=serve), times)

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.problems.clear()
            self.connections.clear()
        self.script.clear()

    def state(self) -> dict[str, Any]:
        """What the platform holds (`GET /__state`): each fake says what it keeps."""
        return {}

    def platform_requests(self, path_part: str = "") -> list[LoggedRequest]:
        return [r for r in self.requests if not r.path.startswith("/__") and path_part in r.path]

    # Serving --------------------------------------------------------------------------------------

    def error_body(self, status: int) -> Any:
        return {"error": {"code": status, "message": f"scripted {status}"}}

    def answer(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        raise NotImplementedError

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        request = FakeRequest(
            handler.command,
            parts.path,
            dict(parse_qsl(parts.query)),
            {k.lower(): v for k, v in handler.headers.items()},
            handler.rfile.read(length) if length else b"",
        )
        if parts.path in _CONTROL:
            self._control(handler, request)
            return
        with self._lock:
            self.connections.add((str(handler.client_address[0]), int(handler.client_address[1])))
        fault = self.script.next()
        if fault is None or fault.serve:
            answer, problems = self.answer(request)
        else:
            body = fault.body if fault.body is not None else self.error_body(fault.status)
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            answer, problems = FakeAnswer(fault.status, body, headers), []
        self._record(request, answer.status, problems)
        if fault is not None and fault.stall_seconds:
            time.sleep(fault.stall_seconds)
        elif answer.delay:
            time.sleep(answer.delay)
        self._send(handler, answer)

    def _control(self, handler: BaseHTTPRequestHandler, request: FakeRequest) -> None:
        """`/__log`, `/__script`, `/__state`: for whoever runs the stack, on this machine only."""
        if not is_loopback(str(handler.client_address[0])):
            self._send(handler, FakeAnswer(403, {"error": {"code": "forbidden", "message": "loopback only"}}))
            return
        if request.path == "/__log":
            self._send(handler, self._log_answer(request))
        elif request.path == "/__state":
            self._send(handler, FakeAnswer(200, {"fake": self.name, **self.state()}))
        else:
            self._send(handler, script_answer(self.script, request.method, request.json()))

    def _log_answer(self, request: FakeRequest) -> FakeAnswer:
        if request.method == "DELETE":
            self.reset()
            return FakeAnswer(200, {"cleared": True})
        return FakeAnswer(200, {"fake": self.name, "requests": [r.as_dict() for r in self.requests]})

    def _record(self, request: FakeRequest, status: int, problems: list[str]) -> None:
        headers = {k: ("****" if k in _SECRET_HEADERS else v) for k, v in request.headers.items()}
        body = (
            request.json()
            if request.headers.get("content-type", "").startswith("application/json")
            else request.form()
        )
        query = {k: ("****" if k in _SECRET_FIELDS else v) for k, v in request.query.items()}
        with self._lock:
            self.requests.append(
                LoggedRequest(
                    time.time(), request.method, request.path, query, headers, _masked(body), status, problems
                )
            )
            self.problems += problems

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, answer: FakeAnswer) -> None:
        payload = answer.body if isinstance(answer.body, bytes) else json.dumps(answer.body).encode()
        try:
            handler.send_response(HTTPStatus(answer.status))
            # JSON unless the answer says otherwise (the OAuth fakes' consent pages are HTML)
            handler.send_header("Content-Type", answer.headers.get("Content-Type", "application/json"))
            handler.send_header("Content-Length", str(len(payload)))
            for name, value in answer.headers.items():
                if name != "Content-Type":
                    handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a scripted stall)


_CONTROL = frozenset({"/__log", "/__script", "/__state"})


def is_loopback(address: str) -> bool:
    """Whether a client address is this machine's: the control endpoints answer no one else."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def script_answer(script: Script, method: str, body: Any) -> FakeAnswer:
    """`/__script`: POST adds a script, GET shows what is left, DELETE clears it."""
    if method == "GET":
        return FakeAnswer(200, script.describe())
    if method == "DELETE":
        script.clear()
        return FakeAnswer(200, {"cleared": True, **script.describe()})
    if method != "POST":
        return FakeAnswer(405, {"error": {"code": "method_not_allowed", "message": "GET, POST or DELETE"}})
    try:
        return FakeAnswer(201, script.load(body))
    except ScriptError as error:
        return FakeAnswer(400, error.body())


def redirect(uri: str, params: dict[str, str], fragment: str = "") -> FakeAnswer:
    """302 to `uri` with `params` added to its query (an OAuth redirect back to the client)."""
    separator = "&" if urllib.parse.urlsplit(uri).query else "?"
    location = f"{uri}{separator}{urllib.parse.urlencode(params)}{fragment}"
    return FakeAnswer(302, b"", {"Location": location, "Content-Type": "text/html; charset=utf-8"})


def html_page(status: int, title: str, text: str) -> FakeAnswer:
    """A short HTML page: what a platform's sign-in pages show a person when something is wrong."""
    title, text = html.escape(title), html.escape(text)
    body = f"<!doctype html><title>{title}</title><h1>{title}</h1><p>{text}</p>"
    return FakeAnswer(status, body.encode(), {"Content-Type": "text/html; charset=utf-8"})


def consent_page(
    title: str, heading: str, promise: str, redirect_uri: str, action: str, pending: str
) -> FakeAnswer:
    """A platform's consent page: what the app asks for, where the person goes back to, and Allow /
    Cancel posting `decision` with the pending request to `action`."""
    target = html.escape(urllib.parse.urlsplit(redirect_uri).netloc)
    body = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body>
<h1>{html.escape(heading)}</h1>
<p>{html.escape(promise)}</p>
<p>You will be sent back to {target}.</p>
<form method="post" action="{html.escape(action)}">
<input type="hidden" name="request" value="{html.escape(pending)}">
<button type="submit" name="decision" value="deny">Cancel</button>
<button type="submit" name="decision" value="allow">Allow</button>
</form>
</body></html>"""
    return FakeAnswer(200, body.encode(), {"Content-Type": "text/html; charset=utf-8"})
