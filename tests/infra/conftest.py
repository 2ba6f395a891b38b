"""Infra tests: the Convertly stack is synthesized once per session and read through StackTemplate.

The API's resources and methods are in nested stacks (one per top-level path segment): StackTemplate
reads their templates too, with each nested parameter replaced by the value the parent stack passes in,
so a method's function ARN reads `Fn::GetAtt [<function>, Arn]` and its authorizer `Ref <authorizer>`
as they would in the parent.
"""

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
# The nested stacks of the functions run by hand and of the API's functions (CDK names each one's resource
# in the parent after its path).
JOBS_STACK = "FunctionsJobsNestedStack"
API_FUNCTIONS_STACK = "FunctionsApiFunctionsNestedStack"
FUNCTION_STACKS = (JOBS_STACK, API_FUNCTIONS_STACK)
sys.path.insert(0, str(REPO_ROOT / "infra" / "cdk"))

Json = dict[str, Any]


class ApiMethod(NamedTuple):
    http_method: str
    path: str
    logical_id: str
    properties: Json
    metadata: Json


@dataclass(frozen=True)
class NestedTemplate:
    """A nested stack's template, and its resources as the parent stack's values make them."""

    stack_id: str  # the logical id of its AWS::CloudFormation::Stack in the parent
    raw: Json
    path: Path
    resources: dict[str, Json]

    def api_paths(self) -> dict[str, str]:
        """The full path of each API Gateway resource this stack creates, by logical id."""
        return _api_paths(self.resources)


def _substitute(node: Any, values: Json) -> Any:
    """`node` with every {"Ref": <parameter>} replaced by the parameter's value."""
    if isinstance(node, list):
        return [_substitute(item, values) for item in node]
    if not isinstance(node, dict):
        return node
    if set(node) == {"Ref"} and node["Ref"] in values:
        return values[node["Ref"]]
    return {key: _substitute(value, values) for key, value in node.items()}


def _read_nested(stack_id: str, path: Path, parent: Json) -> NestedTemplate:
    raw = json.loads(path.read_text())
    values = parent["Resources"][stack_id]["Properties"].get("Parameters", {})
    assert set(raw.get("Parameters", {})) == set(values), f"{stack_id}: parameters and values differ"
    return NestedTemplate(stack_id, raw, path, _substitute(raw["Resources"], values))


def _api_paths(resources: dict[str, Json]) -> dict[str, str]:
    """API Gateway resource logical id -> its full path, e.g. /leads/{lead_id}/notes; a parent that is no
    Ref (Fn::GetAtt [<RestApi>, RootResourceId], a nested stack's parameter resolved) is the root."""
    api_resources = {
        logical_id: resource
        for logical_id, resource in resources.items()
        if resource["Type"] == "AWS::ApiGateway::Resource"
    }

    def path_of(logical_id: str) -> str:
        properties = api_resources[logical_id]["Properties"]
        parent = properties["ParentId"]
        prefix = path_of(parent["Ref"]) if "Ref" in parent else ""
        return f"{prefix}/{properties['PathPart']}"

    return {logical_id: path_of(logical_id) for logical_id in api_resources}


