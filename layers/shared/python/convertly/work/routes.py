"""The work capability's HTTP routes: follow-ups and tasks."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U = AuthKind.USER
P = Permission
_FOLLOWUPS = "/leads/{lead_id}/followups"
_FOLLOWUP = f"{_FOLLOWUPS}/{{followup_id}}"
_TASK = "/tasks/{task_id}"

ROUTES: tuple[Route, ...] = (
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
    Route(
        "POST",
        "/tasks/bulk-complete",
        "tasks",
        U,
        P.TASKS_WRITE,
        "Complete many tasks",
        audit="completed tasks in bulk",
    ),
    Route("GET", _TASK, "tasks", U, P.TASKS_READ, "Get a task"),
    Route("PATCH", _TASK, "tasks", U, P.TASKS_WRITE, "Edit a task (status, due, assignee, ...)"),
    Route("DELETE", _TASK, "tasks", U, P.TASKS_WRITE, "Delete a task"),
)
