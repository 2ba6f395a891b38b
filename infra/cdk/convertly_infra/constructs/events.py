"""The custom event bus and, per consumer, a rule routing its detail types to its queue (with a DLQ)."""

from __future__ import annotations

from typing import cast

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from convertly.platform.specs import ConsumerSpec
from convertly.resources import CONSUMERS, EVENT_BUS

from ..constants import construct_id as to_id
from .queues import dead_letter_queue, encrypted_queue


class Events(Construct):
    """Bus, rules and queues; `queues` maps each consumer function to the queue it drains."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        bus_name: str = EVENT_BUS,
        consumers: tuple[ConsumerSpec, ...] = CONSUMERS,
    ) -> None:
        super().__init__(scope, construct_id)
        self.bus = events.EventBus(self, "Bus", event_bus_name=bus_name)
        self.dead_letter_queues: dict[str, sqs.Queue] = {}
        self.queues: dict[str, sqs.Queue] = {
            consumer.function: self._consumer_queue(consumer) for consumer in consumers
        }

    def _consumer_queue(self, consumer: ConsumerSpec) -> sqs.Queue:
        name = to_id(consumer.function)
        dlq = dead_letter_queue(self, f"{name}DeadLetterQueue", name=consumer.dead_letter_queue)
        self.dead_letter_queues[consumer.function] = dlq
        queue = encrypted_queue(
            self,
            f"{name}Queue",
            name=consumer.queue,
            visibility_timeout=Duration.seconds(consumer.visibility_timeout_seconds),
            dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=consumer.max_receive_count, queue=dlq),
        )
        rule = events.Rule(
            self,
            f"{name}Rule",
            rule_name=consumer.rule.name,
            description=_description(consumer),
            event_bus=self.bus,
            event_pattern=events.EventPattern(source=events.Match.prefix(consumer.rule.source_prefix)),
            targets=[targets.SqsQueue(queue)],
        )
        # The spec's whole pattern, content filters and $or included, exactly as the local stack installs
        # it (EventPattern has no $or at the top level).
        cast(events.CfnRule, rule.node.default_child).add_property_override(
            "EventPattern", consumer.rule.event_pattern()
        )
        return queue


def _description(consumer: ConsumerSpec) -> str:
    """What the rule routes, within CloudFormation's 512 characters for a rule's description."""
    full = f"Routes {', '.join(consumer.rule.detail_types)} to {consumer.queue}"
    if len(full) <= 512:
        return full
    kinds = len(consumer.rule.detail_types)
    return f"Routes {kinds} detail types (see its event pattern) to {consumer.queue}"
