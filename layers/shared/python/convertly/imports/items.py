"""The imports capability's items on the single table."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from convertly.platform.store.items import Item


class ImportItem(Item, discriminator="Import"):
    """One import: the file as inspected, the mapping and options it ran with, where the run is (its
    checkpoint) and what it did. The run moves the checkpoint and adds a chunk's counts in one
    conditional write, so a chunk delivered twice counts once."""

    import_id = UnicodeAttribute()
    file_name = UnicodeAttribute()
    size_bytes = NumberAttribute(default=0)
    # awaiting_upload, inspecting, ready, rejected, queued, running, done, failed, cancelled,
    # undoing, undone
    status = UnicodeAttribute(default="awaiting_upload")
    problem_code = UnicodeAttribute(null=True)  # why a file was rejected, or a run stopped
    problem = UnicodeAttribute(null=True)  # the same, for a person
    format = UnicodeAttribute(null=True)  # csv or xlsx
    encoding = UnicodeAttribute(null=True)
    delimiter = UnicodeAttribute(null=True)
    header = ListAttribute(of=UnicodeAttribute, default=list)
    sample = ListAttribute(default=list)  # type: ignore[var-annotated]  # first rows, lists of cells
    rows_total = NumberAttribute(default=0)
    data_offset = NumberAttribute(default=0)  # where the normalised file's first data row starts
    mapping = ListAttribute(default=list)  # type: ignore[var-annotated]  # a target key (or "") per column
    options = MapAttribute(default=dict)  # type: ignore[var-annotated]
    template_id = UnicodeAttribute(null=True)
    # The checkpoint: the next chunk's number, byte offset and first row number.
    chunk = NumberAttribute(default=0)
    opened_chunk = NumberAttribute(null=True)  # the chunk last begun: begun again means a retry
    next_offset = NumberAttribute(default=0)
    next_row = NumberAttribute(default=2)
    cancel_requested = BooleanAttribute(default=False)
    rows_read = NumberAttribute(default=0)
    created = NumberAttribute(default=0)  # contacts created
    updated = NumberAttribute(default=0)  # contacts updated
    skipped = NumberAttribute(default=0)
    failed = NumberAttribute(default=0)
    leads_created = NumberAttribute(default=0)
    companies_created = NumberAttribute(default=0)
    over_limit = NumberAttribute(default=0)  # rows refused by the plan's monthly lead limit (in failed)
    problem_rows = NumberAttribute(default=0)  # rows in the problems file (failed + skipped)
    round_robin_next = NumberAttribute(default=0)  # where round robin resumes in the next chunk
    undone_contacts = NumberAttribute(default=0)
    undone_leads = NumberAttribute(default=0)
    undo_next_row = NumberAttribute(default=0)  # undo's checkpoint: the row marker it resumes after
    created_by = UnicodeAttribute()
    created_by_name = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    started_at = UnicodeAttribute(null=True)
    first_progress_at = UnicodeAttribute(null=True)
    finished_at = UnicodeAttribute(null=True)
    undone_at = UnicodeAttribute(null=True)
    undone_by = UnicodeAttribute(null=True)
    version = NumberAttribute(default=0)


class ImportRowItem(Item, discriminator="ImportRow"):
    """What one row of an import wrote, in the same transaction as the write: a redelivered chunk
    finds it and counts the row again without writing it again; undo reads what the rows created."""

    number = NumberAttribute()
    outcome = UnicodeAttribute()  # created or updated
    contact_id = UnicodeAttribute(null=True)
    lead_id = UnicodeAttribute(null=True)
    company_id = UnicodeAttribute(null=True)
    contact_created = BooleanAttribute(default=False)


class ImportTemplateItem(Item, discriminator="ImportTemplate"):
    """A saved mapping: header labels to targets, and the options, for the next file alike."""

    template_id = UnicodeAttribute()
    name = UnicodeAttribute()
    columns = MapAttribute(default=dict)  # type: ignore[var-annotated]  # normalised header -> target
    options = MapAttribute(default=dict)  # type: ignore[var-annotated]
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()


def as_plain(value: Any) -> Any:
    """A stored map or list as plain JSON values."""
    if hasattr(value, "as_dict"):
        return {k: as_plain(v) for k, v in value.as_dict().items()}
    if isinstance(value, dict):
        return {k: as_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_plain(v) for v in value]
    return value
