"""Messaging API: email and SMS templates (list, search, create, edit, clone, delete, preview), a
one-off email or text to a contact, and Settings > SMS (the tenant's Twilio account)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.manifest import route_table
from convertly.messaging.domain import (
    MessageSend,
    MessageSent,
    Preview,
    PreviewRequest,
    Template,
    TemplateCreate,
    TemplateList,
    TemplateUpdate,
)
from convertly.messaging.sms_domain import SmsSettings, SmsSettingsUpdate, SmsStatus, SmsTest, SmsTestResult
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.messaging import sms_settings
    from convertly.messaging import use_cases as messaging
else:
    sms_settings = deferred("convertly.messaging.sms_settings")
    messaging = deferred("convertly.messaging.use_cases")

app = create_resolver(route_table("messaging"))


@app.get("/message-templates")
def list_templates(
    q: Annotated[str | None, Query(max_length=100)] = None,
    channel: Annotated[Literal["email", "sms"] | None, Query()] = None,
) -> TemplateList:
    return messaging.list_templates(principal_of(app), q, channel)


@app.post("/message-templates", status_code=201)
def create_template(body: TemplateCreate) -> Template:
    return messaging.create_template(principal_of(app), body)


@app.post("/message-templates/preview")
def preview(body: PreviewRequest) -> Preview:
    return messaging.preview(principal_of(app), body)


@app.get("/message-templates/<template_id>")
def get_template(template_id: str) -> Template:
    return messaging.get_template(principal_of(app), template_id)


@app.patch("/message-templates/<template_id>")
def update_template(template_id: str, body: TemplateUpdate) -> Template:
    return messaging.update_template(principal_of(app), template_id, body)


@app.delete(
    "/message-templates/<template_id>",
    status_code=204,
    responses={204: {"description": "The template is deleted", "content": {}}},
)
def delete_template(template_id: str) -> Response[Any]:
    messaging.delete_template(principal_of(app), template_id)
    return Response(status_code=204)


@app.post("/message-templates/<template_id>/clone", status_code=201)
def clone_template(template_id: str) -> Template:
    return messaging.clone_template(principal_of(app), template_id)


@app.post("/contacts/<contact_id>/messages", status_code=202)
def send_message(contact_id: str, body: MessageSend) -> MessageSent:
    return messaging.send_to_contact(principal_of(app), contact_id, body)


@app.get("/settings/sms")
def get_sms_settings() -> SmsSettings:
    return sms_settings.get_sms_settings(principal_of(app))


@app.put("/settings/sms")
def put_sms_settings(body: SmsSettingsUpdate) -> SmsSettings:
    return sms_settings.put_sms_settings(principal_of(app), body)


@app.delete("/settings/sms")
def delete_sms_settings() -> SmsSettings:
    return sms_settings.delete_sms_settings(principal_of(app))


@app.post("/settings/sms/test")
def send_test_sms(body: SmsTest) -> SmsTestResult:
    return sms_settings.send_test_sms(principal_of(app), body)


@app.get("/settings/sms/status")
def sms_status() -> SmsStatus:
    return sms_settings.sms_status(principal_of(app))


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
