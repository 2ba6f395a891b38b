"""The automation capability's HTTP routes: workflows (Admin and Manager), enrolling the contacts
and leads one sees, a contact's and a lead's workflows, and the manual actions queue."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, P = AuthKind.USER, Permission
A = "automation"
_W = "/workflows/{workflow_id}"
_M = "/manual-actions/{action_id}"
_AW = "/automation/workflows/{workflow_id}"
_WD = "/automation/webhook-deliveries/{delivery_id}"

# Webhooks: a workflow's outbound deliveries (replay), the account's signing secret (Admins), a
# workflow's inbound hook secret, and the inbound hook itself (no token: its signature is checked).
WEBHOOK_ROUTES: tuple[Route, ...] = (
    Route(
        "GET",
        f"{_AW}/webhook-deliveries",
        A,
        U,
        P.AUTOMATION_MANAGE,
        "A workflow's webhooks sent, newest first",
    ),
    Route("GET", _WD, A, U, P.AUTOMATION_MANAGE, "A webhook delivery: its payload and every attempt"),
    Route(
        "POST",
        f"{_WD}/replay",
        A,
        U,
        P.AUTOMATION_MANAGE,
        "Send a webhook delivery again (same body and id)",
        audit="replayed a webhook delivery",
    ),
    Route(
        "GET",
        "/automation/webhook-secret",
        A,
        U,
        P.AUTOMATION_WEBHOOK_SECRET,
        "The outbound webhooks' signing secret",
        audit="revealed the webhook signing secret",
    ),
    Route(
        "POST",
        "/automation/webhook-secret/rotate",
        A,
        U,
        P.AUTOMATION_WEBHOOK_SECRET,
        "A new signing secret (the old one holds 24 h)",
        audit="rotated the webhook signing secret",
    ),
    Route(
        "GET",
        f"{_AW}/hook-secret",
        A,
        U,
        P.AUTOMATION_MANAGE,
        "A workflow's inbound webhook: its path and secret",
        audit="revealed a workflow's webhook secret",
    ),
    Route(
        "POST",
        f"{_AW}/hook-secret/rotate",
        A,
        U,
        P.AUTOMATION_MANAGE,
        "A new inbound webhook secret (the old one holds 24 h)",
        audit="rotated a workflow's webhook secret",
    ),
    Route(
        "POST",
        "/hooks/workflows/{hook_id}",
        "workflow_hooks",
        AuthKind.WEBHOOK,
        summary="Enrol the person posted in the workflow (signed)",
    ),
)

ROUTES: tuple[Route, ...] = (
    Route("GET", "/workflows", A, U, P.AUTOMATION_MANAGE, "Workflows, newest change first, by status"),
    Route(
        "GET", "/workflows/published", A, U, P.AUTOMATION_ENROL, "The published workflows one may enrol in"
    ),
    Route(
        "POST",
        "/workflows",
        A,
        U,
        P.AUTOMATION_MANAGE,
        "Create a workflow (a draft)",
        audit="created a workflow",
    ),
    Route("GET", _W, A, U, P.AUTOMATION_MANAGE, "A workflow: draft, published version, counts per step"),
    Route("PUT", _W, A, U, P.AUTOMATION_MANAGE, "Save a workflow's draft"),
    Route(
        "DELETE",
        _W,
        A,
        U,
        P.AUTOMATION_MANAGE,
        "Delete a paused or draft workflow",
        audit="deleted a workflow",
    ),
    Route(
        "POST",
        f"{_W}/publish",
        A,
        U,
        P.AUTOMATION_MANAGE,
        "Publish the draft as a new version",
        audit="published a workflow",
    ),
    Route("POST", f"{_W}/pause", A, U, P.AUTOMATION_MANAGE, "Stop new enrolments", audit="paused a workflow"),
    Route("POST", f"{_W}/clone", A, U, P.AUTOMATION_MANAGE, "Copy a workflow as a draft"),
    Route("POST", f"{_W}/test", A, U, P.AUTOMATION_MANAGE, "Dry-run the workflow for a contact"),
    Route("GET", f"{_W}/enrolments", A, U, P.AUTOMATION_MANAGE, "A workflow's enrolments, newest first"),
    Route("POST", f"{_W}/enrolments", A, U, P.AUTOMATION_ENROL, "Enrol contacts and leads one sees"),
    Route("GET", "/enrolments/{enrolment_id}", A, U, P.AUTOMATION_ENROL, "An enrolment and its steps"),
    Route("POST", "/enrolments/{enrolment_id}/end", A, U, P.AUTOMATION_ENROL, "End an enrolment now"),
    Route(
        "GET",
        "/contacts/{contact_id}/workflows",
        A,
        U,
        P.CONTACTS_READ,
        "A contact's active and past workflows",
    ),
    Route("GET", "/leads/{lead_id}/workflows", A, U, P.LEADS_READ, "A lead's active and past workflows"),
    Route("GET", "/manual-actions", A, U, P.MANUAL_ACTIONS, "Manual actions by workflow and assignee"),
    Route("GET", _M, A, U, P.MANUAL_ACTIONS, "A manual action"),
    Route("POST", f"{_M}/complete", A, U, P.MANUAL_ACTIONS, "Complete a manual action: the workflow goes on"),
    Route("DELETE", _M, A, U, P.MANUAL_ACTIONS, "Delete a manual action (its enrolment ends)"),
    *WEBHOOK_ROUTES,
)
