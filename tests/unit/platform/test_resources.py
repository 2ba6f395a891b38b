"""Resource definitions that CDK and the local stack share: rules the definitions must keep."""

from __future__ import annotations

from pathlib import Path

from convertly import resources
from convertly.platform import names


def _function(name: str) -> resources.FunctionSpec:
    return next(spec for spec in resources.FUNCTIONS if spec.name == name)


FUNCTIONS_DIR = Path(__file__).resolve().parents[3] / "functions"


def _awaiting_function() -> set[str]:
    """Consumers defined ahead of their function: queue, DLQ and rule exist, events wait in the queue."""
    return {consumer.function for consumer in resources.CONSUMERS} - {
        spec.name for spec in resources.FUNCTIONS
    }


def test_every_consumer_has_a_defined_function_or_nothing_runs_it_yet() -> None:
    names = {spec.name for spec in resources.FUNCTIONS}
    assert {consumer.function for consumer in resources.STREAM_CONSUMERS} <= names
    # A consumer ahead of its function has no handler either, so neither CDK nor the local stack runs it
    assert not any((FUNCTIONS_DIR / name / "handler.py").exists() for name in _awaiting_function())


def test_queue_visibility_is_at_least_six_function_timeouts() -> None:
    # A message must not reappear while the function that received it may still be running, retries included
    for consumer in resources.CONSUMERS:
        if consumer.function not in _awaiting_function():
            assert consumer.visibility_timeout_seconds >= 6 * _function(consumer.function).timeout_seconds


def test_every_consumer_queue_redrives_to_its_own_dead_letter_queue() -> None:
    queues = [c.queue for c in resources.CONSUMERS]
    dlqs = [c.dead_letter_queue for c in resources.CONSUMERS]
    assert len(set(queues + dlqs)) == 2 * len(resources.CONSUMERS)
    assert all(1 < c.max_receive_count <= 10 for c in resources.CONSUMERS)


def test_every_rule_matches_the_events_convertly_publishes() -> None:
    assert all(names.EVENT_SOURCE.startswith(c.rule.source_prefix) for c in resources.CONSUMERS)


def test_the_tenant_claim_is_the_pools_custom_attribute() -> None:
    assert f"custom:{resources.USER_POOL.tenant_attribute}" == names.TENANT_CLAIM
