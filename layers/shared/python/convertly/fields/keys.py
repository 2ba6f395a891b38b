"""Keys of the fields capability's items; every partition key starts with the tenant."""

from __future__ import annotations

VALUE_PREFIX = "VALUE#"
KEY_PREFIX = "KEY#"
TAG_PREFIX = "TAG#"


def field_definitions_sk(object_type: str) -> str:
    """In the tenant's partition: the ordered custom field definitions of one object type."""
    return f"FIELDS#{object_type}"


def custom_values(tenant_id: str) -> str:
    """The tenant's custom values and the claims on their keys."""
    return f"T#{tenant_id}#CVALUES"


def value_sk(value_id: str) -> str:
    return f"{VALUE_PREFIX}{value_id}"


def value_key_sk(key: str) -> str:
    """The claim that makes a custom value's key unique in its tenant."""
    return f"{KEY_PREFIX}{key}"


def tags(tenant_id: str) -> str:
    """The tag registry: each tag once, by its folded name."""
    return f"T#{tenant_id}#TAGS"


def tag_sk(folded: str) -> str:
    return f"{TAG_PREFIX}{folded}"


def tag_index(tenant_id: str, folded: str) -> str:
    """The tag index: one entry per record carrying the tag."""
    return f"T#{tenant_id}#TAG#{folded}"


def tag_entry_sk(object_type: str, record_id: str) -> str:
    return f"{object_type}#{record_id}"
