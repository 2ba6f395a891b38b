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
    # Billing (docs/billing.md). On AWS the keys live in a Secrets Manager secret named by
    # STRIPE_SECRET_ARN (JSON: secret_key, webhook_secret, publishable_key); locally they are set directly.
    stripe_secret_arn: str | None = field(default=None, metadata=_env("STRIPE_SECRET_ARN"))
    stripe_secret_key: str | None = field(default=None, metadata=_env("STRIPE_SECRET_KEY"))
    stripe_webhook_secret: str | None = field(default=None, metadata=_env("STRIPE_WEBHOOK_SECRET"))
    stripe_publishable_key: str | None = field(default=None, metadata=_env("STRIPE_PUBLISHABLE_KEY"))
    # Set only locally (localstripe); the SDK talks to api.stripe.com otherwise.
    stripe_api_base: str | None = field(default=None, metadata=_env("STRIPE_API_BASE"))
    # "stripe" (Prices, Checkout, customer portal) or "localstripe" (Plans, the card form; no portal).
    stripe_flavour: str = field(default="stripe", metadata=_env("STRIPE_FLAVOUR"))
    # Where Checkout, the customer portal and the ad platforms' OAuth consent send the browser back to
    # (the web app's origin).
    web_app_url: str = field(default="http://127.0.0.1:3000", metadata=_env("WEB_APP_URL"))
    # Lead capture: the public form posts.
    form_cache_seconds: int = field(default=60, metadata=_env("FORM_CACHE_SECONDS"))
    form_max_body_bytes: int = field(default=32 * 1024, metadata=_env("FORM_MAX_BODY_BYTES"))
    secrets_key_id: str = field(default="alias/convertly-secrets", metadata=_env("SECRETS_KEY_ID"))
    turnstile_verify_url: str = field(
        default="https://challenges.cloudflare.com/turnstile/v0/siteverify",
        metadata=_env("TURNSTILE_VERIFY_URL"),
    )
    recaptcha_verify_url: str = field(
        default="https://www.google.com/recaptcha/api/siteverify", metadata=_env("RECAPTCHA_VERIFY_URL")
    )
    captcha_timeout_seconds: int = field(default=5, metadata=_env("CAPTCHA_TIMEOUT_SECONDS"))
    # Conversions: the ad platforms' REST endpoints (the local stack points them at its fakes) and the
    # Meta app behind the Lead Ads webhook. On AWS the app secret and verify token live in the Secrets
    # Manager secret named by META_APP_SECRET_ARN (JSON: app_id, app_secret, verify_token, login_config_id).
    google_ads_api_base: str = field(
        default="https://googleads.googleapis.com", metadata=_env("GOOGLE_ADS_API_BASE")
    )
    google_ads_api_version: str = field(default="v23", metadata=_env("GOOGLE_ADS_API_VERSION"))
    google_oauth_token_url: str = field(
        default="https://oauth2.googleapis.com/token", metadata=_env("GOOGLE_OAUTH_TOKEN_URL")
    )
    google_oauth_authorize_url: str = field(
        default="https://accounts.google.com/o/oauth2/v2/auth", metadata=_env("GOOGLE_OAUTH_AUTHORIZE_URL")
    )
    google_oauth_revoke_url: str = field(
        default="https://oauth2.googleapis.com/revoke", metadata=_env("GOOGLE_OAUTH_REVOKE_URL")
    )
    # Convertly's own Google Ads app (platform secrets, never a tenant's): the developer token and the
    # OAuth web client behind "Connect Google Ads". On AWS they live in the Secrets Manager secret named
    # by GOOGLE_ADS_APP_SECRET_ARN (JSON: developer_token, client_id, client_secret); locally they are set
    # directly, to values the local fakes know.
    google_ads_app_secret_arn: str | None = field(default=None, metadata=_env("GOOGLE_ADS_APP_SECRET_ARN"))
    google_ads_developer_token: str | None = field(default=None, metadata=_env("GOOGLE_ADS_DEVELOPER_TOKEN"))
    google_oauth_client_id: str | None = field(default=None, metadata=_env("GOOGLE_OAUTH_CLIENT_ID"))
    google_oauth_client_secret: str | None = field(default=None, metadata=_env("GOOGLE_OAUTH_CLIENT_SECRET"))
    meta_graph_api_base: str = field(
        default="https://graph.facebook.com", metadata=_env("META_GRAPH_API_BASE")
    )
    meta_graph_api_version: str = field(default="v23.0", metadata=_env("META_GRAPH_API_VERSION"))
    # Facebook Login for Business: the login dialog's host, and the Meta app's id and login
    # configuration (on AWS in the META_APP_SECRET_ARN secret too: app_id, login_config_id).
    meta_dialog_base: str = field(default="https://www.facebook.com", metadata=_env("META_DIALOG_BASE"))
    meta_app_id: str | None = field(default=None, metadata=_env("META_APP_ID"))
    meta_login_config_id: str | None = field(default=None, metadata=_env("META_LOGIN_CONFIG_ID"))
    ads_http_timeout_seconds: int = field(default=8, metadata=_env("ADS_HTTP_TIMEOUT_SECONDS"))
    # Every retry delay of our own (conversions' backoff, the mail outbox's) times this. 1 on AWS; the
    # local stack's tests shorten the waits with it (a platform's Retry-After is kept as asked).
    retry_delay_scale: float = field(default=1.0, metadata=_env("RETRY_DELAY_SCALE"))
    # SMS: Twilio's REST API (the local stack points it at its fake; each tenant connects its account).
    twilio_api_base: str = field(default="https://api.twilio.com", metadata=_env("TWILIO_API_BASE"))
    meta_app_secret_arn: str | None = field(default=None, metadata=_env("META_APP_SECRET_ARN"))
    meta_app_secret: str | None = field(default=None, metadata=_env("META_APP_SECRET"))
    meta_webhook_verify_token: str | None = field(default=None, metadata=_env("META_WEBHOOK_VERIFY_TOKEN"))
    # AI (docs/ai.md): the OpenAI API, or any endpoint that speaks it (OPENAI_BASE_URL; the local stack
    # points it at its fake). The key is the platform's: on AWS in the Secrets Manager secret named by
    # OPENAI_SECRET_ARN (JSON `api_key`), locally set directly. Without a key the AI pages say so and the
    # learned score still works. One model per task, so a cheaper model can write summaries.
    openai_base_url: str | None = field(default=None, metadata=_env("OPENAI_BASE_URL"))
    openai_api_key: str | None = field(default=None, metadata=_env("OPENAI_API_KEY"))
    openai_secret_arn: str | None = field(default=None, metadata=_env("OPENAI_SECRET_ARN"))
    ai_summary_model: str = field(default="gpt-4o-mini", metadata=_env("AI_SUMMARY_MODEL"))
    ai_questions_model: str = field(default="gpt-4o-mini", metadata=_env("AI_QUESTIONS_MODEL"))
    ai_timeout_seconds: int = field(default=20, metadata=_env("AI_TIMEOUT_SECONDS"))
    ai_max_retries: int = field(default=2, metadata=_env("AI_MAX_RETRIES"))
    # Mail: the platform's default transport, for tenants without their own SMTP server. "ses" on
    # AWS; "smtp" locally, where the platform SMTP server is the local stack's mail sink.
    mail_transport: str = field(default="ses", metadata=_env("MAIL_TRANSPORT"))
    mail_from: str = field(default="noreply@convertly.local", metadata=_env("MAIL_FROM"))
    platform_smtp_host: str = field(default="127.0.0.1", metadata=_env("PLATFORM_SMTP_HOST"))
    platform_smtp_port: int = field(default=1025, metadata=_env("PLATFORM_SMTP_PORT"))
    smtp_timeout_seconds: int = field(default=10, metadata=_env("SMTP_TIMEOUT_SECONDS"))
    # Unsubscribe links in email to contacts: the HMAC key that signs them (on AWS in the Secrets
    # Manager secret named by UNSUBSCRIBE_SECRET_ARN, JSON `signing_key`; locally set directly, or a
    # fixed local key), and the API's public URL, where a mail client's one-click unsubscribe (RFC 8058)
    # posts. Without it the email's List-Unsubscribe names the web app's page, which takes no POST.
    unsubscribe_secret_arn: str | None = field(default=None, metadata=_env("UNSUBSCRIBE_SECRET_ARN"))
    unsubscribe_signing_key: str | None = field(default=None, metadata=_env("UNSUBSCRIBE_SIGNING_KEY"))
    public_api_url: str | None = field(default=None, metadata=_env("PUBLIC_API_URL"))
    # Imports: the bucket the browser uploads spreadsheets to (a presigned POST) and the run reads.
    uploads_bucket: str = field(default="convertly-uploads", metadata=_env("UPLOADS_BUCKET"))
    # Reminders: an open follow-up or task is overdue this long after it fell due.
    reminder_overdue_minutes: int = field(default=60, metadata=_env("REMINDER_OVERDUE_MINUTES"))
    # Outbound webhooks may post to private, loopback and link-local addresses, and over plain HTTP:
    # the local stack only (its test receivers listen on 127.0.0.1). Never set on AWS.
    allow_private_webhooks: bool = field(default=False, metadata=_env("ALLOW_PRIVATE_WEBHOOKS"))

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """Read every field from `environ`; a number that does not parse is a configuration error."""
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
            elif spec.type == "float":
                try:
                    values[spec.name] = float(raw)
                except ValueError as error:
                    raise ValueError(f"{spec.metadata['env'][0]} must be a number, not {raw!r}") from error
            elif spec.type == "bool":
                values[spec.name] = raw.strip().lower() in ("1", "true", "yes", "on")
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
