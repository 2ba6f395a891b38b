"""What the AI unit tests share: one lead's facts, changed as a test needs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from convertly.ai.features import LeadFacts

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def facts(**changes: object) -> LeadFacts:
    base = LeadFacts(
        lead_id="L1",
        created_at=NOW - timedelta(days=20),
        as_of=NOW,
        source="google_ads",
        source_label="Google Ads",
        campaign="hail-2026",
        form_id="F1",
        form_label="Roof inspection",
        value=2_500,
        first_response_minutes=4.2,
        activity_count=3,
        last_activity_at=NOW - timedelta(days=9),
        stage_id="S-qualified",
        stage_label="Qualified",
        stage_position=0.5,
        stage_entered_at=NOW - timedelta(days=12),
        touch_count=3,
        email_kind="business",
        has_name=True,
        has_phone=True,
        has_company=False,
    )
    return replace(base, **changes)  # type: ignore[arg-type]
