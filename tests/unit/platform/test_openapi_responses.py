"""Every operation of the OpenAPI document says what its success answers look like.

The web app's API types are generated from functions/docs/openapi.json, so an answer documented as a
bare object (`{"type": "object", "additionalProperties": true}`, what a handler annotated
`-> dict[str, Any]` produces) leaves the web app untyped. A handler returns its response model (or
declares it with the route's `responses=`); test_manifest keeps the committed document current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from functions.docs import build

DOCUMENT: dict[str, Any] = json.loads(build.OUTPUT.read_text(encoding="utf-8"))
NO_CONTENT = {"204", "205", "304"}


def untyped(schema: dict[str, Any], components: dict[str, Any]) -> bool:
    """Whether a schema leaves the answer's shape open: no type at all, or an object (or an array of
    objects) with no properties of its own and any value allowed. `components` resolves `$ref`s."""
    if "$ref" in schema:
        return untyped(components[schema["$ref"].removeprefix("#/components/schemas/")], components)
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            return any(untyped(part, components) for part in schema[combinator])
    kind = schema.get("type")
    if kind is None:
        return "const" not in schema and "enum" not in schema
    if kind == "array":
        return untyped(schema.get("items", {}), components)
    if kind == "object":
        values = schema.get("additionalProperties", True)
        return not schema.get("properties") and (values is True or values == {})
    return False


def offenders(document: dict[str, Any]) -> list[str]:
    """`METHOD path status media-type` of every success answer with no shape (or no content)."""
    found = []
    components = document.get("components", {}).get("schemas", {})
    for path, operations in sorted(document["paths"].items()):
        for method, operation in sorted(operations.items()):
            for status, response in sorted(operation.get("responses", {}).items()):
                if not status.startswith("2") or status in NO_CONTENT:
                    continue
                content = response.get("content") or {}
                if not content:
                    found.append(f"{method.upper()} {path} {status}: no content")
                for media, payload in sorted(content.items()):
                    if untyped(payload.get("schema") or {}, components):
                        found.append(f"{method.upper()} {path} {status} {media}: {payload.get('schema')}")
    return found


def test_every_success_answer_has_a_typed_schema() -> None:
    found = offenders(DOCUMENT)
    assert not found, "untyped success answers (return the response model):\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("schema", "is_untyped"),
    [
        ({"additionalProperties": True, "title": "Return", "type": "object"}, True),
        ({"type": "object"}, True),
        ({"title": "Return"}, True),
        ({"type": "array", "items": {"type": "object", "additionalProperties": True}}, True),
        ({"anyOf": [{"$ref": "#/components/schemas/Lead"}, {"type": "object"}]}, True),
        ({"$ref": "#/components/schemas/Lead"}, False),
        ({"type": "object", "properties": {"ok": {"type": "boolean"}}}, False),
        ({"type": "object", "additionalProperties": {"type": "integer"}}, False),
        ({"type": "array", "items": {"$ref": "#/components/schemas/Lead"}}, False),
        ({"type": "string"}, False),
    ],
)
def test_what_counts_as_untyped(schema: dict[str, Any], is_untyped: bool) -> None:
    components = {"Lead": {"type": "object", "properties": {"lead_id": {"type": "string"}}}}
    assert untyped(schema, components) is is_untyped


def test_an_operation_answering_a_bare_object_is_named() -> None:
    bare = {"additionalProperties": True, "title": "Return", "type": "object"}
    document = {
        "paths": {
            "/things": {
                "get": {"responses": {"200": {"content": {"application/json": {"schema": bare}}}}},
                "delete": {"responses": {"204": {"description": "gone"}}},
            },
            "/things/{id}": {"post": {"responses": {"201": {"description": "made"}}}},
        },
        "components": {"schemas": {}},
    }
    assert offenders(document) == [
        f"GET /things 200 application/json: {bare}",
        "POST /things/{id} 201: no content",
    ]


def test_the_document_checked_is_the_committed_one() -> None:
    assert Path(build.OUTPUT).name == "openapi.json" and DOCUMENT["paths"]
