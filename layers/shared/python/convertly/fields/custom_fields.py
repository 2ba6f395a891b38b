"""Settings > Custom fields: read and save the ordered definitions of an object type."""

from __future__ import annotations

from convertly.fields import definitions as store
from convertly.fields.domain import CustomFields, CustomFieldsSave
from convertly.platform.principal import Principal


def get_custom_fields(principal: Principal, object_type: str) -> CustomFields:
    """The definitions in their order (none saved yet: an empty list at version 0)."""
    item = store.load_item(principal.tenant_id, object_type, consistent=True)
    return CustomFields.model_validate(store.listing(object_type, item))


def save_custom_fields(principal: Principal, object_type: str, request: CustomFieldsSave) -> CustomFields:
    """Replace the whole ordered list if `version` is current (409 `stale_version` with the current
    list otherwise). A field left out is deleted: records keep its values."""
    proposed = [draft.model_dump() for draft in request.fields]
    saved = store.save_definitions(
        principal.tenant_id, object_type, proposed, request.version, principal.user_id
    )
    return CustomFields.model_validate(saved)
