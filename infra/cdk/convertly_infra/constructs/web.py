"""The web app: a private S3 bucket behind CloudFront (Origin Access Control) and the SPA's config.json."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from aws_cdk import Annotations, CfnElement, CfnResource, DefaultStackSynthesizer, Duration, Stack
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct

from convertly.platform.specs import WebSpec
from convertly.resources import WEB

from ..constants import (
    WEB_ASSETS_MAX_AGE_DAYS,
    WEB_ASSETS_PATH,
    WEB_DEPLOYMENT_MEMORY_MB,
    WEB_DIST_DIR,
    WEB_EMBED_MAX_AGE_SECONDS,
    WEB_EMBED_PATH,
    WEB_HSTS_MAX_AGE_DAYS,
    WEB_INVALIDATION_PATHS,
    WEB_LOG_RETENTION_DAYS,
    WEB_NONCURRENT_VERSION_DAYS,
    WEB_PLACEHOLDER_DIR,
    WEB_ROOT_OBJECT,
)
from ..nag import acknowledge, resource_of

SERVER_ACCESS_LOGS_USE_BUCKET_POLICY = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy"
ROOT_PAGE = f"/{WEB_ROOT_OBJECT}"
# S3 answers 403 for a missing key (CloudFront may not list the bucket) and 404 if it ever may.
SPA_FALLBACK_STATUSES = (403, 404)


@dataclass(frozen=True)
class WebAppConfig:
    """What the SPA reads from config.json at start-up; CloudFormation resolves each value at deploy."""

    api_url: str
    region: str
    user_pool_id: str
    user_pool_client_id: str

    def as_json(self) -> dict[str, str]:
        return {
            "apiUrl": self.api_url,
            "region": self.region,
            "userPoolId": self.user_pool_id,
            "userPoolClientId": self.user_pool_client_id,
        }


def web_source_dir(dist_dir: Path = WEB_DIST_DIR, placeholder_dir: Path = WEB_PLACEHOLDER_DIR) -> Path:
    """The built SPA when `npm run build` has run; otherwise the page saying it was not built."""
    return dist_dir if (dist_dir / WEB_ROOT_OBJECT).is_file() else placeholder_dir


def content_security_policy(*, api_origin: str, cognito_origin: str, uploads_origin: str) -> str:
    """The SPA loads only its own files and talks only to itself, the API, Cognito and the uploads
    bucket (the presigned form an import's file is posted with, its download links)."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", api_origin, cognito_origin, uploads_origin],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class WebHosting(Construct):
    """The SPA's bucket, its CloudFront distribution and the deployment of web/dist plus config.json."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: WebAppConfig,
        api_origin: str,
        uploads_origin: str,
        spec: WebSpec = WEB,
        source_dir: Path | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        # S3 delivers the web bucket's access logs under the log bucket's policy, not the legacy
        # LogDeliveryWrite ACL (cfn-lint W3045); `cdk init` turns this flag on for new apps.
        self.node.set_context(SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, True)
        stack = Stack.of(self)
        self.logs = self._logs_bucket()
        self.bucket = self._site_bucket(spec)
        csp = content_security_policy(
            api_origin=api_origin,
            cognito_origin=f"https://cognito-idp.{stack.region}.{stack.url_suffix}",
            uploads_origin=uploads_origin,
        )
        self.distribution = self._distribution(csp)
        self.url = f"https://{self.distribution.distribution_domain_name}"
        self.deployment = self._deployment(spec, config, source_dir or self._source_dir())
        self._acknowledge()

    def _logs_bucket(self) -> s3.Bucket:
        return s3.Bucket(
            self,
            "Logs",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            encryption=s3.BucketEncryption.S3_MANAGED,
            # CloudFront standard logging delivers its files through an ACL grant, so ACLs stay enabled here.
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
            lifecycle_rules=[s3.LifecycleRule(expiration=Duration.days(WEB_LOG_RETENTION_DAYS))],
        )

    def _site_bucket(self, spec: WebSpec) -> s3.Bucket:
        stack = Stack.of(self)
        return s3.Bucket(
            self,
            "Bucket",
            bucket_name=f"{spec.bucket}-{stack.account}-{stack.region}",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            encryption=s3.BucketEncryption.S3_MANAGED,
            versioned=True,
            lifecycle_rules=[
                s3.LifecycleRule(
                    noncurrent_version_expiration=Duration.days(WEB_NONCURRENT_VERSION_DAYS),
                    abort_incomplete_multipart_upload_after=Duration.days(1),
                )
            ],
            server_access_logs_bucket=self.logs,
            server_access_logs_prefix="s3/",
        )

    def _headers_policy(
        self, construct_id: str, csp: str, cache_control: str
    ) -> cloudfront.ResponseHeadersPolicy:
        return cloudfront.ResponseHeadersPolicy(
            self,
            construct_id,
            comment=f"Convertly web app: security headers, Cache-Control {cache_control}",
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=csp, override=True
                ),
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=Duration.days(WEB_HSTS_MAX_AGE_DAYS),
                    include_subdomains=True,
                    override=True,
                ),
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption.DENY, override=True
                ),
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
                    override=True,
                ),
            ),
            # Browser caching is set here, per path, rather than as object metadata of one deployment.
            custom_headers_behavior=cloudfront.ResponseCustomHeadersBehavior(
                custom_headers=[
                    cloudfront.ResponseCustomHeader(
                        header="Cache-Control", value=cache_control, override=True
                    )
                ]
            ),
        )

    def _distribution(self, csp: str) -> cloudfront.Distribution:
        origin = origins.S3BucketOrigin.with_origin_access_control(
            self.bucket, origin_access_levels=[cloudfront.AccessLevel.READ]
        )
        assets_max_age = Duration.days(WEB_ASSETS_MAX_AGE_DAYS)
        assets_cache = cloudfront.CachePolicy(
            self,
            "AssetsCache",
            comment="Convertly web app: content-hashed assets, cached for a year",
            default_ttl=assets_max_age,
            min_ttl=Duration.seconds(0),
            max_ttl=assets_max_age,
            enable_accept_encoding_gzip=True,
            enable_accept_encoding_brotli=True,
        )
        assets_headers = self._headers_policy(
            "AssetsHeaders", csp, f"public, max-age={int(assets_max_age.to_seconds())}, immutable"
        )
        # index.html and config.json must change the moment a deploy does: neither the edge nor the
        # browser keeps them without asking again.
        page_headers = self._headers_policy("PageHeaders", csp, "no-cache")
        embed_max_age = Duration.seconds(WEB_EMBED_MAX_AGE_SECONDS)
        embed_cache = cloudfront.CachePolicy(
            self,
            "EmbedCache",
            comment="Convertly embed script: a stable URL on customers' sites, cached for minutes",
            default_ttl=embed_max_age,
            min_ttl=Duration.seconds(0),
            max_ttl=embed_max_age,
            enable_accept_encoding_gzip=True,
            enable_accept_encoding_brotli=True,
        )
        embed_headers = self._headers_policy(
            "EmbedHeaders", csp, f"public, max-age={WEB_EMBED_MAX_AGE_SECONDS}"
        )
        return cloudfront.Distribution(
            self,
            "Distribution",
            comment="Convertly web app",
            default_root_object=WEB_ROOT_OBJECT,
            default_behavior=cloudfront.BehaviorOptions(
                origin=origin,
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
                cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
                response_headers_policy=page_headers,
            ),
            additional_behaviors={
                WEB_ASSETS_PATH: cloudfront.BehaviorOptions(
                    origin=origin,
                    viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                    allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
                    cache_policy=assets_cache,
                    response_headers_policy=assets_headers,
                    compress=True,
                ),
                # The form snippet customers' pages load; a script's own CSP does not bind the page.
                WEB_EMBED_PATH: cloudfront.BehaviorOptions(
                    origin=origin,
                    viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                    allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
                    cache_policy=embed_cache,
                    response_headers_policy=embed_headers,
                    compress=True,
                ),
            },
            # Deep links (/leads/123) are routes of the SPA, not objects: answer them with the app itself.
            error_responses=[
                cloudfront.ErrorResponse(
                    http_status=status,
                    response_http_status=200,
                    response_page_path=ROOT_PAGE,
                    ttl=Duration.seconds(0),
                )
                for status in SPA_FALLBACK_STATUSES
            ],
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            enable_logging=True,
            log_bucket=self.logs,
            log_file_prefix="cloudfront/",
        )

    def _source_dir(self) -> Path:
        source = web_source_dir()
        if source != WEB_DIST_DIR:
            Annotations.of(self).add_warning_v2(
                "convertly:web-not-built",
                f"{WEB_DIST_DIR} has no {WEB_ROOT_OBJECT}: the web bucket gets a page saying the app was "
                "not built. Run `npm run build` in web/ before deploying.",
            )
        return source

    def _deployment(self, spec: WebSpec, config: WebAppConfig, source_dir: Path) -> s3deploy.BucketDeployment:
        return s3deploy.BucketDeployment(
            self,
            "Deployment",
            # Later sources overwrite earlier ones: the generated config.json wins over any in the build.
            sources=[
                s3deploy.Source.asset(str(source_dir)),
                s3deploy.Source.json_data(spec.config_file, config.as_json()),
            ],
            destination_bucket=self.bucket,
            # Earlier builds' hashed assets stay, so a tab still running the previous index.html can load
            # its lazy chunks; the deployment leaves other prefixes (embed/) alone too.
            prune=False,
            # One key per file in the custom resource's response would outgrow its 4 KB limit.
            output_object_keys=False,
            memory_limit=WEB_DEPLOYMENT_MEMORY_MB,
            distribution=self.distribution,
            distribution_paths=WEB_INVALIDATION_PATHS,
        )

    def _acknowledge(self) -> None:
        acknowledge(
            resource_of(self.logs),
            {
                "AwsSolutions-S1": "This is the access log bucket of the web bucket and the distribution; "
                "logging its own access would log every log delivery.",
            },
        )
        acknowledge(
            resource_of(self.distribution),
            {
                "AwsSolutions-CFR1": "The CRM is used wherever its tenants sell; no country is excluded by "
                "design, sign-in and tenancy are enforced by Cognito and the API.",
                "AwsSolutions-CFR2": "WAF is attached by the deploy environment, which owns the web ACL "
                "(a CloudFront web ACL lives in us-east-1), as for the API stage.",
                "AwsSolutions-CFR4": "The distribution uses its default cloudfront.net domain and "
                "certificate, whose minimum TLS version CloudFront fixes; a custom domain with its "
                "own certificate and TLSv1.2_2021 is a per-deployment choice.",
            },
        )
        self._acknowledge_deployment_handler()

    def _acknowledge_deployment_handler(self) -> None:
        # BucketDeployment runs CDK's own handler (one per stack): it downloads the build's zip from the CDK
        # assets bucket, syncs it into the web bucket and invalidates the distribution, with CDK's grants.
        role = self.deployment.handler_role
        handler = role.node.scope
        if handler is None:
            raise ValueError("the web deployment's handler role belongs to no function")
        stack = Stack.of(self)
        qualifier = stack.synthesizer.bootstrap_qualifier or DefaultStackSynthesizer.DEFAULT_QUALIFIER
        assets_bucket = f"arn:<AWS::Partition>:s3:::cdk-{qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*"
        bucket_id = stack.get_logical_id(cast(CfnElement, resource_of(self.bucket)))
        read = (
            "CDK's read grant to its deployment handler, on the CDK assets bucket (the build's zip) and on "
            "the web bucket only."
        )
        write = (
            "CDK's read-write grant to its deployment handler on the web bucket's objects only, into which "
            "it syncs the build."
        )
        acknowledge(
            role,
            {
                "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                "AWSLambdaBasicExecutionRole]": "The AWS managed basic execution role only lets CDK's "
                "deployment handler write its own logs; a copy of it would add nothing.",
                "AwsSolutions-IAM5[Action::s3:GetObject*]": read,
                "AwsSolutions-IAM5[Action::s3:GetBucket*]": read,
                "AwsSolutions-IAM5[Action::s3:List*]": read,
                f"AwsSolutions-IAM5[Resource::{assets_bucket}]": read,
                "AwsSolutions-IAM5[Action::s3:DeleteObject*]": write,
                "AwsSolutions-IAM5[Action::s3:Abort*]": write,
                f"AwsSolutions-IAM5[Resource::<{bucket_id}.Arn>/*]": write,
                "AwsSolutions-IAM5[Resource::*]": "cloudfront:CreateInvalidation and GetInvalidation, which "
                "CDK's deployment handler calls after each deploy; CDK grants them on all resources.",
            },
        )
        handler_function = cast(CfnResource, resource_of(handler))
        # As for the capability functions: the role's DependsOn repeats the Role GetAtt.
        handler_function.add_metadata("cfn-lint", {"config": {"ignore_checks": ["W3005"]}})
        acknowledge(
            handler_function,
            {
                "AwsSolutions-L1": "CDK's BucketDeployment handler runs on the runtime that aws-cdk-lib pins "
                "for it and its AWS CLI layer; it moves with the aws-cdk-lib version.",
            },
        )
