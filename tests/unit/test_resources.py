"""Resource definitions that CDK and the local stack share: rules the definitions must keep."""

from __future__ import annotations

from convertly import names, resources


def _function(name: str) -> resources.FunctionSpec:
    return next(spec for spec in resources.FUNCTIONS if spec.name == name)


def test_every_consumer_has_a_defined_function() -> None:
    names = {spec.name for spec in resources.FUNCTIONS}
    assert {consumer.function for consumer in resources.CONSUMERS} <= names
    assert {consumer.function for consumer in resources.STREAM_CONSUMERS} <= names


def test_queue_visibility_is_at_least_six_function_timeouts() -> None:
    # A message must not reappear while the function that received it may still be running, retries included
    for consumer in resources.CONSUMERS:
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