@dataclass(frozen=True)
class StackTemplate:
    """The synthesized template, with lookups by what the manifest and resource specs call things.

    `raw` and the lookups by resource type read the parent stack; methods() and every_template() read
    the nested stacks too."""

    template: Template
    raw: Json
    path: Path
    outdir: Path
    nested: tuple[NestedTemplate, ...]

    def resources(self, resource_type: str) -> dict[str, Json]:
        """The parent stack's resources of the type, and the function stacks' (the functions run by hand
        and the API's live there, their parameters resolved to the parent's values)."""
        return {
            logical_id: resource
            for logical_id, resource in self.all_resources().items()
            if resource["Type"] == resource_type
        }

    def function(self, function_name: str) -> Json:
        """The function a FunctionSpec names, wherever its stack."""
        return self.all_resources()[self.function_ids()[function_name]]

    def all_resources(self) -> dict[str, Json]:
        functions = [
            nested.resources for nested in self.nested if nested.stack_id.startswith(FUNCTION_STACKS)
        ]
        return {
            key: value
            for resources in (self.raw["Resources"], *functions)
            for key, value in resources.items()
        }

    def nested_target(self, value: Any) -> str | None:
        """The logical id a parent's `Fn::GetAtt [<nested stack>, Outputs.<name>]` refers to inside that
        nested stack (its output's Ref or GetAtt), or the id a plain Ref / GetAtt names."""
        if isinstance(value, dict) and "Ref" in value:
            return str(value["Ref"])
        if not (isinstance(value, dict) and "Fn::GetAtt" in value):
            return None
        stack_id, attribute = value["Fn::GetAtt"]
        nested = next((n for n in self.nested if n.stack_id == stack_id), None)
        if nested is None or not str(attribute).startswith("Outputs."):
            return str(stack_id)
        output = nested.raw["Outputs"][str(attribute).removeprefix("Outputs.")]["Value"]
        return str(output["Ref"] if "Ref" in output else output["Fn::GetAtt"][0])

    def invoked_function(self, value: Any) -> str | None:
        """The FunctionSpec name an invocation target (an integration's Uri, a permission's
        FunctionName) reaches: a function itself, or its `live` alias."""
        parts = value["Fn::Join"][1] if isinstance(value, dict) and "Fn::Join" in value else [value]
        targets = [self.nested_target(part) for part in parts if isinstance(part, dict)]
        targets = [t for t in targets if t and not t.startswith("AWS::")]
        if len(targets) != 1:
            return None
        names = {logical_id: name for name, logical_id in self.function_ids().items()}
        resource = self.all_resources().get(targets[0], {})
        if resource.get("Type") == "AWS::Lambda::Alias":
            if resource["Properties"]["Name"] != "live":
                return None
            return names.get(str(resource["Properties"]["FunctionName"]["Ref"]))
        return names.get(targets[0])

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

    def every_template(self) -> dict[Path, Json]:
        """The parent's template and each nested stack's, as synthesized, by file."""
        return {self.path: self.raw} | {nested.path: nested.raw for nested in self.nested}

    def methods(self) -> list[ApiMethod]:
        """Every API Gateway method, in the stack or a nested one, with the full path of its resource."""
        found = []
        for resources in (self.raw["Resources"], *(nested.resources for nested in self.nested)):
            paths = _api_paths(resources)
            for logical_id, method in resources.items():
                if method["Type"] != "AWS::ApiGateway::Method":
                    continue
                properties = method["Properties"]
                resource = properties["ResourceId"]
                path = paths[resource["Ref"]] if "Ref" in resource else "/"
                found.append(
                    ApiMethod(
                        properties["HttpMethod"], path, logical_id, properties, method.get("Metadata", {})
                    )
                )
        return found

    def method(self, http_method: str, path: str) -> ApiMethod:
        matches = [m for m in self.methods() if (m.http_method, m.path) == (http_method, path)]
        assert len(matches) == 1, f"{http_method} {path}: found {len(matches)} methods"
        return matches[0]

    def role_statements(self, function_name: str) -> list[Json]:
        """Every IAM policy statement attached to the function's execution role."""
        function = self.function(function_name)
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
    from aws_cdk import NestedStack

    from convertly_infra.application import build_app

    outdir = tmp_path_factory.mktemp("cdk.out")
    try:
        app, stack = build_app(outdir)
        artifact = app.synth().get_stack_by_name(stack.stack_name)
    except RuntimeError as error:
        # One line per test instead of a long jsii traceback each; the cause is the same for all.
        pytest.fail(f"CDK synth failed: {error}", pytrace=False)
    raw = json.loads(json.dumps(artifact.template))
    # A nested stack's template is a file of the cloud assembly, named by the nested stack.
    nested = tuple(
        _read_nested(stack.get_logical_id(child.nested_stack_resource), outdir / child.template_file, raw)
        for child in stack.node.find_all()
        if isinstance(child, NestedStack) and child.nested_stack_resource is not None
    )
    yield StackTemplate(Template.from_json(raw), raw, Path(artifact.template_full_path), outdir, nested)
