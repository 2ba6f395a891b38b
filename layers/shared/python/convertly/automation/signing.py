"""Webhook signatures, both ways: `Convertly-Signature: t=<unix time>,v1=<hex HMAC-SHA256>`.

The signed text is `"<t>.<raw body>"`, the key the secret's text, as Stripe signs its webhooks. While
a rotated secret's old value is still valid (24 hours), a signature is made with each and the header
carries one `v1` per secret; a receiver accepts the request when any `v1` matches one of its secrets
and `t` is within five minutes of its clock. Pure functions: no I/O, no clock of their own.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

SCHEME = "v1"
HEADER = "Convertly-Signature"
TOLERANCE_SECONDS = 300  # how far a signature's time may be from the receiver's clock
ROTATION_GRACE = timedelta(hours=24)  # how long a rotated secret's old value stays valid
SECRET_PREFIX = "cvsec_"  # noqa: S105 (a prefix, no secret)


class SignatureError(Exception):
    """A request whose signature does not hold; `reason` says why in a sentence."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def new_secret() -> str:
    """A signing secret: 256 random bits, with a prefix that says what it is."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of `"<timestamp>.<body>"` with the secret's text as the key."""
    signed = str(int(timestamp)).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def signature_header(secrets_in_use: Sequence[str], timestamp: int, body: bytes) -> str:
    """`t=<timestamp>,v1=<signature>` with one `v1` per secret (the current one first)."""
    parts = [f"t={int(timestamp)}"] + [f"{SCHEME}={sign(s, timestamp, body)}" for s in secrets_in_use]
    return ",".join(parts)


def parse_header(header: str | None) -> tuple[int, list[str]]:
    """The header's time and its `v1` signatures; other schemes are ignored."""
    if not header or not header.strip():
        raise SignatureError(f"The {HEADER} header is missing: sign each request (docs/automation.md)")
    timestamp: int | None = None
    found: list[str] = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t" and value.strip().isdigit():
            timestamp = int(value.strip())
        elif name == SCHEME and value.strip():
            found.append(value.strip().lower())
    if timestamp is None or not found:
        raise SignatureError(f"The {HEADER} header must read t=<unix time>,v1=<hex HMAC-SHA256>")
    return timestamp, found


def verify(
    header: str | None,
    body: bytes,
    secrets_in_use: Sequence[str],
    now: datetime,
    tolerance: int = TOLERANCE_SECONDS,
) -> int:
    """The signature's time when one of the header's signatures is the body's under one of the
    secrets and the time is within `tolerance` seconds of `now`; SignatureError otherwise.
    Signatures are compared in constant time."""
    timestamp, given = parse_header(header)
    if abs(now.timestamp() - timestamp) > tolerance:
        raise SignatureError(
            f"The signature's time (t={timestamp}) is more than {tolerance // 60} minutes from ours: "
            "sign each request when you send it, with a clock that is right"
        )
    expected = [sign(secret, timestamp, body) for secret in secrets_in_use]
    matched = False
    for signature in given:
        for candidate in expected:
            matched |= hmac.compare_digest(signature.encode("ascii", "replace"), candidate.encode("ascii"))
    if not matched:
        raise SignatureError(
            "The signature does not match the body: sign the exact bytes you send with the current secret"
        )
    return timestamp


@dataclass(frozen=True)
class SecretRing:
    """A secret and, for a day after a rotation, the value it replaced."""

    current: str
    previous: str | None = None
    previous_until: datetime | None = None

    def in_use(self, now: datetime) -> list[str]:
        """The secrets valid at `now`: the current one, then the previous one while it lasts."""
        keep = self.previous is not None and self.previous_until is not None and now < self.previous_until
        return [self.current, str(self.previous)] if keep else [self.current]
