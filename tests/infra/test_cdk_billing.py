"""Billing in the template: the public Stripe webhook route, and Stripe's keys reaching exactly the two
billing functions through a secret whose value the template never holds."""

from __future__ import annotations

import json

import pytest

from convertly.resources import FUNCTIONS

STRIPE_FUNCTIONS = {spec.name for spec in FUNCTIONS if spec.stripe}


def _stripe_secret(stack_template):
    """The Stripe keys' secret (the stack has other secrets, e.g. the Meta app's)."""
    found = [
        (logical_id, secret)
        for logical_id, secret in stack_template.resources("AWS::SecretsManager::Secret").items()
        if secret["Properties"].get("Name") == "convertly/stripe"
    ]
    assert len(found) == 1, found
    return found[0]


def _secret_id(stack_template) -> str:
    secret_id, _ = _stripe_secret(stack_template)
    return secret_id


def test_the_stripe_webhook_route_is_open_and_the_billing_routes_need_a_token(stack_template):
    # Given the methods of the billing routes
    webhook = stack_template.method("POST", "/webhooks/stripe").properties
    page = stack_template.method("GET", "/billing").properties

    # Then Stripe reaches its webhook without an authorizer (the handler verifies Stripe's signature),
    # and the Billing page's API sits behind Cognito
    assert webhook["AuthorizationType"] == "NONE" and "AuthorizerId" not in webhook
    assert page["AuthorizationType"] == "COGNITO_USER_POOLS"


def test_the_stripe_secret_is_created_without_a_value(stack_template):
    # Given the secret's definition
    _, secret = _stripe_secret(stack_template)
    properties = secret["Properties"]

    # Then CloudFormation generates a placeholder: no key is part of the template
    assert "SecretString" not in properties
    template = json.loads(properties["GenerateSecretString"]["SecretStringTemplate"])
    assert template == {"secret_key": "", "webhook_secret": "", "publishable_key": ""}
    text = json.dumps(stack_template.raw)
    assert not any(marker in text for marker in ("sk_live_", "sk_test_", "whsec_", "rk_live_"))
    assert secret["DeletionPolicy"] == "Retain"


@pytest.mark.parametrize("name", sorted(STRIPE_FUNCTIONS))
def test_billing_functions_get_the_secrets_arn_and_read_only_that_secret(stack_template, name):
    # Given a function whose spec needs Stripe's keys
    function = stack_template.function(name)
    variables = function["Properties"]["Environment"]["Variables"]

    # Then its environment names the secret (never a key) and its role may read that secret
    assert variables["STRIPE_SECRET_ARN"] == {"Ref": _secret_id(stack_template)}
    assert not any(key in variables for key in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"))
    reads = [
        statement
        for statement in stack_template.role_statements(name)
        if "secretsmanager:GetSecretValue" in statement["Action"]
    ]
    assert reads and all(statement["Resource"] == {"Ref": _secret_id(stack_template)} for statement in reads)


def test_no_other_function_can_read_stripes_keys(stack_template):
    for spec in FUNCTIONS:
        if spec.name in STRIPE_FUNCTIONS:
            continue
        function = stack_template.function(spec.name)
        assert "STRIPE_SECRET_ARN" not in function["Properties"]["Environment"]["Variables"], spec.name
        # Other functions may read other secrets (the Meta app's), never Stripe's
        stripe_id = _secret_id(stack_template)
        reads = [
            statement
            for statement in stack_template.role_statements(spec.name)
            if "secretsmanager:" in json.dumps(statement["Action"])
        ]
        assert not any(stripe_id in json.dumps(statement["Resource"]) for statement in reads), spec.name
