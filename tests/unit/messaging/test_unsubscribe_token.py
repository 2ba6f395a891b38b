"""Unsubscribe tokens: the tenant and the contact signed with the platform's key, so the link cannot be
forged or pointed at someone else; anything but an intact token of this key reads as no token. A token
is one URL-safe segment without a dot (no path reads it as a file's extension)."""

from __future__ import annotations

import base64
import re

import pytest

from convertly.messaging.unsubscribe import sign, verify

KEY = b"k" * 32


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _raw(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


def test_a_signed_token_names_its_tenant_and_contact() -> None:
    token = sign("01M96WHRABA9Z440WNZGQM34TJ", "01M96WHRABA9Z440WNZGQM34TK", KEY)

    assert verify(token, KEY) == ("01M96WHRABA9Z440WNZGQM34TJ", "01M96WHRABA9Z440WNZGQM34TK")
    assert re.fullmatch(r"[A-Za-z0-9_-]{40,100}", token)
    assert (
        sign("01M96WHRABA9Z440WNZGQM34TJ", "01M96WHRABA9Z440WNZGQM34TK", KEY) == token
    )  # same link each time


def test_a_token_pointed_at_another_contact_or_tenant_does_not_verify() -> None:
    signature = _raw(sign("T01", "C01", KEY))[-16:]

    assert verify(_b64(b"u1|T01|C02|" + signature), KEY) is None
    assert verify(_b64(b"u1|T02|C01|" + signature), KEY) is None


def test_a_token_of_another_key_does_not_verify() -> None:
    assert verify(sign("T01", "C01", b"another key"), KEY) is None


@pytest.mark.parametrize(
    "token",
    [
        "",
        "u1",
        "!!!!",
        _b64(b"u1|T01|C01|"),
        _b64(b"u2|T01|C01|" + b"A" * 16),
        _b64(b"u1|T01|" + b"A" * 16),
        "A" * 400,
    ],
)
def test_a_malformed_token_does_not_verify(token: str) -> None:
    assert verify(token, KEY) is None


def test_a_signature_altered_by_one_byte_does_not_verify() -> None:
    raw = bytearray(_raw(sign("T01", "C01", KEY)))
    raw[-1] ^= 1

    assert verify(_b64(bytes(raw)), KEY) is None
