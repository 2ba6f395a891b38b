"""What other capabilities may ask of fields: a record's custom field values checked against their
definitions, the definitions themselves, and the tag writes that go in a record's transaction.

The one door into fields from elsewhere (import-linter checks it). Plain dicts and items, no API
shapes, so the contact, company and lead write paths load no Pydantic model for them.
"""

from __future__ import annotations

from convertly.fields import keys
from convertly.fields.definitions import OBJECT_TYPES, definitions, validate_custom_fields
from convertly.fields.items import CustomValueItem
from convertly.fields.tag_index import TAGGED_TYPES, records_with_tag, tag_id, tag_writes

__all__ = [
    "OBJECT_TYPES",
    "TAGGED_TYPES",
    "definitions",
    "records_with_tag",
    "retagged",
    "tag_id",
    "tag_writes",
    "validate_custom_fields",
    "values_by_key",
]


def values_by_key(tenant_id: str) -> dict[str, str]:
    """Every custom value of the tenant by its key (what templates merge as `{{custom_values.<key>}}`),
    one Query of its partition."""
    found = CustomValueItem.query(
        keys.custom_values(tenant_id), CustomValueItem.SK.startswith(keys.VALUE_PREFIX)
    )
    return {str(item.key): str(item.value or "") for item in found}


def retagged(old: list[str], tags: list[str], add: bool) -> list[str]:
    """A record's tags with `tags` added (those it lacks, in order) or taken off, without regard to
    case (a bulk action's, a workflow step's)."""
    if add:
        known = {t.casefold() for t in old}
        return [*old, *[t for t in tags if t.casefold() not in known]]
    gone = {t.casefold() for t in tags}
    return [t for t in old if t.casefold() not in gone]
