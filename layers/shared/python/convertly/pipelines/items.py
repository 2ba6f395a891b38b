"""The pipelines capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from convertly.platform.store.items import Item


class PipelineItem(Item, discriminator="Pipeline"):
    pipeline_id = UnicodeAttribute()
    name = UnicodeAttribute()
    position = NumberAttribute(default=0)
    is_default = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    # Whether the dashboard's pie and funnel charts include this pipeline.
    show_in_pie = BooleanAttribute(default=True)
    show_in_funnel = BooleanAttribute(default=True)
    # What the "Deal value" dialog offers when a lead of this pipeline is won with no value of its own.
    default_value = NumberAttribute(null=True)  # minor units


class PipelineSettingsItem(Item, discriminator="PipelineSettings"):
    """How the tenant's leads close: the reasons a lead may be lost for, and whether a lead may be won
    with a value of 0. Absent until first saved (the defaults apply)."""

    lost_reasons = ListAttribute(of=UnicodeAttribute, default=list)
    allow_zero_value_wins = BooleanAttribute(default=False)
    updated_at = UnicodeAttribute(null=True)
    updated_by = UnicodeAttribute(null=True)


class StageItem(Item, discriminator="Stage"):
    """A pipeline stage; its lead count and value are counters kept in the same transaction as each
    lead write, so boards and dashboards never read the leads to add them up."""

    pipeline_id = UnicodeAttribute()
    stage_id = UnicodeAttribute()
    name = UnicodeAttribute()
    position = NumberAttribute()
    kind = UnicodeAttribute(default="open")  # open | won | lost
    probability = NumberAttribute(default=0)
    lead_count = NumberAttribute(default=0)
    lead_value = NumberAttribute(default=0)
    # Whether the dashboard's pie and funnel charts include this stage.
    show_in_pie = BooleanAttribute(default=True)
    show_in_funnel = BooleanAttribute(default=True)
    # Set while the stage is being deleted: its leads are moving to `move_to`, and none may enter.
    move_to = UnicodeAttribute(null=True)
    deleting_by = UnicodeAttribute(null=True)
    deleting_by_name = UnicodeAttribute(null=True)


# Pipeline: aggregate counters and in-app notifications.
class OwnerStageCounterItem(Item, discriminator="OwnerStageCounter"):
    """One owner's live leads in one stage (count and value), moved in every lead transaction that
    changes them, so a Sales rep's board counts without reading leads."""

    owner_id = UnicodeAttribute(null=True)
    pipeline_id = UnicodeAttribute(null=True)
    stage_id = UnicodeAttribute(null=True)
    lead_count = NumberAttribute(default=0)
    lead_value = NumberAttribute(default=0)


class StageTransitionItem(Item, discriminator="StageTransition"):
    """How many leads went from one stage to another and the seconds they had spent in the first."""

    pipeline_id = UnicodeAttribute(null=True)
    from_stage_id = UnicodeAttribute(null=True)
    to_stage_id = UnicodeAttribute(null=True)
    lead_count = NumberAttribute(default=0)
    total_seconds = NumberAttribute(default=0)
