"""The sample events in events/ are real inputs: they parse and drive the handlers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.publisher import EventPublisher
from functions.event_relay.handler import relay

EVENTS = Path(__file__).resolve().parents[3] / "events"


class Recorder(EventPublisher):
    def __init__(self) -> None:
        self.events: list[DomainEvent] = []

    def publish(self, events: Sequence[DomainEvent]) -> list[str]:
        self.events += events
        return []


def test_every_domain_sample_parses_into_the_envelope() -> None:
    samples = sorted((EVENTS / "domain").glob("*.json"))
    assert len(samples) >= 6
    for path in samples:
        event = DomainEvent.from_eventbridge(json.loads(path.read_text()))
        # A detail type may have several samples: LeadStageChanged.won.json, LeadStageChanged.reopened.json
        assert event.detail_type == path.name.split(".")[0]
        assert event.tenant_id and event.event_id


def test_stream_sample_relays_its_outbox_event() -> None:
    trigger = json.loads((EVENTS / "triggers" / "dynamodb_stream_outbox_insert.json").read_text())
    recorder = Recorder()
    assert relay(trigger, recorder) == {"batchItemFailures": []}
    assert [e.detail_type for e in recorder.events] == ["LeadCreated"]
    assert recorder.events[0].data["lead"]["attribution"]["gclid"] == "Cj0KCQ-sample"


def test_sqs_sample_carries_an_eventbridge_event() -> None:
    trigger = json.loads((EVENTS / "triggers" / "sqs_audit_log_batch.json").read_text())
    event = DomainEvent.from_eventbridge(json.loads(trigger["Records"][0]["body"]))
    assert event.detail_type == "LeadCreated"
