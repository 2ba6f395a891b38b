"""A lead's index keys: tenant first, off the lists once deleted, sorted by creation or stage entry."""

from __future__ import annotations

from typing import Any

from convertly.leads import keys as leads_keys
from convertly.leads.items import LeadItem
from convertly.leads.store import apply_index_keys, stage_index_actions
from convertly.platform.clock import iso


def _lead(lead_id: str, **fields: Any) -> LeadItem:
    """A live lead of tenant acme in stage S, owned by U unless `owner_id=None`."""
    now = iso()
    values: dict[str, Any] = {
        "owner_id": "U",
        "created_at": now,
        "stage_entered_at": now,
        **fields,
    }
    return LeadItem(
        leads_keys.lead("acme", lead_id),
        leads_keys.LEAD_SK,
        lead_id=lead_id,
        tenant_id="acme",
        pipeline_id="P",
        stage_id="S",
        source="form",
        created_by="U",
        updated_at=now,
        **values,
    )


def test_lead_index_keys_start_with_the_tenant_and_leave_lists_when_deleted() -> None:
    lead = _lead("L1")
    apply_index_keys(lead)
    partition_keys = [lead.GSI1PK, lead.GSI2PK, lead.GSI3PK, lead.GSI4PK, lead.GSI5PK]
    assert all(pk and pk.startswith("T#acme#") for pk in partition_keys)
    assert lead.GSI5PK == "T#acme#OWNER#U#STAGE#S"
    lead.deleted_at = iso()
    apply_index_keys(lead)
    assert lead.GSI1PK == "T#acme#LEADS#DELETED"
    assert (lead.GSI2PK, lead.GSI3PK, lead.GSI4PK, lead.GSI5PK) == (None, None, None, None)


def test_an_unassigned_lead_is_on_no_owners_board() -> None:
    lead = _lead("L2", owner_id=None)
    apply_index_keys(lead)
    assert (lead.GSI3PK, lead.GSI5PK, lead.GSI5SK) == (None, None, None)
    assert lead.GSI2PK == "T#acme#STAGE#S"


def test_lists_sort_by_creation_and_board_columns_by_stage_entry() -> None:
    lead = _lead("L3", created_at="2026-01-05T10:00:00.000Z", stage_entered_at="2026-11-20T08:30:00.000Z")
    apply_index_keys(lead)
    assert lead.GSI1SK == lead.GSI3SK == lead.GSI4SK == "2026-01-05T10:00:00.000Z#L3"
    assert lead.GSI2SK == lead.GSI5SK == "2026-11-20T08:30:00.000Z#L3"
    # A move rewrites both column keys for the new stage and entry time
    moved = stage_index_actions("acme", "L3", "U", "S2", "2026-11-23T09:00:00.000Z")
    values = [action.values[1].value for action in moved]  # type: ignore[attr-defined]
    assert {"S": "T#acme#STAGE#S2"} in values and {"S": "T#acme#OWNER#U#STAGE#S2"} in values
    assert values.count({"S": "2026-11-23T09:00:00.000Z#L3"}) == 2
