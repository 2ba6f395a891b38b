"""The one typed settings object. Nothing else in Convertly reads os.environ.

A frozen dataclass filled from the environment once per process: it costs nothing at import, which
every Lambda cold start pays (see bench/imports.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any


def _env(*names: str) -> dict[str, Any]:
    return {"env": names}


@dataclass(frozen=True)
class Settings:
    """Runtime configuration, validated once per process (Lambda cold start or local stack).

    Each field names the environment variables it is read from, first match wins.
    """

    environment: str = field(default="local", metadata=_env("CONVERTLY_ENV"))
    aws_region: str = field(default="us-east-1", metadata=_env("AWS_REGION", "AWS_DEFAULT_REGION"))
    # Set only locally (moto server); on AWS boto3 resolves endpoints itself.
    aws_endpoint_url: str | None = field(default=None, metadata=_env("AWS_ENDPOINT_URL"))
    table_name: str = field(default="convertly", metadata=_env("TABLE_NAME"))
    event_bus_name: str = field(default="convertly", metadata=_env("EVENT_BUS_NAME"))
    user_pool_id: str = field(default="", metadata=_env("USER_POOL_ID"))
    user_pool_client_id: str = field(default="", metadata=_env("USER_POOL_CLIENT_ID"))
    # Where the pool's signing keys are published; derived from the issuer unless set.
    jwks_url: str | None = field(default=None, metadata=_env("JWKS_URL"))
    max_body_bytes: int = field(default=64 * 1024, metadata=_env("MAX_BODY_BYTES"))
    cors_allow_origin: str = field(default="*", metadata=_env("CORS_ALLOW_ORIGIN"))
    outbox_ttl_seconds: int = field(default=24 * 3600, metadata=_env("OUTBOX_TTL_SECONDS"))

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """Read every field from `environ`; an integer that does not parse is a configuration error."""
        values: dict[str, Any] = {}
        for spec in fields(cls):
            raw = next((environ[name] for name in spec.metadata["env"] if environ.get(name)), None)
            if raw is None:
                continue
            if spec.type == "int":
                try:
                    values[spec.name] = int(raw)
                except ValueError as error:
                    raise ValueError(f"{spec.metadata['env'][0]} must be an integer, not {raw!r}") from error
            else:
                values[spec.name] = raw
        return cls(**values)

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
    return Settings.from_environ(os.environ)
