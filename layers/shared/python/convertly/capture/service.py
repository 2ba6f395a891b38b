"""What other capabilities may ask of capture: the touches (visits that reached us) kept in a lead's
partition, as a lead's timeline shows them.

The one door into capture from elsewhere (import-linter checks it).
"""

from __future__ import annotations

from typing import Any, TypeGuard

from convertly.capture.items import TouchItem
from convertly.platform.store.items import plain

Touch = TouchItem


def is_touch(item: object) -> TypeGuard[Touch]:
    return isinstance(item, TouchItem)


def touch_fields(item: Touch) -> dict[str, Any]:
    """A touch as a timeline entry shows it: when, which form and submission, where the visit came from."""
    return {
        "at": item.touched_at,
        "form_id": item.form_id,
        "submission_id": item.submission_id,
        "attribution": plain(item.attribution),
        "answers": [plain(answer) for answer in item.answers or []],
    }
