"""Names, paths and settings the constructs share, kept in one place."""

from __future__ import annotations

from pathlib import Path

from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs

from convertly.platform.specs import AWS_RETRY_ENVIRONMENT

REPO_ROOT = Path(__file__).resolve().parents[3]
CDK_OUT = REPO_ROOT / "cdk.out"
FUNCTIONS_DIR = REPO_ROOT / "functions"
# `make layer` builds the layer with its third-party packages here; without it only our code ships.
LAYER_BUILD_DIR = REPO_ROOT / "build" / "layer"
LAYER_SOURCE_DIR = REPO_ROOT / "layers" / "shared"
# The AI layer (the OpenAI SDK, for the functions whose spec has `openai_key`): `make layer` builds it here;
# without the build it holds only its requirements files.
AI_LAYER_BUILD_DIR = REPO_ROOT / "build" / "ai-layer"
AI_LAYER_SOURCE_DIR = REPO_ROOT / "layers" / "ai"
# A function may list packages only it needs in functions/<name>/requirements.txt (not in the layer);
# `make layer` builds its code with them here, and the function ships that build when it exists.
FUNCTIONS_BUILD_DIR = REPO_ROOT / "build" / "functions"
FUNCTION_REQUIREMENTS = "requirements.txt"
# A function whose directory holds a Dockerfile ships as a container image instead (its packages would not
# fit a zip beside the layer): `cdk deploy` builds it for ARM64 from the repository's root, which the build
# sees narrowed to these paths (<name> is the function's) and the function's Dockerfile copies from.
FUNCTION_DOCKERFILE = "Dockerfile"
CONTAINER_CONTEXT = (
    "requirements.lock",
    "layers/ai/requirements.lock",
    "layers/shared/python/convertly",
    "functions/<name>",
)
ASSET_EXCLUDES = ["__pycache__", "*.pyc", ".mypy_cache", ".pytest_cache"]

STACK_NAME = "Convertly"
STACK_DESCRIPTION = "Convertly: serverless multi-tenant CRM (API, data, events, auth)"

# The Python the functions run on (SnapStart needs 3.12 or later). `make lock` resolves the packages for
# it and `make layer` builds them for it (infra/cdk/lock.py reads this line), on Linux ARM64.
LAMBDA_PYTHON_VERSION = "3.13"
RUNTIME = lambda_.Runtime.PYTHON_3_13
ARCHITECTURE = lambda_.Architecture.ARM_64
HANDLER = "handler.handler"
# The API's functions live in a nested stack of their own, each with SnapStart on its published versions
# and the alias API Gateway invokes
API_FUNCTIONS_STACK = "ApiFunctions"
LIVE_ALIAS = "live"
ENVIRONMENT = "aws"
SERVICE_NAME_PREFIX = "convertly-"
METRICS_NAMESPACE = "Convertly"
LOG_LEVEL = "INFO"
LOG_RETENTION = logs.RetentionDays.ONE_MONTH
# Every function's AWS SDK retries in the standard mode: one definition for the stack and devstack.
RETRY_ENVIRONMENT = AWS_RETRY_ENVIRONMENT

API_NAME = "convertly"
API_STAGE = "prod"
API_THROTTLE_RATE = 100
API_THROTTLE_BURST = 200
# The API answers the web app's origin (https://<distribution domain>) unless a deployment pins another,
# e.g. a custom domain in front of the distribution: `-c cors_allow_origin=https://app.example.com`.
CORS_ALLOW_ORIGIN_CONTEXT = "cors_allow_origin"
# The API's public URL (PUBLIC_API_URL: an email's one-click unsubscribe posts there) is the stage's URL on
# execute-api unless a deployment pins another, a custom domain of the API:
# `-c public_api_url=https://api.example.com`.
PUBLIC_API_URL_CONTEXT = "public_api_url"
# Must match the Powertools resolver (convertly.platform.api), which answers CORS on the real responses.
CORS_ALLOW_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key", "If-Match"]
CORS_MAX_AGE_SECONDS = 600

# `npm run build` in web/ writes the SPA here; without it (a fresh clone, the tests) a page saying so ships.
WEB_DIST_DIR = REPO_ROOT / "web" / "dist"
WEB_PLACEHOLDER_DIR = REPO_ROOT / "infra" / "cdk" / "web_placeholder"
WEB_ROOT_OBJECT = "index.html"
# Vite writes content-hashed file names under assets/: a changed file is a new URL, so it may live forever.
WEB_ASSETS_PATH = "/assets/*"
WEB_ASSETS_MAX_AGE_DAYS = 365
WEB_INVALIDATION_PATHS = ["/*"]
WEB_HSTS_MAX_AGE_DAYS = 730
WEB_LOG_RETENTION_DAYS = 90
# Earlier builds stay readable as noncurrent versions for a rollback, then expire.
WEB_NONCURRENT_VERSION_DAYS = 30
WEB_DEPLOYMENT_MEMORY_MB = 512

