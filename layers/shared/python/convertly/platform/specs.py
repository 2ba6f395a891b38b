"""What the AWS resources are: the table, the functions, the consumers and their rules, schedules,
the user pool and the web hosting. Each capability declares its own in `<capability>/resources.py`;
`convertly.resources` lists them; the CDK stack and the local stack bootstrap both build from that
list, so local and production never drift apart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Every function's AWS SDK (boto3, and the AWS CLI in CDK's own handlers) retries in the standard mode
# (throttling and transient errors, with jittered backoff and a retry quota) instead of the legacy one.
# The CDK stack sets it on every function and devstack on the local ones. AWS_MAX_ATTEMPTS counts the
# first attempt too: 3 is the standard mode's default (devstack/aws.py's clients: two retries).
AWS_RETRY_ENVIRONMENT = {"AWS_RETRY_MODE": "standard", "AWS_MAX_ATTEMPTS": "3"}


@dataclass(frozen=True)
class IndexSpec:
    name: str
    partition_key: str
    sort_key: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    partition_key: str
    sort_key: str
    indexes: tuple[IndexSpec, ...]
    ttl_attribute: str
    stream_view_type: str  # the outbox relay reads new images from the table's stream


@dataclass(frozen=True)
class RuleSpec:
    """An EventBridge rule on the custom bus that routes domain events to one consumer's queue.

    `detail_filters` narrows a detail type to the events whose `detail` matches an EventBridge content
    filter; the other detail types match every event of theirs. CDK and the local stack both install
    `event_pattern()`, so production and moto filter alike.
    """

    name: str
    detail_types: tuple[str, ...]
    source_prefix: str = "convertly."
    detail_filters: tuple[tuple[str, Mapping[str, Any]], ...] = field(default=(), hash=False)

    def event_pattern(self) -> dict[str, Any]:
        """The rule's event pattern: one alternative per filtered detail type, one for all the others."""
        filters = dict(self.detail_filters)
        if not set(filters) <= set(self.detail_types):
            raise ValueError(f"{self.name}: filters name detail types the rule does not route")
        plain = [detail_type for detail_type in self.detail_types if detail_type not in filters]
        alternatives: list[dict[str, Any]] = [{"detail-type": plain}] if plain else []
        alternatives += [
            {"detail-type": [detail_type], "detail": dict(filters[detail_type])}
            for detail_type in self.detail_types
            if detail_type in filters
        ]
        pattern: dict[str, Any] = {"source": [{"prefix": self.source_prefix}]}
        if len(alternatives) == 1:
            pattern.update(alternatives[0])
        else:
            pattern["$or"] = alternatives
        return pattern


@dataclass(frozen=True)
class ConsumerSpec:
    """An SQS consumer: queue + DLQ + redrive, fed by a rule, drained by one Lambda function."""

    function: str
    queue: str
    dead_letter_queue: str
    rule: RuleSpec
    max_receive_count: int = 5
    # AWS's advice for an SQS event source: six times the function's timeout (tests/unit checks it).
    visibility_timeout_seconds: int = 180
    batch_size: int = 10
    max_batching_window_seconds: int = 1
    # The uploads bucket's ObjectCreated notifications (under imports/) reach this queue too.
    uploads: bool = False


@dataclass(frozen=True)
class StreamConsumerSpec:
    """A DynamoDB stream consumer with a record filter and an SQS on-failure destination."""

    function: str
    filter_type: str  # only items whose `type` attribute equals this reach the function
    failure_queue: str
    batch_size: int = 10
    max_retry_attempts: int = 10


@dataclass(frozen=True)
class ScheduleSpec:
    function: str
    rate_minutes: int


@dataclass(frozen=True)
class UserPoolSpec:
    name: str
    client_name: str
    tenant_attribute: str  # custom attribute holding the tenant id; the only source of a request's tenant
    groups: tuple[str, ...]
    # What the app client may read; these claims land in the ID token (name shows on notes and the profile).
    read_attributes: tuple[str, ...] = ("email", "email_verified", "name", "custom:tenant_id")
    password_min_length: int = 10


@dataclass(frozen=True)
class WebSpec:
    """Where the SPA is hosted, and the file that tells it its API and user pool at start-up."""

    bucket: str  # the local bucket's name; on AWS the account and region follow it (S3 names are global)
    config_file: str


@dataclass(frozen=True)
class UploadsSpec:
    """The private bucket the browser uploads spreadsheets to with a presigned POST."""

    bucket: str  # the local bucket's name; on AWS `<bucket>-<account>-<region>` (S3 names are global)
    prefix: str  # where imports' files live; an uploaded source file there is announced to the runner
    suffix: str  # the uploaded file's name: only it is announced, not what the runner writes beside it
    expire_days: int  # an object under an expiring prefix is deleted this long after it was written
    # Temporary files (an import's spreadsheet and its parts, an export's CSV) expire; the media library's
    # files (tenants/<tenant>/media/...) and the affiliate program's marketing assets (affiliates/assets/)
    # are kept until deleted. Every FunctionSpec's
    # uploads_prefix is one or the other (tests/infra checks it).
    expiring_prefixes: tuple[str, ...] = ("imports/", "exports/")
    kept_prefixes: tuple[str, ...] = ("tenants/", "affiliates/")


@dataclass(frozen=True)
class FunctionSpec:
    """What one Lambda function is and what it may touch; CDK grants exactly this (least privilege)."""

    name: str
    description: str
    table_access: str = ""  # "", "read" or "readwrite"
    publishes_events: bool = False
    cognito_admin: bool = False
    lists_tenants: bool = False  # may list the user pool's users, to learn every tenant (platform jobs)
    # Run by hand (backfills, rebuilds): no route, queue or schedule calls it; CDK puts it in the
    # nested "Jobs" stack, which keeps the main stack well below CloudFormation's 500 resources.
    run_by_hand: bool = False
    memory_mb: int = 512
    timeout_seconds: int = 10
    secrets_key: str = ""  # "", "encrypt", "decrypt" or "encrypt_decrypt": the per-tenant secrets KMS key
    stripe: bool = False  # reads the Stripe keys secret (STRIPE_SECRET_ARN)
    meta_app: bool = False  # reads the Meta app's secret and webhook verify token (META_APP_SECRET_ARN)
    google_ads_app: bool = (
        False  # reads the Google Ads developer token and OAuth client (GOOGLE_ADS_APP_SECRET_ARN)
    )
    sends_mail: bool = False  # may send email through SES (the platform's default mail transport)
    inspects_queues: bool = False  # may read the consumers' dead-letter queues (depth, a peek)
    # The uploads bucket: "", "read" (GetObject: email attachments), "presign" (upload forms, download
    # links) or "readwrite", on the keys under uploads_prefix only (imports/, exports/ or tenants/).
    uploads: str = ""
    uploads_prefix: str = "imports/"
    unsubscribe_secret: bool = False  # signs or verifies unsubscribe links (UNSUBSCRIBE_SECRET_ARN)
    openai_key: bool = False  # reads the platform's OpenAI API key (OPENAI_SECRET_ARN): asks the model
