"""Queue building blocks shared by the event and stream consumers: encrypted queues, DLQs and alarms."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from ..constants import DLQ_ALARM_THRESHOLD, DLQ_RETENTION_DAYS


def encrypted_queue(
    scope: Construct,
    construct_id: str,
    *,
    name: str,
    visibility_timeout: Duration | None = None,
    retention_period: Duration | None = None,
    dead_letter_queue: sqs.DeadLetterQueue | None = None,
) -> sqs.Queue:
    """An SQS queue with SSE and TLS only; SQS-managed keys let EventBridge send without a KMS key policy."""
    return sqs.Queue(
        scope,
        construct_id,
        queue_name=name,
        encryption=sqs.QueueEncryption.SQS_MANAGED,
        enforce_ssl=True,
        visibility_timeout=visibility_timeout,
        retention_period=retention_period,
        dead_letter_queue=dead_letter_queue,
    )


def dead_letter_queue(scope: Construct, construct_id: str, *, name: str) -> sqs.Queue:
    """A DLQ that keeps messages for the longest SQS allows, with an alarm as soon as one arrives."""
    queue = encrypted_queue(
        scope, construct_id, name=name, retention_period=Duration.days(DLQ_RETENTION_DAYS)
    )
    cloudwatch.Alarm(
        scope,
        f"{construct_id}Alarm",
        alarm_name=f"{name}-messages-visible",
        alarm_description=f"Messages are waiting in {name}: inspect them, fix the cause, then redrive.",
        metric=queue.metric_approximate_number_of_messages_visible(
            period=Duration.minutes(1), statistic=cloudwatch.Stats.MAXIMUM
        ),
        threshold=DLQ_ALARM_THRESHOLD,
        evaluation_periods=1,
        comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
    )
    return queue
