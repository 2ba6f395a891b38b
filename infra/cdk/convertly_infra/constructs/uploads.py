"""The uploads bucket: spreadsheets the browser posts with a presigned form and the files an import
writes beside them, exports, and the media library's files; what lands under the imports prefix is
announced to the import runner's queue. Imports and exports expire, the media library does not."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from convertly.platform.specs import ConsumerSpec, UploadsSpec
from convertly.resources import CONSUMERS, UPLOADS

from ..constants import CORS_MAX_AGE_SECONDS, UPLOADS_ABORT_MULTIPART_DAYS, UPLOADS_ACCESS_LOGS_PREFIX
from ..nag import resource_of

OBJECT_CREATED = "s3:ObjectCreated:*"


def uploads_queue(
    queues: Mapping[str, sqs.Queue], consumers: tuple[ConsumerSpec, ...] = CONSUMERS
) -> sqs.Queue | None:
    """The queue of the one consumer that takes the bucket's notifications, or None when none does."""
    takers = [consumer.function for consumer in consumers if consumer.uploads]
    if len(takers) > 1:
        # S3 refuses two notifications of the same event for overlapping key filters.
        raise ValueError(f"only one consumer may take the uploads notifications, found {takers}")
    if not takers:
        return None
    if takers[0] not in queues:
        raise ValueError(f"{takers[0]}: takes the uploads notifications but has no queue")
    return queues[takers[0]]


def lifecycle_rules(spec: UploadsSpec) -> list[s3.LifecycleRule]:
    """One expiry per temporary prefix (imports, exports) and none elsewhere: the media library's files
    (tenants/) are kept until deleted. The parts of an upload left unfinished go anywhere after a day."""
    overlapping = set(spec.expiring_prefixes) & set(spec.kept_prefixes)
    if overlapping or not all(prefix.endswith("/") for prefix in spec.expiring_prefixes):
        # "imports" without its slash would expire "imports-old/..." too; "" would expire everything.
        raise ValueError(f"expiring prefixes must be folders the kept ones are not: {spec.expiring_prefixes}")
    return [
        s3.LifecycleRule(
            id=f"expire-{prefix.rstrip('/')}",
            prefix=prefix,
            expiration=Duration.days(spec.expire_days),
        )
        for prefix in spec.expiring_prefixes
    ] + [
        s3.LifecycleRule(
            id="abort-unfinished-uploads",
            abort_incomplete_multipart_upload_after=Duration.days(UPLOADS_ABORT_MULTIPART_DAYS),
        )
    ]


class Uploads(Construct):
    """A private bucket named `<spec.bucket>-<account>-<region>`; `origin` is its regional endpoint.

    The name is fixed rather than left to CloudFormation so the web app's CSP and the queue policy can
    name the bucket without referring to it: the bucket's CORS rule names the distribution, whose CSP
    names the bucket (a Ref both ways would be a cycle), and S3 checks the queue policy before it
    creates a bucket that notifies the queue.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        cors_allow_origin: str,
        queues: Mapping[str, sqs.Queue],
        spec: UploadsSpec = UPLOADS,
        consumers: tuple[ConsumerSpec, ...] = CONSUMERS,
    ) -> None:
        super().__init__(scope, construct_id)
        stack = Stack.of(self)
        self.prefix = spec.prefix
        self.bucket_name = f"{spec.bucket}-{stack.account}-{stack.region}"
        self.bucket_arn = stack.format_arn(service="s3", region="", account="", resource=self.bucket_name)
        # The bucket's regional virtual-hosted endpoint: the host of the upload forms and download links
        # the functions sign (boto3 with SigV4, virtual-hosted addressing, the regional endpoint).
        self.origin = f"https://{self.bucket_name}.s3.{stack.region}.{stack.url_suffix}"
        self.bucket = s3.Bucket(
            self,
            "Bucket",
            bucket_name=self.bucket_name,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            encryption=s3.BucketEncryption.S3_MANAGED,
            lifecycle_rules=lifecycle_rules(spec),
            # The web app posts the upload form and may fetch a download link; nobody else's page may.
            cors=[
                s3.CorsRule(
                    allowed_origins=[cors_allow_origin],
                    allowed_methods=[s3.HttpMethods.POST, s3.HttpMethods.GET],
                    allowed_headers=["*"],
                    max_age=CORS_MAX_AGE_SECONDS,
                )
            ],
            # Tenants' spreadsheets: like the table, never deleted with the stack.
            removal_policy=RemovalPolicy.RETAIN,
        )
        queue = uploads_queue(queues, consumers)
        if queue is not None:
            self._notify(queue, spec.prefix)

    def _notify(self, queue: sqs.Queue, prefix: str) -> None:
        """ObjectCreated under the prefix -> the queue, in the bucket's own NotificationConfiguration.

        CDK's add_event_notification would deploy a custom resource (a Lambda function allowed
        s3:PutBucketNotification on every bucket) to do what CloudFormation does natively here.
        """
        stack = Stack.of(self)
        queue.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal("s3.amazonaws.com")],
                actions=["sqs:SendMessage"],
                resources=[queue.queue_arn],
                conditions={
                    "ArnEquals": {"aws:SourceArn": self.bucket_arn},
                    "StringEquals": {"aws:SourceAccount": stack.account},
                },
            )
        )
        bucket = cast(s3.CfnBucket, resource_of(self.bucket))
        bucket.notification_configuration = s3.CfnBucket.NotificationConfigurationProperty(
            queue_configurations=[
                s3.CfnBucket.QueueConfigurationProperty(
                    event=OBJECT_CREATED,
                    queue=queue.queue_arn,
                    filter=s3.CfnBucket.NotificationFilterProperty(
                        s3_key=s3.CfnBucket.S3KeyFilterProperty(
                            rules=[
                                s3.CfnBucket.FilterRuleProperty(name="prefix", value=prefix),
                                s3.CfnBucket.FilterRuleProperty(name="suffix", value=UPLOADS.suffix),
                            ]
                        )
                    ),
                )
            ]
        )
        # S3 sends a test message when it creates the bucket and refuses a queue it may not send to: the
        # bucket waits for the queue's policy (the queue itself it reaches through GetAtt).
        policies = [child for child in queue.node.children if isinstance(child, sqs.QueuePolicy)]
        if len(policies) != 1:
            raise ValueError(f"{queue.node.path}: has no single queue policy to let S3 send to it")
        bucket.node.add_dependency(policies[0])

    def log_access_to(self, logs: s3.IBucket, prefix: str = UPLOADS_ACCESS_LOGS_PREFIX) -> None:
        """Server access logs into `logs` (the web app's log bucket), delivered under its bucket policy.

        Called once the web hosting exists: the functions need this bucket before the API, which the web
        hosting needs, is built.
        """
        stack = Stack.of(self)
        bucket = cast(s3.CfnBucket, resource_of(self.bucket))
        bucket.logging_configuration = s3.CfnBucket.LoggingConfigurationProperty(
            destination_bucket_name=logs.bucket_name, log_file_prefix=prefix
        )
        logs.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal("logging.s3.amazonaws.com")],
                actions=["s3:PutObject"],
                resources=[logs.arn_for_objects(f"{prefix}*")],
                conditions={
                    "ArnLike": {"aws:SourceArn": self.bucket.bucket_arn},
                    "StringEquals": {"aws:SourceAccount": stack.account},
                },
            )
        )
