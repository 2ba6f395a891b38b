"""The lead list's sorts: their three indexes on the table, and the backfill that keys old leads."""

from __future__ import annotations


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
