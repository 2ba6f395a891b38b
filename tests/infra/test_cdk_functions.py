"""One Lambda function per FunctionSpec: its code, runtime, layer, tracing and configuration; a function
with a Dockerfile ships as a container image instead of a zip on the shared layer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convertly.platform.specs import FunctionSpec
from convertly.resources import FUNCTIONS
from convertly_infra.constants import LAMBDA_PYTHON_VERSION, RUNTIME
from convertly_infra.constructs.function_code import function_asset_dir, is_container_image

REPO_ROOT = Path(__file__).resolve().parents[2]
ZIP_FUNCTIONS = tuple(spec for spec in FUNCTIONS if not is_container_image(spec.name))
IMAGE_FUNCTIONS = tuple(spec for spec in FUNCTIONS if is_container_image(spec.name))


def _files(directory: Path) -> set[str]:
    return {
        str(path.relative_to(directory))
        for path in directory.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def _shared_layer(stack_template) -> tuple[str, dict]:
    """The one layer the capability functions use (CDK's web deployment handler brings its own)."""
    functions = stack_template.resources("AWS::Lambda::Function")
    used = {
        functions[stack_template.function_ids()[spec.name]]["Properties"]["Layers"][0]["Ref"]
        for spec in ZIP_FUNCTIONS
    }
    assert len(used) == 1, f"expected one shared layer, found {sorted(used)}"
    layer_id = used.pop()
    return layer_id, stack_template.raw["Resources"][layer_id]


def test_there_is_one_lambda_function_per_spec_and_no_other(stack_template):
    # Given the function specs
    expected = sorted(spec.name for spec in FUNCTIONS)

    # When we list the template's functions by service name, and every function in the template
    functions = stack_template.function_ids()
    every_function = set(stack_template.resources("AWS::Lambda::Function"))

    # Then each spec has exactly one function; the only other is CDK's handler that deploys the web app
    assert sorted(functions) == expected
    assert every_function - set(functions.values()) == {stack_template.web_deployment_handler_id()}


@pytest.mark.parametrize("spec", ZIP_FUNCTIONS, ids=lambda spec: spec.name)
def test_each_function_runs_the_handler_on_the_pinned_python_on_arm64_traced_with_the_layer(
    stack_template, spec
):
    # Given the function built from this spec, and the shared layer
    properties = stack_template.function(spec.name)["Properties"]
    layer_id, _ = _shared_layer(stack_template)

    # When we read its definition
    # Then it is the handler module of functions/<name> on the pinned runtime, traced, with the layer
    assert properties["Handler"] == "handler.handler"
    assert properties["Runtime"] == f"python{LAMBDA_PYTHON_VERSION}" == RUNTIME.name
    assert properties["Architectures"] == ["arm64"]
    assert properties["TracingConfig"] == {"Mode": "Active"}
    assert properties["Layers"][0] == {"Ref": layer_id}
    assert properties["MemorySize"] == spec.memory_mb
    assert properties["Timeout"] == spec.timeout_seconds
    assert properties["Description"] == spec.description


@pytest.mark.parametrize("spec", ZIP_FUNCTIONS, ids=lambda spec: spec.name)
def test_each_function_ships_its_own_directory_as_code(stack_template, spec: FunctionSpec):
    # Given the function's code asset as staged in the cloud assembly
    properties = stack_template.function(spec.name)["Properties"]
    staged = stack_template.staged_asset(properties["Code"]["S3Key"])

    # When we compare it with the function's directory, or its build when it needs packages of its own
    # and `make layer` built them (tests/infra/test_cdk_uploads.py checks the choice)
    source = function_asset_dir(spec.name)

    # Then the asset holds exactly that directory's files, the function's own code among them
    assert _files(staged) == _files(source)
    assert _files(REPO_ROOT / "functions" / spec.name) <= _files(staged)


@pytest.mark.parametrize("spec", IMAGE_FUNCTIONS, ids=lambda spec: spec.name)
def test_each_image_function_runs_its_image_on_arm64_with_tracing_and_no_layer(stack_template, spec):
    # Given the function built from a spec whose directory holds a Dockerfile
    properties = stack_template.function(spec.name)["Properties"]

    # When we read its definition
    image_uri = json.dumps(properties["Code"]["ImageUri"])

    # Then it runs an image of the stack's container assets on arm64, traced, sized as its spec says; the
    # image holds the runtime, the handler and the shared code, so no runtime, handler or layer is set
    assert properties["PackageType"] == "Image"
    assert "container-assets" in image_uri
    assert properties["Architectures"] == ["arm64"]
    assert properties["TracingConfig"] == {"Mode": "Active"}
    assert properties["MemorySize"] == spec.memory_mb
    assert properties["Timeout"] == spec.timeout_seconds
    assert properties["Description"] == spec.description
    assert not {"Runtime", "Handler", "Layers"} & set(properties)


@pytest.mark.parametrize("spec", IMAGE_FUNCTIONS, ids=lambda spec: spec.name)
def test_each_image_is_built_for_arm64_from_its_dockerfile_and_only_what_it_copies(stack_template, spec):
    # Given the image asset the function's ImageUri tags, as staged in the cloud assembly
    properties = stack_template.function(spec.name)["Properties"]
    tag = json.dumps(properties["Code"]["ImageUri"]).split(":")[-1].strip('"}')
    [manifest] = stack_template.outdir.glob("*.assets.json")
    source = json.loads(manifest.read_text())["dockerImages"][tag]["source"]
    context = stack_template.outdir / source["directory"]

    # When we list the build context the deploy hands to Docker
    top_level = {path.name for path in context.iterdir()}

    # Then Docker builds the function's Dockerfile for linux/arm64 from the repository's root narrowed to
    # the layer's lock, the shared code and the function's directory: nothing else (no .venv, no
    # web/node_modules), no caches, and every file of those as it is in the repository
    assert source["dockerFile"] == f"functions/{spec.name}/Dockerfile"
    assert source["platform"] == "linux/arm64"
    assert top_level == {"requirements.lock", "layers", "functions"}
    assert {path.name for path in (context / "functions").iterdir()} == {spec.name}
    assert {path.name for path in (context / "layers" / "shared" / "python").iterdir()} == {"convertly"}
    shared = REPO_ROOT / "layers" / "shared" / "python" / "convertly"
    assert _files(context / "layers" / "shared" / "python" / "convertly") == _files(shared)
    assert _files(context / "functions" / spec.name) == _files(REPO_ROOT / "functions" / spec.name)
    assert not list(context.rglob("__pycache__"))
    assert (context / "requirements.lock").read_bytes() == (REPO_ROOT / "requirements.lock").read_bytes()


@pytest.mark.parametrize("spec", IMAGE_FUNCTIONS, ids=lambda spec: spec.name)
def test_each_dockerfile_installs_the_layers_and_its_own_requirements_and_runs_the_handler(spec):
    # Given the function's Dockerfile
    dockerfile = (REPO_ROOT / "functions" / spec.name / "Dockerfile").read_text()
    instructions = [line.strip() for line in dockerfile.splitlines() if line.strip() and line[0] != "#"]

    # When we read what it builds on, copies and runs
    base = next(line for line in instructions if line.startswith("FROM "))

    # Then it builds on AWS's Python base image for the functions' runtime on ARM64, installs binary wheels
    # of the layer's lock and its own (and nothing else: --no-deps), copies the shared code and the function,
    # and runs handler.handler
    assert base == f"FROM public.ecr.aws/lambda/python:{LAMBDA_PYTHON_VERSION}-arm64"
    assert "COPY requirements.lock" in dockerfile
    assert f"COPY functions/{spec.name}/requirements.lock" in dockerfile
    assert "--only-binary=:all:" in dockerfile and "--no-deps" in dockerfile
    assert f"python{LAMBDA_PYTHON_VERSION} -m pip install" in dockerfile
    assert "COPY layers/shared/python/convertly ${LAMBDA_TASK_ROOT}/convertly" in dockerfile
    assert f"COPY functions/{spec.name}/ ${{LAMBDA_TASK_ROOT}}/" in dockerfile
    assert instructions[-1] == 'CMD ["handler.handler"]'


@pytest.mark.parametrize("spec", FUNCTIONS, ids=lambda spec: spec.name)
def test_each_function_is_configured_for_aws_and_its_own_service_name(stack_template, spec):
    # Given the stack's table, bus, user pool and client
    table_id, _ = stack_template.only("AWS::DynamoDB::Table")
    bus_id, _ = stack_template.only("AWS::Events::EventBus")
    pool_id, _ = stack_template.only("AWS::Cognito::UserPool")
    client_id, _ = stack_template.only("AWS::Cognito::UserPoolClient")

    # When we read the function's environment
    function = stack_template.function(spec.name)
    variables = function["Properties"]["Environment"]["Variables"]

    # Then it points at those resources and names its own service for logs, traces and metrics
    assert variables["TABLE_NAME"] == {"Ref": table_id}
    assert variables["EVENT_BUS_NAME"] == {"Ref": bus_id}
    assert variables["USER_POOL_ID"] == {"Ref": pool_id}
    assert variables["USER_POOL_CLIENT_ID"] == {"Ref": client_id}
    assert variables["CONVERTLY_ENV"] == "aws"
    assert variables["POWERTOOLS_SERVICE_NAME"] == f"convertly-{spec.name}"
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "Convertly"
    assert variables["POWERTOOLS_LOG_LEVEL"] == "INFO"


@pytest.mark.parametrize("spec", FUNCTIONS, ids=lambda spec: spec.name)
def test_each_function_logs_to_its_own_group_with_a_retention(stack_template, spec):
    # Given the function and the log groups
    function = stack_template.function(spec.name)
    groups = stack_template.resources("AWS::Logs::LogGroup")

    # When we follow its logging configuration
    group_id = function["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]

    # Then the logs land in a group that expires them
    assert groups[group_id]["Properties"]["RetentionInDays"] == 30


def test_the_shared_layer_is_built_for_the_functions_runtime(stack_template):
    # Given the layer the functions use
    _, layer = _shared_layer(stack_template)
    properties = layer["Properties"]

    # When we open its staged asset
    staged = stack_template.staged_asset(properties["Content"]["S3Key"])

    # Then it targets the functions' Python on arm64 and holds the convertly package where Lambda looks
    assert properties["CompatibleRuntimes"] == [f"python{LAMBDA_PYTHON_VERSION}"]
    assert properties["CompatibleArchitectures"] == ["arm64"]
    assert (staged / "python" / "convertly" / "manifest.py").is_file()


@pytest.mark.parametrize("spec", ZIP_FUNCTIONS, ids=lambda spec: spec.name)
def test_only_the_functions_asking_the_model_carry_the_openai_sdk(stack_template, spec):
    # Given the AI layer (the OpenAI SDK and its packages) and the function's layers
    [(ai_layer_id, ai_layer)] = [
        (logical_id, layer)
        for logical_id, layer in stack_template.resources("AWS::Lambda::LayerVersion").items()
        if "OpenAI" in layer["Properties"].get("Description", "")
    ]
    layers = stack_template.function(spec.name)["Properties"]["Layers"]

    # Then a function whose spec asks the model has it after the shared layer, and no other has it
    if spec.openai_key:
        assert layers[1:] == [{"Ref": ai_layer_id}]
    else:
        assert {"Ref": ai_layer_id} not in layers and len(layers) == 1
    assert ai_layer["Properties"]["CompatibleRuntimes"] == [f"python{LAMBDA_PYTHON_VERSION}"]
    assert ai_layer["Properties"]["CompatibleArchitectures"] == ["arm64"]


def test_the_shared_layer_holds_no_openai_sdk_and_the_ai_layer_does():
    # The locks the layers are built from: openai and its HTTP client only in the AI layer's
    shared = (REPO_ROOT / "requirements.lock").read_text()
    ai = (REPO_ROOT / "layers" / "ai" / "requirements.lock").read_text()
    assert "openai==" not in shared and "httpx2==" not in shared
    assert "openai==" in ai
