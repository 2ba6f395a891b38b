"""Due times: how the API reads them, and where an open item stands against now."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator

from convertly.platform.clock import iso, parse_iso

_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$")
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
FORMAT_HINT = "an ISO 8601 date-time with a time zone, like 2026-05-01T09:30:00Z"

QueueBucket = Literal["overdue", "today", "upcoming", "done"]


def parse_due(value: str) -> str:
    """An ISO 8601 date-time with a time zone, as UTC ISO with milliseconds (it sorts by time).

    A date without a time, a time without a zone, a day that does not exist or an epoch number are
    refused: a reminder must not fire at a time the user did not mean.
    """
    text = value.strip()
    if not _DATE_TIME.match(text):
        raise ValueError(f"must be {FORMAT_HINT}")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise ValueError("is not a real date and time") from error
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(f"must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}")
    return iso(moment)


DueTime = Annotated[str, AfterValidator(parse_due)]


def zone(name: str | None) -> ZoneInfo:
    """The IANA time zone `name` (UTC when absent); ValueError when there is no such zone."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError("is not an IANA time zone, like Europe/Berlin") from error


def queue_bucket(attention_at: str, now: datetime, tz: ZoneInfo) -> QueueBucket:
    """Overdue before now; today until the end of the viewer's day; upcoming after it."""
    moment = parse_iso(attention_at)
    if moment < now:
        return "overdue"
    local_now = now.astimezone(tz)
    end_of_day = local_now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return "today" if moment.astimezone(tz) < end_of_day else "upcoming"
