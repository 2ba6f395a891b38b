"""Every Lambda function in the stack runs its AWS SDK clients in the standard retry mode, as devstack's
clients do, not only the capability functions: CDK's own handlers too."""

from __future__ import annotations

import re
from pathlib import Path

from convertly.resources import FUNCTIONS

REPO_ROOT = Path(__file__).resolve().parents[2]


def _variables(function: dict) -> dict:
    return function["Properties"].get("Environment", {}).get("Variables", {})


def test_every_lambda_function_in_the_template_retries_in_the_standard_mode(stack_template):
    # Given every Lambda function the stack synthesizes, capability functions and CDK's own alike
    functions = stack_template.resources("AWS::Lambda::Function")
    assert len(functions) > len(FUNCTIONS)  # the web deployment's handler is among them

    # When we read each one's environment
    settings = {
        logical_id: (_variables(function).get("AWS_RETRY_MODE"), _variables(function).get("AWS_MAX_ATTEMPTS"))
        for logical_id, function in functions.items()
    }

    # Then each asks boto3 for the standard retry mode with three attempts in all
    assert settings == {logical_id: ("standard", "3") for logical_id in functions}


def test_each_capability_function_keeps_its_own_configuration_beside_the_retry_mode(stack_template):
    # Given the capability functions by spec name
    functions = stack_template.resources("AWS::Lambda::Function")

    # When we read their environments
    for name, logical_id in stack_template.function_ids().items():
        variables = _variables(functions[logical_id])

        # Then the retry settings were added to, not put in place of, what the function is configured with
        assert variables["POWERTOOLS_SERVICE_NAME"] == f"convertly-{name}"
        assert variables["AWS_RETRY_MODE"] == "standard"


def test_the_attempts_match_what_devstack_gives_its_own_clients():
    # Given devstack's client configuration: botocore's `max_attempts` counts retries, not attempts
    source = (REPO_ROOT / "devstack" / "aws.py").read_text()
    match = re.search(r'retries=\{"max_attempts": (\d+), "mode": "(\w+)"\}', source)
    assert match, "devstack/aws.py no longer configures its clients' retries as this test expects"

    # When we compare it with what the stack gives every function
    from convertly_infra.constants import RETRY_ENVIRONMENT

    # Then the mode is the same, and AWS_MAX_ATTEMPTS (which counts the first attempt) is one more
    assert RETRY_ENVIRONMENT["AWS_RETRY_MODE"] == match.group(2)
    assert int(RETRY_ENVIRONMENT["AWS_MAX_ATTEMPTS"]) == int(match.group(1)) + 1


def test_devstacks_functions_run_with_the_same_retry_environment_as_the_stacks() -> None:
    # Given the environment devstack gives each local function
    from types import SimpleNamespace

    from convertly_infra.constants import RETRY_ENVIRONMENT
    from devstack.environment import function_environment

    pool = SimpleNamespace(pool_id="pool", client_id="client")
    outputs = SimpleNamespace(table_name="t", uploads_bucket="u", event_bus_name="b", user_pool=pool)
    # When it is built
    variables = function_environment(outputs, "http://127.0.0.1:5000")  # type: ignore[arg-type]
    # Then its retry mode and attempts are the deployed functions'
    assert {name: variables[name] for name in RETRY_ENVIRONMENT} == RETRY_ENVIRONMENT
