"""Notifications capability: the bell's list, unread count, and read marks (one's own only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.manifest import route_table
from convertly.notifications.domain.notifications import MAX_PAGE, Notification, NotificationPage, UnreadCount
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.notifications import bell as notifications
else:
    notifications = deferred("convertly.notifications.bell")

app = create_resolver(route_table("notifications"))


@app.get("/notifications")
def list_notifications(
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
) -> NotificationPage:
    return notifications.list_notifications(principal_of(app), cursor, limit)


@app.get("/notifications/unread-count")
def unread_count() -> UnreadCount:
    return UnreadCount(unread_count=notifications.unread_count(principal_of(app)))


@app.post("/notifications/<notification_id>/read")
def mark_read(notification_id: str) -> Notification:
    return notifications.mark_read(principal_of(app), notification_id)


@app.post("/notifications/read-all")
def mark_all_read() -> UnreadCount:
    return UnreadCount(unread_count=notifications.mark_all_read(principal_of(app)))


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
