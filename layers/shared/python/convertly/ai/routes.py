"""The AI capability's HTTP routes: a lead's insights and brief, leads ranked by score, pipeline
questions in threads, Settings > AI."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, P = AuthKind.USER, Permission
_LEAD = "/leads/{lead_id}"
_THREAD = "/ai/threads/{thread_id}"

ROUTES: tuple[Route, ...] = (
    Route(
        "GET",
        f"{_LEAD}/insights",
        "ai",
        U,
        P.AI_USE,
        "A lead's score, its reasons and history, and its brief",
    ),
    Route(
        "GET",
        f"{_LEAD}/summary",
        "ai",
        U,
        P.AI_USE,
        "A lead's brief: the stored one while current, else a new one",
    ),
    Route("POST", f"{_LEAD}/summary", "ai", U, P.AI_USE, "Write a lead's brief again"),
    Route("GET", "/ai/scores", "ai", U, P.AI_USE, "Open leads ranked by score, with filters"),
    Route("GET", "/ai/threads", "ai", U, P.AI_USE, "The caller's pipeline question threads, latest first"),
    Route("POST", "/ai/threads", "ai", U, P.AI_USE, "Start a thread of pipeline questions"),
    Route("GET", _THREAD, "ai", U, P.AI_USE, "A thread and its latest messages"),
    Route("PATCH", _THREAD, "ai", U, P.AI_USE, "Rename a thread"),
    Route("DELETE", _THREAD, "ai", U, P.AI_USE, "Delete a thread and its messages"),
    Route("POST", f"{_THREAD}/messages", "ai", U, P.AI_USE, "Ask a question: 202 with its pending answer"),
    Route(
        "GET",
        f"{_THREAD}/messages/{{message_id}}",
        "ai",
        U,
        P.AI_USE,
        "A question or answer: poll a pending answer until done or failed",
    ),
    Route("GET", "/settings/ai", "ai", U, P.AI_SETTINGS_READ, "Settings > AI: switch, usage, model quality"),
    Route(
        "PATCH", "/settings/ai", "ai", U, P.AI_MANAGE, "Turn AI on or off", audit="changed the AI settings"
    ),
    Route("POST", "/settings/ai/training", "ai", U, P.AI_MANAGE, "Train the score model now"),
)
