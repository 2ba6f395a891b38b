"""The cold-start bench measures what Lambda would have: each function's bundle holds the packages of the
locks it ships, and nothing else is importable while its handler is timed."""

from __future__ import annotations

import os
import subprocess

import pytest

from bench import cold_starts, imports
from bench.bundles import locks_of, not_in_bundle


def test_a_bundle_holds_its_locks_packages_only() -> None:
    # Stripe's optional aiohttp, the local stack's moto: in the venv, in no bundle
    assert {"aiohttp", "moto"} <= not_in_bundle("billing_webhook")
    assert "stripe" not in not_in_bundle("billing_webhook") and "boto3" not in not_in_bundle("leads")
    # The OpenAI SDK only for the functions asking the model
    assert "openai" in not_in_bundle("leads") and "openai" not in not_in_bundle("ai")
    assert [path.name for path in locks_of("import_runner")] == ["requirements.lock", "requirements.lock"]
    assert "openpyxl" in not_in_bundle("leads") and "openpyxl" not in not_in_bundle("import_runner")
    assert "convertly" not in not_in_bundle("leads")


def test_a_module_outside_the_bundle_cannot_be_imported_while_timed() -> None:
    env = {**os.environ, "BENCH_NOT_IN_BUNDLE": "json,csv"}
    with pytest.raises(subprocess.CalledProcessError):
        imports._timed_import("json", env)
    assert imports._timed_import("decimal", env) > 0


def test_the_monthly_cost_adds_the_cache_and_the_restores() -> None:
    added, plain = cold_starts.monthly_cost(functions=30, memory_gb=0.5, import_s=0.4)
    cache = 30 * 0.5 * 30 * 24 * 3600 * cold_starts.CACHE_PER_GB_SECOND
    restores = 1_000_000 * cold_starts.COLD_SHARE * 0.5 * cold_starts.RESTORE_PER_GB
    assert added == pytest.approx(cache + restores)
    assert plain == pytest.approx(
        1_000_000 * cold_starts.COLD_SHARE * 0.4 * 0.5 * cold_starts.ARM64_PER_GB_SECOND
    )
    assert 58 < cache < 59 and added > 100 * plain
