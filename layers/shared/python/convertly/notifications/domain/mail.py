"""A tenant's email settings (its own SMTP server) and the test email."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from convertly.platform.domain import DomainModel
from convertly.platform.fields import normalise_email

TlsMode = Literal["starttls", "ssl", "none"]
_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(\.{_LABEL})*$")
PASSWORD_MASK = "********"  # noqa: S105 - what GET shows instead of a stored password


def _address(value: str | None) -> str | None:
    normalised = normalise_email(value)
    if normalised is None:
        raise ValueError("must be an email address")
    return normalised


class EmailSettingsUpdate(DomainModel):
    """The tenant's SMTP server. Leave `password` out to keep the stored one; "" removes it."""

    model_config = ConfigDict(extra="forbid")

    host: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=253)]
    port: int = Field(ge=1, le=65535)
    tls_mode: TlsMode = "starttls"
    username: Annotated[str, StringConstraints(strip_whitespace=True, max_length=254)] | None = None
    password: Annotated[str, StringConstraints(max_length=512)] | None = None
    from_address: str
    from_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        if not _HOST.match(value):
            raise ValueError("must be a host name or an IPv4 address, like smtp.example.com")
        return value.lower()

    _from = field_validator("from_address")(_address)


class EmailSettings(DomainModel):
    """What GET answers: the password is never returned, only whether one is stored."""

    configured: bool = Field(description="false: mail goes through the platform's default")
    platform_transport: Literal["ses", "smtp"]
    host: str | None = None
    port: int | None = None
    tls_mode: TlsMode | None = None
    username: str | None = None
    password: str | None = Field(default=None, description=f"{PASSWORD_MASK} when one is stored")
    password_set: bool = False
    from_address: str | None = None
    from_name: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None


class EmailTest(DomainModel):
    """Where to send the test email; the caller's own address when absent."""

    model_config = ConfigDict(extra="forbid")

    to: str | None = None

    @field_validator("to")
    @classmethod
    def _to(cls, value: str | None) -> str | None:
        return None if value is None else _address(value)


class EmailTestResult(DomainModel):
    sent: bool
    to: str
    transport: Literal["tenant_smtp", "platform_ses", "platform_smtp"]
