"""The domain event envelope every publisher and consumer shares.

A plain dataclass: the outbox relay and the queue consumers read it at every cold start, and they
need no validation library to do so.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from convertly.platform.clock import iso, new_id


def _json_default(value: Any) -> Any:
    """How values that JSON lacks travel in a detail: Decimals as strings (no float rounding)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


@dataclass(kw_only=True)
class DomainEvent:
    """A fact that happened in a tenant. `event_id` makes every consumer idempotent."""

    detail_type: str
    tenant_id: str
    event_id: str = field(default_factory=new_id)
    occurred_at: str = field(default_factory=iso)
    actor_id: str | None = None
    subject_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def detail(self) -> dict[str, Any]:
        """The EventBridge `detail`: every field but the detail type, as JSON types."""
        detail = asdict(self)
        del detail["detail_type"]
        loaded: dict[str, Any] = json.loads(json.dumps(detail, default=_json_default))
        return loaded

    def detail_json(self) -> str:
        return json.dumps(self.detail(), separators=(",", ":"))

    @classmethod
    def from_detail(cls, detail_type: str, detail: dict[str, Any]) -> DomainEvent:
        """The envelope from a detail; fields this version does not know are ignored."""
        known = {f.name for f in fields(cls)} - {"detail_type"}
        return cls(detail_type=detail_type, **{k: v for k, v in detail.items() if k in known})

    @classmethod
    def from_eventbridge(cls, event: dict[str, Any]) -> DomainEvent:
        """Parse an EventBridge event (as delivered through SQS) back into the envelope."""
        return cls.from_detail(event["detail-type"], event["detail"])
