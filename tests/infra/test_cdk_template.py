"""The synthesized templates as a whole (the stack's and its nested stacks'): they lint clean, pass cdk-nag,
and the stack publishes its endpoints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from convertly.manifest import ROUTES, AuthKind

CFN_LINT = Path(sys.executable).parent / "cfn-lint"


def _suppressions(stack_template) -> list[list[dict]]:
    """The acknowledgments on each resource that has any, in the stack and its nested stacks."""
    return [
        resource["Metadata"]["cdk_nag"]["rules_to_suppress"]
        for template in stack_template.every_template().values()
        for resource in template["Resources"].values()
        if "cdk_nag" in resource.get("Metadata", {})
    ]


def test_cfn_lint_passes(stack_template):
    # Given the synthesized template files: the stack's and its nested stacks'
    templates = [str(path) for path in stack_template.every_template()]

    # When cfn-lint checks them
    result = subprocess.run(  # noqa: S603 - fixed executable from this venv, our own templates
        [str(CFN_LINT), *templates], capture_output=True, text=True, check=False
    )

    # Then it reports nothing
    assert result.returncode == 0, f"cfn-lint exit {result.returncode}:\n{result.stdout}{result.stderr}"


def test_cdk_nag_reports_no_unacknowledged_errors(stack_template):
    # Given the validation report the synth wrote next to the template
    report = json.loads((stack_template.outdir / "validation-report.json").read_text())

    # When we collect error-level violations from every plugin
    errors = [
        violation["ruleName"]
        for plugin in report["pluginReports"]
        for violation in plugin["violations"]
        if violation["severity"] == "error"
    ]

    # Then there are none
    assert errors == []


def test_every_nag_acknowledgment_carries_a_written_reason(stack_template):
    # Given the acknowledgments cdk-nag wrote into the template as an audit trail
    suppressions = _suppressions(stack_template)
    assert suppressions, "the AwsSolutions checks are not registered on the app"

    # When we read their reasons
    reasons = [entry["reason"] for entries in suppressions for entry in entries]

    # Then each one explains itself in a sentence
    assert all(len(reason.split()) >= 8 for reason in reasons), reasons


def test_no_user_route_is_excused_from_the_authorization_checks(stack_template):
    # Given the methods of USER routes
    user_methods = [
        stack_template.method(route.method, route.path) for route in ROUTES if route.auth is AuthKind.USER
    ]

    # When we look up the authorization acknowledgments on them
    excused = [
        (method.http_method, method.path)
        for method in user_methods
        for entry in method.metadata.get("cdk_nag", {}).get("rules_to_suppress", [])
        if entry["id"] in {"AwsSolutions-APIG4", "AwsSolutions-COG4"}
    ]

    # Then none is excused: a USER route without the authorizer would fail the synth
    assert excused == []


def test_the_stack_outputs_what_clients_need_to_connect(stack_template):
    # Given the stack's outputs
    outputs = stack_template.raw["Outputs"]
    pool_id, _ = stack_template.only("AWS::Cognito::UserPool")
    client_id, _ = stack_template.only("AWS::Cognito::UserPoolClient")
    table_id, _ = stack_template.only("AWS::DynamoDB::Table")
    bus_id, _ = stack_template.only("AWS::Events::EventBus")
    api_id, _ = stack_template.only("AWS::ApiGateway::RestApi")
    distribution_id, _ = stack_template.only("AWS::CloudFront::Distribution")
    bucket_id = stack_template.web_deployment()["DestinationBucketName"]["Ref"]
    (uploads_id,) = [
        logical_id
        for logical_id, bucket in stack_template.resources("AWS::S3::Bucket").items()
        if "NotificationConfiguration" in bucket["Properties"]
    ]

    # When we read them
    # Then they name the API URL, the pool and client, the table, the bus, the web app and the uploads
    # bucket, nothing else
    assert sorted(outputs) == [
        "ApiUrl",
        "DistributionId",
        "EventBusName",
        "TableName",
        "UploadsBucketName",
        "UserPoolClientId",
        "UserPoolId",
        "WebBucketName",
        "WebUrl",
    ]
    assert {"Ref": api_id} in outputs["ApiUrl"]["Value"]["Fn::Join"][1]
    assert outputs["UserPoolId"]["Value"] == {"Ref": pool_id}
    assert outputs["UserPoolClientId"]["Value"] == {"Ref": client_id}
    assert outputs["TableName"]["Value"] == {"Ref": table_id}
    assert outputs["EventBusName"]["Value"] == {"Ref": bus_id}
    assert outputs["WebUrl"]["Value"] == {
        "Fn::Join": ["", ["https://", {"Fn::GetAtt": [distribution_id, "DomainName"]}]]
    }
    assert outputs["WebBucketName"]["Value"] == {"Ref": bucket_id}
    assert outputs["DistributionId"]["Value"] == {"Ref": distribution_id}
    assert outputs["UploadsBucketName"]["Value"] == {"Ref": uploads_id}
