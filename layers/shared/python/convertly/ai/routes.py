"""The AI capability's HTTP routes: a lead's insights and brief, leads ranked by score, Settings > AI."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, P = AuthKind.USER, Permission
_LEAD = "/leads/{lead_id}"

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
    Route("GET", "/settings/ai", "ai", U, P.AI_SETTINGS_READ, "Settings > AI: switch, usage, model quality"),
    Route(
        "PATCH", "/settings/ai", "ai", U, P.AI_MANAGE, "Turn AI on or off", audit="changed the AI settings"
    ),
    Route("POST", "/settings/ai/training", "ai", U, P.AI_MANAGE, "Train the score model now"),
)
