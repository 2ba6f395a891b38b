"""JSON over HTTP: the one transport the ad platform clients share.

A small port so tests and the bench can count or replace it; the default is a pooled urllib3 client.
Nothing here logs a URL or a body: both may carry tokens.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import urllib3


class TransportError(Exception):
    """No answer: a timeout, a refused or reset connection. Always worth a retry."""


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)  # names in lower case

    def json(self) -> Any:
        """The body as JSON, or {} when it is not JSON (an HTML error page from a proxy, say)."""
        try:
            return json.loads(self.body or b"{}")
        except ValueError:
            return {}

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class HttpClient(ABC):
    @abstractmethod
    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        timeout: float,
    ) -> HttpResponse:
        """Send one request; an HTTP error status is a response, no answer is a TransportError."""


class PooledHttpClient(HttpClient):
    """urllib3 with one connection pool per host, kept for the warm container: a batch's requests to
    Google Ads or Meta reuse one TLS connection. A connection that fails before anything was sent is
    retried twice with jittered backoff; a request that may have reached the platform never is (the
    conversions queue retries it, with the same order_id / event_id the platform deduplicates)."""

    def __init__(self, pool: urllib3.PoolManager | None = None) -> None:
        self._pool = pool or shared_pool()

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        timeout: float,
    ) -> HttpResponse:
        if not url.startswith(("https://", "http://")):
            raise ValueError("only http(s) URLs are allowed")
        try:
            answer = self._pool.request(
                method,
                url,
                body=body,
                headers=dict(headers or {}),
                timeout=urllib3.Timeout(total=timeout),
                retries=_CONNECT_RETRIES,
                redirect=False,
                preload_content=True,
            )
        except urllib3.exceptions.HTTPError as error:
            raise TransportError(type(error).__name__) from None
        return HttpResponse(answer.status, answer.data, _lower(answer.headers.items()))


# Only failures to connect are retried here (nothing reached the platform); reads and statuses are not.
_CONNECT_RETRIES = urllib3.Retry(
    total=2,
    connect=2,
    read=0,
    status=0,
    other=0,
    backoff_factor=0.2,
    backoff_jitter=0.3,
    raise_on_status=False,
)
_POOL: urllib3.PoolManager | None = None


def shared_pool() -> urllib3.PoolManager:
    """The container's pool manager: up to 10 hosts, 4 kept-alive connections each."""
    global _POOL
    if _POOL is None:
        _POOL = urllib3.PoolManager(num_pools=10, maxsize=4, block=False)
    return _POOL


def _lower(items: Any) -> dict[str, str]:
    return {str(name).lower(): str(value) for name, value in items}


def json_body(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode("utf-8")
