"""Infra tests: the Convertly stack is synthesized once per session and read through StackTemplate."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from aws_cdk.assertions import Template

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "infra" / "cdk"))

Json = dict[str, Any]


class ApiMethod(NamedTuple):
    http_method: str
    path: str
    logical_id: str
    properties: Json


@dataclass(frozen=True)
class StackTemplate:
    """The synthesized template, with lookups by what the manifest and resource specs call things."""

    template: Template
    raw: Json
    path: Path
    outdir: Path

    def resources(self, resource_type: str) -> dict[str, Json]:
        return {
            logical_id: resource
            for logical_id, resource in self.raw["Resources"].items()
            if resource["Type"] == resource_type
        }

    def only(self, resource_type: str) -> tuple[str, Json]:
        found = self.resources(resource_type)
        assert len(found) == 1, f"expected one {resource_type}, found {sorted(found)}"
        return next(iter(found.items()))

    def function_ids(self) -> dict[str, str]:
        """FunctionSpec name -> logical id, read from each function's POWERTOOLS_SERVICE_NAME."""
        ids = {}
        for logical_id, function in self.resources("AWS::Lambda::Function").items():
            variables = function["Properties"].get("Environment", {}).get("Variables", {})
            if "POWERTOOLS_SERVICE_NAME" in variables:
                ids[variables["POWERTOOLS_SERVICE_NAME"].removeprefix("convertly-")] = logical_id
        return ids

    def web_deployment(self) -> Json:
        """The properties of the custom resource that copies the web app into its bucket."""
        _, deployment = self.only("Custom::CDKBucketDeployment")
        return deployment["Properties"]

    def web_deployment_handler_id(self) -> str:
        """The logical id of CDK's BucketDeployment handler, the one function no FunctionSpec names."""
        return str(self.web_deployment()["ServiceToken"]["Fn::GetAtt"][0])

    def staged_asset(self, s3_key: str) -> Path:
        """The directory the cloud assembly zips into the asset <hash>.zip."""
        assert s3_key.endswith(".zip"), s3_key
        return self.outdir / f"asset.{s3_key.removesuffix('.zip')}"

    def queue_id(self, queue_name: str) -> str:
        matches = [
            logical_id
            for logical_id, queue in self.resources("AWS::SQS::Queue").items()
            if queue["Properties"].get("QueueName") == queue_name
        ]
        assert len(matches) == 1, f"expected one queue named {queue_name}, found {matches}"
        return matches[0]

    def api_paths(self) -> dict[str, str]:
        """API Gateway resource logical id -> its full path, e.g. /leads/{lead_id}/notes."""
        resources = self.resources("AWS::ApiGateway::Resource")

        def path_of(logical_id: str) -> str:
            properties = resources[logical_id]["Properties"]
            parent = properties["ParentId"]
            prefix = path_of(parent["Ref"]) if "Ref" in parent else ""
            return f"{prefix}/{properties['PathPart']}"

        return {logical_id: path_of(logical_id) for logical_id in resources}

    def methods(self) -> list[ApiMethod]:
        """Every API Gateway method with the full path of its resource."""
        paths = self.api_paths()
        found = []
        for logical_id, method in self.resources("AWS::ApiGateway::Method").items():
            properties = method["Properties"]
            resource = properties["ResourceId"]
            path = paths[resource["Ref"]] if "Ref" in resource else "/"
            found.append(ApiMethod(properties["HttpMethod"], path, logical_id, properties))
        return found

    def method(self, http_method: str, path: str) -> ApiMethod:
        matches = [m for m in self.methods() if (m.http_method, m.path) == (http_method, path)]
        assert len(matches) == 1, f"{http_method} {path}: found {len(matches)} methods"
        return matches[0]

    def role_statements(self, function_name: str) -> list[Json]:
        """Every IAM policy statement attached to the function's execution role."""
        function = self.raw["Resources"][self.function_ids()[function_name]]
        role_id = function["Properties"]["Role"]["Fn::GetAtt"][0]
        statements = []
        for policy in self.resources("AWS::IAM::Policy").values():
            if {"Ref": role_id} in policy["Properties"]["Roles"]:
                statements += policy["Properties"]["PolicyDocument"]["Statement"]
        return statements

    def role_actions(self, function_name: str) -> set[str]:
        actions: set[str] = set()
        for statement in self.role_statements(function_name):
            granted = statement["Action"]
            actions.update([granted] if isinstance(granted, str) else granted)
        return actions


@pytest.fixture(scope="session")
def stack_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackTemplate]:
    """One synth for the whole session: it takes seconds, every test only reads the result."""
    from convertly_infra.application import build_app

    outdir = tmp_path_factory.mktemp("cdk.out")
    try:
        app, stack = build_app(outdir)
        artifact = app.synth().get_stack_by_name(stack.stack_name)
    except RuntimeError as error:
        # One line per test instead of a long jsii traceback each; the cause is the same for all.
        pytest.fail(f"CDK synth failed: {error}", pytrace=False)
    raw = json.loads(json.dumps(artifact.template))
    yield StackTemplate(Template.from_json(raw), raw, Path(artifact.template_full_path), outdir)
