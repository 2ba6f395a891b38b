"""The domain event envelope: what travels in an EventBridge detail and how it is read back."""

from __future__ import annotations

import json
from decimal import Decimal

from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.stream import event_from_stream_image


def test_detail_keeps_decimals_exact_and_round_trips() -> None:
    event = DomainEvent(
        detail_type="LeadStageChanged", tenant_id="t1", subject_id="l1", data={"value": Decimal("1250.10")}
    )
    detail = json.loads(event.detail_json())
    assert detail["data"]["value"] == "1250.10"
    assert "detail_type" not in detail
    back = DomainEvent.from_eventbridge({"detail-type": "LeadStageChanged", "detail": detail})
    assert (back.event_id, back.tenant_id, back.data) == (event.event_id, "t1", {"value": "1250.10"})


def test_fields_a_newer_publisher_adds_are_ignored() -> None:
    detail = {"tenant_id": "t1", "event_id": "e1", "occurred_at": "2026-01-01T00:00:00Z", "schema": 2}
    event = DomainEvent.from_eventbridge({"detail-type": "LeadCreated", "detail": detail})
    assert event.event_id == "e1" and event.detail_type == "LeadCreated"


def test_stream_image_of_an_outbox_item_becomes_the_event() -> None:
    event = DomainEvent(detail_type="LeadCreated", tenant_id="t9", data={"n": 1})
    image = {
        "type": {"S": "OutboxEvent"},
        "detail_type": {"S": "LeadCreated"},
        "detail": {"S": event.detail_json()},
    }
    assert event_from_stream_image(image) == event
