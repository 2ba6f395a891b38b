"""The route manifest: the one source of truth for every HTTP route.

CDK reads it to create API Gateway methods (with the Cognito authorizer on user routes), app.py reads
it to serve the same Lambda handlers locally, and the OpenAPI document is built from the handlers'
routers for exactly these routes. tests/infra proves the three agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from convertly.permissions import Permission, Role, roles_with


class AuthKind(StrEnum):
    PUBLIC = "public"  # no token: sign-up, login, embedded forms, docs
    USER = "user"  # a Cognito ID token; the tenant and role come only from it
    WEBHOOK = "webhook"  # no token; the handler verifies the caller's signature


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    function: str
    auth: AuthKind
    permission: Permission | None = None
    summary: str = ""

    @property
    def roles(self) -> tuple[Role, ...]:
        return roles_with(self.permission) if self.permission else ()


U, PUB, WH = AuthKind.USER, AuthKind.PUBLIC, AuthKind.WEBHOOK
P = Permission
_PIPELINE = "/pipelines/{pipeline_id}"
_STAGE = f"{_PIPELINE}/stages/{{stage_id}}"
_NOTIFICATION = "/notifications/{notification_id}"
_FORM = "/forms/{form_id}"
_PUBLIC_FORM = "/f/{form_id}"
_FOLLOWUPS = "/leads/{lead_id}/followups"
_FOLLOWUP = f"{_FOLLOWUPS}/{{followup_id}}"
_TASK = "/tasks/{task_id}"
_PREFERENCES = "/me/notification-preferences"

ROUTES: tuple[Route, ...] = (
    # auth: sign-up, login, token refresh, password reset, who am I
    Route("POST", "/auth/signup", "auth", PUB, summary="Sign up: creates a tenant and its Admin"),
    Route("POST", "/auth/login", "auth", PUB, summary="Log in with email and password"),
    Route("POST", "/auth/refresh", "auth", PUB, summary="Exchange a refresh token for new tokens"),
    Route("POST", "/auth/password/forgot", "auth", PUB, summary="Send a password reset code"),
    Route("POST", "/auth/password/confirm", "auth", PUB, summary="Set a new password with the reset code"),
    Route("GET", "/me", "auth", U, P.PROFILE_READ, "The signed-in user, tenant and permissions"),
    # team
    Route("GET", "/users", "users", U, P.USERS_READ, "List the tenant's users"),
    Route("POST", "/users", "users", U, P.USERS_MANAGE, "Invite a user with a role"),
    # pipelines: settings (pipelines and stages) and the Kanban board
    Route("GET", "/pipelines", "pipelines", U, P.PIPELINES_READ, "List pipelines with their stages"),
    Route("POST", "/pipelines", "pipelines", U, P.PIPELINES_MANAGE, "Create a pipeline"),
    Route("GET", _PIPELINE, "pipelines", U, P.PIPELINES_READ, "Get a pipeline with its stages"),
    Route("PATCH", _PIPELINE, "pipelines", U, P.PIPELINES_MANAGE, "Rename, make default, toggle charts"),
    Route("DELETE", _PIPELINE, "pipelines", U, P.PIPELINES_MANAGE, "Delete a pipeline holding no leads"),
    Route("POST", f"{_PIPELINE}/stages", "pipelines", U, P.PIPELINES_MANAGE, "Add a stage"),
    Route("PATCH", _STAGE, "pipelines", U, P.PIPELINES_MANAGE, "Edit a stage (name, kind, win %, charts)"),
    Route("DELETE", _STAGE, "pipelines", U, P.PIPELINES_MANAGE, "Delete a stage (move_to for its leads)"),
    Route("PUT", f"{_PIPELINE}/stage-order", "pipelines", U, P.PIPELINES_MANAGE, "Reorder the stages"),
    Route("GET", f"{_PIPELINE}/board", "pipelines", U, P.LEADS_READ, "Kanban board: counters, first pages"),
    Route("GET", f"{_STAGE}/leads", "pipelines", U, P.LEADS_READ, "The next page of a board column"),
    # leads
    Route("POST", "/leads", "leads", U, P.LEADS_WRITE, "Create a lead"),
    Route("GET", "/leads", "leads", U, P.LEADS_READ, "List and search leads"),
    Route("GET", "/leads/{lead_id}", "leads", U, P.LEADS_READ, "Get a lead with notes and stage history"),
    Route("PATCH", "/leads/{lead_id}", "leads", U, P.LEADS_WRITE, "Update a lead (optimistic concurrency)"),
    Route("DELETE", "/leads/{lead_id}", "leads", U, P.LEADS_DELETE, "Soft-delete a lead"),
    Route("POST", "/leads/{lead_id}/restore", "leads", U, P.LEADS_DELETE, "Restore a deleted lead"),
    Route("POST", "/leads/{lead_id}/notes", "leads", U, P.NOTES_WRITE, "Add a note to a lead"),
    Route("PATCH", "/leads/{lead_id}/notes/{note_id}", "leads", U, P.NOTES_WRITE, "Edit a note"),
    Route("GET", "/leads/{lead_id}/timeline", "leads", U, P.LEADS_READ, "A lead's timeline, oldest first"),
    # forms: the builder (user routes) and the public side embedded forms post to (no token; the
    # function answers CORS itself, per form, from the form's allowed domains)
    Route("POST", "/forms", "forms", U, P.FORMS_MANAGE, "Create a form (a draft)"),
    Route("GET", "/forms", "forms", U, P.FORMS_READ, "List the tenant's forms"),
    Route("GET", _FORM, "forms", U, P.FORMS_READ, "Get a form"),
    Route("PATCH", _FORM, "forms", U, P.FORMS_MANAGE, "Edit a form (optimistic concurrency)"),
    Route("DELETE", _FORM, "forms", U, P.FORMS_MANAGE, "Delete a form (its submissions and leads stay)"),
    Route("POST", f"{_FORM}/publish", "forms", U, P.FORMS_MANAGE, "Publish a form"),
    Route("POST", f"{_FORM}/unpublish", "forms", U, P.FORMS_MANAGE, "Unpublish a form"),
    Route("POST", f"{_FORM}/duplicate", "forms", U, P.FORMS_MANAGE, "Copy a form as a new draft"),
    Route("GET", f"{_FORM}/submissions", "forms", U, P.FORM_SUBMISSIONS_READ, "A form's submissions"),
    Route("GET", _PUBLIC_FORM, "form_submit", PUB, summary="The hosted form page (works without JS)"),
    Route("POST", _PUBLIC_FORM, "form_submit", PUB, summary="Submit a form (JSON or form-encoded)"),
    Route("OPTIONS", _PUBLIC_FORM, "form_submit", PUB, summary="CORS preflight for the form's sites"),
    Route("GET", f"{_PUBLIC_FORM}/definition", "form_submit", PUB, summary="A published form's definition"),
    Route("OPTIONS", f"{_PUBLIC_FORM}/definition", "form_submit", PUB, summary="CORS preflight"),
    # stage change: the board's drag and drop
    Route("POST", "/leads/{lead_id}/stage", "stage_change", U, P.LEADS_WRITE, "Move a lead to another stage"),
    # in-app notifications: the bell
    Route("GET", "/notifications", "notifications", U, P.NOTIFICATIONS_READ, "List your notifications"),
    Route("GET", "/notifications/unread-count", "notifications", U, P.NOTIFICATIONS_READ, "Unread count"),
    Route("POST", f"{_NOTIFICATION}/read", "notifications", U, P.NOTIFICATIONS_READ, "Mark one read"),
    Route("POST", "/notifications/read-all", "notifications", U, P.NOTIFICATIONS_READ, "Mark all read"),
    # billing: plan, usage and subscription (Admin manages, Manager reads); Stripe's webhook
    Route("GET", "/billing", "billing", U, P.BILLING_READ, "Plan, status, usage against limits, dates"),
    Route("POST", "/billing/checkout", "billing", U, P.BILLING_MANAGE, "Subscribe or upgrade (Checkout)"),
    Route("POST", "/billing/card-setup", "billing", U, P.BILLING_MANAGE, "Start the card form (SetupIntent)"),
    Route("POST", "/billing/subscription", "billing", U, P.BILLING_MANAGE, "Subscribe with a card"),
    Route("POST", "/billing/portal", "billing", U, P.BILLING_MANAGE, "A Stripe customer portal link"),
    Route("POST", "/billing/cancel", "billing", U, P.BILLING_MANAGE, "Cancel at the period end (or undo)"),
    Route("POST", "/billing/downgrade", "billing", U, P.BILLING_MANAGE, "Downgrade at the period end"),
    Route("POST", "/webhooks/stripe", "billing_webhook", WH, summary="Stripe events (signed)"),
    # conversions: ad platform settings, the conversions ledger and replay, the Meta Lead Ads webhook
    Route("GET", "/settings/ads", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Ad platform settings (masked)"),
    Route("PUT", "/settings/ads", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Save ad platform settings"),
    Route(
        "POST", "/settings/ads/test", "ads_settings", U, P.ADS_SETTINGS_MANAGE, "Test a platform connection"
    ),
    Route("GET", "/conversions", "ads_settings", U, P.CONVERSIONS_READ, "Conversions log (platform, status)"),
    Route(
        "POST", "/conversions/replay", "ads_settings", U, P.CONVERSIONS_REPLAY, "Resend a lead's or the DLQ's"
    ),
    Route(
        "GET", "/leads/{lead_id}/conversions", "ads_settings", U, P.LEADS_READ, "A lead's conversion ledger"
    ),
    Route("GET", "/webhooks/meta", "meta_webhook", WH, summary="Meta webhook verification (hub.challenge)"),
    Route("POST", "/webhooks/meta", "meta_webhook", WH, summary="Meta Lead Ads leads (signed)"),
    # follow-ups and tasks: the queues, email settings and notification preferences
    Route("POST", _FOLLOWUPS, "followups", U, P.FOLLOWUPS_WRITE, "Schedule a follow-up on a lead"),
    Route("GET", _FOLLOWUPS, "followups", U, P.FOLLOWUPS_READ, "A lead's follow-ups"),
    Route("PATCH", _FOLLOWUP, "followups", U, P.FOLLOWUPS_WRITE, "Edit or reschedule a follow-up"),
    Route("DELETE", _FOLLOWUP, "followups", U, P.FOLLOWUPS_WRITE, "Delete a follow-up"),
    Route("POST", f"{_FOLLOWUP}/complete", "followups", U, P.FOLLOWUPS_WRITE, "Complete a follow-up"),
    Route("POST", f"{_FOLLOWUP}/reopen", "followups", U, P.FOLLOWUPS_WRITE, "Reopen a completed follow-up"),
    Route("POST", f"{_FOLLOWUP}/snooze", "followups", U, P.FOLLOWUPS_WRITE, "Snooze a follow-up"),
    Route("GET", "/followups", "followups", U, P.FOLLOWUPS_READ, "The follow-up queue: mine or the team's"),
    Route("POST", "/tasks", "tasks", U, P.TASKS_WRITE, "Create a task"),
    Route("GET", "/tasks", "tasks", U, P.TASKS_READ, "The task queue: filters and sort"),
    Route("POST", "/tasks/bulk-complete", "tasks", U, P.TASKS_WRITE, "Complete many tasks"),
    Route("GET", _TASK, "tasks", U, P.TASKS_READ, "Get a task"),
    Route("PATCH", _TASK, "tasks", U, P.TASKS_WRITE, "Edit a task (status, due, assignee, ...)"),
    Route("DELETE", _TASK, "tasks", U, P.TASKS_WRITE, "Delete a task"),
    Route("GET", "/settings/email", "settings", U, P.EMAIL_SETTINGS_MANAGE, "The tenant's email settings"),
    Route("PUT", "/settings/email", "settings", U, P.EMAIL_SETTINGS_MANAGE, "Set the tenant's SMTP server"),
    Route("DELETE", "/settings/email", "settings", U, P.EMAIL_SETTINGS_MANAGE, "Back to the default"),
    Route("POST", "/settings/email/test", "settings", U, P.EMAIL_SETTINGS_MANAGE, "Send a test email"),
    Route("GET", _PREFERENCES, "settings", U, P.NOTIFICATIONS_READ, "Your notification preferences"),
    Route("PUT", _PREFERENCES, "settings", U, P.NOTIFICATIONS_READ, "Change your notification preferences"),
    # API documentation
    Route("GET", "/openapi.json", "docs", PUB, summary="The OpenAPI document"),
    Route("GET", "/docs", "docs", PUB, summary="Swagger UI"),
)


def http_functions() -> tuple[str, ...]:
    """The HTTP capability functions, in manifest order."""
    return tuple(dict.fromkeys(route.function for route in ROUTES))


def routes_of(function: str) -> tuple[Route, ...]:
    return tuple(route for route in ROUTES if route.function == function)


def find_route(method: str, resource: str) -> Route | None:
    """The manifest entry for an API Gateway resource template such as /leads/{lead_id}."""
    for route in ROUTES:
        if route.method == method.upper() and route.path == resource:
            return route
    return None
