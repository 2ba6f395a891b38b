"""The lead list's sorts: their three indexes on the table, and the backfill that keys old leads."""

from __future__ import annotations

import pytest


def test_the_lead_sort_indexes_are_on_the_table_with_all_attributes(stack_template):
    # Given the table's indexes
    _, table = stack_template.only("AWS::DynamoDB::Table")
    indexes = {index["IndexName"]: index for index in table["Properties"]["GlobalSecondaryIndexes"]}
    # Then last updated (GSI7), value (GSI8) and name (GSI9) are there, string keyed, projecting all
    for name in ("GSI7", "GSI8", "GSI9"):
        assert [key["AttributeName"] for key in indexes[name]["KeySchema"]] == [f"{name}PK", f"{name}SK"]
        assert indexes[name]["Projection"] == {"ProjectionType": "ALL"}


def test_the_sorts_backfill_may_read_and_write_the_table_and_list_the_tenants(stack_template):
    # Given the backfill run by hand after the release
    actions = stack_template.role_actions("leads_sort_backfill")
    # Then it reads and updates leads, and learns the tenants from the user pool
    assert {"dynamodb:Query", "dynamodb:UpdateItem"} <= actions
    assert "cognito-idp:ListUsers" in actions


def _indexes_with(context: dict[str, str]) -> list[str]:
    from aws_cdk import App, Stack
    from aws_cdk.assertions import Template

    from convertly_infra.constructs.data_table import DataTable

    app = App(context=context)
    stack = Stack(app, "TableOnly")
    DataTable(stack, "Data")
    (table,) = Template.from_stack(stack).find_resources("AWS::DynamoDB::Table").values()
    return [index["IndexName"] for index in table["Properties"]["GlobalSecondaryIndexes"]]


def test_a_stack_gaining_several_indexes_can_deploy_them_one_at_a_time():
    # CloudFormation creates one GSI per table update: `-c tableIndexes=N` builds the first N
    assert _indexes_with({"tableIndexes": "7"}) == [f"GSI{n}" for n in range(1, 8)]
    assert _indexes_with({"tableIndexes": "8"})[-1] == "GSI8"
    assert _indexes_with({}) == [f"GSI{n}" for n in range(1, 10)]
    with pytest.raises(ValueError, match="tableIndexes must be between 1 and 9"):
        _indexes_with({"tableIndexes": "12"})
