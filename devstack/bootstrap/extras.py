"""Resources the stack needs beyond the table, bus, queues and pool: the SPA bucket (named by
resources.WEB), the secrets key, the mail sender identity."""

from __future__ import annotations

import logging
from typing import Any

from convertly.resources import WEB

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
