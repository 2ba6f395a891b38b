"""The platform console's API shapes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from convertly.accounts.service import TeamMember
from convertly.permissions import PLATFORM_ROLES, Role
from convertly.platform.domain import DomainModel
from convertly.platform.fields import EmailAddress


class TenantRow(DomainModel):
    tenant_id: str
    name: str
    status: str = Field(description="active or suspended")
    plan: str | None
    billing_status: str | None = Field(description="trialing, active, past_due, canceled...")
    trial_ends_at: str | None
    users: int | None
    user_limit: int | None
    leads_this_month: int
    lead_limit: int | None
    last_activity_at: str | None
    created_at: str


class TenantList(DomainModel):
    items: list[TenantRow]
    next_cursor: str | None


class Billing(DomainModel):
    plan: str | None
    status: str | None
    trial_ends_at: str | None
    current_period_end: str | None
    cancel_at_period_end: bool
    stripe_customer_id: str | None
    stripe_subscription_id: str | None
    stripe_status: str | None = Field(description="the subscription's status as Stripe tells it now")


class QueueHealth(DomainModel):
    consumer: str
    dead_letters: int = Field(description="messages in the consumer's dead-letter queue (every tenant)")
    tenant_dead_letters: int = Field(description="of the first ten looked at, this tenant's")


class ConversionFailure(DomainModel):
    at: str
    platform: str
    status: str
    message: str
    lead_id: str


class TenantDetail(TenantRow):
    suspended_at: str | None
    suspended_reason: str | None
    billing: Billing
    team: list[TeamMember]
    conversions_30d: dict[str, int] = Field(description="attempts of the last 30 days by outcome")
    recent_failures: list[ConversionFailure]
    queues: list[QueueHealth]
    held_events: int = Field(description="events its consumers hold while it is suspended")


class Suspension(DomainModel):
    model_config = ConfigDict(extra="forbid")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class TrialExtension(DomainModel):
    model_config = ConfigDict(extra="forbid")
    days: int = Field(ge=1, le=90)


PlatformRole = Literal["Developer", "DeveloperAdmin", "DeveloperStaff"]


class PlatformInvite(DomainModel):
    model_config = ConfigDict(extra="forbid")
    email: EmailAddress
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    role: PlatformRole


class PlatformRoleChange(DomainModel):
    model_config = ConfigDict(extra="forbid")
    role: PlatformRole

    @field_validator("role")
    @classmethod
    def _platform(cls, value: str) -> str:
        assert Role(value) in PLATFORM_ROLES
        return value
