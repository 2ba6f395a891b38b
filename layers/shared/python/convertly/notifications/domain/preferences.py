"""Notification preferences as the API shows and takes them: per kind, in-app, email, both or none."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict

from convertly.notifications.domain.notifications import NotificationKind
from convertly.platform.domain import DomainModel

Channel = Literal["in_app", "email", "both", "none"]


class Preferences(DomainModel):
    """Every kind with its channel; kinds the user never set show their default."""

    channels: dict[NotificationKind, Channel]


class PreferencesUpdate(DomainModel):
    """The kinds to change; kinds left out keep their channel."""

    model_config = ConfigDict(extra="forbid")

    channels: dict[NotificationKind, Channel]
