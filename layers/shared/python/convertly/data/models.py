"""PynamoDB models: one table, one subclass per entity, told apart by the `type` discriminator.

docs/data-model.md lists every access pattern and the key or index that serves it.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    DiscriminatorAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from convertly.config import get_settings

_settings = get_settings()


class _IndexMeta:
    projection = AllProjection()


class GSI1(GlobalSecondaryIndex[Any]):
    """All live (or all deleted) leads of a tenant by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI1"

    GSI1PK = UnicodeAttribute(hash_key=True)
    GSI1SK = UnicodeAttribute(range_key=True)


class GSI2(GlobalSecondaryIndex[Any]):
    """Leads of a tenant in one stage by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI2"

    GSI2PK = UnicodeAttribute(hash_key=True)
    GSI2SK = UnicodeAttribute(range_key=True)


class GSI3(GlobalSecondaryIndex[Any]):
    """Leads of a tenant assigned to one owner by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI3"

    GSI3PK = UnicodeAttribute(hash_key=True)
    GSI3SK = UnicodeAttribute(range_key=True)


class GSI4(GlobalSecondaryIndex[Any]):
    """Leads of a tenant from one source by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI4"

    GSI4PK = UnicodeAttribute(hash_key=True)
    GSI4SK = UnicodeAttribute(range_key=True)


class Item(Model):
    """The single table. Subclasses are the entities."""

    class Meta:
        table_name = _settings.table_name
        region = _settings.aws_region
        host = _settings.aws_endpoint_url

    PK = UnicodeAttribute(hash_key=True)
    SK = UnicodeAttribute(range_key=True)
    type = DiscriminatorAttribute()
    GSI1PK = UnicodeAttribute(null=True)
    GSI1SK = UnicodeAttribute(null=True)
    GSI2PK = UnicodeAttribute(null=True)
    GSI2SK = UnicodeAttribute(null=True)
    GSI3PK = UnicodeAttribute(null=True)
    GSI3SK = UnicodeAttribute(null=True)
    GSI4PK = UnicodeAttribute(null=True)
    GSI4SK = UnicodeAttribute(null=True)
    expires_at = TTLAttribute(null=True)

    gsi1 = GSI1()
    gsi2 = GSI2()
    gsi3 = GSI3()
    gsi4 = GSI4()


class TenantItem(Item, discriminator="Tenant"):
    tenant_id = UnicodeAttribute()
    name = UnicodeAttribute()
    currency = UnicodeAttribute(default="USD")
    timezone = UnicodeAttribute(default="UTC")
    country = UnicodeAttribute(default="US")
    created_at = UnicodeAttribute()


class UserItem(Item, discriminator="User"):
    user_id = UnicodeAttribute()
    email = UnicodeAttribute()
    name = UnicodeAttribute()
    role = UnicodeAttribute()
    status = UnicodeAttribute(default="active")
    created_at = UnicodeAttribute()


class PipelineItem(Item, discriminator="Pipeline"):
    pipeline_id = UnicodeAttribute()
    name = UnicodeAttribute()
    position = NumberAttribute(default=0)
    is_default = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()


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


class AttributionMap(MapAttribute[str, Any]):
    """Ad click ids, UTMs, landing page and referrer as captured; free-form keys, string values."""


class LeadItem(Item, discriminator="Lead"):
    lead_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    first_name = UnicodeAttribute(default="")
    last_name = UnicodeAttribute(default="")
    email = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    company = UnicodeAttribute(null=True)
    value = NumberAttribute(default=0)
    currency = UnicodeAttribute(default="USD")
    owner_id = UnicodeAttribute(null=True)
    source = UnicodeAttribute(default="manual")
    tags = ListAttribute(of=UnicodeAttribute, default=list)
    custom_fields = MapAttribute(default=dict)  # type: ignore[var-annotated]
    attribution = MapAttribute(default=dict)  # type: ignore[var-annotated]
    pipeline_id = UnicodeAttribute()
    stage_id = UnicodeAttribute()
    stage_entered_at = UnicodeAttribute()
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    deleted_at = UnicodeAttribute(null=True)
    search_terms = ListAttribute(of=UnicodeAttribute, default=list)
    version = VersionAttribute()


class NoteItem(Item, discriminator="Note"):
    note_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    body = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_name = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class StageHistoryItem(Item, discriminator="StageHistory"):
    history_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    from_stage_id = UnicodeAttribute(null=True)
    to_stage_id = UnicodeAttribute()
    changed_by = UnicodeAttribute()
    changed_at = UnicodeAttribute()
    seconds_in_previous = NumberAttribute(null=True)


class SearchItem(Item, discriminator="Search"):
    """One normalised search term (name, email, phone digits) pointing at a lead; prefix queries on
    the sort key serve search without reading any lead that does not match. `terms` lists all the
    lead's terms, so a query whose prefix matches several of them returns the lead once, at the
    first (see data.leads.search_lead_ids)."""

    lead_id = UnicodeAttribute()
    terms = ListAttribute(of=UnicodeAttribute, null=True)


class OutboxEventItem(Item, discriminator="OutboxEvent"):
    """A domain event written in the same transaction as the change it describes; the table stream
    hands it to the relay, which publishes it to the bus. Expires after a day."""

    event_id = UnicodeAttribute()
    detail_type = UnicodeAttribute()
    detail = UnicodeAttribute()  # JSON


class AuditEntryItem(Item, discriminator="AuditEntry"):
    event_id = UnicodeAttribute()
    detail_type = UnicodeAttribute()
    occurred_at = UnicodeAttribute()
    actor_id = UnicodeAttribute(null=True)
    subject_id = UnicodeAttribute(null=True)
    summary = UnicodeAttribute()
