"""The tenant's pipeline settings (Settings > Pipelines): the reasons a lead may be lost for, and
whether a lead may be won with a value of 0. One item; a save replaces it whole, so saving twice
stores the same thing."""

from __future__ import annotations

from convertly.pipelines import keys
from convertly.pipelines.domain.settings import PipelineSettings, PipelineSettingsUpdate
from convertly.pipelines.items import PipelineSettingsItem
from convertly.pipelines.store import SettingsRef, get_settings_item
from convertly.platform.clock import iso
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys


def to_settings(item: PipelineSettingsItem | None) -> PipelineSettings:
    ref = SettingsRef.of(item)
    return PipelineSettings(
        lost_reasons=list(ref.lost_reasons),
        allow_zero_value_wins=ref.allow_zero_value_wins,
        updated_at=item.updated_at if item is not None else None,
    )


def get_pipeline_settings(principal: Principal) -> PipelineSettings:
    return to_settings(get_settings_item(principal.tenant_id))


def save_pipeline_settings(principal: Principal, request: PipelineSettingsUpdate) -> PipelineSettings:
    """Replace the settings. A lead already lost for a reason no longer listed keeps it; the next move
    to a lost stage chooses from the new list."""
    item = PipelineSettingsItem(
        platform_keys.tenant(principal.tenant_id),
        keys.PIPELINE_SETTINGS_SK,
        lost_reasons=list(request.lost_reasons),
        allow_zero_value_wins=request.allow_zero_value_wins,
        updated_at=iso(),
        updated_by=principal.user_id,
    )
    item.save()
    return to_settings(item)
