"""The one typed settings object. Nothing else in Convertly reads os.environ."""

from __future__ import annotations

from functools import lru_cache

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime configuration, validated once per process (Lambda cold start or local stack)."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    environment: str = Field(default="local", validation_alias=AliasChoices("CONVERTLY_ENV", "environment"))
    aws_region: str = Field(
        default="us-east-1", validation_alias=AliasChoices("AWS_REGION", "AWS_DEFAULT_REGION", "aws_region")
    )
    # Set only locally (moto server); on AWS boto3 resolves endpoints itself.
    aws_endpoint_url: str | None = Field(
        default=None, validation_alias=AliasChoices("AWS_ENDPOINT_URL", "aws_endpoint_url")
    )
    table_name: str = Field(default="convertly", validation_alias=AliasChoices("TABLE_NAME", "table_name"))
    event_bus_name: str = Field(
        default="convertly", validation_alias=AliasChoices("EVENT_BUS_NAME", "event_bus_name")
    )
    user_pool_id: str = Field(default="", validation_alias=AliasChoices("USER_POOL_ID", "user_pool_id"))
    user_pool_client_id: str = Field(
        default="", validation_alias=AliasChoices("USER_POOL_CLIENT_ID", "user_pool_client_id")
    )
    # Where the pool's signing keys are published; derived from the issuer unless set.
    jwks_url: str | None = Field(default=None, validation_alias=AliasChoices("JWKS_URL", "jwks_url"))
    max_body_bytes: int = Field(
        default=64 * 1024, validation_alias=AliasChoices("MAX_BODY_BYTES", "max_body_bytes")
    )
    cors_allow_origin: str = Field(
        default="*", validation_alias=AliasChoices("CORS_ALLOW_ORIGIN", "cors_allow_origin")
    )
    outbox_ttl_seconds: int = Field(
        default=24 * 3600, validation_alias=AliasChoices("OUTBOX_TTL_SECONDS", "outbox_ttl_seconds")
    )

    @property
    def cognito_issuer(self) -> str:
        return f"https://cognito-idp.{self.aws_region}.amazonaws.com/{self.user_pool_id}"

    @property
    def resolved_jwks_url(self) -> str:
        if self.jwks_url:
            return self.jwks_url
        if self.aws_endpoint_url:
            return f"{self.aws_endpoint_url.rstrip('/')}/{self.user_pool_id}/.well-known/jwks.json"
        return f"{self.cognito_issuer}/.well-known/jwks.json"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings()
