"""Counts the AWS calls a piece of code makes, with each call's request and response.

Every boto3 and PynamoDB call ends in `botocore.client.BaseClient._make_api_call` (PynamoDB builds
its own botocore session, so per-client event hooks would miss it); wrapping that one method sees
them all. Only calls made in the context that opened the recording count: the thread that opened it,
and the threads that run work in a copy of its context (the board's parallel column queries, see
convertly.platform.concurrency). moto's server runs in threads of this process that start with an empty
context, and whatever it does must not be billed to the request.

The token verifier fetches the pool's JWKS with urllib, not botocore; those fetches are counted
separately so the output can show they happen once, at warm-up, and never inside a measured request.
"""

from __future__ import annotations

import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from botocore.client import BaseClient


class Probe(Protocol):
    """Looks at the stored state around a call, e.g. the items a write replaces."""

    def before(self, service: str, operation: str, params: dict[str, Any]) -> Any: ...

    def after(
        self, service: str, operation: str, params: dict[str, Any], response: dict[str, Any], state: Any
    ) -> Any: ...


@dataclass
class Call:
    service: str
    operation: str
    params: dict[str, Any]
    response: dict[str, Any]
    error: str | None = None
    observed: Any = None  # what the probe found (see bench.capacity.Observation)


@dataclass
class Recording:
    calls: list[Call] = field(default_factory=list)
    jwks_fetches: int = 0

    def by_operation(self) -> Counter[str]:
        return Counter(call.operation for call in self.calls)


class Meter:
    """Install once; then `with meter.recording() as rec:` collects the calls of that block."""

    def __init__(self, probe: Probe | None = None) -> None:
        self.probe = probe
        self._recording: ContextVar[Recording | None] = ContextVar(f"recording-{id(self)}", default=None)
        self._paused: ContextVar[int] = ContextVar(f"paused-{id(self)}", default=0)
        self._original_call: Callable[..., dict[str, Any]] | None = None
        self._original_open: Callable[..., Any] | None = None
        self.jwks_fetches = 0  # over the whole run, recorded or not

    def install(self) -> None:
        original_call = BaseClient._make_api_call
        original_open = urllib.request.OpenerDirector.open
        self._original_call, self._original_open = original_call, original_open
        meter = self

        def make_api_call(client: BaseClient, operation: str, params: dict[str, Any]) -> dict[str, Any]:
            return meter._on_call(client, operation, params, original_call)

        # PyJWT opens the JWKS URL with an opener of its own; every opener, urlopen's too, ends here.
        def open_url(opener: urllib.request.OpenerDirector, url: Any, *args: Any, **kwargs: Any) -> Any:
            target = url.full_url if isinstance(url, urllib.request.Request) else str(url)
            if target.endswith("/.well-known/jwks.json"):
                meter.jwks_fetches += 1
                recording = meter._active()
                if recording is not None:
                    recording.jwks_fetches += 1
            return original_open(opener, url, *args, **kwargs)

        BaseClient._make_api_call = make_api_call
        urllib.request.OpenerDirector.open = cast(Any, open_url)  # type: ignore[method-assign]

    def uninstall(self) -> None:
        if self._original_call is not None:
            BaseClient._make_api_call = self._original_call
        if self._original_open is not None:
            urllib.request.OpenerDirector.open = self._original_open  # type: ignore[method-assign]

    @contextmanager
    def recording(self) -> Iterator[Recording]:
        recording = Recording()
        token = self._recording.set(recording)
        try:
            yield recording
        finally:
            self._recording.reset(token)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Calls made inside are not recorded (the probe's own look-ups)."""
        token = self._paused.set(self._paused.get() + 1)
        try:
            yield
        finally:
            self._paused.reset(token)

    def _active(self) -> Recording | None:
        if self._paused.get():
            return None
        return self._recording.get()

    def _on_call(
        self,
        client: BaseClient,
        operation: str,
        params: dict[str, Any],
        original: Callable[..., dict[str, Any]],
    ) -> dict[str, Any]:
        recording = self._active()
        if recording is None:
            return original(client, operation, params)
        service = client.meta.service_model.service_name
        with self.paused():
            state = self.probe.before(service, operation, params) if self.probe else None
        call = Call(service, operation, params, {})
        recording.calls.append(call)
        try:
            call.response = original(client, operation, params)
        except Exception as error:
            call.error = type(error).__name__
            call.response = dict(getattr(error, "response", None) or {})
            raise
        finally:
            if self.probe:
                with self.paused():
                    call.observed = self.probe.after(service, operation, params, call.response, state)
        return call.response
