"""Cursor paging: an opaque cursor over a query's last key, checked against the query it belongs to."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pynamodb.expressions.condition import Condition

from convertly.platform.errors import BadRequestError, ValidationError


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


def query_page(
    source: Any,
    hash_key: str,
    *,
    limit: int,
    cursor: str | None,
    range_condition: Condition | None = None,
    filter_condition: Condition | None = None,
    forward: bool = False,
    index_keys: tuple[str, str] | None = None,
) -> tuple[list[Any], str | None]:
    """One page of a Query on the table or an index (`source`: a model class or a GSI), and the
    cursor of the next page, or None on the last.

    The cursor is the last item's key (with the index's keys when `index_keys` names them) and is
    checked to belong to this very partition. Without a filter every item read is returned, so the
    query reads exactly one past the page to know whether another page exists; a filter drops items
    after the read, so it reads more per request.
    """
    pk_name = index_keys[0] if index_keys else "PK"
    start = decode_cursor(cursor, {pk_name: hash_key}) if cursor else None
    results = source.query(
        hash_key,
        range_condition,
        filter_condition=filter_condition,
        scan_index_forward=forward,
        limit=limit + 1,
        page_size=limit + 1 if filter_condition is None else max(limit * 2, 25),
        last_evaluated_key=dynamo_key(start) if start else None,
    )
    items = list(results)
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    last = items[-1]
    key = {"PK": last.PK, "SK": last.SK}
    for name in index_keys or ():
        key[name] = getattr(last, name)
    return items, encode_cursor(key)


_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_EARLIEST, _LATEST = date(2000, 1, 1), date(2999, 12, 31)  # the days an id can name


def _id_prefix(day: date) -> str:
    """The first 10 characters of every id made on `day` from midnight UTC (ids are time-ordered:
    48 bits of milliseconds first, convertly.platform.clock.new_id)."""
    number, chars = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000), []
    for _ in range(10):
        number, digit = divmod(number, 32)
        chars.append(_ID_ALPHABET[digit])
    return "".join(reversed(chars))


def id_days(date_from: date | None, date_to: date | None, today: date) -> tuple[str, str]:
    """The id prefixes bounding the days from `date_from` (any day by default) to `date_to` (today by
    default), both included: a sort key `<kind>#<id>` between them was made on one of those days."""
    last = min(date_to or today, _LATEST)
    first = max(date_from or _EARLIEST, _EARLIEST)
    if first > last:
        raise ValidationError("The start is after the end", fields={"date_from": "must not be after date_to"})
    return _id_prefix(first), _id_prefix(last + timedelta(days=1))


def all_of(conditions: list[Condition]) -> Condition | None:
    """The conditions joined with AND; None for none."""
    joined: Condition | None = None
    for condition in conditions:
        joined = condition if joined is None else joined & condition
    return joined
