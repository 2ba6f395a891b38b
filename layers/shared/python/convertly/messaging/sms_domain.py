"""SMS shapes: the tenant's Twilio account (Settings > SMS), whether a sender can text, the test text."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from convertly.platform.domain import DomainModel

TOKEN_MASK = "••••"  # noqa: S105 - what GET shows instead of a stored Auth Token
ACCOUNT_SID = re.compile(r"^AC[0-9a-f]{32}$")
SERVICE_SID = re.compile(r"^MG[0-9a-f]{32}$")
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
Trimmed = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)]


def _e164(value: str) -> str:
    compact = re.sub(r"[\s().-]", "", value)
    if not E164.match(compact):
        raise ValueError("must be a number in international format, like +14155550123")
    return compact


class SmsSettingsUpdate(DomainModel):
    """Connect a Twilio account, or change it. Saving asks Twilio: credentials it refuses, or a number
    that is not the account's, are a 422 and nothing is stored. `account_sid` and `auth_token` left out
    keep the stored ones (to change only the sender); texts come from `from_number` or, instead, a
    Messaging Service (`messaging_service_sid`)."""

    model_config = ConfigDict(extra="forbid")

    account_sid: Trimmed | None = Field(default=None, description="AC followed by 32 hex digits")
    auth_token: Annotated[str, StringConstraints(strip_whitespace=True, max_length=128)] | None = Field(
        default=None, description="Stored sealed; never returned"
    )
    from_number: Trimmed | None = Field(default=None, description="E.164, a number of the Twilio account")
    messaging_service_sid: Trimmed | None = Field(default=None, description="MG followed by 32 hex digits")

    @field_validator("account_sid")
    @classmethod
    def _account(cls, value: str | None) -> str | None:
        if value and not ACCOUNT_SID.match(value):
            raise ValueError("must be AC followed by 32 letters and digits (from the Twilio Console)")
        return value or None

    @field_validator("auth_token")
    @classmethod
    def _token(cls, value: str | None) -> str | None:
        if value and (len(value) < 16 or re.search(r"\s", value)):
            raise ValueError("must be the account's Auth Token (32 characters, from the Twilio Console)")
        return value or None

    @field_validator("from_number")
    @classmethod
    def _from(cls, value: str | None) -> str | None:
        return _e164(value) if value else None

    @field_validator("messaging_service_sid")
    @classmethod
    def _service(cls, value: str | None) -> str | None:
        if value and not SERVICE_SID.match(value):
            raise ValueError("must be MG followed by 32 letters and digits")
        return value or None

    @model_validator(mode="after")
    def _one_sender(self) -> SmsSettingsUpdate:
        if bool(self.from_number) == bool(self.messaging_service_sid):
            raise ValueError("Give the sending number or a Messaging Service SID (one of the two)")
        return self


class SmsSettings(DomainModel):
    """What GET answers: the Auth Token is never returned, the Account SID only by its last 4."""

    configured: bool = Field(description="false: no text can be sent until an Admin connects Twilio")
    account_sid_last4: str | None = None
    account_name: str | None = Field(default=None, description="The account's name at Twilio")
    auth_token: str | None = Field(default=None, description=f"{TOKEN_MASK} when one is stored")
    auth_token_set: bool = False
    from_number: str | None = None
    messaging_service_sid: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None


class SmsStatus(DomainModel):
    """Whether a text can be sent from this account, for whoever sends (the Send SMS button)."""

    configured: bool
    sender: str | None = Field(description="The number texts come from, or the Messaging Service's SID")


class SmsTest(DomainModel):
    """Where to send the test text: a phone number (international, or local to the account's country)."""

    model_config = ConfigDict(extra="forbid")

    to: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=32)]


class SmsTestResult(DomainModel):
    sent: bool
    to: str
    sid: str | None
    segments: int | None
