"""Cursor paging: an opaque cursor over a query's last key, checked against the query it belongs to."""

from __future__ import annotations

import base64
import binascii
import json

from convertly.platform.errors import BadRequestError


def encode_cursor(key: dict[str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, expected: dict[str, str]) -> dict[str, str]:
    """Decode a cursor and check it belongs to this very query (tenant, index and partition)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error) as error:
        raise BadRequestError(
            "The cursor is not valid", code="invalid_cursor", fields={"cursor": "invalid"}
        ) from error
    if not isinstance(key, dict) or any(key.get(name) != value for name, value in expected.items()):
        raise BadRequestError("The cursor is not valid", code="invalid_cursor", fields={"cursor": "invalid"})
    if not all(isinstance(v, str) for v in key.values()):
        raise BadRequestError("The cursor is not valid", code="invalid_cursor", fields={"cursor": "invalid"})
    return key


def dynamo_key(key: dict[str, str]) -> dict[str, dict[str, str]]:
    return {name: {"S": value} for name, value in key.items()}
