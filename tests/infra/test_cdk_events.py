"""Events reach their consumers: rules to queues with DLQs, the table stream to the relay, schedules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aws_cdk import App, Stack
from aws_cdk import aws_lambda as lambda_

from convertly.platform.specs import ConsumerSpec, RuleSpec, ScheduleSpec
from convertly.resources import CONSUMERS, EVENT_BUS, FUNCTIONS, SCHEDULES, STREAM_CONSUMERS

SAMPLES = Path(__file__).resolve().parents[2] / "events" / "domain"


def _consumer_id(consumer) -> str:
    return consumer.function


def _mapping_from(stack_template, source_arn: dict) -> dict:
    mappings = [
        m["Properties"]
        for m in stack_template.resources("AWS::Lambda::EventSourceMapping").values()
        if m["Properties"]["EventSourceArn"] == source_arn
    ]
    assert len(mappings) == 1, f"expected one mapping from {source_arn}, found {len(mappings)}"
    return mappings[0]


def _dlq_alarms(stack_template, queue_id: str) -> list[dict]:
    dimension = [{"Name": "QueueName", "Value": {"Fn::GetAtt": [queue_id, "QueueName"]}}]
    return [
        a["Properties"]
        for a in stack_template.resources("AWS::CloudWatch::Alarm").values()
        if a["Properties"].get("Dimensions") == dimension
    ]


def _assert_alarms_on_first_message(alarms: list[dict]) -> None:
    assert len(alarms) == 1
    (alarm,) = alarms
    assert alarm["Namespace"] == "AWS/SQS"
    assert alarm["MetricName"] == "ApproximateNumberOfMessagesVisible"
    assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert alarm["Threshold"] == 1


def test_the_custom_bus_carries_the_spec_name(stack_template):
    # Given the stack's event bus
    _, bus = stack_template.only("AWS::Events::EventBus")

    # When we read its name
    # Then it is the bus the functions publish to
    assert bus["Properties"]["Name"] == EVENT_BUS


@pytest.mark.parametrize("consumer", CONSUMERS, ids=_consumer_id)
def test_each_consumer_queue_redrives_to_its_dlq(stack_template, consumer):
    # Given the consumer's queue and dead-letter queue, by name
    queue_id = stack_template.queue_id(consumer.queue)
    dlq_id = stack_template.queue_id(consumer.dead_letter_queue)

    # When we read the queue's redrive policy
    queue = stack_template.raw["Resources"][queue_id]["Properties"]

    # Then a message that keeps failing moves to the DLQ after max_receive_count receives
    assert queue["RedrivePolicy"] == {
        "deadLetterTargetArn": {"Fn::GetAtt": [dlq_id, "Arn"]},
        "maxReceiveCount": consumer.max_receive_count,
    }
    assert queue["VisibilityTimeout"] == consumer.visibility_timeout_seconds
    assert queue["SqsManagedSseEnabled"] is True


@pytest.mark.parametrize("consumer", CONSUMERS, ids=_consumer_id)
def test_each_consumer_rule_routes_its_detail_types_from_the_bus_to_its_queue(stack_template, consumer):
    # Given the rule named by the consumer spec
    bus_id, _ = stack_template.only("AWS::Events::EventBus")
    rules = [
        r["Properties"]
        for r in stack_template.resources("AWS::Events::Rule").values()
        if r["Properties"].get("Name") == consumer.rule.name
    ]
    assert len(rules) == 1
    (rule,) = rules

    # When we read its pattern and targets
    pattern = rule["EventPattern"]

    # Then it is exactly the spec's pattern (detail types, content filters, Convertly sources), the one the
    # local stack installs too, and it feeds the consumer's queue
    assert rule["EventBusName"] == {"Ref": bus_id}
    assert pattern == consumer.rule.event_pattern()
    assert pattern["source"] == [{"prefix": consumer.rule.source_prefix}]
    assert [t["Arn"] for t in rule["Targets"]] == [
        {"Fn::GetAtt": [stack_template.queue_id(consumer.queue), "Arn"]}
    ]


@pytest.mark.parametrize(
    "consumer", [c for c in CONSUMERS if c.function in {f.name for f in FUNCTIONS}], ids=_consumer_id
)
def test_each_consumer_function_drains_its_queue_reporting_partial_failures(stack_template, consumer):
    # Given the consumer's queue
    queue_arn = {"Fn::GetAtt": [stack_template.queue_id(consumer.queue), "Arn"]}

    # When we find the event source mapping that reads it
    mapping = _mapping_from(stack_template, queue_arn)

    # Then it invokes the consumer function in the spec's batches, retrying only the failed records
    assert mapping["FunctionName"] == {"Ref": stack_template.function_ids()[consumer.function]}
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["BatchSize"] == consumer.batch_size
    assert mapping["MaximumBatchingWindowInSeconds"] == consumer.max_batching_window_seconds


@pytest.mark.parametrize("consumer", CONSUMERS, ids=_consumer_id)
def test_each_consumer_dlq_alarms_on_its_first_message(stack_template, consumer):
    # Given the consumer's DLQ
    dlq_id = stack_template.queue_id(consumer.dead_letter_queue)

    # When we find the alarms on it
    alarms = _dlq_alarms(stack_template, dlq_id)

    # Then one alarm fires as soon as a message is visible
    _assert_alarms_on_first_message(alarms)


@pytest.mark.parametrize("consumer", STREAM_CONSUMERS, ids=_consumer_id)
def test_the_table_stream_feeds_only_new_outbox_records_to_the_relay(stack_template, consumer):
    # Given the table's stream
    table_id, _ = stack_template.only("AWS::DynamoDB::Table")

    # When we find the mapping that reads it
    mapping = _mapping_from(stack_template, {"Fn::GetAtt": [table_id, "StreamArn"]})
    (stream_filter,) = mapping["FilterCriteria"]["Filters"]

    # Then only INSERTs of the consumer's item type reach its function, from the oldest record on
    assert mapping["FunctionName"] == {"Ref": stack_template.function_ids()[consumer.function]}
    assert json.loads(stream_filter["Pattern"]) == {
        "eventName": ["INSERT"],
        "dynamodb": {"NewImage": {"type": {"S": [consumer.filter_type]}}},
    }
    assert mapping["StartingPosition"] == "TRIM_HORIZON"
    assert mapping["BatchSize"] == consumer.batch_size


@pytest.mark.parametrize("consumer", STREAM_CONSUMERS, ids=_consumer_id)
def test_a_failing_stream_batch_is_split_retried_then_parked_in_the_failure_queue(stack_template, consumer):
    # Given the stream mapping and the consumer's failure queue
    table_id, _ = stack_template.only("AWS::DynamoDB::Table")
    mapping = _mapping_from(stack_template, {"Fn::GetAtt": [table_id, "StreamArn"]})
    failure_queue_id = stack_template.queue_id(consumer.failure_queue)

    # When we read how the mapping handles failures
    # Then it bisects, reports partial failures, retries up to the spec's limit, then sends to the queue
    assert mapping["BisectBatchOnFunctionError"] is True
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["MaximumRetryAttempts"] == consumer.max_retry_attempts
    assert mapping["DestinationConfig"] == {
        "OnFailure": {"Destination": {"Fn::GetAtt": [failure_queue_id, "Arn"]}}
    }
    _assert_alarms_on_first_message(_dlq_alarms(stack_template, failure_queue_id))


def _rate(minutes: int) -> str:
    """A rate as CDK writes it: in the largest whole unit (1440 minutes is `rate(1 day)`)."""
    for unit, size in (("day", 1440), ("hour", 60), ("minute", 1)):
        if minutes % size == 0:
            count = minutes // size
            return f"rate({count} {unit}{'s' if count > 1 else ''})"
    raise AssertionError(minutes)


def test_the_stack_schedules_exactly_the_spec_schedules(stack_template):
    # Given the rules that run on a schedule
    scheduled = [
        r["Properties"]
        for r in stack_template.resources("AWS::Events::Rule").values()
        if "ScheduleExpression" in r["Properties"]
    ]

    # When we compare them with resources.SCHEDULES
    expected = sorted(_rate(s.rate_minutes) for s in SCHEDULES)

    # Then there is one rule per schedule (none while the spec has none)
    assert sorted(r["ScheduleExpression"] for r in scheduled) == expected


def test_a_schedule_spec_becomes_a_rate_rule_targeting_its_function():
    # Given a function and a schedule spec for it, outside the main stack
    from aws_cdk.assertions import Match, Template

    from convertly_infra.constants import RUNTIME
    from convertly_infra.constructs.schedules import Schedules

    stack = Stack(App(), "ScheduleProbe")
    function = lambda_.Function(
        stack,
        "Reminders",
        code=lambda_.Code.from_inline("def handler(event, context): pass"),
        handler="index.handler",
        runtime=RUNTIME,
    )

    # When the schedules construct is built from the spec
    Schedules(
        stack, "Schedules", functions={"reminders": function}, schedules=(ScheduleSpec("reminders", 5),)
    )

    # Then a rate rule invokes the function, which allows EventBridge to call it
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Events::Rule",
        {
            "ScheduleExpression": "rate(5 minutes)",
            "Targets": [Match.object_like({"Arn": {"Fn::GetAtt": [Match.any_value(), "Arn"]}})],
        },
    )
    template.has_resource_properties(
        "AWS::Lambda::Permission", {"Principal": "events.amazonaws.com", "Action": "lambda:InvokeFunction"}
    )


@pytest.mark.parametrize(
    ("rule_name", "sample", "data", "expected"),
    [
        ("convertly-conversions", "LeadStageChanged.won", {}, True),
        ("convertly-conversions", "LeadStageChanged.reopened", {}, True),
        ("convertly-conversions", "LeadStageChanged.won", {"to_kind": "open", "reopened": False}, False),
        ("convertly-notifications", "LeadCreated", {}, True),
        ("convertly-notifications", "LeadStageChanged.won", {"to_kind": "open", "reopened": False}, True),
        ("convertly-notifications", "LeadUpdated", {}, False),
        (
            "convertly-notifications",
            "LeadUpdated",
            {"changes": {"owner_id": {"from": None, "to": "u"}}},
            True,
        ),
    ],
)
def test_the_deployed_rules_let_through_exactly_the_events_their_consumer_needs(
    stack_template, rule_name, sample, data, expected
):
    # Given the synthesized rule, and a sample event (changed as the case says)
    from moto.events.models import EventPattern

    (rule,) = [
        r["Properties"]
        for r in stack_template.resources("AWS::Events::Rule").values()
        if r["Properties"].get("Name") == rule_name
    ]
    event = json.loads((SAMPLES / f"{sample}.json").read_text())
    event["detail"]["data"].update(data)

    # When EventBridge's content filtering (moto's implementation) evaluates the rule's pattern
    matched = EventPattern.load(json.dumps(rule["EventPattern"])).matches_event(event)

    # Then the event reaches the queue exactly when the consumer needs it
    assert matched is expected


def test_a_consumer_defined_ahead_of_its_function_gets_queue_rule_and_alarm_but_no_event_source():
    # Given a consumer spec whose function does not exist yet, built outside the main stack
    from aws_cdk import aws_dynamodb as dynamodb

    from convertly_infra.constructs.consumers import Consumers
    from convertly_infra.constructs.events import Events

    stack = Stack(App(), "AheadProbe")
    spec = ConsumerSpec(
        function="not_written_yet",
        queue="probe-queue",
        dead_letter_queue="probe-dlq",
        rule=RuleSpec(name="probe-rule", detail_types=("LeadStageChanged",)),
    )
    table = dynamodb.Table(
        stack, "Table", partition_key=dynamodb.Attribute(name="PK", type=dynamodb.AttributeType.STRING)
    )

    # When the events and consumers constructs are built from it with no functions
    bus = Events(stack, "Events", consumers=(spec,))
    Consumers(
        stack,
        "Consumers",
        functions={},
        queues=bus.queues,
        table=table,
        consumers=(spec,),
        stream_consumers=(),
    )

    # Then the queue, its DLQ with an alarm and the rule exist, and no event source mapping does
    from aws_cdk.assertions import Template

    template = Template.from_stack(stack)
    template.resource_count_is("AWS::SQS::Queue", 2)
    template.resource_count_is("AWS::CloudWatch::Alarm", 1)
    template.resource_count_is("AWS::Events::Rule", 1)
    template.resource_count_is("AWS::Lambda::EventSourceMapping", 0)
