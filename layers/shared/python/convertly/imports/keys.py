"""Keys of the imports capability's items; every partition key starts with the tenant."""

from __future__ import annotations

IMPORT_SK = "IMPORT"


def imports(tenant_id: str) -> str:
    """The tenant's imports and mapping templates, one partition: the Imports page reads a page of it."""
    return f"T#{tenant_id}#IMPORTS"


def import_sk(import_id: str) -> str:
    # Import ids are time-ordered, so the partition lists the newest first when read backwards.
    return f"IMPORT#{import_id}"


def template_sk(template_id: str) -> str:
    return f"TEMPLATE#{template_id}"


def rows(tenant_id: str, import_id: str) -> str:
    """One import's row markers: what each row wrote, so a chunk delivered twice writes nothing twice
    and undo knows what the import created."""
    return f"T#{tenant_id}#IMPORT#{import_id}"


def row_sk(number: int) -> str:
    return f"ROW#{number:08d}"
