"""Event source mappings: SQS queues and the table stream feed their consumer functions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_cdk import Duration
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from convertly.platform.specs import ConsumerSpec, StreamConsumerSpec
from convertly.resources import CONSUMERS, STREAM_CONSUMERS

from ..constants import construct_id as to_id
from ..nag import acknowledge, resource_of
from .queues import dead_letter_queue


def stream_filter(spec: StreamConsumerSpec) -> Mapping[str, Any]:
    """Only newly inserted items of the consumer's type reach it (an outbox record is written once)."""
    return lambda_.FilterCriteria.filter(
        {
            "eventName": lambda_.FilterRule.is_equal("INSERT"),
            "dynamodb": {"NewImage": {"type": {"S": lambda_.FilterRule.is_equal(spec.filter_type)}}},
        }
    )


class Consumers(Construct):
    """Wires queue and stream consumers; a failed stream batch lands in its failure queue, never lost."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        functions: Mapping[str, lambda_.Function],
        queues: Mapping[str, sqs.IQueue],
        table: dynamodb.ITable,
        consumers: tuple[ConsumerSpec, ...] = CONSUMERS,
        stream_consumers: tuple[StreamConsumerSpec, ...] = STREAM_CONSUMERS,
    ) -> None:
        super().__init__(scope, construct_id)
        for consumer in consumers:
            function = functions.get(consumer.function)
            if function is None:
                # Defined ahead of its function (resources.CONSUMERS says which): the queue, DLQ and rule
                # exist and keep the events until the function is deployed with its event source.
                continue
            function.add_event_source(
                sources.SqsEventSource(
                    queues[consumer.function],
                    batch_size=consumer.batch_size,
                    max_batching_window=Duration.seconds(consumer.max_batching_window_seconds),
                    report_batch_item_failures=True,
                )
            )
        self.failure_queues: dict[str, sqs.Queue] = {}
        for stream_consumer in stream_consumers:
            self._stream_consumer(stream_consumer, functions[stream_consumer.function], table)

    def _stream_consumer(
        self, spec: StreamConsumerSpec, function: lambda_.Function, table: dynamodb.ITable
    ) -> None:
        failure_queue = dead_letter_queue(
            self, f"{to_id(spec.function)}FailureQueue", name=spec.failure_queue
        )
        self.failure_queues[spec.function] = failure_queue
        acknowledge(
            resource_of(failure_queue),
            {
                "AwsSolutions-SQS3": "This queue is the stream consumer's on-failure destination, a DLQ in "
                "all but name; it is alarmed and nothing consumes it automatically.",
            },
        )
        function.add_event_source(
            sources.DynamoEventSource(
                table,
                starting_position=lambda_.StartingPosition.TRIM_HORIZON,
                batch_size=spec.batch_size,
                bisect_batch_on_error=True,
                report_batch_item_failures=True,
                retry_attempts=spec.max_retry_attempts,
                on_failure=sources.SqsDlq(failure_queue),
                filters=[stream_filter(spec)],
            )
        )
