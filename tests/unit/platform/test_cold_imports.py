"""What a cold start loads (bench/imports.py measures what it costs): each case imports one handler
in a fresh interpreter under that function's Lambda environment and looks at what got loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.env import lambda_env

ROOT = Path(__file__).resolve().parents[3]

_PROBE = """
import json, sys
import functions.{function}.handler
loaded = sorted(m.split(".")[0] for m in sys.modules)  # before the probe's own import below
full = sorted(sys.modules)
from convertly.platform.domain import DomainModel

def models(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from models(sub)

answer = {{
    "modules": loaded,
    "full": full,
    "built": sorted(m.__qualname__ for m in models(DomainModel) if m.__pydantic_complete__),
}}
if {snapshot}:
    from convertly.platform import snapstart
    snapstart.before_snapshot()
    answer["snapshot_full"] = sorted(sys.modules)
    answer["unbuilt_after_snapshot"] = sorted(
        m.__qualname__ for m in models(DomainModel) if not m.__pydantic_complete__
    )
print(json.dumps(answer))
"""


def _cold_start(function: str, snapshot: bool = False) -> dict[str, list[str]]:
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", _PROBE.format(function=function, snapshot=snapshot)],
        cwd=ROOT,
        env=lambda_env(function, str(ROOT / "functions" / function)),
        capture_output=True,
        text=True,
        check=True,
    )
    loaded: dict[str, list[str]] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize(
    "function",
    ["event_relay", "audit_log", "notifier", "reminders", "lead_assignment", "stage_deletion", "conversions"],
)
def test_a_function_that_validates_no_input_does_not_load_pydantic(function: str) -> None:
    assert "pydantic" not in _cold_start(function)["modules"]


def test_the_billing_api_loads_the_stripe_sdk_only_for_a_route_that_calls_stripe() -> None:
    # GET /billing, the Billing page's read, never talks to Stripe.
    assert "stripe" not in _cold_start("billing")["modules"]


@pytest.mark.parametrize("function", ["auth", "billing", "leads", "settings", "tasks"])
def test_importing_a_handler_builds_no_domain_model(function: str) -> None:
    # DomainModel defers its schema to first use: a cold start builds only what its route needs.
    assert _cold_start(function)["built"] == []


@pytest.mark.parametrize(
    ("function", "first_use"),
    [
        # A bulk action that adds records to a workflow is the one that needs automation's engine.
        ("bulk_actions", ["convertly.automation.engine", "convertly.automation.use_cases", "jinja2"]),
        # Reading and editing workflows needs neither the engine nor Jinja2 (sending does).
        ("automation", ["convertly.automation.engine", "convertly.messaging.service", "jinja2"]),
        # The templates page saves and lists; only a preview or a send renders.
        ("messaging", ["jinja2"]),
    ],
)
def test_what_a_function_loads_on_first_use_is_in_its_snapstart_snapshot(
    function: str, first_use: list[str]
) -> None:
    loaded = _cold_start(function, snapshot=True)
    # Not loaded by the cold start's import ...
    assert not set(first_use) & set(loaded["full"])
    # ... but before the snapshot, with every model the function loaded built
    assert set(first_use) <= set(loaded["snapshot_full"])
    assert loaded["unbuilt_after_snapshot"] == []


# API handlers whose import still needs the table's models: a signature's type or a module-level object
# comes from a module that holds them (accounts' domain names billing's summary; the form post's
# submissions object; the stage change's body from the leads service).
_EAGER_TABLE = {"auth", "console", "form_submit", "stage_change", "users"}
_NO_TABLE = {"docs"}  # serves the API's document and reads no table


def _api_handlers() -> list[str]:
    from convertly.manifest import ROUTES

    return sorted({route.function for route in ROUTES})


@pytest.mark.parametrize(
    "function", [name for name in _api_handlers() if name not in _EAGER_TABLE | _NO_TABLE]
)
def test_an_api_handler_loads_its_use_cases_and_the_tables_models_at_first_use(function: str) -> None:
    loaded = _cold_start(function, snapshot=True)
    # The import holds no PynamoDB (its use cases, stores and other capabilities are deferred) ...
    assert "pynamodb" not in loaded["modules"]
    # ... and the snapshot holds them, every model it loaded built
    assert "pynamodb" in {name.split(".")[0] for name in loaded["snapshot_full"]}
    assert loaded["unbuilt_after_snapshot"] == []


_REFERENCE_PROBE = "import sys, {module}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"


@pytest.mark.parametrize(
    ("module", "loads", "not_loaded"),
    [
        ("bench.references.user_api", {"jwt", "cryptography", "pydantic", "aws_xray_sdk"}, {"convertly"}),
        ("bench.references.public_api", {"pydantic", "aws_xray_sdk"}, {"convertly", "jwt", "cryptography"}),
    ],
)
def test_the_reference_functions_hold_the_required_stack_and_no_convertly_code(
    module: str, loads: set[str], not_loaded: set[str]
) -> None:
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", _REFERENCE_PROBE.format(module=module)],
        cwd=ROOT,
        env=lambda_env("leads", str(ROOT / "functions" / "leads")),
        capture_output=True,
        text=True,
        check=True,
    )
    modules = set(result.stdout.split())
    assert loads <= modules and not (not_loaded & modules)


def test_each_function_is_compared_with_the_reference_of_its_kind() -> None:
    from bench.imports import kind_of

    assert (kind_of("leads"), kind_of("form_submit"), kind_of("billing_webhook")) == (
        "user",
        "public",
        "public",
    )
    assert kind_of("event_relay") == "consumer"
