"""Sign-up, login, users and the signed-in profile."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from convertly.billing.service import BillingSummary
from convertly.permissions import TENANT_ROLES, Role
from convertly.platform.domain import DomainModel
from convertly.platform.fields import normalise_email

Password = Annotated[str, StringConstraints(min_length=10, max_length=128)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class _EmailBody(DomainModel):
    model_config = ConfigDict(extra="forbid")
    email: str

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        normalised = normalise_email(value)
        if not normalised:
            raise ValueError("must be a valid email address")
        return normalised


class SignUp(_EmailBody):
    company_name: Text
    name: Text
    password: Password
    currency: Annotated[str, StringConstraints(to_upper=True, pattern=r"^[A-Za-z]{3}$")] = "USD"
    timezone: Annotated[str, StringConstraints(max_length=64)] = "UTC"


class Login(_EmailBody):
    password: Annotated[str, StringConstraints(min_length=1, max_length=128)]


class Refresh(DomainModel):
    model_config = ConfigDict(extra="forbid")
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=8192)]


class ForgotPassword(_EmailBody):
    pass


class ConfirmPassword(_EmailBody):
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
    password: Password


class UserInvite(_EmailBody):
    name: Text
    role: Role
    password: Password = Field(description="Initial password the new user logs in with")

    @field_validator("role")
    @classmethod
    def _tenant_role(cls, value: Role) -> Role:
        if value not in TENANT_ROLES:
            raise ValueError(f"must be one of {', '.join(r.value for r in TENANT_ROLES)}")
        return value


class TokensOut(DomainModel):
    id_token: str
    access_token: str
    refresh_token: str | None
    expires_in: int


class Message(DomainModel):
    """What a password reset step answers: a sentence for the person."""

    message: str


class User(DomainModel):
    user_id: str
    email: str
    name: str
    role: str
    status: str
    created_at: str


class UserList(DomainModel):
    items: list[User] = Field(description="the tenant's users, by name")


class Tenant(DomainModel):
    tenant_id: str
    name: str
    currency: str
    timezone: str


class SignedUp(DomainModel):
    """POST /auth/signup: the new tenant and its Admin's tokens."""

    tenant: Tenant
    tokens: TokensOut


class Profile(DomainModel):
    user: User
    tenant: Tenant | None
    permissions: list[str]
    portal: str
    billing: BillingSummary | None = Field(
        default=None, description="the tenant's plan, status, features and billing banner"
    )
