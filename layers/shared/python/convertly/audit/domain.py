"""The audit log's API shapes."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from convertly.platform.domain import DomainModel

Category = Literal["team", "leads", "contacts", "settings", "access"]


class AuditEntry(DomainModel):
    at: str
    type: str = Field(description="the event's detail type, such as UserRoleChanged")
    category: str
    actor_id: str | None
    actor_name: str | None
    subject_id: str | None
    summary: str = Field(description="what happened, in a sentence")
    tenant_id: str | None = Field(default=None, description="in the platform's log: the tenant concerned")


class AuditPage(DomainModel):
    items: list[AuditEntry]
    next_cursor: str | None
