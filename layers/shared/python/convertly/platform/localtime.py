"""Times as the person reading them keeps them: in their own time zone (their profile's), else their
account's, else UTC, with the zone named.

An abbreviation alone can mean two zones (PST is also Manila's, CST Chicago's and Shanghai's, IST
India's, Ireland's and Israel's) or be a bare offset ("+04"), so a time names its IANA zone beside it:
"Mon 7 Dec 2026, 9:00 AM PST (America/Los_Angeles)". UTC is named alone.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from convertly.platform.clock import parse_iso

_UTC = ZoneInfo("UTC")
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"})
# English whatever the process's locale (strftime's %a and %b follow it).
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def zone_or_none(name: str | None) -> ZoneInfo | None:
    """The IANA time zone `name`, or None when it is missing or no such zone exists."""
    key = (name or "").strip()
    if not key:
        return None
    try:
        return ZoneInfo(key)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return None


def recipient_zone(user_tz: str | None, tenant_tz: str | None) -> ZoneInfo:
    """The zone a person reads times in: their profile's, else their account's, else UTC (a name
    that is not a time zone counts as missing)."""
    return zone_or_none(user_tz) or zone_or_none(tenant_tz) or _UTC


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}{f':{rest:02d}' if rest else ''}"


def zone_label(local: datetime) -> str:
    """The zone of an aware local time as a reader tells it apart: "PST (America/Los_Angeles)",
    "UTC+4 (Asia/Dubai)" where the zone has only an offset, "UTC" for UTC."""
    key = getattr(local.tzinfo, "key", None)
    abbreviation = local.strftime("%Z")
    if key in _UTC_NAMES or (key is None and local.utcoffset() == timedelta()):
        return "UTC"
    if not abbreviation or abbreviation[0] in "+-" or abbreviation.startswith("UTC"):
        abbreviation = _offset(local.utcoffset())
    return f"{abbreviation} ({key})" if key and key != abbreviation else abbreviation


def format_local(moment: datetime | str, zone: ZoneInfo) -> str:
    """`moment` (an aware datetime or an ISO time; a naive one is UTC) in `zone`, with the zone named:
    "Mon 7 Dec 2026, 9:00 AM PST (America/Los_Angeles)"."""
    when = parse_iso(moment) if isinstance(moment, str) else moment
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    local = when.astimezone(zone)
    hour = local.hour % 12 or 12
    meridiem = "AM" if local.hour < 12 else "PM"
    day = f"{_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local.year}"
    return f"{day}, {hour}:{local.minute:02d} {meridiem} {zone_label(local)}"
