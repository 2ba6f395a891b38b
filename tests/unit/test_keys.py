"""Tenant partitioning: every partition key and every GSI partition key starts with the tenant."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType
from typing import Any

import convertly
from convertly.leads import keys as leads_keys
from convertly.leads.items import LeadItem
from convertly.leads.store import apply_index_keys, stage_index_actions
from convertly.platform.clock import iso, new_id


def _keys_modules() -> list[ModuleType]:
    """Every capability's `keys` module, and the platform's: found by walking the package, so a new
    capability's keys are checked without a line here."""
    found = [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(convertly.__path__, "convertly.")
        if info.name.rsplit(".", 1)[-1] == "keys"
    ]
    return sorted(found, key=lambda module: module.__name__)


def test_every_capability_keeps_its_keys_in_a_keys_module() -> None:
    names = {module.__name__ for module in _keys_modules()}
    assert {"convertly.platform.store.keys", "convertly.leads.keys", "convertly.work.keys"} <= names
    assert len(names) >= 10


def test_every_partition_key_builder_starts_with_the_tenant() -> None:
    builders = [
        f
        for module in _keys_modules()
        for _, f in inspect.getmembers(module, inspect.isfunction)
        if f.__module__ == module.__name__ and "tenant_id" in inspect.signature(f).parameters
    ]
    assert len(builders) >= 25
    for builder in builders:
        args = {name: f"arg-{name}" for name in inspect.signature(builder).parameters}
        args["tenant_id"] = "acme"
        assert builder(**args).startswith("T#acme"), f"{builder.__module__}.{builder.__name__}"


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


def test_ids_sort_by_creation_time() -> None:
    ids = [new_id() for _ in range(50)]
    assert len(set(ids)) == 50 and all(len(i) == 26 for i in ids)
