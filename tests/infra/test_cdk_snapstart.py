"""SnapStart: every API function restores from a snapshot of its published version, reached through its
`live` alias; the consumers and schedules, whose cold starts nobody waits on, stay as they are."""

from __future__ import annotations

import pytest

from convertly.manifest import ROUTES
from convertly.resources import FUNCTIONS
from convertly_infra.constants import LAMBDA_PYTHON_VERSION
from convertly_infra.constructs.function_code import is_container_image

API = sorted({route.function for route in ROUTES})
OTHERS = sorted(spec.name for spec in FUNCTIONS if spec.name not in API and not is_container_image(spec.name))


@pytest.mark.parametrize("name", API)
def test_each_api_function_snapshots_its_published_versions_on_python_on_arm64(stack_template, name):
    properties = stack_template.function(name)["Properties"]
    assert properties["SnapStart"] == {"ApplyOn": "PublishedVersions"}
    assert properties["Runtime"] == f"python{LAMBDA_PYTHON_VERSION}"
    assert float(LAMBDA_PYTHON_VERSION) >= 3.12  # SnapStart for Python starts at 3.12
    assert properties["Architectures"] == ["arm64"]


@pytest.mark.parametrize("name", API)
def test_each_api_function_has_one_live_alias_on_its_current_version(stack_template, name):
    function_id = stack_template.function_ids()[name]
    resources = stack_template.all_resources()
    aliases = [
        alias["Properties"]
        for alias in stack_template.resources("AWS::Lambda::Alias").values()
        if alias["Properties"]["FunctionName"] == {"Ref": function_id}
    ]
    assert [alias["Name"] for alias in aliases] == ["live"]
    version_id = aliases[0]["FunctionVersion"]["Fn::GetAtt"][0]
    assert resources[version_id]["Type"] == "AWS::Lambda::Version"
    assert resources[version_id]["Properties"]["FunctionName"] == {"Ref": function_id}


@pytest.mark.parametrize("name", OTHERS)
def test_functions_no_request_waits_on_take_no_snapshot(stack_template, name):
    properties = stack_template.function(name)["Properties"]
    assert "SnapStart" not in properties
    function_id = stack_template.function_ids()[name]
    assert not [
        alias
        for alias in stack_template.resources("AWS::Lambda::Alias").values()
        if alias["Properties"]["FunctionName"] == {"Ref": function_id}
    ]


def test_the_api_functions_live_in_a_nested_stack_of_their_own(stack_template):
    nested = [n for n in stack_template.nested if n.stack_id.startswith("FunctionsApiFunctionsNestedStack")]
    assert len(nested) == 1
    names = {logical_id: name for name, logical_id in stack_template.function_ids().items()}
    inside = {names[i] for i, r in nested[0].resources.items() if r["Type"] == "AWS::Lambda::Function"}
    assert inside == set(API)
