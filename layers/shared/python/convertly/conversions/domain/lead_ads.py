"""What Meta's Lead Ads webhook answers.

Apart from convertly.conversions.domain.conversions, so the webhook function, which validates no
request, imports one small shape for its OpenAPI entry rather than the settings models.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from convertly.platform.domain import DomainModel


class MetaWebhookReceipt(DomainModel):
    """POST /webhooks/meta: the notification was taken, and what became of its leads."""

    received: Literal[True]
    results: dict[str, int] = Field(
        description="how many of the notified leads ended each way: created, duplicate, unknown_page, "
        "not_configured, refused (only the outcomes that occurred)"
    )
