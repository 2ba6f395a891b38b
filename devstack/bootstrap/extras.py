"""Resources the stack needs beyond the table, bus, queues and pool: the SPA bucket (named by
resources.WEB), the uploads bucket (resources.UPLOADS) and its notifications, the secrets key, the
mail sender identity."""

from __future__ import annotations

import logging
from typing import Any

from convertly.platform.specs import UploadsSpec
from convertly.resources import UPLOADS, WEB

log = logging.getLogger("devstack.bootstrap")

WEB_BUCKET = WEB.bucket
SECRETS_KEY_ALIAS = "alias/convertly-secrets"
MAIL_SENDER = "noreply@convertly.local"


def ensure_bucket(s3: Any, name: str = WEB_BUCKET) -> str:
    try:
        s3.head_bucket(Bucket=name)
    except s3.exceptions.ClientError:
        log.info("creating bucket %s", name)
        s3.create_bucket(Bucket=name)
    return name


def ensure_uploads(s3: Any, queue_arn: str | None, spec: UploadsSpec = UPLOADS) -> str:
    """The uploads bucket: the browser posts to it from the web app's origin (CORS), imports' and
    exports' files expire (the media library's never: as on AWS, one rule per expiring prefix), and what
    lands under the imports prefix is announced to the import runner's queue."""
    ensure_bucket(s3, spec.bucket)
    s3.put_bucket_cors(
        Bucket=spec.bucket,
        CORSConfiguration={
            "CORSRules": [
                {
                    "AllowedOrigins": ["*"],  # locally the web app's port varies; CDK pins the origin
                    "AllowedMethods": ["POST", "GET"],
                    "AllowedHeaders": ["*"],
                    "MaxAgeSeconds": 3000,
                }
            ]
        },
    )
    s3.put_bucket_lifecycle_configuration(
        Bucket=spec.bucket,
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": f"expire-{prefix.rstrip('/')}",
                    "Status": "Enabled",
                    "Filter": {"Prefix": prefix},
                    "Expiration": {"Days": spec.expire_days},
                }
                for prefix in spec.expiring_prefixes
            ]
        },
    )
    if queue_arn:
        s3.put_bucket_notification_configuration(
            Bucket=spec.bucket,
            NotificationConfiguration={
                "QueueConfigurations": [
                    {
                        "Id": "imports",
                        "QueueArn": queue_arn,
                        "Events": ["s3:ObjectCreated:*"],
                        "Filter": {
                            "Key": {
                                "FilterRules": [
                                    {"Name": "prefix", "Value": spec.prefix},
                                    {"Name": "suffix", "Value": spec.suffix},
                                ]
                            }
                        },
                    }
                ]
            },
        )
    return spec.bucket


def ensure_key(kms: Any, alias: str = SECRETS_KEY_ALIAS) -> str:
    """The key id behind `alias`, creating both when missing."""
    for page in kms.get_paginator("list_aliases").paginate():
        for entry in page["Aliases"]:
            if entry["AliasName"] == alias and entry.get("TargetKeyId"):
                return str(entry["TargetKeyId"])
    log.info("creating KMS key %s", alias)
    key_id = str(kms.create_key(Description="Convertly per-tenant secrets")["KeyMetadata"]["KeyId"])
    kms.create_alias(AliasName=alias, TargetKeyId=key_id)
    return key_id


def ensure_sender(ses: Any, address: str = MAIL_SENDER) -> str:
    ses.verify_email_identity(EmailAddress=address)  # idempotent; moto verifies at once
    return address
