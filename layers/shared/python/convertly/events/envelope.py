"""The domain event envelope every publisher and consumer shares."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from convertly.clock import iso, new_id


class DomainEvent(BaseModel):
    """A fact that happened in a tenant. `event_id` makes every consumer idempotent."""

    detail_type: str
    tenant_id: str
    event_id: str = Field(default_factory=new_id)
    occurred_at: str = Field(default_factory=iso)
    actor_id: str | None = None
    subject_id: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)

    def detail_json(self) -> str:
        return json.dumps(self.model_dump(mode="json", exclude={"detail_type"}), separators=(",", ":"))

    @classmethod
    def from_eventbridge(cls, event: dict[str, Any]) -> DomainEvent:
        """Parse an EventBridge event (as delivered through SQS) back into the envelope."""
        return cls(detail_type=event["detail-type"], **event["detail"])
