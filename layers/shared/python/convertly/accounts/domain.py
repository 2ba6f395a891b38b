"""Sign-up, login, users and the signed-in profile."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from convertly.billing.service import BillingSummary
from convertly.permissions import TENANT_ROLES, Role
from convertly.platform.domain import DomainModel
from convertly.platform.fields import EmailAddress
from convertly.platform.money import Currency

Password = Annotated[str, StringConstraints(min_length=10, max_length=128)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class _EmailBody(DomainModel):
    model_config = ConfigDict(extra="forbid")
    email: EmailAddress


class SignUp(_EmailBody):
    company_name: Text
    name: Text
    password: Password
    currency: Currency = "USD"
    timezone: Annotated[str, StringConstraints(max_length=64)] = "UTC"
    locale: Annotated[str, StringConstraints(max_length=64)] | None = Field(
        default=None,
        description="The browser's language (navigator.language): the account's number and date format is "
        "the nearest Convertly offers, en-US without one",
    )
    referral: Annotated[str, StringConstraints(max_length=64)] | None = Field(
        default=None, description="The referral a partner's link gave the browser (POST /affiliate/clicks)"
    )


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


def _tenant_role(value: Role) -> Role:
    if value not in TENANT_ROLES:
        raise ValueError(f"must be one of {', '.join(r.value for r in TENANT_ROLES)}")
    return value


class UserInvite(_EmailBody):
    name: Text
    role: Role
    password: Password | None = Field(
        default=None,
        description="A permanent password the Admin hands over in person; without it Convertly emails "
        "an invitation with a temporary password that works once, for 7 days",
    )

    _role = field_validator("role")(_tenant_role)


class Invitee(_EmailBody):
    name: Text
    role: Role

    _role = field_validator("role")(_tenant_role)


class Invitations(DomainModel):
    model_config = ConfigDict(extra="forbid")
    people: list[Invitee] = Field(min_length=1, max_length=20, description="up to 20 people at once")


class RoleChange(DomainModel):
    model_config = ConfigDict(extra="forbid")
    role: Role

    _role = field_validator("role")(_tenant_role)


class ProfileUpdate(DomainModel):
    """Every field optional: what is sent changes."""

    model_config = ConfigDict(extra="forbid")
    name: Text | None = None
    phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    timezone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] | None = None
    signature: Annotated[str, StringConstraints(max_length=2000)] | None = None
    avatar_color: Annotated[str, StringConstraints(pattern=r"^(#[0-9a-fA-F]{6})?$")] | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if not value:  # "" or null clears it
            return value
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError("must be a time zone such as Europe/London") from error
        return value


class PasswordChange(DomainModel):
    model_config = ConfigDict(extra="forbid")
    current_password: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    new_password: Password


class NewPassword(_EmailBody):
    """The answer to a NEW_PASSWORD_REQUIRED login: the session it gave and the person's own password."""

    session: Annotated[str, StringConstraints(min_length=1, max_length=8192)]
    password: Password


class Logout(Refresh):
    pass


class PasswordChallenge(DomainModel):
    """Login with a temporary (invitation) password: choose one's own with POST /auth/password/new."""

    challenge: str = Field(description="NEW_PASSWORD_REQUIRED")
    session: str


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
    status: str = Field(description="invited, active or deactivated")
    created_at: str
    phone: str | None = None
    timezone: str | None = None
    signature: str | None = None
    avatar_color: str | None = None
    last_sign_in_at: str | None = None


class TeamMember(User):
    """A user as Settings > Team shows them."""

    open_leads: int = Field(description="open leads they own")
    invited_at: str | None = None
    invitation_expires_at: str | None = None
    deactivated_at: str | None = None


class Team(DomainModel):
    items: list[TeamMember]
    seats_used: int | None = None
    seats_limit: int | None = None


class InvitationResult(DomainModel):
    email: str
    status: str = Field(description="invited, or failed with `error`")
    user: User | None = None
    error: dict[str, Any] | None = Field(
        default=None,
        description="`{code, message, details?}` of a failed invitation (details: a plan limit's)",
    )


class InvitationResults(DomainModel):
    results: list[InvitationResult]


class UserList(DomainModel):
    items: list[User] = Field(description="the tenant's users, by name")


class Tenant(DomainModel):
    tenant_id: str
    name: str
    currency: str
    timezone: str
    locale: str | None = Field(
        default=None,
        description="How money, numbers and dates read (a BCP 47 tag such as de-DE); null: each "
        "browser's own",
    )


class SignedUp(DomainModel):
    """POST /auth/signup: the new tenant and its Admin's tokens."""

    tenant: Tenant
    tokens: TokensOut


class Impersonation(DomainModel):
    """A view-as session, as the banner shows it."""

    tenant_id: str
    target_id: str
    target_name: str
    target_role: str
    actor_name: str
    actor_role: str
    by_convertly: bool = Field(description="the viewer is Convertly's support (a Developer Admin)")
    started_at: str
    expires_at: str
    writes_allowed: bool


class Profile(DomainModel):
    user: User
    tenant: Tenant | None
    permissions: list[str]
    portal: str
    billing: BillingSummary | None = Field(
        default=None, description="the tenant's plan, status, features and billing banner"
    )
    impersonation: Impersonation | None = Field(
        default=None, description="set while this session views as the user (the banner)"
    )


class ReassignRequest(DomainModel):
    model_config = ConfigDict(extra="forbid")
    to_user_ids: list[Annotated[str, StringConstraints(min_length=1, max_length=64)]] = Field(
        min_length=1, max_length=20, description="who receives the work, in turn (round robin)"
    )
    leads: bool = True
    followups: bool = True
    tasks: bool = True


class Reassignment(DomainModel):
    job_id: str
    from_user_id: str
    to_user_ids: list[str]
    status: str = Field(description="queued, running or done")
    leads_total: int
    followups_total: int
    tasks_total: int
    leads_moved: int
    followups_moved: int
    tasks_moved: int
    skipped: int
    created_at: str
    finished_at: str | None


class ViewAs(DomainModel):
    """A view-as session's token: sent as `Authorization: Bearer <token>` instead of the ID token."""

    token: str
    expires_at: str
    impersonation: Impersonation


class ViewAsRequest(DomainModel):
    model_config = ConfigDict(extra="forbid")
    user_id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = Field(
        default=None, description="whom to view as; the tenant's first Admin when left out"
    )


class SupportAccess(DomainModel):
    until: str | None = Field(description="until when Convertly's support may change things while viewing")


class SupportAccessChange(DomainModel):
    model_config = ConfigDict(extra="forbid")
    hours: int = Field(ge=0, le=720, description="from now; 0 withdraws it")
