"""Which web pages may post to a form: the form's allowed domains, and the API's own hosted page."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

ALLOW_METHODS = "GET, POST, OPTIONS"
ALLOW_HEADERS = "Content-Type, Idempotency-Key"
MAX_AGE_SECONDS = 600


def _matches(entry: str, host: str, port: int | None) -> bool:
    name, _, wanted_port = entry.partition(":")
    if wanted_port and (port is None or int(wanted_port) != port):
        return False
    if name.startswith("*."):
        return host.endswith(name[1:])
    return host == name


def origin_allowed(origin: str | None, allowed_domains: Sequence[str], own_host: str | None = None) -> bool:
    """Whether a page at `origin` may use the form.

    An entry `example.com` allows that host on any port, `*.example.com` its subdomains (not the
    apex), `localhost:8080` that host and port only. The API's own host is always allowed: the hosted
    page posts to itself. `null` (sandboxed frames, privacy redirects) is never allowed.
    """
    if not origin or origin == "null":
        return False
    try:
        parts = urlsplit(origin)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    if own_host and parts.netloc.lower() == own_host.lower():
        return True
    return any(_matches(entry, host, port) for entry in allowed_domains)


def cors_headers(origin: str, *, preflight: bool = False) -> dict[str, str]:
    """The headers that let the page at `origin` read the answer (and, for a preflight, send)."""
    headers = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    if preflight:
        headers |= {
            "Access-Control-Allow-Methods": ALLOW_METHODS,
            "Access-Control-Allow-Headers": ALLOW_HEADERS,
            "Access-Control-Max-Age": str(MAX_AGE_SECONDS),
        }
    return headers
