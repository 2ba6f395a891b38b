"""Outbox items as the table stream delivers them, read back into domain events.

Apart from convertly.platform.events.outbox so that the relay function imports no data models.
"""

from __future__ import annotations

import json
from typing import Any

from boto3.dynamodb.types import TypeDeserializer

from convertly.platform.events.envelope import DomainEvent

_deserializer = TypeDeserializer()


def event_from_stream_image(new_image: dict[str, Any]) -> DomainEvent:
    """Rebuild the event from an outbox item's stream NewImage (DynamoDB JSON)."""
    plain = {key: _deserializer.deserialize(value) for key, value in new_image.items()}
    return DomainEvent.from_detail(str(plain["detail_type"]), json.loads(str(plain["detail"])))
