"""Custom field definitions: the ordered list per object type (one item each), the rules a saved list
keeps, and the check of a record's custom field values against it.

Domain-free (plain dicts, no API shapes): the contact, company and lead write paths call
`validate_custom_fields` through convertly.fields.service.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pynamodb.exceptions import PutError

from convertly.fields import keys
from convertly.fields.items import FieldDefinitionMap, FieldDefinitionsItem
from convertly.fields.normalise import WITH_OPTIONS, FieldValueError, is_empty, normalise
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import ConflictError, ValidationError
from convertly.platform.store import keys as platform_keys
from convertly.platform.terms import fold

OBJECT_TYPES: tuple[str, ...] = ("contact", "company", "lead")
MAX_FIELDS = 50  # a record holds at most 50 custom field values
MAX_OPTIONS = 100
CACHE_SECONDS = 30.0

Loader = Callable[[str, str], list[dict[str, Any]]]


def _check_type(object_type: str) -> None:
    if object_type not in OBJECT_TYPES:
        raise ValueError(f"custom fields are for {', '.join(OBJECT_TYPES)}, not {object_type!r}")


def to_plain(definition: FieldDefinitionMap) -> dict[str, Any]:
    """A stored definition as a plain dict (the API's FieldDefinition)."""
    return {
        "field_id": str(definition.field_id),
        "key": str(definition.key),
        "label": str(definition.label),
        "type": str(definition.type),
        "placeholder": definition.placeholder,
        "required": bool(definition.required),
        "options": [str(option) for option in definition.options or []],
    }


def load_item(tenant_id: str, object_type: str, *, consistent: bool = False) -> FieldDefinitionsItem | None:
    _check_type(object_type)
    try:
        return FieldDefinitionsItem.get(
            platform_keys.tenant(tenant_id),
            keys.field_definitions_sk(object_type),
            consistent_read=consistent,
        )
    except FieldDefinitionsItem.DoesNotExist:
        return None


def listing(object_type: str, item: FieldDefinitionsItem | None) -> dict[str, Any]:
    """The definitions of one object type as the API answers them; no item is an empty list, version 0."""
    return {
        "object_type": object_type,
        "fields": [to_plain(d) for d in (item.definitions or [])] if item is not None else [],
        "version": int(item.version or 0) if item is not None else 0,
        "updated_at": item.updated_at if item is not None else None,
    }


def _load_plain(tenant_id: str, object_type: str) -> list[dict[str, Any]]:
    return listing(object_type, load_item(tenant_id, object_type))["fields"]


class DefinitionCache:
    """Definitions per tenant and object type, kept `ttl` seconds in this process: a record's write
    reads them once per container per 30 s instead of on every write."""

    def __init__(
        self,
        loader: Loader = _load_plain,
        ttl: float = CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._loader = loader
        self._ttl = ttl
        self._clock = clock
        self._entries: dict[tuple[str, str], tuple[float, list[dict[str, Any]]]] = {}

    def get(self, tenant_id: str, object_type: str) -> list[dict[str, Any]]:
        now = self._clock()
        entry = self._entries.get((tenant_id, object_type))
        if entry is not None and now < entry[0]:
            return entry[1]
        found = self._loader(tenant_id, object_type)
        self._entries[(tenant_id, object_type)] = (now + self._ttl, found)
        return found

    def forget(self, tenant_id: str, object_type: str) -> None:
        self._entries.pop((tenant_id, object_type), None)

    def clear(self) -> None:
        self._entries.clear()


CACHE = DefinitionCache()


def definitions(tenant_id: str, object_type: str) -> list[dict[str, Any]]:
    """The object type's custom field definitions in their order, as plain dicts (field_id, key,
    label, type, placeholder, required, options); read through the process's 30 s cache."""
    _check_type(object_type)
    return [dict(d, options=list(d["options"])) for d in CACHE.get(tenant_id, object_type)]


def check_values(
    defined: list[dict[str, Any]], values: dict[str, Any], *, creating: bool
) -> tuple[dict[str, Any], dict[str, str]]:
    """`values` with each defined key normalised by its type (an emptied one left out), and the
    errors by `custom_fields.<key>`. Keys with no definition are kept as they are."""
    result = dict(values)
    errors: dict[str, str] = {}
    for definition in defined:
        key = definition["key"]
        if key not in values:
            if creating and definition["required"]:
                errors[f"custom_fields.{key}"] = f"{definition['label']} is required"
            continue
        if is_empty(values[key]):
            result.pop(key)
            if definition["required"]:
                errors[f"custom_fields.{key}"] = f"{definition['label']} is required"
            continue
        try:
            result[key] = normalise(definition, values[key])
        except FieldValueError as error:
            errors[f"custom_fields.{key}"] = str(error)
    return result, errors


def validate_custom_fields(
    tenant_id: str, object_type: str, values: dict[str, Any], *, creating: bool
) -> dict[str, Any]:
    """The record's custom field values checked against the object type's definitions and normalised
    by type (convertly.fields.normalise says how each type is stored); an emptied field is left out,
    keys with no definition are kept as they are. On `creating`, every required field must be filled.
    ValidationError names every bad field at once (`custom_fields.<key>`)."""
    _check_type(object_type)
    result, errors = check_values(CACHE.get(tenant_id, object_type), values, creating=creating)
    if errors:
        raise ValidationError("Some fields are not valid", fields=errors)
    return result


# Saving -------------------------------------------------------------------------------------------


def _check_options(index: int, definition: dict[str, Any]) -> dict[str, str]:
    name = f"fields.{index}.options"
    options = definition.get("options") or []
    if definition["type"] not in WITH_OPTIONS:
        return {name: "Only dropdown and multi-select fields take options"} if options else {}
    if not options:
        return {name: "Give at least one option"}
    if len(options) > MAX_OPTIONS:
        return {name: f"Give at most {MAX_OPTIONS} options"}
    seen: set[str] = set()
    for position, option in enumerate(options):
        folded = fold(str(option))
        if not folded:
            return {f"{name}.{position}": "An option cannot be empty"}
        if folded in seen:
            return {f"{name}.{position}": f"The option {option} is listed twice"}
        seen.add(folded)
    return {}


def _check_identity(index: int, definition: dict[str, Any], stored: dict[str, Any] | None) -> dict[str, str]:
    if definition.get("field_id") is None:
        return {}
    if stored is None:
        return {f"fields.{index}.field_id": "No such field: leave field_id out to add a new field"}
    if definition["key"] != stored["key"]:
        return {
            f"fields.{index}.key": f"The key of {stored['label']} cannot change (it is {stored['key']}): "
            "add a new field instead"
        }
    if definition["type"] != stored["type"]:
        return {
            f"fields.{index}.type": f"The type of {stored['label']} cannot change: add a new field instead"
        }
    return {}


def check_definitions(proposed: list[dict[str, Any]], stored: list[dict[str, Any]]) -> dict[str, str]:
    """What is wrong with a list about to replace `stored`, by `fields.<index>.<attribute>`: keys and
    field ids each once, options only (and always) on dropdown and multi-select fields, and no
    existing field changing its key or type."""
    by_id = {d["field_id"]: d for d in stored}
    errors: dict[str, str] = {}
    keys_seen: set[str] = set()
    ids_seen: set[str] = set()
    if len(proposed) > MAX_FIELDS:
        errors["fields"] = f"Give at most {MAX_FIELDS} fields"
    for index, definition in enumerate(proposed):
        field_id = definition.get("field_id")
        if field_id is not None and field_id in ids_seen:
            errors[f"fields.{index}.field_id"] = "This field is listed twice"
        elif definition["key"] in keys_seen:
            errors[f"fields.{index}.key"] = f"Another field already uses the key {definition['key']}"
        else:
            errors.update(_check_identity(index, definition, by_id.get(field_id) if field_id else None))
        errors.update(_check_options(index, definition))
        keys_seen.add(definition["key"])
        if field_id is not None:
            ids_seen.add(field_id)
    return errors


def stale(object_type: str, current: FieldDefinitionsItem | None) -> ConflictError:
    return ConflictError(
        "Someone else changed these fields: reload them",
        code="stale_version",
        details={"custom_fields": listing(object_type, current)},
    )


def _stored_map(definition: dict[str, Any]) -> FieldDefinitionMap:
    options = [str(o).strip() for o in definition.get("options") or []]
    return FieldDefinitionMap(
        field_id=definition.get("field_id") or new_id(),
        key=definition["key"],
        label=definition["label"],
        type=definition["type"],
        placeholder=definition.get("placeholder") or None,
        required=bool(definition.get("required")),
        options=options if definition["type"] in WITH_OPTIONS else [],
    )


def save_definitions(
    tenant_id: str, object_type: str, proposed: list[dict[str, Any]], version: int, actor_id: str
) -> dict[str, Any]:
    """Replace the object type's definitions with `proposed` (in that order) if `version` is the
    stored one (0: none saved yet): one Put conditional on the version. Answers the saved listing."""
    current = load_item(tenant_id, object_type, consistent=True)
    if version != (int(current.version or 0) if current is not None else 0):
        raise stale(object_type, current)
    stored = listing(object_type, current)["fields"]
    errors = check_definitions(proposed, stored)
    if errors:
        raise ValidationError("Some fields are not valid", fields=errors)
    item = FieldDefinitionsItem(
        platform_keys.tenant(tenant_id),
        keys.field_definitions_sk(object_type),
        object_type=object_type,
        definitions=[_stored_map(d) for d in proposed],
        updated_at=iso(),
        updated_by=actor_id,
    )
    if version:  # the save's condition: this version (none set: no item yet)
        item.version = version
    try:
        item.save()
    except PutError as error:
        if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
            raise
        raise stale(object_type, load_item(tenant_id, object_type, consistent=True)) from error
    finally:
        CACHE.forget(tenant_id, object_type)
    return listing(object_type, item)
