"""What other capabilities may ask of capture: the touches (visits that reached us) kept in a lead's
partition, as a lead's timeline shows them.

The one door into capture from elsewhere (import-linter checks it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeGuard

from convertly.capture import keys
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


def touch_dims(attribution: Mapping[str, Any]) -> tuple[str, str, str, str, str]:
    """Where a visit came from, as reports group it: the source channel, utm_medium, utm_campaign,
    utm_content (the ad) and the kind of ad click id it carried ("" where there is none)."""
    # Loaded here: the leads capability reads this module while it loads, and attribution reads leads.
    from convertly.capture.attribution import CLICK_IDS, stored_source

    platform = next((name for name in CLICK_IDS if attribution.get(name)), "")
    return (
        stored_source(attribution).value,
        _text(attribution.get("utm_medium")),
        _text(attribution.get("utm_campaign")),
        _text(attribution.get("utm_content")),
        platform,
    )


def _text(value: Any) -> str:
    return value.strip()[:200] if isinstance(value, str) else ""


def lead_touches(tenant_id: str, lead_id: str) -> list[Touch]:
    """The touches that reached one lead, oldest first (one Query of the lead's touch items)."""
    from convertly.leads.service import lead_key

    return list(TouchItem.query(lead_key(tenant_id, lead_id), TouchItem.SK.startswith(keys.TOUCH_PREFIX)))


def form_name(tenant_id: str, form_id: str) -> str | None:
    """A form's name (None when it is gone): one GetItem of the form's small attributes."""
    from convertly.capture.items import FormItem
    from convertly.platform.store import keys as platform_keys

    try:
        form = FormItem.get(
            platform_keys.tenant(tenant_id),
            keys.form_sk(form_id),
            attributes_to_get=["form_id", "name", "type"],
        )
    except FormItem.DoesNotExist:
        return None
    return str(form.name)
