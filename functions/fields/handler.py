"""Fields capability: custom values, custom field definitions per object type, and tags."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.fields.domain import (
    CustomFields,
    CustomFieldsSave,
    CustomValue,
    CustomValueCreate,
    CustomValueList,
    CustomValueUpdate,
    ObjectType,
    Tag,
    TagCreate,
    TagDeletion,
    TagList,
    TagMerge,
    TagUpdate,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.fields import custom_fields, tags, values
else:
    custom_fields = deferred("convertly.fields.custom_fields")
    tags = deferred("convertly.fields.tags")
    values = deferred("convertly.fields.values")

app = create_resolver(route_table("fields"))


@app.get("/custom-values")
def list_custom_values() -> CustomValueList:
    return values.list_values(principal_of(app))


@app.post("/custom-values", status_code=201)
def create_custom_value(body: CustomValueCreate) -> CustomValue:
    return values.create_value(principal_of(app), body)


@app.patch("/custom-values/<value_id>")
def update_custom_value(value_id: str, body: CustomValueUpdate) -> CustomValue:
    return values.update_value(principal_of(app), value_id, body)


@app.delete("/custom-values/<value_id>")
def delete_custom_value(value_id: str) -> CustomValue:
    return values.delete_value(principal_of(app), value_id)


@app.get("/custom-fields/<object_type>")
def get_custom_fields(object_type: ObjectType) -> CustomFields:
    return custom_fields.get_custom_fields(principal_of(app), object_type)


@app.put("/custom-fields/<object_type>")
def save_custom_fields(object_type: ObjectType, body: CustomFieldsSave) -> CustomFields:
    return custom_fields.save_custom_fields(principal_of(app), object_type, body)


@app.get("/tags")
def list_tags() -> TagList:
    return tags.list_tags(principal_of(app))


@app.post("/tags", status_code=201)
def create_tag(body: TagCreate) -> Tag:
    return tags.create_tag(principal_of(app), body)


@app.patch("/tags/<tag_id>")
def update_tag(tag_id: str, body: TagUpdate) -> Tag:
    return tags.update_tag(principal_of(app), tag_id, body)


@app.post("/tags/<tag_id>/merge")
def merge_tag(tag_id: str, body: TagMerge) -> Tag:
    return tags.merge_tag(principal_of(app), tag_id, body)


@app.delete("/tags/<tag_id>")
def delete_tag(tag_id: str) -> TagDeletion:
    return tags.delete_tag(principal_of(app), tag_id)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
