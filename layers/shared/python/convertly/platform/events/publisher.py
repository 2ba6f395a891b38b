"""The event publisher port and its EventBridge adapter."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

from convertly.platform.aws_clients import aws_client
from convertly.platform.config import get_settings
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.names import EVENT_SOURCE

PUT_EVENTS_MAX_ENTRIES = 10


class EventPublisher(ABC):
    @abstractmethod
    def publish(self, events: Sequence[DomainEvent]) -> list[str]:
        """Publish the events; return the ids of those the bus did not accept."""


class EventBridgePublisher(EventPublisher):
    """PutEvents to the custom bus, ten entries a call (the API's limit)."""

    def __init__(self, client: Any = None, bus_name: str | None = None):
        settings = get_settings()
        self._client = client or aws_client("events")
        self._bus = bus_name or settings.event_bus_name

    def publish(self, events: Sequence[DomainEvent]) -> list[str]:
        failed: list[str] = []
        for start in range(0, len(events), PUT_EVENTS_MAX_ENTRIES):
            chunk = events[start : start + PUT_EVENTS_MAX_ENTRIES]
            response = self._client.put_events(
                Entries=[
                    {
                        "Source": EVENT_SOURCE,
                        "DetailType": event.detail_type,
                        "Detail": event.detail_json(),
                        "EventBusName": self._bus,
                    }
                    for event in chunk
                ]
            )
            if response.get("FailedEntryCount"):
                failed += [
                    e.event_id for e, r in zip(chunk, response["Entries"], strict=True) if r.get("ErrorCode")
                ]
        return failed
