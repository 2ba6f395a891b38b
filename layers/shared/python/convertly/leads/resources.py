"""The leads capability's AWS resources: the lead API and the sorts backfill."""

from __future__ import annotations

from convertly.platform.specs import FunctionSpec

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec("leads", "Lead CRUD, search, notes", "readwrite"),
    # Run by hand after the release that brought the list's sorts (docs/data-model.md): gives existing
    # leads their sort keys, a page at a time, and says where each tenant not done stopped.
    FunctionSpec(
        "leads_sort_backfill",
        "Gives leads from before the list's sorts their sort keys (resumable)",
        "readwrite",
        lists_tenants=True,
        timeout_seconds=900,
        run_by_hand=True,
    ),
)
