"""Form builder capability: forms (create, edit, publish, unpublish, duplicate, delete) and their
submissions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.capture.domain import Form, FormCreate, FormList, FormUpdate, SubmissionPage
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.capture import forms
else:
    forms = deferred("convertly.capture.forms")

app = create_resolver(route_table("forms"))


@app.post("/forms", status_code=201)
def create_form(body: FormCreate) -> Form:
    return forms.create_form(principal_of(app), body)


@app.get("/forms")
def list_forms() -> FormList:
    return forms.list_forms(principal_of(app))


@app.get("/forms/<form_id>")
def get_form(form_id: str) -> Form:
    return forms.get_form(principal_of(app), form_id)


@app.patch("/forms/<form_id>")
def update_form(form_id: str, body: FormUpdate) -> Form:
    return forms.update_form(principal_of(app), form_id, body)


@app.delete("/forms/<form_id>")
def delete_form(form_id: str) -> Form:
    return forms.delete_form(principal_of(app), form_id)


@app.post("/forms/<form_id>/publish")
def publish_form(form_id: str) -> Form:
    return forms.publish_form(principal_of(app), form_id)


@app.post("/forms/<form_id>/unpublish")
def unpublish_form(form_id: str) -> Form:
    return forms.unpublish_form(principal_of(app), form_id)


@app.post("/forms/<form_id>/duplicate", status_code=201)
def duplicate_form(form_id: str) -> Form:
    return forms.duplicate_form(principal_of(app), form_id)


@app.get("/forms/<form_id>/submissions")
def list_submissions(
    form_id: str,
    spam: Annotated[bool | None, Query(description="true: spam only; false: no spam")] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> SubmissionPage:
    return forms.list_submissions(principal_of(app), form_id, spam, cursor, limit)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
