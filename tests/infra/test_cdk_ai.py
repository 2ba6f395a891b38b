"""The AI capability in the template: the platform's OpenAI key, readable by exactly the functions that ask
the model, with the deployment's AI settings; the score training as a container image on its own queue,
within the queue's visibility timeout; the daily schedule that asks for it; and no Scan anywhere."""

from __future__ import annotations

import json

import pytest
from aws_cdk import App, Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk.assertions import Template

from convertly.ai import resources as ai_resources
from convertly.ai.events import TRAINING_REQUESTED
from convertly.platform.specs import FunctionSpec
from convertly.resources import CONSUMERS, FUNCTIONS, SCHEDULES, function_spec
from convertly_infra.constructs.openai_key import ai_environment
from tests.infra.test_cdk_conversions import _readers, _secret_id

SECRET_NAME = "convertly/openai"
AI_SETTINGS = ("AI_SUMMARY_MODEL", "AI_QUESTIONS_MODEL", "OPENAI_BASE_URL")
ASKING_THE_MODEL = {spec.name for spec in FUNCTIONS if spec.openai_key}
AI_FUNCTIONS = [spec.name for spec in ai_resources.FUNCTIONS]


def _function(stack_template, name: str) -> dict:
    return dict(stack_template.function(name)["Properties"])


def _probe_environment(spec: FunctionSpec, *, secret: bool, settings: dict[str, str]) -> dict:
    """The environment the Functions construct gives one spec, in a stack of its own."""
    from convertly_infra.constructs.functions import FunctionResources, Functions

    stack = Stack(App(), "AiProbe")
    pool = cognito.UserPool(stack, "Pool")
    Functions(
        stack,
        "Functions",
        specs=(spec,),
        resources=FunctionResources(
            layer=lambda_.LayerVersion.from_layer_version_arn(
                stack, "Layer", "arn:aws:lambda:us-east-1:123456789012:layer:probe:1"
            ),
            ai_layer=lambda_.LayerVersion.from_layer_version_arn(
                stack, "AiLayer", "arn:aws:lambda:us-east-1:123456789012:layer:ai:1"
            ),
            table=dynamodb.Table(
                stack,
                "Table",
                partition_key=dynamodb.Attribute(name="PK", type=dynamodb.AttributeType.STRING),
            ),
            bus=events.EventBus(stack, "Bus"),
            user_pool=pool,
            user_pool_client=pool.add_client("Client"),
            cors_allow_origin="https://app.example.com",
            secrets_key=kms.Key(stack, "Key"),
            openai_secret=secretsmanager.Secret(stack, "OpenAi") if secret else None,
            ai_environment=settings,
        ),
    )
    [function] = Template.from_stack(stack).find_resources("AWS::Lambda::Function").values()
    return dict(function["Properties"]["Environment"]["Variables"])


# The OpenAI key ----------------------------------------------------------------------------------------


def test_the_openai_secret_is_created_without_a_value_and_kept(stack_template):
    # Given the OpenAI key's secret, by name
    secret = stack_template.raw["Resources"][_secret_id(stack_template, SECRET_NAME)]
    properties = secret["Properties"]

    # When we read how its value comes about
    generated = properties["GenerateSecretString"]

    # Then the template holds no key, only an empty api_key for an operator to set, and the secret
    # outlives the stack (the key set by hand stays)
    assert "SecretString" not in properties
    assert json.loads(generated["SecretStringTemplate"]) == {"api_key": ""}
    assert generated["GenerateStringKey"] == "placeholder"
    assert secret["DeletionPolicy"] == secret["UpdateReplacePolicy"] == "Retain"


def test_the_spec_asks_for_the_key_where_the_model_is_asked_and_nowhere_else():
    # Given the function specs
    # When we find those asking for the OpenAI key
    # Then the AI API does (summaries, questions), and neither the scoring nor the training does: they
    # never call the model
    assert "ai" in ASKING_THE_MODEL
    assert not ASKING_THE_MODEL & {"ai_scorer", "ai_training", "ai_training_schedule"}


def test_exactly_the_functions_asking_the_model_are_told_the_secret_and_may_read_it(stack_template):
    # Given the secret
    secret_id = _secret_id(stack_template, SECRET_NAME)

    # When we find the functions given OPENAI_SECRET_ARN (each must also be granted its read, and no other
    # function may be)
    readers = _readers(stack_template, secret_id, "OPENAI_SECRET_ARN")

    # Then they are the functions whose spec says openai_key, and no other
    assert readers == ASKING_THE_MODEL