# The uploads bucket (resources.UPLOADS): an upload the browser abandons half-way is cleaned up after a day;
# its access logs go to the web app's log bucket under this prefix.
UPLOADS_ABORT_MULTIPART_DAYS = 1
UPLOADS_ACCESS_LOGS_PREFIX = "uploads/"
# FunctionSpec.uploads -> the object actions it grants under the spec's uploads_prefix, and nothing more:
# "read" reads objects (the reminder run attaches the media library's files to email); "presign" signs
# the browser's upload form (PutObject) and download links (GetObject); the runner reads (ranged GETs
# too), writes and deletes an import's files, and lists them (UPLOADS_LIST_ACTION).
UPLOADS_OBJECT_ACTIONS: dict[str, tuple[str, ...]] = {
    "": (),
    "read": ("s3:GetObject",),
    "presign": ("s3:PutObject", "s3:GetObject"),
    "readwrite": ("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
}
UPLOADS_LIST_ACTION = "s3:ListBucket"
UPLOADS_LISTING = frozenset({"readwrite"})

# The local stack creates the same alias (devstack/bootstrap/extras.py).
SECRETS_KEY_ALIAS = "alias/convertly-secrets"
# FunctionSpec.secrets_key -> the KMS actions it grants on that key, and nothing more.
SECRETS_KEY_ACTIONS: dict[str, tuple[str, ...]] = {
    "": (),
    "encrypt": ("kms:Encrypt",),
    "decrypt": ("kms:Decrypt",),
    "encrypt_decrypt": ("kms:Encrypt", "kms:Decrypt"),
}
# The embed script (/embed/convertly.js) is not content-hashed: customers' pages keep its URL, so
# browsers and the edge keep it briefly and a fix reaches every page within minutes.
WEB_EMBED_PATH = "/embed/*"
WEB_EMBED_MAX_AGE_SECONDS = 300

# Follow-up and task reminders: email goes out through SES from this sender, an identity verified in
# SES for the account (`-c mail_from=noreply@example.com`); tenants may set their own SMTP server.
MAIL_FROM_CONTEXT = "mail_from"
DEFAULT_MAIL_FROM = "noreply@convertly.example"
SES_SEND_ACTIONS = ("ses:SendEmail", "ses:SendRawEmail")

DLQ_RETENTION_DAYS = 14
DLQ_ALARM_THRESHOLD = 1

# Stripe's keys (JSON: secret_key, webhook_secret, publishable_key), set by an operator after deploy.
STRIPE_SECRET_NAME = "convertly/stripe"  # noqa: S105 - the secret's name, not its value
META_APP_SECRET_NAME = "convertly/meta-app"  # noqa: S105 - the secret's name, not its value
# Convertly's Google Ads app, a platform secret (JSON: developer_token, client_id, client_secret), set by
# an operator; read by the functions that call Google Ads with it: connecting accounts and the lists
# (ads_settings) and the uploads (conversions).
GOOGLE_ADS_APP_SECRET_NAME = "convertly/google-ads-app"  # noqa: S105 - the secret's name, not its value
# The key that signs unsubscribe links (JSON: signing_key), generated by CloudFormation at the first deploy;
# read by the functions whose spec says `unsubscribe_secret` (convertly.messaging.unsubscribe).
UNSUBSCRIBE_SECRET_NAME = "convertly/unsubscribe"  # noqa: S105 - the secret's name, not its value
UNSUBSCRIBE_KEY_LENGTH = 64
# The platform's OpenAI API key (JSON: api_key), set by an operator after deploy; read by the functions whose
# spec says `openai_key` (convertly.ai.openai_gateway).
OPENAI_SECRET_NAME = "convertly/openai"  # noqa: S105 - the secret's name, not its value
# Optional per deployment, for the functions that ask the model: CDK context value -> the environment
# variable it sets (`-c aiSummaryModel=gpt-4o`). Unset, the variable is not set and the code's default holds.
AI_CONTEXT_ENVIRONMENT = {
    "aiSummaryModel": "AI_SUMMARY_MODEL",
    "aiQuestionsModel": "AI_QUESTIONS_MODEL",
    "openaiBaseUrl": "OPENAI_BASE_URL",
}

# Exact data-plane actions instead of grant_read_data/grant_read_write_data: those add Scan (the design
# allows no Scan) and stream reads (only the relay reads the stream, through its event source).
# Transactions are authorised by these same item actions.
TABLE_READ_ACTIONS = (
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
)
TABLE_WRITE_ACTIONS = (
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
)

COGNITO_ADMIN_ACTIONS = (
    "AdminCreateUser",
    "AdminSetUserPassword",
    "AdminAddUserToGroup",
    "AdminDeleteUser",
    "AdminGetUser",
    "ListUsers",
    "InitiateAuth",
    "ForgotPassword",
    "ConfirmForgotPassword",
    # the team and one's own sign-in
    "AdminRemoveUserFromGroup",
    "AdminDisableUser",
    "AdminEnableUser",
    "AdminUserGlobalSignOut",
    "AdminUpdateUserAttributes",
    "RespondToAuthChallenge",
    "RevokeToken",
    "ChangePassword",
)


def construct_id(name: str) -> str:
    """A CloudFormation-friendly id from a snake_case or kebab-case name: audit_log -> AuditLog."""
    return "".join(part.capitalize() for part in name.replace("-", "_").split("_"))
