"""One Lambda function per `resources.FUNCTIONS` entry, granted exactly the access its spec names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from aws_cdk import (
    Annotations,
    CfnElement,
    CfnResource,
    Duration,
    IgnoreMode,
    Names,
    NestedStack,
    RemovalPolicy,
    Stack,
)
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ecr_assets as ecr_assets
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct, IConstruct

from convertly.platform.specs import FunctionSpec
from convertly.resources import FUNCTIONS

from ..constants import (
    API_FUNCTIONS_STACK,
    ARCHITECTURE,
    ASSET_EXCLUDES,
    COGNITO_ADMIN_ACTIONS,
    DEFAULT_MAIL_FROM,
    ENVIRONMENT,
    FUNCTION_DOCKERFILE,
    FUNCTIONS_BUILD_DIR,
    FUNCTIONS_DIR,
    HANDLER,
    LIVE_ALIAS,
    LOG_LEVEL,
    LOG_RETENTION,
    METRICS_NAMESPACE,
    REPO_ROOT,
    RUNTIME,
    SECRETS_KEY_ACTIONS,
    SERVICE_NAME_PREFIX,
    SES_SEND_ACTIONS,
    TABLE_READ_ACTIONS,
    TABLE_WRITE_ACTIONS,
    UPLOADS_LIST_ACTION,
    UPLOADS_LISTING,
    UPLOADS_OBJECT_ACTIONS,
)
from ..constants import construct_id as to_id
from ..nag import acknowledge, resource_of
from .function_code import (
    container_context_excludes,
    function_asset_dir,
    has_requirements,
    is_container_image,
    stale_files,
)


@dataclass(frozen=True)
class FunctionResources:
    """What the functions run against: their configuration comes from these, their grants too."""

    layer: lambda_.ILayerVersion
    table: dynamodb.Table
    bus: events.IEventBus
    user_pool: cognito.IUserPool
    user_pool_client: cognito.IUserPoolClient
    cors_allow_origin: str
    secrets_key: kms.IKey
    stripe_secret: secretsmanager.ISecret | None = None  # Stripe's keys, for functions with `stripe`
    meta_app_secret: secretsmanager.ISecret | None = (
        None  # the Meta app's secret, for functions with `meta_app`
    )
    # Convertly's Google Ads app (developer token, OAuth client), for functions with `google_ads_app`
    google_ads_app_secret: secretsmanager.ISecret | None = None
    # The key that signs unsubscribe links, for functions with `unsubscribe_secret`
    unsubscribe_secret: secretsmanager.ISecret | None = None
    mail_from: str = DEFAULT_MAIL_FROM  # the SES sender of functions with `sends_mail`
    # The API's public URL, for functions with `sends_mail`: an email's one-click unsubscribe posts there.
    public_api_url: str | None = None
    # The uploads bucket, for functions with `uploads`: each reaches only the keys under its spec's prefix.
    uploads_bucket: s3.IBucket | None = None
    # The platform's OpenAI API key, for functions with `openai_key`
    openai_secret: secretsmanager.ISecret | None = None
    # The OpenAI SDK's layer, for functions with `openai_key` (no other function's bundle holds it)
    ai_layer: lambda_.ILayerVersion | None = None
    # What the deployment sets of the AI settings (AI_SUMMARY_MODEL, ...), for functions with `openai_key`;
    # a variable left out keeps the code's default.
    ai_environment: Mapping[str, str] = field(default_factory=dict)


class Functions(Construct):
    """The capability functions; `by_name` maps a FunctionSpec name to its Lambda function."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        resources: FunctionResources,
        specs: tuple[FunctionSpec, ...] = FUNCTIONS,
        api_functions: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(scope, construct_id)
        self._resources = resources
        self._api_functions = api_functions
        self.by_name: dict[str, lambda_.Function] = {}
        # What API Gateway invokes: each API function's `live` alias (SnapStart restores its published
        # version), any other function itself
        self.api_targets: dict[str, lambda_.IFunction] = {}
        self._nested: dict[str, NestedStack] = {}
        for spec in specs:
            function = self._function(spec)
            if spec.name in api_functions:
                self.api_targets[spec.name] = self._live_alias(spec, function)
            self._grant(spec, function)
            # CDK makes each function depend on its role construct so the role's policy exists before the
            # function does; the DependsOn on the role itself duplicates the GetAtt, which cfn-lint flags.
            cast(CfnResource, resource_of(function)).add_metadata(
                "cfn-lint", {"config": {"ignore_checks": ["W3005"]}}
            )
            self._acknowledge(spec, function)
            self.by_name[spec.name] = function

    def _scope(self, spec: FunctionSpec) -> Construct:
        """Where the function is made: the functions run by hand in a nested stack of their own, the API's
        in another (with their published versions and aliases); the consumers and schedules in the main
        stack, which holds their queues and rules and stays below 500 resources."""
        if spec.run_by_hand:
            return self._nested_stack("Jobs", "Convertly: the functions run by hand")
        if spec.name in self._api_functions:
            return self._nested_stack(API_FUNCTIONS_STACK, "Convertly: the API's functions, with SnapStart")
        return self

    def _nested_stack(self, name: str, description: str) -> NestedStack:
        if name not in self._nested:
            self._nested[name] = NestedStack(self, name, description=description)
        return self._nested[name]

    def _live_alias(self, spec: FunctionSpec, function: lambda_.Function) -> lambda_.IFunction:
        """The alias API Gateway invokes: each deployment that changes the function publishes a version
        (`current_version`), which SnapStart initialises once and snapshots; the alias moves to it."""
        if is_container_image(spec.name):
            return function
        return lambda_.Alias(
            Stack.of(function),
            f"{to_id(spec.name)}Live",
            alias_name=LIVE_ALIAS,
            version=function.current_version,
        )

    def _function(self, spec: FunctionSpec) -> lambda_.Function:
        name = to_id(spec.name)
        scope = self._scope(spec)
        log_group = logs.LogGroup(
            scope,
            f"{name}Logs",
            retention=LOG_RETENTION,
            removal_policy=RemovalPolicy.DESTROY,
        )
        if is_container_image(spec.name):
            # The image holds the runtime, the shared code and every package: no layer, no handler setting.
            return lambda_.DockerImageFunction(
                scope,
                name,
                description=spec.description,
                code=self._image(spec),
                architecture=ARCHITECTURE,
                memory_size=spec.memory_mb,
                timeout=Duration.seconds(spec.timeout_seconds),
                tracing=lambda_.Tracing.ACTIVE,
                environment=self._environment(spec),
                log_group=log_group,
            )
        return lambda_.Function(
            scope,
            name,
            description=spec.description,
            code=lambda_.Code.from_asset(str(self._asset_dir(spec)), exclude=ASSET_EXCLUDES),
            handler=HANDLER,
            runtime=RUNTIME,
            architecture=ARCHITECTURE,
            memory_size=spec.memory_mb,
            timeout=Duration.seconds(spec.timeout_seconds),
            tracing=lambda_.Tracing.ACTIVE,
            layers=self._layers(spec),
            environment=self._environment(spec),
            log_group=log_group,
            # An API function starts from a snapshot of its initialised environment (imports, clients):
            # convertly.platform.snapstart re-creates what must differ per environment after a restore
            snap_start=lambda_.SnapStartConf.ON_PUBLISHED_VERSIONS
            if spec.name in self._api_functions
            else None,
        )

    def _layers(self, spec: FunctionSpec) -> list[lambda_.ILayerVersion]:
        """The shared layer, and the AI layer for a function that asks the model."""
        if not spec.openai_key:
            return [self._resources.layer]
        if self._resources.ai_layer is None:
            raise ValueError(f"{spec.name}: asks the model but the stack made no AI layer")
        return [self._resources.layer, self._resources.ai_layer]

    @staticmethod
    def _image(spec: FunctionSpec) -> lambda_.DockerImageCode:
        """functions/<name>/Dockerfile built from the repository's root, which the build sees narrowed to
        what it copies; synth only stages that context, `cdk deploy` builds and pushes the image."""
        dockerfile = FUNCTIONS_DIR / spec.name / FUNCTION_DOCKERFILE
        return lambda_.DockerImageCode.from_image_asset(
            str(REPO_ROOT),
            file=str(dockerfile.relative_to(REPO_ROOT)),
            platform=ecr_assets.Platform.LINUX_ARM64,
            exclude=container_context_excludes(spec.name),
            ignore_mode=IgnoreMode.DOCKER,
        )

    def _asset_dir(self, spec: FunctionSpec) -> Path:
        """The function's directory, or its build with the packages only it needs (warning when that
        build is missing or older than the code)."""
        asset = function_asset_dir(spec.name)
        if not has_requirements(spec.name):
            return asset
        built = FUNCTIONS_BUILD_DIR / spec.name
        if asset != built:
            Annotations.of(self).add_warning_v2(
                "convertly:function-without-dependencies",
                f"{built} does not exist: {spec.name} ships without the packages of its requirements.txt. "
                "Run `make layer` before deploying.",
            )
        elif stale := stale_files(spec.name):
            Annotations.of(self).add_warning_v2(
                "convertly:function-build-stale",
                f"{built} is older than functions/{spec.name} ({', '.join(stale)}): the stack would ship "
                "the code as it was built. Run `make layer` before deploying.",
            )
        return asset

    def _environment(self, spec: FunctionSpec) -> dict[str, str]:
        resources = self._resources
        return {
            "CONVERTLY_ENV": ENVIRONMENT,
            "TABLE_NAME": resources.table.table_name,
            "EVENT_BUS_NAME": resources.bus.event_bus_name,
            "USER_POOL_ID": resources.user_pool.user_pool_id,
            "USER_POOL_CLIENT_ID": resources.user_pool_client.user_pool_client_id,
            "CORS_ALLOW_ORIGIN": resources.cors_allow_origin,
            "POWERTOOLS_SERVICE_NAME": f"{SERVICE_NAME_PREFIX}{spec.name}",
            "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
            "POWERTOOLS_LOG_LEVEL": LOG_LEVEL,
            **({"SECRETS_KEY_ID": resources.secrets_key.key_arn} if spec.secrets_key else {}),
            **self._stripe_environment(spec),
            **self._meta_app_environment(spec),
            **self._google_ads_app_environment(spec),
            **self._unsubscribe_environment(spec),
            **self._mail_environment(spec),
            **self._uploads_environment(spec),
            **self._openai_environment(spec),
        }

    def _openai_environment(self, spec: FunctionSpec) -> dict[str, str]:
        secret = self._resources.openai_secret
        if not spec.openai_key:
            return {}
        if secret is None:
            raise ValueError(f"{spec.name}: asks the model but the stack made no OpenAI key secret")
        return {"OPENAI_SECRET_ARN": secret.secret_arn, **self._resources.ai_environment}

    def _uploads_environment(self, spec: FunctionSpec) -> dict[str, str]:
        if spec.uploads not in UPLOADS_OBJECT_ACTIONS:
            raise ValueError(f"{spec.name}: unknown uploads {spec.uploads!r}")
        bucket = self._resources.uploads_bucket
        if not spec.uploads:
            return {}
        if bucket is None:
            raise ValueError(f"{spec.name}: needs the uploads bucket but the stack made none")
        return {"UPLOADS_BUCKET": bucket.bucket_name}

    def _mail_environment(self, spec: FunctionSpec) -> dict[str, str]:
        if not spec.sends_mail:
            return {}
        # Links in emails lead to the web app (the API's CORS origin); a mail app's one-click unsubscribe
        # (List-Unsubscribe-Post) posts to the API's own route.
        public_api_url = self._resources.public_api_url
        return {
            "MAIL_TRANSPORT": "ses",
            "MAIL_FROM": self._resources.mail_from,
            "WEB_APP_URL": self._resources.cors_allow_origin,
            **({"PUBLIC_API_URL": public_api_url} if public_api_url else {}),
        }

    def _unsubscribe_environment(self, spec: FunctionSpec) -> dict[str, str]:
        secret = self._resources.unsubscribe_secret
        if not spec.unsubscribe_secret:
            return {}
        if secret is None:
            raise ValueError(f"{spec.name}: signs unsubscribe links but the stack made no signing key")
        return {"UNSUBSCRIBE_SECRET_ARN": secret.secret_arn}

    def _meta_app_environment(self, spec: FunctionSpec) -> dict[str, str]:
        secret = self._resources.meta_app_secret
        if not spec.meta_app:
            return {}
        if secret is None:
            raise ValueError(
                f"{spec.name}: needs the Meta app's secret but the stack made no Meta app secret"
            )
        # The ad platforms' OAuth consent sends the browser back to the web app (the API's CORS origin).
        return {"META_APP_SECRET_ARN": secret.secret_arn, "WEB_APP_URL": self._resources.cors_allow_origin}

    def _google_ads_app_environment(self, spec: FunctionSpec) -> dict[str, str]:
        secret = self._resources.google_ads_app_secret
        if not spec.google_ads_app:
            return {}
        if secret is None:
            raise ValueError(f"{spec.name}: needs the Google Ads app's secret but the stack made none")
        return {
            "GOOGLE_ADS_APP_SECRET_ARN": secret.secret_arn,
            "WEB_APP_URL": self._resources.cors_allow_origin,
        }

    def _stripe_environment(self, spec: FunctionSpec) -> dict[str, str]:
        secret = self._resources.stripe_secret
        if not spec.stripe:
            return {}
        if secret is None:
            raise ValueError(f"{spec.name}: needs Stripe's keys but the stack made no Stripe secret")
        # Checkout and the customer portal send the browser back to the web app (the API's CORS origin).
        return {"STRIPE_SECRET_ARN": secret.secret_arn, "WEB_APP_URL": self._resources.cors_allow_origin}

    def _grant(self, spec: FunctionSpec, function: lambda_.Function) -> None:
        resources = self._resources
        table_actions = {
            "": (),
            "read": TABLE_READ_ACTIONS,
            "readwrite": TABLE_READ_ACTIONS + TABLE_WRITE_ACTIONS,
        }
        if spec.table_access not in table_actions:
            raise ValueError(f"{spec.name}: unknown table_access {spec.table_access!r}")
        if table_actions[spec.table_access]:
            # Table.grant covers the table and its indexes.
            resources.table.grant(function, *table_actions[spec.table_access])
        if spec.publishes_events:
            resources.bus.grant_put_events_to(function)
        if spec.secrets_key not in SECRETS_KEY_ACTIONS:
            raise ValueError(f"{spec.name}: unknown secrets_key {spec.secrets_key!r}")
        if spec.secrets_key:
            # Exactly Encrypt and/or Decrypt: Key.grant_encrypt would add ReEncrypt* and GenerateDataKey*.
            function.add_to_role_policy(
                iam.PolicyStatement(
                    actions=list(SECRETS_KEY_ACTIONS[spec.secrets_key]),
                    resources=[resources.secrets_key.key_arn],
                )
            )
        self._grant_secrets(spec, function)
        self._grant_uploads(spec, function)
        if spec.sends_mail:
            # SES authorises a send against the sender's identity (the address or its domain): any
            # identity of this account, but only as the configured From address.
            function.add_to_role_policy(
                iam.PolicyStatement(
                    actions=list(SES_SEND_ACTIONS),
                    resources=[
                        Stack.of(self).format_arn(service="ses", resource="identity", resource_name="*")
                    ],
                    conditions={"StringEquals": {"ses:FromAddress": resources.mail_from}},
                )
            )
        if spec.lists_tenants and not spec.cognito_admin:
            function.add_to_role_policy(
                iam.PolicyStatement(
                    actions=["cognito-idp:ListUsers"], resources=[resources.user_pool.user_pool_arn]
                )
            )
        if spec.cognito_admin:
            function.add_to_role_policy(
                iam.PolicyStatement(
                    actions=[f"cognito-idp:{action}" for action in COGNITO_ADMIN_ACTIONS],
                    resources=[resources.user_pool.user_pool_arn],
                )
            )

    def _grant_secrets(self, spec: FunctionSpec, function: lambda_.Function) -> None:
        """Read access to exactly the platform secrets the function's configuration names."""
        resources = self._resources
        if spec.stripe and resources.stripe_secret is not None:
            resources.stripe_secret.grant_read(function)
        if spec.meta_app and resources.meta_app_secret is not None:
            resources.meta_app_secret.grant_read(function)
        if spec.google_ads_app and resources.google_ads_app_secret is not None:
            resources.google_ads_app_secret.grant_read(function)
        if spec.unsubscribe_secret and resources.unsubscribe_secret is not None:
            resources.unsubscribe_secret.grant_read(function)
        if spec.openai_key and resources.openai_secret is not None:
            resources.openai_secret.grant_read(function)

    def _grant_uploads(self, spec: FunctionSpec, function: lambda_.Function) -> None:
        """Exactly the spec's object actions under the prefix; the runner may also list that prefix.

        Bucket.grant_read_write would add s3:GetObject*, s3:List* and s3:Abort* on the whole bucket."""
        bucket = self._resources.uploads_bucket
        if not spec.uploads or bucket is None:
            return
        prefix = spec.uploads_prefix
        function.add_to_role_policy(
            iam.PolicyStatement(
                actions=list(UPLOADS_OBJECT_ACTIONS[spec.uploads]),
                resources=[bucket.arn_for_objects(f"{prefix}*")],
            )
        )
        if spec.uploads in UPLOADS_LISTING:
            function.add_to_role_policy(
                iam.PolicyStatement(
                    actions=[UPLOADS_LIST_ACTION],
                    resources=[bucket.bucket_arn],
                    conditions={"StringLike": {"s3:prefix": f"{prefix}*"}},
                )
            )

    def _acknowledge(self, spec: FunctionSpec, function: lambda_.Function) -> None:
        if not is_container_image(spec.name):
            # A container image names no runtime: its Dockerfile pins the Python it runs.
            acknowledge(
                resource_of(function),
                {
                    "AwsSolutions-L1": f"Pinned to {RUNTIME.name}, the runtime `make lock` resolves the "
                    "layer's native wheels for (constants.LAMBDA_PYTHON_VERSION); moved with the locks.",
                },
            )
        # The role construct holds the role and its default policy, which grows as event sources attach.
        findings = {
            "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            "AWSLambdaBasicExecutionRole]": "The AWS managed basic execution role only lets a function "
            "write its own logs; a copy of it would add nothing.",
            "AwsSolutions-IAM5[Resource::*]": "X-Ray PutTraceSegments/PutTelemetryRecords and "
            "dynamodb:ListStreams support no resource-level permissions.",
        }
        if spec.table_access:
            table = self._resources.table
            findings[f"AwsSolutions-IAM5[Resource::{_arn_seen_from(function, table)}/index/*]"] = (
                "Queries go through the table's GSIs; the grant covers exactly this table's indexes."
            )
        bucket = self._resources.uploads_bucket
        if spec.uploads and bucket is not None:
            findings[
                f"AwsSolutions-IAM5[Resource::{_arn_seen_from(function, bucket)}/{spec.uploads_prefix}*]"
            ] = (
                "An import's or an export's files and the media library's are keyed by tenant and id under "
                "the function's prefix; the grant covers that prefix of this bucket only, with exactly the "
                "actions the spec names."
            )
        if spec.sends_mail:
            findings[
                "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]"
            ] = (
                "SES checks a send against the sender's identity, the address or its domain; the "
                "ses:FromAddress condition pins the one address the functions send as."
            )
        if function.role is not None:
            acknowledge(function.role, findings)


def _arn_seen_from(function: lambda_.Function, resource: IConstruct) -> str:
    """How cdk-nag names `resource`'s ARN in `function`'s policy: `<Id.Arn>` in the same stack, the
    parameter CDK passes it in as from a nested stack (`<referenceto<unique id>Arn>`)."""
    home = Stack.of(resource)
    if Stack.of(function) is home:
        return f"<{home.get_logical_id(cast(CfnElement, resource_of(resource)))}.Arn>"
    return f"<referenceto{Names.unique_id(resource_of(resource))}Arn>"
