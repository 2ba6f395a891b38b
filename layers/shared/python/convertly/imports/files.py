"""Where an import's files live in the uploads bucket (S3 keys, not table keys: the tenant is their
second segment, under the prefix the bucket announces to the runner)."""

from __future__ import annotations


def object_key(tenant_id: str, import_id: str, name: str) -> str:
    """Where an import's files live in the uploads bucket: `source` (as uploaded), `rows.csv` (the
    normalised UTF-8 CSV the run reads), `problems.csv` (the failed and skipped rows)."""
    return f"imports/{tenant_id}/{import_id}/{name}"