@pytest.mark.parametrize("name", sorted(ASKING_THE_MODEL))
def test_a_function_asking_the_model_only_reads_the_key(stack_template, name):
    # Given a function that asks the model, and the secret
    secret_id = _secret_id(stack_template, SECRET_NAME)

    # When we collect its statements on that secret
    statements = [s for s in stack_template.role_statements(name) if secret_id in json.dumps(s["Resource"])]

    # Then they read its value and nothing more, on this secret alone
    assert statements
    for statement in statements:
        assert statement["Resource"] == {"Ref": secret_id}
        actions = [statement["Action"]] if isinstance(statement["Action"], str) else statement["Action"]
        assert set(actions) <= {"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}


def test_no_other_policy_names_the_openai_key(stack_template):
    # Given the secret and the roles of the functions that may read it
    secret_id = _secret_id(stack_template, SECRET_NAME)
    allowed = {_function(stack_template, name)["Role"]["Fn::GetAtt"][0] for name in ASKING_THE_MODEL}

    # When we find every IAM policy of the stack that refers to the secret (CDK's own handlers' too)
    naming = [
        {role["Ref"] for role in policy["Properties"]["Roles"]}
        for policy in stack_template.resources("AWS::IAM::Policy").values()
        if secret_id in json.dumps(policy["Properties"]["PolicyDocument"])
    ]

    # Then each is attached to those roles only
    assert naming
    assert set().union(*naming) == allowed


@pytest.mark.parametrize("name", sorted(ASKING_THE_MODEL))
def test_without_context_the_code_chooses_the_models_and_the_endpoint(stack_template, name):
    # Given a synth without AI context values
    # When we read the environment of a function asking the model
    variables = _function(stack_template, name)["Environment"]["Variables"]

    # Then no AI setting is set, so the code's defaults (convertly.platform.config) apply
    assert not set(AI_SETTINGS) & set(variables)


def test_the_context_values_become_the_ai_settings_and_only_those_set():
    # Given an app whose deployment pins the summary model and an endpoint, but not the questions' model
    app = App(context={"aiSummaryModel": "gpt-4o", "openaiBaseUrl": "https://llm.example.com/v1"})

    # When the stack reads its AI settings
    settings = ai_environment(Stack(app, "Pinned"))

    # Then those two become their variables and the unset one is left out (the code's default holds)
    assert settings == {"AI_SUMMARY_MODEL": "gpt-4o", "OPENAI_BASE_URL": "https://llm.example.com/v1"}
    assert ai_environment(Stack(App(context={"aiQuestionsModel": "o4-mini"}), "Q")) == {
        "AI_QUESTIONS_MODEL": "o4-mini"
    }
    assert ai_environment(Stack(App(), "Unpinned")) == {}


def test_the_ai_settings_reach_the_functions_asking_the_model_and_no_other():
    # Given the settings a deployment pinned
    settings = {"AI_SUMMARY_MODEL": "gpt-4o", "AI_QUESTIONS_MODEL": "o4-mini"}

    # When the functions are built for a spec asking the model and one that does not
    asking = _probe_environment(FunctionSpec("ai", "probe", openai_key=True), secret=True, settings=settings)
    scoring = _probe_environment(FunctionSpec("ai_scorer", "probe"), secret=True, settings=settings)

    # Then the one asking gets the secret's ARN and the settings; the other gets neither
    assert asking["AI_SUMMARY_MODEL"] == "gpt-4o" and asking["AI_QUESTIONS_MODEL"] == "o4-mini"
    assert "Ref" in asking["OPENAI_SECRET_ARN"]
    assert not {"OPENAI_SECRET_ARN", *AI_SETTINGS} & set(scoring)


def test_a_function_asking_the_model_needs_the_stack_to_make_the_key():
    # Given a spec asking for the OpenAI key, and a stack that made no secret for it
    spec = FunctionSpec("ai", "probe", openai_key=True)

    # When the functions are built
    # Then the synth fails rather than deploying a function that cannot reach the model
    with pytest.raises(ValueError, match="ai: asks the model but the stack made no OpenAI key secret"):
        _probe_environment(spec, secret=False, settings={})


# The score training --------------------------------------------------------------------------------------


def test_the_training_runs_as_a_container_image_sized_for_a_tenants_leads(stack_template):
    # Given the training function and its spec
    spec = function_spec("ai_training")
    properties = _function(stack_template, "ai_training")

    # When we read its package, memory and timeout
    # Then it is an image (scikit-learn does not fit a zip beside the layer), with 2 GB and Lambda's
    # longest timeout, as its spec says
    assert properties["PackageType"] == "Image"
    assert properties["MemorySize"] == spec.memory_mb == 2048
    assert properties["Timeout"] == spec.timeout_seconds == 900


def test_the_training_queue_outlasts_six_trainings_and_feeds_one_tenant_at_a_time(stack_template):
    # Given the training consumer, its queue and the function's timeout
    [consumer] = [c for c in CONSUMERS if c.function == "ai_training"]
    queue_id = stack_template.queue_id("convertly-ai-training")
    queue = stack_template.raw["Resources"][queue_id]["Properties"]
    timeout = function_spec("ai_training").timeout_seconds

    # When we find the queue's mapping to the function
    [mapping] = [
        m["Properties"]
        for m in stack_template.resources("AWS::Lambda::EventSourceMapping").values()
        if m["Properties"]["EventSourceArn"] == {"Fn::GetAtt": [queue_id, "Arn"]}
    ]

    # Then a message stays hidden for at least six timeouts (AWS's advice: a training in flight is never
    # handed to a second one), one tenant per invocation, reported per message, dead-lettered on the
    # third receive
    assert queue["VisibilityTimeout"] == consumer.visibility_timeout_seconds >= 6 * timeout
    assert mapping["FunctionName"] == {"Ref": stack_template.function_ids()["ai_training"]}
    assert mapping["BatchSize"] == 1
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert queue["RedrivePolicy"]["maxReceiveCount"] == 3


def test_the_training_queue_receives_the_training_requests(stack_template):
    # Given the training consumer's rule
    [rule] = [
        r["Properties"]
        for r in stack_template.resources("AWS::Events::Rule").values()
        if r["Properties"].get("Name") == "convertly-ai-training"
    ]

    # When we read what it routes where
    # Then the "train now" and the schedule's requests reach the training queue
    assert rule["EventPattern"]["detail-type"] == [TRAINING_REQUESTED]
    assert [t["Arn"] for t in rule["Targets"]] == [
        {"Fn::GetAtt": [stack_template.queue_id("convertly-ai-training"), "Arn"]}
    ]


def test_the_training_schedule_runs_once_a_day(stack_template):
    # Given the schedule's spec and the function it runs
    [schedule] = [s for s in SCHEDULES if s.function == "ai_training_schedule"]
    function_arn = {"Fn::GetAtt": [stack_template.function_ids()["ai_training_schedule"], "Arn"]}

    # When we find the rules targeting that function
    rules = [
        r["Properties"]
        for r in stack_template.resources("AWS::Events::Rule").values()
        if [t["Arn"] for t in r["Properties"].get("Targets", [])] == [function_arn]
    ]

    # Then one rule runs it every day
    assert schedule.rate_minutes == 24 * 60
    assert [rule["ScheduleExpression"] for rule in rules] == ["rate(1 day)"]


# Least privilege -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", AI_FUNCTIONS)
def test_no_ai_function_may_scan_the_table(stack_template, name):
    # Given an AI function's granted actions
    actions = stack_template.role_actions(name)

    # When we look for reads of the whole table
    # Then there are none: every read is a Query or a Get of a tenant's keys
    assert "dynamodb:Scan" not in actions
    assert not any(action in {"dynamodb:*", "*"} for action in actions)


def test_only_the_schedule_lists_the_tenants(stack_template):
    # Given the AI functions' Cognito actions
    granted = {
        name: {action for action in stack_template.role_actions(name) if action.startswith("cognito-idp:")}
        for name in AI_FUNCTIONS
    }

    # When we compare them with the specs
    # Then the daily schedule alone lists the pool's users (to learn every tenant), and does nothing more
    assert granted.pop("ai_training_schedule") == {"cognito-idp:ListUsers"}
    assert all(not actions for actions in granted.values())
