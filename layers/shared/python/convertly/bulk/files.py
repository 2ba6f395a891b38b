"""Where an export's file lives in the uploads bucket (outside the imports prefix: S3 announces
nothing for it)."""

from __future__ import annotations


def export_key(tenant_id: str, bulk_id: str, part: int | None = None) -> str:
    """An export's file in the uploads bucket (outside the imports prefix: no notification)."""
    if part is None:
        return f"exports/{tenant_id}/{bulk_id}.csv"
    return f"exports/{tenant_id}/{bulk_id}/part-{part:06d}.csv"
