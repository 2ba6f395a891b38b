"""Settings capability: the tenant's email (SMTP) settings and test email (Admin), and each user's
own notification preferences."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.manifest import route_table
from convertly.notifications.domain.mail import EmailSettings, EmailSettingsUpdate, EmailTest, EmailTestResult
from convertly.notifications.domain.preferences import Preferences, PreferencesUpdate
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.notifications import email_settings, preferences
else:
    email_settings = deferred("convertly.notifications.email_settings")
    preferences = deferred("convertly.notifications.preferences")

app = create_resolver(route_table("settings"))


@app.get("/settings/email")
def get_email_settings() -> EmailSettings:
    return email_settings.get_email_settings(principal_of(app))


@app.put("/settings/email")
def put_email_settings(body: EmailSettingsUpdate) -> EmailSettings:
    return email_settings.put_email_settings(principal_of(app), body)


@app.delete("/settings/email")
def delete_email_settings() -> EmailSettings:
    return email_settings.delete_email_settings(principal_of(app))


@app.post("/settings/email/test")
def send_test_email(body: EmailTest) -> EmailTestResult:
    return email_settings.send_test_email(principal_of(app), body)


@app.get("/me/notification-preferences")
def get_preferences() -> Preferences:
    principal = principal_of(app)
    channels = preferences.load(principal.tenant_id, principal.user_id)
    return Preferences.model_validate({"channels": channels})


@app.put("/me/notification-preferences")
def put_preferences(body: PreferencesUpdate) -> Preferences:
    principal = principal_of(app)
    changes = {str(kind): str(channel) for kind, channel in body.channels.items()}
    channels = preferences.save(principal.tenant_id, principal.user_id, changes)
    return Preferences.model_validate({"channels": channels})


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
