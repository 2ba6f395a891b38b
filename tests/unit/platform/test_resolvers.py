"""Each API function verifies tokens exactly when the manifest gives it user routes."""

from __future__ import annotations

import importlib

import pytest

from convertly.manifest import AuthKind, http_functions, routes_of
from convertly.platform.api import ConvertlyResolver


@pytest.mark.parametrize("function", http_functions())
def test_a_function_verifies_tokens_if_and_only_if_it_has_user_routes(function: str) -> None:
    app = importlib.import_module(f"functions.{function}.handler").app
    has_user_routes = any(route.auth is AuthKind.USER for route in routes_of(function))
    if isinstance(app, ConvertlyResolver):
        assert (app._verifier is not None) == has_user_routes
    else:
        assert not has_user_routes, f"{function} serves user routes without Convertly's admission checks"
