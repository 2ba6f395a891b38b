"""Conversions in the template: the consumer wired to its queue with partial batch responses, the
settings API behind Cognito, the Meta webhook open (it checks Meta's signature), the secrets key granted
exactly as each spec says, and the platform secrets (the Meta app, Convertly's Google Ads app) readable
by exactly the functions that use them."""

from __future__ import annotations

import json

from convertly.resources import FUNCTIONS, function_spec

KMS_ACTIONS = {
    "": set(),
    "encrypt": {"kms:Encrypt"},
    "decrypt": {"kms:Decrypt"},
    "encrypt_decrypt": {"kms:Encrypt", "kms:Decrypt"},
}


def _kms(stack_template, name: str) -> set[str]:
    return {a for a in stack_template.role_actions(name) if a.startswith("kms:")}


def test_the_conversions_consumer_drains_its_queue_with_partial_batch_responses(stack_template):
    # Given the conversions function and its queue
    function_id = stack_template.function_ids()["conversions"]
    queue_id = stack_template.queue_id("convertly-conversions")
    # When we find its event source mapping
    [mapping] = [
        m["Properties"]
        for m in stack_template.resources("AWS::Lambda::EventSourceMapping").values()
        if m["Properties"]["FunctionName"] == {"Ref": function_id}
    ]
    # Then it reads that queue, ten at a time, and reports failed messages one by one
    assert mapping["EventSourceArn"] == {"Fn::GetAtt": [queue_id, "Arn"]}
    assert mapping["BatchSize"] == 10 and mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    # And its rule routes wins, reopened wins, the moves of leads from Meta and replay requests
    [rule] = [
        r
        for r in stack_template.resources("AWS::Events::Rule").values()
        if r["Properties"].get("Name") == "convertly-conversions"
    ]
    pattern = json.dumps(rule["Properties"]["EventPattern"])
    assert all(word in pattern for word in ("won", "reopened", "meta_ads", "ConversionReplayRequested"))


def test_settings_routes_need_a_token_and_the_meta_webhook_is_open(stack_template):
    for method, path in (
        ("GET", "/settings/ads"),
        ("PUT", "/settings/ads"),
        ("GET", "/conversions"),
        ("POST", "/conversions/replay"),
        ("POST", "/settings/ads/google_ads/connect"),
        ("POST", "/settings/ads/google_ads/callback"),
        ("GET", "/settings/ads/google_ads/customers"),
        ("GET", "/settings/ads/google_ads/conversion-actions"),
        ("POST", "/settings/ads/google_ads/disconnect"),
        ("POST", "/settings/ads/meta/connect"),
        ("POST", "/settings/ads/meta/callback"),
        ("GET", "/settings/ads/meta/datasets"),
        ("POST", "/settings/ads/meta/disconnect"),
    ):
        assert stack_template.method(method, path).properties["AuthorizationType"] == "COGNITO_USER_POOLS"
    for method in ("GET", "POST"):
        assert stack_template.method(method, "/webhooks/meta").properties["AuthorizationType"] == "NONE"


def test_the_secrets_key_is_granted_exactly_as_each_spec_says(stack_template):
    for spec in FUNCTIONS:
        assert _kms(stack_template, spec.name) == KMS_ACTIONS[spec.secrets_key], spec.name
    assert function_spec("conversions").secrets_key == "decrypt"
    assert function_spec("ads_settings").secrets_key == "encrypt_decrypt"


def _secret_id(stack_template, name: str) -> str:
    [secret_id] = [
        logical_id
        for logical_id, secret in stack_template.resources("AWS::SecretsManager::Secret").items()
        if secret["Properties"].get("Name") == name
    ]
    return secret_id


def _readers(stack_template, secret_id: str, variable: str) -> set[str]:
    """The functions given the secret's ARN in `variable`; each must also be granted its read, and only
    those may be."""
    found = set()
    for spec in FUNCTIONS:
        function = stack_template.function(spec.name)
        variables = function["Properties"]["Environment"]["Variables"]
        reads = [
            s for s in stack_template.role_statements(spec.name) if secret_id in json.dumps(s.get("Resource"))
        ]
        if variable in variables:
            assert variables[variable] == {"Ref": secret_id} and reads, spec.name
            found.add(spec.name)
        else:
            assert not reads, spec.name
    return found


def test_the_meta_app_secret_is_read_by_the_webhook_and_the_connect_button_alone(stack_template):
    secret_id = _secret_id(stack_template, "convertly/meta-app")
    assert _readers(stack_template, secret_id, "META_APP_SECRET_ARN") == {"meta_webhook", "ads_settings"}


def test_the_google_ads_app_secret_is_read_by_the_settings_and_the_uploads_alone(stack_template):
    # Given Convertly's Google Ads app (developer token and OAuth client), a platform secret
    secret_id = _secret_id(stack_template, "convertly/google-ads-app")
    secret = stack_template.raw["Resources"][secret_id]
    # Then the template holds no value of it, only a placeholder to be replaced by an operator
    template = json.loads(secret["Properties"]["GenerateSecretString"]["SecretStringTemplate"])
    assert template == {"developer_token": "", "client_id": "", "client_secret": ""}
    assert secret["DeletionPolicy"] == "Retain"
    # And only the settings API (connecting, the lists) and the conversions consumer (uploads) read it
    assert _readers(stack_template, secret_id, "GOOGLE_ADS_APP_SECRET_ARN") == {"ads_settings", "conversions"}


def test_the_connect_button_knows_where_the_consent_returns(stack_template):
    # The OAuth redirect URI is the web app's callback page: ads_settings has the web app's URL
    function = stack_template.function("ads_settings")
    assert "WEB_APP_URL" in function["Properties"]["Environment"]["Variables"]
