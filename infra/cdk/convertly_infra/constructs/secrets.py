"""The KMS key that seals per-tenant secrets (a form's captcha secret, later ad platform tokens)."""

from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_kms as kms
from constructs import Construct

from ..constants import SECRETS_KEY_ALIAS


class Secrets(Construct):
    """A customer managed key with yearly rotation, kept when the stack goes (its ciphertexts stay)."""

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.key = kms.Key(
            self,
            "Key",
            alias=SECRETS_KEY_ALIAS,
            description="Convertly per-tenant secrets (encryption context: tenant_id, purpose)",
            enable_key_rotation=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
