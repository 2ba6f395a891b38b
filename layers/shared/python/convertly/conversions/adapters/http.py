"""JSON over HTTP with the standard library: the one transport the ad platform clients share.

A small port so tests and the bench can count or replace it; the default speaks urllib with a timeout.
Nothing here logs a URL or a body: both may carry tokens.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


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


class UrllibHttpClient(HttpClient):
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
        request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
                return HttpResponse(answer.status, answer.read(), _lower(answer.headers.items()))
        except urllib.error.HTTPError as error:
            with error:
                return HttpResponse(error.code, error.read(), _lower(error.headers.items()))
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise TransportError(type(error).__name__) from None


def _lower(items: Any) -> dict[str, str]:
    return {str(name).lower(): str(value) for name, value in items}


def json_body(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode("utf-8")
