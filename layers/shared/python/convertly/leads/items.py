"""The leads capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from convertly.platform.store.items import Item


class LeadItem(Item, discriminator="Lead"):
    lead_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    first_name = UnicodeAttribute(default="")
    last_name = UnicodeAttribute(default="")
    email = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    country = UnicodeAttribute(null=True)  # ISO 3166 alpha-2: the region of a local phone number
    company = UnicodeAttribute(null=True)
    # The person: name, email, phone, country and company above are copies of the contact's.
    contact_id = UnicodeAttribute(null=True)
    company_id = UnicodeAttribute(null=True)
    value = NumberAttribute(default=0)
    currency = UnicodeAttribute(default="USD")
    close_date = UnicodeAttribute(null=True)  # YYYY-MM-DD: when the lead is expected to close
    owner_id = UnicodeAttribute(null=True)
    source = UnicodeAttribute(default="manual")
    tags = ListAttribute(of=UnicodeAttribute, default=list)
    custom_fields = MapAttribute(default=dict)  # type: ignore[var-annotated]
    attribution = MapAttribute(default=dict)  # type: ignore[var-annotated]
    # The most recent form touch (`attribution` is the first) and how many form submissions reached it.
    last_touch = MapAttribute(null=True)  # type: ignore[var-annotated]
    touch_count = NumberAttribute(null=True)
    pipeline_id = UnicodeAttribute()
    stage_id = UnicodeAttribute()
    stage_entered_at = UnicodeAttribute()
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    deleted_at = UnicodeAttribute(null=True)
    search_terms = ListAttribute(of=UnicodeAttribute, default=list)
    version = VersionAttribute()
    # Captured by a public form while the tenant was over its monthly lead limit (kept, never dropped).
    over_limit = BooleanAttribute(null=True)
    # Why it was lost, set by a move to a lost stage and removed by a move to any other kind of stage.
    lost_reason = UnicodeAttribute(null=True)


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
    # As they were at the move, so the timeline reads right after a rename or a deletion.
    from_stage_name = UnicodeAttribute(null=True)
    to_stage_name = UnicodeAttribute(null=True)
    changed_by_name = UnicodeAttribute(null=True)
    # A move to a lost stage: the reason chosen and the mover's note.
    lost_reason = UnicodeAttribute(null=True)
    lost_note = UnicodeAttribute(null=True)
    event_id = UnicodeAttribute(null=True)  # the move's LeadStageChanged, for the notifications it caused


class SearchItem(Item, discriminator="Search"):
    """One normalised search term (name, email, phone digits) pointing at a lead; prefix queries on
    the sort key serve search without reading any lead that does not match. `terms` lists all the
    lead's terms, so a query whose prefix matches several of them returns the lead once, at the
    first (see data.leads.search_lead_ids)."""

    lead_id = UnicodeAttribute()
    terms = ListAttribute(of=UnicodeAttribute, null=True)
