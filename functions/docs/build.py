"""Builds functions/docs/openapi.json from the routers of every HTTP function and the manifest.

Run `make openapi` after changing a route; tests/unit/test_openapi.py fails while the file is stale.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

from convertly.manifest import ROUTES, AuthKind, http_functions

OUTPUT = Path(__file__).with_name("openapi.json")
DOCUMENTED = [f for f in http_functions() if f != "docs"]


def build() -> dict[str, Any]:
    """One OpenAPI document: paths and schemas from the functions, auth and summaries from the manifest."""
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "Convertly API",
            "version": "1.0.0",
            "description": "Lead-to-revenue CRM. User routes: `Authorization: Bearer <Cognito ID token>`.",
        },
        "paths": {},
        "components": {
            "schemas": {},
            "securitySchemes": {"cognito": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }
    for function in DOCUMENTED:
        app = importlib.import_module(f"functions.{function}.handler").app
        schema = json.loads(app.get_openapi_json_schema(title="Convertly API", version="1.0.0"))
        for path, operations in schema.get("paths", {}).items():
            document["paths"].setdefault(path, {}).update(operations)
        document["components"]["schemas"].update(schema.get("components", {}).get("schemas", {}))
    for route in ROUTES:
        operation = document["paths"].get(route.path, {}).get(route.method.lower())
        if operation is None:
            continue
        operation["summary"] = route.summary
        operation["tags"] = [route.function]
        if route.auth is AuthKind.USER:
            operation["security"] = [{"cognito": []}]
            operation["description"] = f"Roles: {', '.join(r.value for r in route.roles)}"
    return document


def render() -> str:
    return json.dumps(build(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    OUTPUT.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUTPUT}\n")
