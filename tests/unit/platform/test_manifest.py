"""The route manifest, the Powertools routers and the OpenAPI document agree."""

from __future__ import annotations

import importlib
import json
import re

from convertly.manifest import ROUTES, AuthKind, http_functions
from convertly.permissions import PERMISSIONS, Permission
from functions.docs import build


def _router_routes(function: str) -> set[tuple[str, str]]:
    app = importlib.import_module(f"functions.{function}.handler").app
    found = set()
    for route in app._static_routes + app._dynamic_routes:
        path = re.sub(r"<(\w+)>", r"{\1}", route.path)
        found.add((route.method, path))
    return found


def test_each_function_router_serves_exactly_its_manifest_routes() -> None:
    # Given the manifest, when each function's Powertools router is inspected,
    # then its (method, path) set equals the manifest's entries for that function
    for function in http_functions():
        expected = {(r.method, r.path) for r in ROUTES if r.function == function}
        assert _router_routes(function) == expected, function


def test_routes_are_unique_and_user_routes_name_a_permission() -> None:
    keys = [(r.method, r.path) for r in ROUTES]
    assert len(keys) == len(set(keys))
    for route in ROUTES:
        if route.auth is AuthKind.USER:
            assert route.permission is not None, route
            assert route.roles, route  # some role can call it
        else:
            assert route.permission is None, route


def test_every_permission_is_granted_to_some_role() -> None:
    granted = set().union(*PERMISSIONS.values())
    assert granted == set(Permission)


def test_openapi_document_is_current_and_covers_the_manifest() -> None:
    # The committed document is what `make openapi` builds now
    committed = build.OUTPUT.read_text(encoding="utf-8")
    assert committed == build.render(), "functions/docs/openapi.json is stale: run `make openapi`"
    document = json.loads(committed)
    for route in ROUTES:
        if route.function == "docs":
            continue
        operation = document["paths"][route.path][route.method.lower()]
        assert ("security" in operation) == (route.auth is AuthKind.USER), route


def test_the_web_apps_permission_table_is_generated_from_the_python_one() -> None:
    # Given the permission table the web app imports
    committed = build.WEB_PERMISSIONS.read_text(encoding="utf-8")
    # Then it is what `make openapi` writes from convertly/permissions.py now
    stale = "web/src/auth/permissions.gen.ts is stale: run `make openapi`"
    assert committed == build.render_permissions(), stale
    # And every permission and role of the Python table is in it
    for permission in Permission:
        assert f'"{permission.value}"' in committed
    for role in PERMISSIONS:
        assert f'"{role.value}"' in committed
