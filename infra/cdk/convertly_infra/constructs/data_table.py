"""The single DynamoDB table: tenant-partitioned items, sparse GSIs, TTL and the outbox stream."""

from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from constructs import Construct

from convertly.platform.specs import TableSpec
from convertly.resources import TABLE


def _string_key(name: str) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=name, type=dynamodb.AttributeType.STRING)


class DataTable(Construct):
    """The table from `resources.TABLE`, retained on stack deletion (it holds every tenant's data)."""

    def __init__(self, scope: Construct, construct_id: str, *, spec: TableSpec = TABLE) -> None:
        super().__init__(scope, construct_id)
        self.table = dynamodb.Table(
            self,
            "Table",
            table_name=spec.name,
            partition_key=_string_key(spec.partition_key),
            sort_key=_string_key(spec.sort_key),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            time_to_live_attribute=spec.ttl_attribute,
            stream=dynamodb.StreamViewType[spec.stream_view_type],
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            deletion_protection=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        for index in spec.indexes[: _index_count(self, len(spec.indexes))]:
            self.table.add_global_secondary_index(
                index_name=index.name,
                partition_key=_string_key(index.partition_key),
                sort_key=_string_key(index.sort_key),
                projection_type=dynamodb.ProjectionType.ALL,
            )


# CloudFormation creates one GSI per table update: a stack that gains several indexes in one release
# deploys with `-c tableIndexes=N` (the first N of the spec) once per new index, then without it.
INDEX_COUNT_CONTEXT = "tableIndexes"


def _index_count(scope: Construct, available: int) -> int:
    wanted = scope.node.try_get_context(INDEX_COUNT_CONTEXT)
    if wanted is None:
        return available
    count = int(wanted)
    if not 1 <= count <= available:
        raise ValueError(f"{INDEX_COUNT_CONTEXT} must be between 1 and {available}, not {wanted}")
    return count
