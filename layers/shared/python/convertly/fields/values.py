"""Custom values: tenant-wide named values that templates read as `{{custom_values.<key>}}`.

A value's key is unique in its tenant under races too: each value's transaction puts a claim item
for its key only if no claim exists (`KEY#<key>`), and moves the claim when the key changes.
"""

from __future__ import annotations

from typing import Any

from convertly.fields import keys
from convertly.fields.domain import CustomValue, CustomValueCreate, CustomValueList, CustomValueUpdate
from convertly.fields.items import CustomValueItem, CustomValueKeyItem
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import ConflictError, NotFoundError
from convertly.platform.principal import Principal
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

MAX_ID = 64


def placeholder(key: str) -> str:
    return "{{custom_values." + key + "}}"


def value_fields(item: CustomValueItem) -> dict[str, Any]:
    return {
        "value_id": item.value_id,
        "key": item.key,
        "name": item.name,
        "value": item.value or "",
        "placeholder": placeholder(item.key),
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "version": int(item.version or 0),
    }


def _to_value(item: CustomValueItem) -> CustomValue:
    return CustomValue(**value_fields(item))


def _get(tenant_id: str, value_id: str) -> CustomValueItem | None:
    if not value_id or len(value_id) > MAX_ID:  # no value has such an id (and a key has a size limit)
        return None
    try:
        return CustomValueItem.get(
            keys.custom_values(tenant_id), keys.value_sk(value_id), consistent_read=True
        )
    except CustomValueItem.DoesNotExist:
        return None


def _found(tenant_id: str, value_id: str) -> CustomValueItem:
    item = _get(tenant_id, value_id)
    if item is None:
        raise NotFoundError("No such custom value", code="custom_value_not_found")
    return item


def _claim(tenant_id: str, key: str, value_id: str) -> CustomValueKeyItem:
    return CustomValueKeyItem(keys.custom_values(tenant_id), keys.value_key_sk(key), value_id=value_id)


def _key_taken(key: str) -> ConflictError:
    return ConflictError(
        f"Another custom value already has the key {key}", code="key_taken", fields={"key": "already taken"}
    )


def _stale(current: CustomValueItem | None) -> ConflictError:
    return ConflictError(
        "Someone else changed this custom value: reload it",
        code="stale_version",
        details={"custom_value": value_fields(current)} if current is not None else None,
    )


def list_values(principal: Principal) -> CustomValueList:
    """Every custom value of the tenant by key: one Query of its partition (values only)."""
    found = CustomValueItem.query(
        keys.custom_values(principal.tenant_id), CustomValueItem.SK.startswith(keys.VALUE_PREFIX)
    )
    return CustomValueList(items=sorted((_to_value(i) for i in found), key=lambda v: v.key))


def create_value(principal: Principal, request: CustomValueCreate) -> CustomValue:
    at, value_id = iso(), new_id()
    item = CustomValueItem(
        keys.custom_values(principal.tenant_id),
        keys.value_sk(value_id),
        value_id=value_id,
        key=request.key,
        name=request.name,
        value=request.value,
        created_at=at,
        created_by=principal.user_id,
        updated_at=at,
    )
    tx = Transaction()
    tx.put("value", item, CustomValueItem.PK.does_not_exist())
    tx.put(
        "claim", _claim(principal.tenant_id, request.key, value_id), CustomValueKeyItem.PK.does_not_exist()
    )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise _key_taken(request.key) from error
    return _to_value(item)


def update_value(principal: Principal, value_id: str, request: CustomValueUpdate) -> CustomValue:
    """Apply the given changes if `version` is current; a new key moves the claim in the same write."""
    tenant = principal.tenant_id
    item = _found(tenant, value_id)
    if request.version != item.version:
        raise _stale(item)
    old_key = item.key
    changes = request.model_dump(exclude_unset=True, exclude={"version"})
    changes = {name: value for name, value in changes.items() if value is not None}
    if all(getattr(item, name) == value for name, value in changes.items()):
        return _to_value(item)
    for name, value in changes.items():
        setattr(item, name, value)
    item.updated_at = iso()
    tx = Transaction()
    tx.put("value", item)  # the version condition makes a concurrent edit a 409
    if item.key != old_key:
        tx.delete("old_claim", _claim(tenant, old_key, value_id), CustomValueKeyItem.value_id == value_id)
        tx.put("claim", _claim(tenant, item.key, value_id), CustomValueKeyItem.PK.does_not_exist())
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "claim" in error.failed:
            raise _key_taken(item.key) from error
        raise _stale(_get(tenant, value_id)) from error
    return _to_value(item)


def delete_value(principal: Principal, value_id: str) -> CustomValue:
    """Delete the value and free its key; answers what was deleted."""
    item = _found(principal.tenant_id, value_id)
    tx = Transaction()
    tx.delete("value", Item(item.PK, item.SK), Item.PK.exists())  # no version: a delete wins over an edit
    tx.delete(
        "claim", _claim(principal.tenant_id, item.key, value_id), CustomValueKeyItem.value_id == value_id
    )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "value" in error.failed:  # deleted meanwhile: already done
            return _to_value(item)
        raise _stale(_get(principal.tenant_id, value_id)) from error  # its key changed meanwhile
    return _to_value(item)
