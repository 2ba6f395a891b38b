"""Conversions in the template: the consumer wired to its queue with partial batch responses, the
settings API behind Cognito, the Meta webhook open (it checks Meta's signature), the secrets key granted
exactly as each spec says, and the Meta app secret readable by the webhook alone."""

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
    ):
        assert stack_template.method(method, path).properties["AuthorizationType"] == "COGNITO_USER_POOLS"
    for method in ("GET", "POST"):
        assert stack_template.method(method, "/webhooks/meta").properties["AuthorizationType"] == "NONE"


def test_the_secrets_key_is_granted_exactly_as_each_spec_says(stack_template):
    for spec in FUNCTIONS:
        assert _kms(stack_template, spec.name) == KMS_ACTIONS[spec.secrets_key], spec.name
    assert function_spec("conversions").secrets_key == "decrypt"
    assert function_spec("ads_settings").secrets_key == "encrypt_decrypt"


def test_only_the_meta_webhook_reads_the_meta_app_secret(stack_template):
    [(secret_id, _)] = [
        (logical_id, secret)
        for logical_id, secret in stack_template.resources("AWS::SecretsManager::Secret").items()
        if secret["Properties"].get("Name") == "convertly/meta-app"
    ]
    for spec in FUNCTIONS:
        variables = stack_template.raw["Resources"][stack_template.function_ids()[spec.name]]["Properties"][
            "Environment"
        ]["Variables"]
        reads = [
            s for s in stack_template.role_statements(spec.name) if secret_id in json.dumps(s.get("Resource"))
        ]
        if spec.name == "meta_webhook":
            assert variables["META_APP_SECRET_ARN"] == {"Ref": secret_id} and reads
        else:
            assert "META_APP_SECRET_ARN" not in variables and not reads, spec.name
