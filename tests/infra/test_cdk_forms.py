"""Lead capture in the template: the public form routes (no authorizer, their own CORS), the secrets
key, and each form function's exact KMS rights."""

from __future__ import annotations

import pytest

from convertly.manifest import ROUTES, AuthKind
from convertly.resources import FUNCTIONS

FORM_ROUTES = [route for route in ROUTES if route.function == "form_submit"]


def _kms_statements(stack_template, function: str) -> list[dict]:
    return [
        s
        for s in stack_template.role_statements(function)
        if any(
            str(a).startswith("kms:")
            for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
        )
    ]


def test_the_public_form_routes_exist_and_take_no_token(stack_template):
    # Given the manifest's public form routes
    assert {(r.method, r.path) for r in FORM_ROUTES} == {
        ("GET", "/f/{form_id}"),
        ("POST", "/f/{form_id}"),
        ("OPTIONS", "/f/{form_id}"),
        ("GET", "/f/{form_id}/definition"),
        ("OPTIONS", "/f/{form_id}/definition"),
    }
    for route in FORM_ROUTES:
        # When we read each one's method
        properties = stack_template.method(route.method, route.path).properties

        # Then it is public, with no authorizer, proxied to the form_submit function
        assert route.auth is AuthKind.PUBLIC
        assert properties["AuthorizationType"] == "NONE" and "AuthorizerId" not in properties
        assert properties["Integration"]["Type"] == "AWS_PROXY"


def test_no_web_app_cors_is_answered_on_the_public_form_paths(stack_template):
    # Given every method on the public form paths
    methods = [m for m in stack_template.methods() if m.path.startswith("/f/")]

    # When we look for a gateway-answered (MOCK) preflight among them
    mocks = [m for m in methods if m.properties["Integration"]["Type"] == "MOCK"]

    # Then there is none: the function allows each form's own sites, never the web app's origin
    assert mocks == []


def test_the_secrets_key_rotates_and_outlives_the_stack(stack_template):
    # Given the stack's one KMS key and its alias
    key_id, key = stack_template.only("AWS::KMS::Key")
    _, alias = stack_template.only("AWS::KMS::Alias")

    # Then it rotates, is kept when the stack is deleted, and has the alias the local stack uses too
    assert key["Properties"]["EnableKeyRotation"] is True
    assert key["DeletionPolicy"] == "Retain"
    assert alias["Properties"] == {
        "AliasName": "alias/convertly-secrets",
        "TargetKeyId": {"Fn::GetAtt": [key_id, "Arn"]},
    }


@pytest.mark.parametrize("spec", FUNCTIONS, ids=lambda s: s.name)
def test_a_function_uses_the_secrets_key_exactly_as_its_spec_names(stack_template, spec):
    # Given the secrets key
    key_id, _ = stack_template.only("AWS::KMS::Key")

    # When we collect the function's KMS statements and its environment
    statements = _kms_statements(stack_template, spec.name)
    function = stack_template.function(spec.name)
    variables = function["Properties"]["Environment"]["Variables"]

    # Then it may encrypt and/or decrypt with this key as its spec names, or use no key at all
    expected = {"": [], "encrypt": ["kms:Encrypt"], "decrypt": ["kms:Decrypt"]}.get(
        spec.secrets_key, ["kms:Decrypt", "kms:Encrypt"]
    )
    granted = sorted(
        action
        for s in statements
        for action in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    )
    assert granted == expected
    assert all(s["Resource"] == {"Fn::GetAtt": [key_id, "Arn"]} for s in statements)
    if spec.secrets_key:
        assert variables["SECRETS_KEY_ID"] == {"Fn::GetAtt": [key_id, "Arn"]}
    else:
        assert "SECRETS_KEY_ID" not in variables


def test_the_form_builder_only_seals_and_the_submit_function_only_opens():
    specs = {spec.name: spec.secrets_key for spec in FUNCTIONS}
    assert (specs["forms"], specs["form_submit"]) == ("encrypt", "decrypt")
