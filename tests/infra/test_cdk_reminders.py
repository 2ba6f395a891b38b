"""Follow-up and task reminders in the template: the every-minute schedule, the functions that send
email (SES, only as the configured sender), their KMS access to the sealed SMTP passwords."""

from __future__ import annotations

import pytest

from convertly.resources import FUNCTIONS, SCHEDULES, function_spec

SES_ACTIONS = {"ses:SendEmail", "ses:SendRawEmail"}


def _actions(statement):
    granted = statement["Action"]
    return {granted} if isinstance(granted, str) else set(granted)


def test_the_reminder_run_is_scheduled_every_minute(stack_template):
    # Given the reminders function and its schedule spec
    (spec,) = [s for s in SCHEDULES if s.function == "reminders"]
    function_id = stack_template.function_ids()["reminders"]

    # When we find the schedule rules that target it
    rules = [
        rule["Properties"]
        for rule in stack_template.resources("AWS::Events::Rule").values()
        if "ScheduleExpression" in rule["Properties"]
        and any(t["Arn"] == {"Fn::GetAtt": [function_id, "Arn"]} for t in rule["Properties"]["Targets"])
    ]

    # Then exactly one fires it at the spec's rate, and EventBridge may invoke it
    assert spec.rate_minutes == 1
    assert [r["ScheduleExpression"] for r in rules] == ["rate(1 minute)"]
    permissions = [
        p["Properties"]
        for p in stack_template.resources("AWS::Lambda::Permission").values()
        if p["Properties"]["FunctionName"] == {"Fn::GetAtt": [function_id, "Arn"]}
        and p["Properties"]["Principal"] == "events.amazonaws.com"
    ]
    assert len(permissions) == 1


def test_the_reminder_function_outlives_its_own_deadline_check():
    # The handler stops taking work with 10 s left; its timeout leaves it room to do some
    assert function_spec("reminders").timeout_seconds >= 30


@pytest.mark.parametrize("spec", FUNCTIONS, ids=lambda s: s.name)
def test_only_mail_sending_functions_may_send_through_ses_and_only_as_the_sender(stack_template, spec):
    # Given the function's SES statements
    statements = [s for s in stack_template.role_statements(spec.name) if _actions(s) & SES_ACTIONS]

    # Then a sender gets exactly SendEmail and SendRawEmail, on SES identities, as the configured address
    if spec.sends_mail:
        (statement,) = statements
        assert _actions(statement) == SES_ACTIONS
        assert statement["Condition"] == {"StringEquals": {"ses:FromAddress": "noreply@convertly.example"}}
        assert ":identity/*" in str(statement["Resource"])
    else:
        assert statements == []


@pytest.mark.parametrize("name", ["reminders", "settings"])
def test_mail_senders_are_told_the_transport_the_sender_and_the_web_app(stack_template, name):
    function = stack_template.function(name)
    variables = function["Properties"]["Environment"]["Variables"]
    assert variables["MAIL_TRANSPORT"] == "ses"
    assert variables["MAIL_FROM"] == "noreply@convertly.example"
    assert "WEB_APP_URL" in variables and "SECRETS_KEY_ID" in variables


def test_the_reminder_run_decrypts_smtp_passwords_and_the_settings_api_seals_them(stack_template):
    kms = {
        name: {a for s in stack_template.role_statements(name) for a in _actions(s) if a.startswith("kms:")}
        for name in ("reminders", "settings", "followups", "tasks")
    }
    assert kms == {
        "reminders": {"kms:Decrypt"},
        "settings": {"kms:Encrypt", "kms:Decrypt"},
        "followups": set(),
        "tasks": set(),
    }


def test_the_due_index_is_on_the_table(stack_template):
    _, table = stack_template.only("AWS::DynamoDB::Table")
    indexes = {index["IndexName"]: index for index in table["Properties"]["GlobalSecondaryIndexes"]}
    assert [k["AttributeName"] for k in indexes["GSI6"]["KeySchema"]] == ["GSI6PK", "GSI6SK"]
