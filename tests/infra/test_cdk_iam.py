"""Least privilege: each function's role grants what its FunctionSpec names, and nothing more."""

from __future__ import annotations

import pytest

from convertly.resources import FUNCTIONS, STREAM_CONSUMERS, function_spec

TABLE_READ = {
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
}
TABLE_WRITE = {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"}
STREAM_READ = {
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
    "dynamodb:ListStreams",
}
COGNITO_ADMIN = {
    f"cognito-idp:{action}"
    for action in (
        "AdminCreateUser",
        "AdminSetUserPassword",
        "AdminAddUserToGroup",
        "AdminDeleteUser",
        "AdminGetUser",
        "ListUsers",
        "InitiateAuth",
        "ForgotPassword",
        "ConfirmForgotPassword",
        "AdminRemoveUserFromGroup",
        "AdminDisableUser",
        "AdminEnableUser",
        "AdminUserGlobalSignOut",
        "AdminUpdateUserAttributes",
        "RespondToAuthChallenge",
        "RevokeToken",
        "ChangePassword",
    )
}
STREAM_FUNCTIONS = {consumer.function for consumer in STREAM_CONSUMERS}


def _dynamodb(actions: set[str]) -> set[str]:
    return {action for action in actions if action.startswith("dynamodb:")}


def _names(specs) -> list[str]:
    return [spec.name for spec in specs]


def test_the_docs_function_cannot_touch_dynamodb(stack_template):
    # Given the docs function, which only serves the OpenAPI document
    assert function_spec("docs").table_access == ""

    # When we collect the actions its role allows
    actions = stack_template.role_actions("docs")

    # Then none of them is a DynamoDB action
    assert _dynamodb(actions) == set()


@pytest.mark.parametrize("name", ["stage_change", "pipelines", "notifier", "stage_deletion"])
def test_stage_moves_and_notifications_write_items_and_publish_only_through_the_outbox(stack_template, name):
    # Given a function that moves leads or writes notifications
    assert function_spec(name).table_access == "readwrite"

    # When we collect the actions its role allows
    actions = stack_template.role_actions(name)

    # Then it reads and writes items, never Scans or reads the stream, and cannot put events itself:
    # its events go to the outbox in its transaction, and the relay publishes them
    assert _dynamodb(actions) == TABLE_READ | TABLE_WRITE
    assert not {action for action in actions if action.startswith("events:")}


@pytest.mark.parametrize("spec", [s for s in FUNCTIONS if s.table_access], ids=lambda s: s.name)
def test_table_access_matches_the_spec_on_the_table_and_its_indexes(stack_template, spec):
    # Given a function with table access and the table's ARN
    table_id, _ = stack_template.only("AWS::DynamoDB::Table")
    table_arn = {"Fn::GetAtt": [table_id, "Arn"]}

    # When we find the statements that grant DynamoDB actions on the table
    statements = [
        s
        for s in stack_template.role_statements(spec.name)
        if any(str(a).startswith("dynamodb:") for a in s["Action"])
    ]

    # Then read or read+write is granted on the table and its indexes only
    expected = TABLE_READ | (TABLE_WRITE if spec.table_access == "readwrite" else set())
    assert _dynamodb(stack_template.role_actions(spec.name)) == expected
    for statement in statements:
        assert statement["Resource"] == [table_arn, {"Fn::Join": ["", [table_arn, "/index/*"]]}]


@pytest.mark.parametrize("spec", [s for s in FUNCTIONS if not s.table_access], ids=lambda s: s.name)
def test_functions_without_table_access_reach_at_most_the_stream(stack_template, spec):
    # Given a function whose spec grants no table access
    # When we collect its DynamoDB actions
    actions = _dynamodb(stack_template.role_actions(spec.name))

    # Then only a stream consumer has any, and only the stream reads
    allowed = STREAM_READ if spec.name in STREAM_FUNCTIONS else set()
    assert actions <= allowed
    assert not actions & (TABLE_READ | TABLE_WRITE)


@pytest.mark.parametrize("spec", FUNCTIONS, ids=lambda s: s.name)
def test_only_cognito_admin_functions_may_call_cognito_and_only_on_the_pool(stack_template, spec):
    # Given the user pool
    pool_id, _ = stack_template.only("AWS::Cognito::UserPool")

    # When we collect the function's Cognito statements (one action is a string, several a list)
    def actions(statement):
        granted = statement["Action"]
        return {granted} if isinstance(granted, str) else set(granted)

    statements = [
        s
        for s in stack_template.role_statements(spec.name)
        if any(a.startswith("cognito-idp:") for a in actions(s))
    ]

    # Then cognito_admin functions get exactly the admin actions on this pool, a function that lists
    # the tenants only ListUsers on it, others none
    if spec.cognito_admin:
        assert len(statements) == 1
        assert actions(statements[0]) == COGNITO_ADMIN
        assert statements[0]["Resource"] == {"Fn::GetAtt": [pool_id, "Arn"]}
    elif spec.lists_tenants:
        assert [actions(s) for s in statements] == [{"cognito-idp:ListUsers"}]
        assert statements[0]["Resource"] == {"Fn::GetAtt": [pool_id, "Arn"]}
    else:
        assert statements == []


@pytest.mark.parametrize("spec", FUNCTIONS, ids=lambda s: s.name)
def test_only_publishing_functions_may_put_events_and_only_on_the_bus(stack_template, spec):
    # Given the custom bus
    bus_id, _ = stack_template.only("AWS::Events::EventBus")

    # When we find the statements that allow events:PutEvents
    statements = [
        s
        for s in stack_template.role_statements(spec.name)
        if "events:PutEvents" in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    ]

    # Then a publisher may put events on this bus only, and nobody else may put events at all
    if spec.publishes_events:
        assert [s["Resource"] for s in statements] == [{"Fn::GetAtt": [bus_id, "Arn"]}]
    else:
        assert statements == []


def test_every_role_uses_only_the_basic_execution_managed_policy(stack_template):
    # Given every role in the stack: one per function, and the one of CDK's web deployment handler
    roles = stack_template.resources("AWS::IAM::Role")
    handler = stack_template.raw["Resources"][stack_template.web_deployment_handler_id()]
    handler_role = handler["Properties"]["Role"]["Fn::GetAtt"][0]

    # When we collect the managed policies attached to them
    managed = {str(arn) for role in roles.values() for arn in role["Properties"].get("ManagedPolicyArns", [])}

    # Then the only one is the AWS basic execution role (logs only), and there is no other role
    assert len(managed) == 1
    assert "service-role/AWSLambdaBasicExecutionRole" in managed.pop()
    assert len(set(roles) - {handler_role}) == len(FUNCTIONS), _names(FUNCTIONS)


def test_only_the_console_reads_the_dead_letter_queues(stack_template):
    # Given the functions that inspect queues (the platform console) and the others
    inspecting = {spec.name for spec in FUNCTIONS if spec.inspects_queues}
    assert inspecting == {"console"}
    # Then the console may read each dead-letter queue (depth and a peek), and no API function may
    console = stack_template.role_actions("console")
    assert {"sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:GetQueueUrl"} <= console
    for name in ("leads", "users", "auth"):
        assert not {a for a in stack_template.role_actions(name) if a.startswith("sqs:")}
