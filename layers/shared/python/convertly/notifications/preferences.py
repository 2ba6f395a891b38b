"""Notification preferences: each user chooses, per notification kind, in-app, email, both or none.

`StoredPreferences` is the notifier's preferences port backed by the users' choices; kinds a user
never set use `DEFAULT_CHANNELS`. No validation library here: the notifier consumer imports this at
every cold start (the API validates in convertly.notifications.domain.preferences).
"""

from __future__ import annotations

from collections.abc import Iterable

from convertly.notifications import keys
from convertly.notifications.items import NotificationPreferencesItem
from convertly.notifications.notifier import NotificationPreferences
from convertly.platform.clock import iso

# Lead events show in the bell; reminders also come by email, so a due call is not missed.
DEFAULT_CHANNELS: dict[str, str] = {
    "lead_assigned": "in_app",
    "lead_moved": "in_app",
    "lead_won": "in_app",
    "followup_due": "both",
    "followup_overdue": "both",
    "task_due": "both",
    "task_overdue": "both",
}


def in_app(channel: str) -> bool:
    return channel in ("in_app", "both")


def by_email(channel: str) -> bool:
    return channel in ("email", "both")


def channels_of(item: NotificationPreferencesItem | None) -> dict[str, str]:
    """Every kind's channel: the user's choice where there is one, else the default."""
    stored = item.channels.as_dict() if item is not None and item.channels is not None else {}
    return {kind: str(stored.get(kind, default)) for kind, default in DEFAULT_CHANNELS.items()}


def _key(tenant_id: str, user_id: str) -> tuple[str, str]:
    return keys.notifications(tenant_id, user_id), keys.PREFERENCES_SK


def load(tenant_id: str, user_id: str) -> dict[str, str]:
    try:
        return channels_of(NotificationPreferencesItem.get(*_key(tenant_id, user_id)))
    except NotificationPreferencesItem.DoesNotExist:
        return channels_of(None)


def load_many(users: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    """(tenant, user) -> channels, for many users in one BatchGetItem per 100."""
    wanted = list(dict.fromkeys(users))
    found = {
        (item.PK, item.SK): item
        for item in NotificationPreferencesItem.batch_get([_key(t, u) for t, u in wanted])
    }
    return {(t, u): channels_of(found.get(_key(t, u))) for t, u in wanted}


def save(tenant_id: str, user_id: str, changes: dict[str, str]) -> dict[str, str]:
    """Change the kinds named; the others keep their channel. Returns every kind's channel."""
    channels = load(tenant_id, user_id)
    channels.update(changes)
    NotificationPreferencesItem(*_key(tenant_id, user_id), channels=channels, updated_at=iso()).save()
    return channels


class StoredPreferences(NotificationPreferences):
    """What each user chose, read once per user for the life of the instance (use one per batch)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], dict[str, str]] = {}

    def channel(self, tenant_id: str, user_id: str, kind: str) -> str:
        key = (tenant_id, user_id)
        if key not in self._cache:
            self._cache[key] = load(tenant_id, user_id)
        return self._cache[key].get(kind, "in_app")

    def allows(self, tenant_id: str, user_id: str, kind: str) -> bool:
        return in_app(self.channel(tenant_id, user_id, kind))

    def emails(self, tenant_id: str, user_id: str, kind: str) -> bool:
        return by_email(self.channel(tenant_id, user_id, kind))
